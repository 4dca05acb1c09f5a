import { describe, expect, it } from 'vitest';
import type { SpanContent } from '@/lib/span/types';
import { documentList } from './documents';

const noContent: SpanContent = {
  systemInstructions: null,
  inputMessages: null,
  outputMessages: null,
  toolArguments: null,
  toolResult: null,
  retrievalQuery: null,
  retrievalDocuments: null,
};
const span = (retrievalDocCount: number | null, retrievalScores: number[] = []) => ({ retrievalDocCount, retrievalScores });

describe('documentList', () => {
  it('ranks the returned documents with their previews', () => {
    const list = documentList(span(2, [0.9, 0.5]), {
      ...noContent,
      retrievalQuery: 'rotate webhook key',
      retrievalDocuments: [
        { id: 'doc-1', score: 0.9, content: 'Rotate the key\n\n  under Settings.' },
        { id: '', score: 0.5, metadata: { source: 'faq' } },
      ],
    });
    expect(list.state).toBe('listed');
    expect(list.query).toBe('rotate webhook key');
    expect(list.rows.map((r) => [r.rank, r.id, r.score, r.scoreFraction, r.preview])).toEqual([
      [1, 'doc-1', 0.9, 0.9, 'Rotate the key under Settings.'],
      [2, '#2', 0.5, 0.5, ''],
    ]);
    expect(list.rows[1]!.metadata.summary).toBe('{source}');
  });

  it.each([
    ['the span counted zero', span(0), noContent],
    ['the content holds an empty list', span(null), { ...noContent, retrievalDocuments: [] }],
    ['both', span(0), { ...noContent, retrievalDocuments: [] }],
  ])('is empty when %s', (_label, s, content) => {
    expect(documentList(s, content)).toMatchObject({ state: 'empty', count: 0, rows: [] });
  });

  it('is absent when nothing says documents were retrieved', () => {
    expect(documentList(span(null), noContent).state).toBe('absent');
    expect(documentList(span(null), undefined).state).toBe('absent');
  });

  it('falls back to the scores on the span while the content is not loaded', () => {
    const list = documentList(span(3, [4, 2, 1]), undefined);
    expect(list.state).toBe('listed');
    // Scores above 1 are drawn relative to the best one.
    expect(list.rows.map((r) => [r.id, r.scoreFraction])).toEqual([
      ['#1', 1],
      ['#2', 0.5],
      ['#3', 0.25],
    ]);
  });

  it('lists a count with no rows when documents were returned but not captured', () => {
    expect(documentList(span(5), noContent)).toMatchObject({ state: 'listed', count: 5, rows: [] });
  });

  it('cuts long previews and draws unknown scores as empty bars', () => {
    const list = documentList(span(1), { ...noContent, retrievalDocuments: [{ id: 'x', score: null, content: 'word '.repeat(200) }] });
    expect(list.rows[0]!.previewTruncated).toBe(true);
    expect(list.rows[0]!.preview.endsWith('…')).toBe(true);
    expect(list.rows[0]!.scoreFraction).toBe(0);
  });
});
