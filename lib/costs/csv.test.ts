import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    // names come from telemetry: a spreadsheet must not run them as formulas
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+1', "'+1"],
    ['@agent', "'@agent"],
    [-1.5, '-1.5'],
    [0, '0'],
    [null, ''],
    [Number.NaN, ''],
  ] as const)('%j → %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('toCsv', () => {
  it('writes a header and CRLF-terminated rows', () => {
    expect(toCsv(['model', 'cost_usd'], [['gpt-4o', 1.25], ['a,b', null]])).toBe('model,cost_usd\r\ngpt-4o,1.25\r\n"a,b",\r\n');
  });
});
