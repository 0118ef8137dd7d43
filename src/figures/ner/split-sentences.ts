import type { Token } from './tokenize.ts';

const ENDERS = new Set(['.', '!', '?', '...', '\u2026']);
const TRAILERS = new Set(['"', '\'', ')', ']', '\u201d', '\u2019']);

/**
 * Groups tokens of running text into sentences: a break after ".", "!" or "?" (with any closing quote
 * or bracket) when the next token does not start in lower case, and at every line break.
 */
export function splitSentences(text: string, tokens: readonly Token[]): Token[][] {
  const sentences: Token[][] = [];
  let current: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok === undefined) continue;
    const prev = current[current.length - 1];
    if (prev !== undefined && text.slice(prev.end, tok.start).includes('\n')) {
      sentences.push(current);
      current = [];
    }
    current.push(tok);
    if (!ENDERS.has(tok.text)) continue;
    let j = i + 1;
    while (j < tokens.length && TRAILERS.has(tokens[j]?.text ?? '') && touches(tokens[j - 1], tokens[j])) {
      current.push(tokens[j] as Token);
      j++;
    }
    i = j - 1;
    const next = tokens[j];
    if (next === undefined || !/^[a-z]/u.test(next.text)) {
      sentences.push(current);
      current = [];
    }
  }
  if (current.length > 0) sentences.push(current);
  return sentences;
}

function touches(a: Token | undefined, b: Token | undefined): boolean {
  return a !== undefined && b !== undefined && a.end === b.start;
}
