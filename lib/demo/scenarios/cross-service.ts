/**
 * A trip planner hands the booking to a separate booking service over HTTP; the trace context travels in the
 * W3C `traceparent` header, so both services' spans form one trace with a remote parent link between them.
 */
import { toolResponse, user } from '../messages';
import type { ScenarioDefinition } from '../types';

export const crossService: ScenarioDefinition = {
  name: 'cross-service',
  service: 'trip-planner',
  summary: 'trip-planner calls booking-service over HTTP; one trace, two services',
  problems: ['cross_service'],
  encoding: 'json',
  build(s) {
    const { rng } = s;
    const city = rng.pick(['Lisbon', 'Kyoto', 'Montreal', 'Cape Town']);
    const nights = rng.int(2, 6);
    const request = `Find me a hotel in ${city} for ${nights} nights from May 12, under $200 a night.`;
    s.startConversation();
    s.agent(
      'trip-planner',
      { model: 'claude-3-5-sonnet-20241022' },
      () => {
        const { toolCalls } = s.chat('claude-3-5-sonnet-20241022', {
          input: [user(request)],
          toolCalls: [{ name: 'book_hotel', arguments: { city, nights, max_price_usd: 200 } }],
          usage: { input: rng.int(1400, 1700), output: rng.int(50, 80), cacheRead: 1024 },
        });
        const call = toolCalls[0];
        const booking = { confirmation: `BK-${rng.alnum(8).toUpperCase()}`, hotel: `Hotel ${city} Centro`, price_usd: rng.int(120, 195) };
        s.within('execute_tool book_hotel', {
          kind: 'internal',
          nodeType: 'tool',
          attributes: {
            'gen_ai.operation.name': 'execute_tool',
            'gen_ai.tool.name': 'book_hotel',
            'gen_ai.tool.type': 'extension',
            'gen_ai.tool.call.id': call?.id ?? '',
            'gen_ai.tool.call.arguments': JSON.stringify(call?.arguments ?? {}),
            'gen_ai.tool.call.result': JSON.stringify(booking),
          },
        }, () => {
          s.callService({ service: 'booking-service', host: 'booking-service.internal', route: '/v1/bookings' }, () => {
            s.agent('booking-agent', { model: 'gemini-1.5-flash' }, () => {
              const search = s.chat('gemini-1.5-flash', {
                input: [user(`Book a hotel in ${city} for ${nights} nights under $200.`)],
                toolCalls: [{ name: 'search_hotels', arguments: { city, nights, max_price_usd: 200 } }],
                usage: { input: rng.int(500, 650), output: rng.int(30, 45) },
              });
              const found = { hotels: [{ name: booking.hotel, price_usd: booking.price_usd }] };
              s.tool('search_hotels', { callId: search.toolCalls[0]?.id, arguments: search.toolCalls[0]?.arguments ?? {}, result: found });
              s.tool('reserve_room', {
                arguments: { hotel: booking.hotel, nights },
                result: { confirmation: booking.confirmation },
                durationMs: [300, 900],
              });
            });
          });
        });
        s.chat('claude-3-5-sonnet-20241022', {
          input: [user(request), toolResponse(call?.id ?? '', booking)],
          reply: `Booked ${booking.hotel} for ${nights} nights at $${booking.price_usd}/night (${booking.confirmation}).`,
          usage: { input: rng.int(1800, 2100), output: rng.int(40, 70), cacheRead: 1024 },
        });
      },
      { status: 'ok' },
    );
  },
};
