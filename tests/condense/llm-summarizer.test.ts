import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { condense } from '../../src/condense/condense.ts';
import { createExtractiveSummarizer } from '../../src/condense/extractive-summarizer.ts';
import { findUngrounded, indexArticle } from '../../src/condense/grounding.ts';
import { createLlmSummarizer } from '../../src/condense/llm-summarizer.ts';
import type { SummaryInput } from '../../src/core/ports.ts';
import { startOpenAiServer, type OpenAiStandIn } from '../support/openai-server.ts';

/** Invented article, written for these tests. */
const ARTICLE: SummaryInput = {
  title: 'Carrow Motors to build $4.5bn battery plant in Sunderland',
  text:
    'Carrow Motors will build a $4.5bn battery plant in Sunderland, creating 1,200 jobs, the carmaker said on Monday. ' +
    'The factory will supply batteries for 300,000 electric cars a year from 2028. ' +
    'Chief executive Amara Okafor said the site was chosen for its port and its skilled workforce. ' +
    'The government will contribute £500m towards the cost, Business Secretary Tom Reddy confirmed. ' +
    'Unions welcomed the news but said they wanted guarantees on pay.',
};

const extractive = (): string[] => condense(ARTICLE);

describe('grounding', () => {
  const index = indexArticle(`${ARTICLE.title}\n${ARTICLE.text}`);

  it('accepts numbers written another way and names in another case', () => {
    expect(findUngrounded('Carrow will spend 4.5 billion dollars and hire 1200 people.', index)).toBeUndefined();
    expect(findUngrounded('The plant will make batteries for 300000 cars a year.', index)).toBeUndefined();
    expect(findUngrounded('CARROW MOTORS picked Sunderland, said Amara Okafor.', index)).toBeUndefined();
    expect(findUngrounded('The government put in £0.5bn.', index)).toBeUndefined();
  });

  it('flags an invented number and an invented name', () => {
    expect(findUngrounded('The plant will create 1,500 jobs.', index)).toEqual({ reason: 'ungrounded-number', detail: '1,500' });
    expect(findUngrounded('Carrow chairman Julian Whitby backed the plan.', index)).toEqual({
      reason: 'ungrounded-name',
      detail: 'Julian Whitby',
    });
  });
});

describe('createLlmSummarizer', () => {
  let server: OpenAiStandIn;
  beforeAll(async () => {
    server = await startOpenAiServer();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
  });

  const summarizer = (extra: { timeoutMs?: number; apiKey?: string } = {}) =>
    createLlmSummarizer({ baseUrl: server.url, model: 'herald-test', timeoutMs: 5_000, ...extra });

  it('returns grounded model bullets and sends an OpenAI-style request', async () => {
    const bullets = [
      'Carrow Motors will build a 4.5 billion dollar battery plant in Sunderland, creating 1200 jobs.',
      'The government is putting in £500m, Business Secretary Tom Reddy confirmed.',
    ];
    server.script({ kind: 'bullets', bullets });
    const result = await summarizer({ apiKey: 'sk-test' }).summarize(ARTICLE);
    expect(result).toEqual({ bullets, source: 'llm', fallbacks: [] });

    const [request] = server.requests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer sk-test');
    const body = request?.body as { model: string; messages: { role: string; content: string }[] };
    expect(body.model).toBe('herald-test');
    expect(body.messages.at(-1)?.content).toContain('Sunderland');
  });

  it('sends no authorization header without an API key', async () => {
    server.script({ kind: 'bullets', bullets: ['Carrow Motors picked Sunderland.'] });
    await summarizer().summarize(ARTICLE);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('falls back to the extractive bullet when the model invents a number', async () => {
    server.script({
      kind: 'bullets',
      bullets: ['Carrow Motors will build a $4.5bn plant in Sunderland.', 'The plant will create 3,000 jobs.'],
    });
    const result = await summarizer().summarize(ARTICLE);
    expect(result.source).toBe('mixed');
    expect(result.bullets[0]).toBe('Carrow Motors will build a $4.5bn plant in Sunderland.');
    expect(result.bullets[1]).toBe(extractive()[1]);
    expect(result.bullets.join(' ')).not.toContain('3,000');
    expect(result.fallbacks).toEqual([{ reason: 'ungrounded-number', detail: 'bullet 2: 3,000' }]);
  });

  it('falls back when the model invents a name', async () => {
    server.script({
      kind: 'bullets',
      bullets: ['Carrow chairman Julian Whitby said the plant would open in 2028.', 'Unions want guarantees on pay.'],
    });
    const result = await summarizer().summarize(ARTICLE);
    expect(result.bullets[0]).toBe(extractive()[0]);
    expect(result.bullets[1]).toBe('Unions want guarantees on pay.');
    expect(result.fallbacks).toEqual([{ reason: 'ungrounded-name', detail: 'bullet 1: Julian Whitby' }]);
  });

  it('falls back whole on an HTTP error', async () => {
    server.script({ kind: 'status', status: 500 });
    const result = await summarizer().summarize(ARTICLE);
    expect(result).toEqual({ bullets: extractive(), source: 'extractive', fallbacks: [{ reason: 'http-error', detail: 'status 500' }] });
  });

  it('falls back whole on garbage JSON', async () => {
    server.script({ kind: 'garbage' });
    const result = await summarizer().summarize(ARTICLE);
    expect(result.bullets).toEqual(extractive());
    expect(result.fallbacks[0]?.reason).toBe('malformed-response');
  });

  it('falls back whole when the message is prose instead of JSON', async () => {
    server.script({ kind: 'content', content: 'Here are your bullets: Carrow builds a plant.' });
    const result = await summarizer().summarize(ARTICLE);
    expect(result.source).toBe('extractive');
    expect(result.fallbacks[0]?.reason).toBe('malformed-response');
  });

  it('reads bullets wrapped in a code fence', async () => {
    server.script({ kind: 'content', content: '```json\n{"bullets": ["- Carrow Motors picked Sunderland."]}\n```' });
    const result = await summarizer().summarize(ARTICLE);
    expect(result).toEqual({ bullets: ['Carrow Motors picked Sunderland.'], source: 'llm', fallbacks: [] });
  });

  it('falls back whole when the model does not answer in time', async () => {
    server.script({ kind: 'hang' });
    const result = await summarizer({ timeoutMs: 150 }).summarize(ARTICLE);
    expect(result.bullets).toEqual(extractive());
    expect(result.fallbacks[0]?.reason).toBe('timeout');
  }, 10_000);

  it('falls back whole when the server cannot be reached', async () => {
    const closed = await startOpenAiServer();
    await closed.close();
    const result = await createLlmSummarizer({ baseUrl: closed.url, model: 'm', timeoutMs: 2_000 }).summarize(ARTICLE);
    expect(result.source).toBe('extractive');
    expect(result.fallbacks[0]?.reason).toBe('network-error');
  });
});

describe('createExtractiveSummarizer', () => {
  it('wraps condense()', async () => {
    const result = await createExtractiveSummarizer().summarize(ARTICLE);
    expect(result).toEqual({ bullets: extractive(), source: 'extractive', fallbacks: [] });
  });
});
