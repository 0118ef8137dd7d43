/**
 * PLACEHOLDER (to be replaced by the trained tagger): capitalised runs as person spans.
 * Contract: text in, PER spans out with character offsets into that text.
 */
export interface Span {
  text: string;
  start: number;
  end: number;
}

export function findPersonSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(/\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+/gu)) {
    spans.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return spans;
}
