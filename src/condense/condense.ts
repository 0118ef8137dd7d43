/**
 * PLACEHOLDER (to be replaced by the condense work): first sentences of the text.
 * Contract: a pure function, article in, 2 to 4 bullets out, each at most 280 characters.
 */
export interface CondenseInput {
  title: string;
  text: string;
  /** Publisher-supplied summary or standfirst, preferred when present. */
  summary?: string;
}

export interface CondenseOptions {
  maxBullets?: number;
  minBullets?: number;
  maxChars?: number;
}

export function condense(input: CondenseInput, options: CondenseOptions = {}): string[] {
  const max = options.maxBullets ?? 3;
  const sentences = input.text.split(/(?<=[.!?])\s+(?=[A-Z"“])/u).map((s) => s.trim()).filter(Boolean);
  return sentences.slice(0, max).map((s) => (s.length > 280 ? `${s.slice(0, 279)}…` : s));
}
