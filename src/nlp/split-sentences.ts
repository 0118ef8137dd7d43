import { segmentText } from './segment.ts';

/**
 * Sentences of a text in reading order. Paragraph breaks always end a sentence; abbreviations
 * such as "U.S.", "Mr.", "Jan. 5", "Gen." and "Sen." do not; a quotation that runs over several
 * sentences keeps its short tail ("... give up. Never.") with the sentence before.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const paragraph of segmentText(text)) for (const s of paragraph.sentences) out.push(s.text);
  return out;
}
