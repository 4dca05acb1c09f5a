/**
 * A refactoring agent that never converges: 56 model turns, each re-sending a context that grows past 100k
 * tokens, reading, patching and re-running tests. Cache reads soften the bill but not enough.
 */
import { user } from '../messages';
import type { ScenarioDefinition } from '../types';

const FILES = ['src/billing/invoice.ts', 'src/billing/tax.ts', 'src/api/routes.ts', 'src/db/schema.ts', 'src/util/money.ts'];

export const costExplosion: ScenarioDefinition = {
  name: 'cost-explosion',
  service: 'code-migration-agent',
  summary: '56 model turns with contexts growing to ~110k tokens; several dollars for one run',
  problems: ['step_explosion', 'cost_over_budget'],
  encoding: 'protobuf',
  build(s) {
    const { rng } = s;
    const turns = 56;
    const model = 'claude-3-5-sonnet-20241022';
    let context = rng.int(12000, 15000);
    s.startConversation();
    s.agent('refactor-bot', { model, description: 'Migrates money handling to integer cents' }, () => {
      for (let turn = 1; turn < turns; turn++) {
        const file = FILES[turn % FILES.length] ?? 'src/index.ts';
        const step = turn % 3;
        const call =
          step === 0
            ? { name: 'run_tests', arguments: { suite: 'billing', run: turn } }
            : step === 1
              ? { name: 'read_file', arguments: { path: file, revision: turn } }
              : { name: 'apply_patch', arguments: { path: file, patch_id: `p${turn}` } };
        const cacheRead = Math.round(context * (0.45 + rng.float() * 0.2));
        const { toolCalls } = s.chat(model, {
          input: [user('Migrate every money amount to integer cents; keep the tests green.')],
          toolCalls: [call],
          usage: { input: context, output: rng.int(250, 900), cacheRead },
          maxTokens: 8192,
        });
        const id = toolCalls[0]?.id;
        const result = step === 0 ? { passed: 212 - (turn % 7), failed: 3 + (turn % 7) } : { ok: true, bytes: rng.int(900, 9000) };
        s.tool(call.name, { callId: id, arguments: call.arguments, result, durationMs: step === 0 ? [4000, 9000] : [20, 120] });
        context += rng.int(1400, 2200);
      }
      s.chat(model, {
        input: [user('Migrate every money amount to integer cents; keep the tests green.')],
        reply: 'I could not get the last 3 tests green; the rounding in tax.ts needs a human decision.',
        usage: { input: context, output: rng.int(200, 400), cacheRead: Math.round(context * 0.5) },
        maxTokens: 8192,
      });
    });
  },
};
