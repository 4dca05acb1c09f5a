import { describe, expect, it } from 'vitest';
import { attributeTable, namespaceOf } from './attributes';

const attributes = {
  'http.response.status_code': '502',
  'gen_ai.tool.name': 'create_incident',
  'gen_ai.operation.name': 'execute_tool',
  'error.type': '502',
  custom: 'x',
  'app.payload': '{"ticket":"T-1","tags":["a"]}',
};

describe('attributeTable', () => {
  it('groups by namespace with gen_ai and error first, keys sorted', () => {
    const table = attributeTable(attributes);
    expect(table.groups.map((g) => [g.namespace, g.rows.map((r) => r.key)])).toEqual([
      ['gen_ai', ['gen_ai.operation.name', 'gen_ai.tool.name']],
      ['error', ['error.type']],
      ['app', ['app.payload']],
      ['http', ['http.response.status_code']],
      ['(other)', ['custom']],
    ]);
    expect(table).toMatchObject({ total: 6, shown: 6 });
  });

  it('parses JSON values and leaves plain values alone', () => {
    const rows = attributeTable(attributes).groups.flatMap((g) => g.rows);
    expect(rows.find((r) => r.key === 'app.payload')!.json!.text).toContain('\n  "ticket": "T-1"');
    expect(rows.find((r) => r.key === 'custom')!.json).toBeNull();
  });

  it.each([
    ['502', ['error.type', 'http.response.status_code']],
    ['GEN_AI Create', ['gen_ai.tool.name']],
    ['gen_ai tool', ['gen_ai.operation.name', 'gen_ai.tool.name']],
    ['tool incident', ['gen_ai.tool.name']],
    ['nothing-matches', []],
    ['   ', ['gen_ai.operation.name', 'gen_ai.tool.name', 'error.type', 'app.payload', 'http.response.status_code', 'custom']],
  ])('filter %j keeps %j', (filter, keys) => {
    const table = attributeTable(attributes, filter);
    expect(table.groups.flatMap((g) => g.rows.map((r) => r.key))).toEqual(keys);
    expect(table.shown).toBe(keys.length);
    expect(table.total).toBe(6);
  });
});

describe('namespaceOf', () => {
  it.each([
    ['gen_ai.request.model', 'gen_ai'],
    ['plain', '(other)'],
    ['.leading', '(other)'],
  ])('%s → %s', (key, namespace) => {
    expect(namespaceOf(key)).toBe(namespace);
  });
});
