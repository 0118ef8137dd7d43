/**
 * Optional model bullets from an OpenAI-compatible chat completions endpoint (Ollama, vLLM,
 * OpenAI). Each model bullet must be grounded in the article (see grounding.ts); one that is not
 * is replaced by the extractive bullet at the same position, and every replacement is recorded.
 * A timeout, an HTTP error or an unreadable answer falls back to the extractive bullets whole.
 */
import { fetch } from 'undici';
import { z } from 'zod';
import type { SummaryInput, SummaryResult, Summarizer } from '../core/ports.ts';
import { createExtractiveSummarizer } from './extractive-summarizer.ts';
import { findUngrounded, indexArticle } from './grounding.ts';

export interface LlmSummarizerOptions {
  /** Server root, e.g. "http://127.0.0.1:11434"; "/v1/chat/completions" is appended. */
  baseUrl: string;
  model: string;
  /** Sent as a Bearer token when set; local servers usually need none. */
  apiKey?: string;
  timeoutMs?: number;
  maxBullets?: number;
  /** Where fallback bullets come from; defaults to the extractive summarizer. */
  fallback?: Summarizer;
  /** Ask for `response_format: json_object` (default true); turn off for servers that reject it. */
  jsonMode?: boolean;
}

export const LLM_TIMEOUT_MS = 20_000;
const ARTICLE_MAX_CHARS = 12_000;
const BULLET_MAX_CHARS = 280;

const SYSTEM_PROMPT = [
  'You condense a news article into 2 to 4 bullet points for a busy reader.',
  'Each bullet is one plain sentence of at most 280 characters.',
  'Use only facts stated in the article. Copy every name and number exactly as the article writes it.',
  'Reply with JSON only: {"bullets": ["...", "..."]}',
].join(' ');

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});
const bulletsSchema = z.union([
  z.object({ bullets: z.array(z.string()).min(1) }),
  z.array(z.string()).min(1),
]);

type Fallback = SummaryResult['fallbacks'][number];

class LlmFailure extends Error {
  readonly fallback: Fallback;
  constructor(reason: string, detail: string) {
    super(`${reason}: ${detail}`);
    this.fallback = { reason, detail };
  }
}

function endpoint(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/u, '').replace(/\/v1$/u, '')}/v1/chat/completions`;
}

function parseBullets(body: string): string[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new LlmFailure('malformed-response', 'response body is not JSON');
  }
  const completion = completionSchema.safeParse(json);
  if (!completion.success) throw new LlmFailure('malformed-response', 'not a chat completion');
  const content = (completion.data.choices[0]?.message.content ?? '')
    .trim()
    .replace(/^```(?:json)?\s*|\s*```$/gu, '');
  let inner: unknown;
  try {
    inner = JSON.parse(content);
  } catch {
    throw new LlmFailure('malformed-response', 'message content is not JSON');
  }
  const parsed = bulletsSchema.safeParse(inner);
  if (!parsed.success) throw new LlmFailure('malformed-response', 'message content has no bullets array');
  const list = Array.isArray(parsed.data) ? parsed.data : parsed.data.bullets;
  return list.map((b) => b.replace(/^\s*(?:[-*•]|\d+[.)])\s+/u, '').trim()).filter((b) => b.length > 0);
}

async function requestBullets(input: SummaryInput, options: LlmSummarizerOptions): Promise<string[]> {
  const timeoutMs = options.timeoutMs ?? LLM_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  const article = [input.title, input.summary ?? '', input.text].filter(Boolean).join('\n\n').slice(0, ARTICLE_MAX_CHARS);
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  const payload = {
    model: options.model,
    temperature: 0,
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: article },
    ],
    ...(options.jsonMode === false ? {} : { response_format: { type: 'json_object' } }),
  };
  try {
    const response = await fetch(endpoint(options.baseUrl), {
      method: 'POST',
      headers,
      body: JSON.stringify(payload),
      signal,
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new LlmFailure('http-error', `status ${response.status}`);
    }
    return parseBullets(await response.text());
  } catch (error) {
    if (error instanceof LlmFailure) throw error;
    if (signal.aborted) throw new LlmFailure('timeout', `no answer within ${timeoutMs} ms`);
    throw new LlmFailure('network-error', error instanceof Error ? error.message : String(error));
  }
}

/** Model bullets checked one by one; an ungrounded one gives way to the extractive bullet at its place. */
function mergeGrounded(model: string[], extractive: string[], articleText: string, max: number): SummaryResult {
  const index = indexArticle(articleText);
  const bullets: string[] = [];
  const fallbacks: Fallback[] = [];
  let fromModel = 0;
  model.slice(0, max).forEach((bullet, i) => {
    const problem =
      bullet.length > BULLET_MAX_CHARS
        ? { reason: 'too-long', detail: `${bullet.length} characters` }
        : findUngrounded(bullet, index);
    if (!problem) {
      bullets.push(bullet);
      fromModel += 1;
      return;
    }
    fallbacks.push({ reason: problem.reason, detail: `bullet ${i + 1}: ${problem.detail}` });
    const replacement = extractive[i];
    if (replacement !== undefined && !bullets.includes(replacement)) bullets.push(replacement);
  });
  if (bullets.length === 0) return { bullets: extractive, source: 'extractive', fallbacks };
  const source = fromModel === bullets.length ? 'llm' : fromModel === 0 ? 'extractive' : 'mixed';
  return { bullets, source, fallbacks };
}

/** A Summarizer that asks the model first and never returns an ungrounded bullet. */
export function createLlmSummarizer(options: LlmSummarizerOptions): Summarizer {
  const fallback = options.fallback ?? createExtractiveSummarizer();
  const max = options.maxBullets ?? 4;
  return {
    async summarize(input: SummaryInput): Promise<SummaryResult> {
      let model: string[];
      try {
        model = await requestBullets(input, options);
      } catch (error) {
        const extractive = await fallback.summarize(input);
        const reason = error instanceof LlmFailure ? error.fallback : { reason: 'error', detail: String(error) };
        return { bullets: extractive.bullets, source: 'extractive', fallbacks: [reason, ...extractive.fallbacks] };
      }
      const extractive = await fallback.summarize(input);
      const articleText = [input.title, input.summary ?? '', input.text].join('\n\n');
      return mergeGrounded(model, extractive.bullets, articleText, max);
    },
  };
}
