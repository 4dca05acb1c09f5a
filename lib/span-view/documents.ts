/**
 * The documents a retrieval returned, ranked as the retriever ranked them, with a bar length per score. An
 * empty retrieval is a state of its own, not an absence: "0 documents returned" is often the reason a run
 * answered badly, so it must never look like "nothing to show". When the content is not (yet) loaded, the
 * scores stored on the span still give the ranking.
 */
import type { ApiSpan } from '@/lib/span/api-types';
import type { SpanContent } from '@/lib/span/types';
import { cutText, prettyJson, type PrettyJson } from './pretty-json';

export const DOCUMENT_PREVIEW_CHARS = 320;

export interface DocumentRow {
  key: string;
  rank: number;
  id: string;
  score: number | null;
  /** Bar length in [0, 1]: the score itself when all scores lie in [0, 1], else relative to the best one. */
  scoreFraction: number;
  preview: string;
  previewTruncated: boolean;
  metadata: PrettyJson;
}

export interface DocumentList {
  /** `absent`: the span says nothing about documents; `empty`: a retrieval returned none; `listed`: some. */
  state: 'absent' | 'empty' | 'listed';
  query: string;
  /** Documents returned as the span reported it; more than the rows when content was not captured. */
  count: number | null;
  rows: DocumentRow[];
}

type DocumentSpan = Pick<ApiSpan, 'retrievalDocCount' | 'retrievalScores'>;

function fractions(scores: readonly (number | null)[]): number[] {
  const known = scores.filter((s): s is number => s !== null && Number.isFinite(s));
  const unit = known.every((s) => s >= 0 && s <= 1);
  const best = known.length > 0 ? Math.max(...known) : 0;
  return scores.map((s) => {
    if (s === null || !Number.isFinite(s)) return 0;
    const fraction = unit ? s : best > 0 ? s / best : 0;
    return Math.min(1, Math.max(0, fraction));
  });
}

function previewOf(content: string | undefined): { preview: string; truncated: boolean } {
  const flat = (content ?? '').replace(/\s+/g, ' ').trim();
  const cut = cutText(flat, DOCUMENT_PREVIEW_CHARS);
  return { preview: cut.truncated ? `${cut.text}…` : cut.text, truncated: cut.truncated };
}

export function documentList(span: DocumentSpan, content: SpanContent | undefined): DocumentList {
  const query = content?.retrievalQuery ?? '';
  const documents = content?.retrievalDocuments ?? null;
  let rows: DocumentRow[];
  if (documents !== null) {
    const scoreFractions = fractions(documents.map((d) => d.score));
    rows = documents.map((doc, i) => {
      const { preview, truncated } = previewOf(doc.content);
      return {
        key: `${i}`,
        rank: i + 1,
        id: doc.id || `#${i + 1}`,
        score: doc.score,
        scoreFraction: scoreFractions[i] ?? 0,
        preview,
        previewTruncated: truncated,
        metadata: prettyJson(doc.metadata),
      };
    });
  } else {
    const scoreFractions = fractions(span.retrievalScores);
    rows = span.retrievalScores.map((score, i) => ({
      key: `${i}`,
      rank: i + 1,
      id: `#${i + 1}`,
      score,
      scoreFraction: scoreFractions[i] ?? 0,
      preview: '',
      previewTruncated: false,
      metadata: prettyJson(null),
    }));
  }
  const count = span.retrievalDocCount ?? (documents !== null ? documents.length : null);
  let state: DocumentList['state'];
  if (rows.length > 0 || (count !== null && count > 0)) state = 'listed';
  else if (count === 0 || documents !== null) state = 'empty';
  else state = 'absent';
  return { state, query, count, rows };
}
