/**
 * The default Summarizer: extractive bullets from `condense()`, no network.
 */
import type { SummaryInput, SummaryResult, Summarizer } from '../core/ports.ts';
import { condense, type CondenseOptions } from './condense.ts';

export function createExtractiveSummarizer(options: CondenseOptions = {}): Summarizer {
  return {
    summarize(input: SummaryInput): Promise<SummaryResult> {
      const condenseInput = { title: input.title, text: input.text, ...(input.summary ? { summary: input.summary } : {}) };
      return Promise.resolve({ bullets: condense(condenseInput, options), source: 'extractive', fallbacks: [] });
    },
  };
}
