import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, isFilterActive, parseTraceViewState, toTreeFilter, traceViewSearch } from './url-state';

describe('parseTraceViewState', () => {
  it('reads every parameter', () => {
    const state = parseTraceViewState({
      span: 'ABCDEF0123456789',
      focus: '0123456789abcdef',
      type: 'tool,llm,bogus',
      errors: '1',
      tool: ' get_weather ',
      agent: 'writer',
      minCost: '0.5',
      q: 'paris',
      highlight: '0123456789ABCDEF,bogus,fedcba9876543210,0123456789abcdef',
    });
    expect(state).toEqual({
      spanId: 'abcdef0123456789',
      focusId: '0123456789abcdef',
      filter: { nodeTypes: ['llm', 'tool'], errorsOnly: true, tool: 'get_weather', agent: 'writer', minCostUsd: 0.5, text: 'paris' },
      highlightIds: ['0123456789abcdef', 'fedcba9876543210'],
    });
  });

  it.each([
    ['a malformed span id', { span: 'nope' }],
    ['a negative minimum cost', { minCost: '-1' }],
    ['a minimum cost that is not a number', { minCost: 'lots' }],
    ['errors set to something else', { errors: 'yes please' }],
    ['an array value takes its first element only when valid', { span: ['zz', '0123456789abcdef'] }],
  ])('drops %s', (_label, params) => {
    const state = parseTraceViewState(params);
    expect(state.spanId).toBeNull();
    expect(state.filter).toEqual(EMPTY_FILTER);
  });

  it('reads URLSearchParams too', () => {
    expect(parseTraceViewState(new URLSearchParams('span=0123456789abcdef&errors=true')).filter.errorsOnly).toBe(true);
  });
});

describe('traceViewSearch', () => {
  it('is empty for the default state', () => {
    expect(traceViewSearch({ spanId: null, focusId: null, filter: EMPTY_FILTER, highlightIds: [] })).toBe('');
  });

  it('round-trips through the parser', () => {
    const state = parseTraceViewState({ span: '0123456789abcdef', type: 'tool', errors: '1', q: 'a b&c', minCost: '0', highlight: '0123456789abcdef,1111111111111111' });
    const search = traceViewSearch(state);
    expect(search).toBe('?span=0123456789abcdef&type=tool&errors=1&minCost=0&q=a+b%26c&highlight=0123456789abcdef%2C1111111111111111');
    expect(parseTraceViewState(new URLSearchParams(search))).toEqual(state);
  });
});

describe('toTreeFilter', () => {
  it('is null when nothing filters, and a minimum of 0 still filters', () => {
    expect(isFilterActive(EMPTY_FILTER)).toBe(false);
    expect(toTreeFilter(EMPTY_FILTER)).toBeNull();
    expect(toTreeFilter({ ...EMPTY_FILTER, minCostUsd: 0 })).toMatchObject({ minCostUsd: 0 });
    expect(toTreeFilter({ ...EMPTY_FILTER, text: '   ' })).toBeNull();
  });
});
