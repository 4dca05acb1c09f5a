import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_CONFIG } from './config';
import { runFrom, type SpanPatch } from './testing/fixtures';
import { detectUngroundedAnswer } from './ungrounded-answer';

const rule = DEFAULT_DETECTOR_CONFIG.ungrounded_answer;

const docs = (count: number | null): SpanPatch => ({ retrievalDocCount: count });

/** A run of the agent `docs` with these spans (drawn as in the fixtures) below its root. */
const docsRun = (...spans: string[]) => ['root type=agent agent=docs start=0 dur=100', ...spans.map((span) => `  ${span}`)].join('\n');

describe('ungrounded_answer', () => {
  it.each<{ name: string; text: string; patches: Record<string, SpanPatch>; fires: boolean }>([
    {
      name: 'a model call after a retrieval that found nothing',
      text: docsRun('search type=retrieval start=10 dur=5', 'answer type=llm model=gemini-1.5-flash start=20 dur=30'),
      patches: { search: docs(0) },
      fires: true,
    },
    {
      name: 'the retrieval found documents',
      text: docsRun('search type=retrieval start=10 dur=5', 'answer type=llm model=gpt-4o start=20 dur=30'),
      patches: { search: docs(3) },
      fires: false,
    },
    {
      name: 'the retrieval did not say how many documents it found',
      text: docsRun('search type=retrieval start=10 dur=5', 'answer type=llm model=gpt-4o start=20 dur=30'),
      patches: { search: docs(null) },
      fires: false,
    },
    {
      name: 'a second retrieval found documents before the call',
      text: docsRun('search type=retrieval start=10 dur=5', 'retry type=retrieval start=16 dur=3', 'answer type=llm model=gpt-4o start=20 dur=30'),
      patches: { search: docs(0), retry: docs(4) },
      fires: false,
    },
    {
      name: 'the call came before the empty retrieval',
      text: docsRun('plan type=llm model=gpt-4o start=5 dur=10', 'search type=retrieval start=20 dur=5'),
      patches: { search: docs(0) },
      fires: false,
    },
    {
      name: 'the call started before the retrieval ended',
      text: docsRun('search type=retrieval start=10 dur=20', 'answer type=llm model=gpt-4o start=15 dur=30'),
      patches: { search: docs(0) },
      fires: false,
    },
    {
      name: 'another agent called the model',
      text: `
        root type=workflow start=0 dur=100
          docs type=agent agent=docs start=1 dur=20
            search type=retrieval start=5 dur=5
          writer type=agent agent=writer start=30 dur=50
            draft type=llm model=gpt-4o start=35 dur=30`,
      patches: { search: docs(0) },
      fires: false,
    },
    {
      name: 'the call after it failed',
      text: docsRun('search type=retrieval start=10 dur=5', 'answer type=llm model=gpt-4o start=20 dur=30 status=error'),
      patches: { search: docs(0) },
      fires: false,
    },
    {
      name: 'only an embedding followed',
      text: docsRun('search type=retrieval start=10 dur=5', 'embed type=embedding model=text-embedding-3-small start=20 dur=3'),
      patches: { search: docs(0) },
      fires: false,
    },
  ])('$name → $fires', ({ text, patches, fires }) => {
    expect(detectUngroundedAnswer(runFrom(text, patches), rule).length > 0).toBe(fires);
  });

  it('names the model and the retrieval, and lists the retrieval before the calls that followed it', () => {
    const text = `
      root type=agent agent=docs start=0 dur=100
        search type=retrieval start=10 dur=5
        answer type=llm model=gemini-1.5-flash start=20 dur=30`;
    const [finding] = detectUngroundedAnswer(runFrom(text, { search: docs(0) }), rule);
    expect(finding).toMatchObject({ ruleId: 'ungrounded_answer', severity: 'warning', key: 'run', value: 1, threshold: 1 });
    expect(finding!.evidenceSpanIds).toEqual(['search', 'answer']);
    expect(finding!.title).toBe('gemini-1.5-flash answered after search returned no documents');
    expect(finding!.summary).toMatch(/^search returned 0 documents and 1 model call answered after it \(agent docs\), with no retrieval/);
  });

  it('counts every call that answered on an empty retrieval, each retrieval with the calls after it', () => {
    const text = `
      root type=workflow start=0 dur=200
        a type=agent agent=docs start=1 dur=60
          first type=retrieval start=5 dur=5
          a1 type=llm model=gpt-4o start=12 dur=10
          a2 type=llm model=gpt-4o start=25 dur=10
        b type=agent agent=faq start=70 dur=60
          second type=retrieval start=75 dur=5
          b1 type=llm model=gpt-4o start=85 dur=10`;
    const [finding] = detectUngroundedAnswer(runFrom(text, { first: docs(0), second: docs(0) }), rule);
    expect(finding).toMatchObject({ value: 3, evidenceSpanIds: ['first', 'a1', 'a2', 'second', 'b1'] });
    expect(finding!.title).toBe('3 model calls answered after first and second returned no documents');
    expect(finding!.summary).toContain('(agent docs and faq)');
  });
});
