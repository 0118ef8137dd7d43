/**
 * Fallback when Readability finds nothing: the paragraphs of the element whose direct <p>
 * children hold the most text. Linear in the number of paragraphs.
 */
import type { DomDocument, DomNode } from './dom.ts';

/** Paragraphs shorter than this (menus, labels) do not count, unless nothing longer exists. */
const PARAGRAPH_MIN_CHARS = 40;

/** Paragraph texts of the page's largest block of prose, or [] when there is none. */
export function largestTextBlock(doc: DomDocument): string[] {
  const best = bestBlock(doc, PARAGRAPH_MIN_CHARS);
  return best.length > 0 ? best : bestBlock(doc, 1);
}

function bestBlock(doc: DomDocument, minChars: number): string[] {
  const blocks = new Map<DomNode, { chars: number; paragraphs: string[] }>();
  for (const p of Array.from(doc.querySelectorAll('p'))) {
    const text = (p.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text.length < minChars || !p.parentNode) continue;
    const block = blocks.get(p.parentNode) ?? { chars: 0, paragraphs: [] };
    block.chars += text.length;
    block.paragraphs.push(text);
    blocks.set(p.parentNode, block);
  }
  let best: { chars: number; paragraphs: string[] } | undefined;
  for (const block of blocks.values()) if (!best || block.chars > best.chars) best = block;
  return best?.paragraphs ?? [];
}
