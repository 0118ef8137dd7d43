/**
 * Paragraphs come first: a blank line always ends one. A single newline ends one too unless it
 * looks like a hard wrap inside running text (the line ends mid-sentence and the next goes on in
 * lower case).
 */
export function splitParagraphs(text: string): string[] {
  const out: string[] = [];
  for (const block of text.replace(/\r\n?/gu, '\n').split(/\n[ \t\u00a0]*\n/u)) {
    let current = '';
    for (const raw of block.split('\n')) {
      const line = raw.replace(/[ \t\u00a0]+/gu, ' ').trim();
      if (line === '') continue;
      if (current !== '' && isWrapped(current, line)) current += ` ${line}`;
      else {
        if (current !== '') out.push(current);
        current = line;
      }
    }
    if (current !== '') out.push(current);
  }
  return out;
}

/** A line ending on one of these words is cut mid-phrase, whatever the next line starts with. */
const DANGLING_END = /\b(?:a|an|the|of|on|in|at|to|for|from|by|with|and|or|but|that|as|its|their|his|her)$/iu;

function isWrapped(previous: string, next: string): boolean {
  if (DANGLING_END.test(previous)) return true;
  return /[\p{Ll},;\-–]$/u.test(previous) && /^[\p{Ll}\d(]/u.test(next);
}
