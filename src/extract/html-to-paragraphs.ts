/**
 * Turns an article's content element (Readability's output) into plain paragraphs: block
 * boundaries become paragraph breaks; media, captions, headings, forms and blocks whose class
 * or id names them as boilerplate (share bars, newsletter boxes, related links) are left out.
 */
import { isElement, TEXT_NODE } from './dom.ts';
import type { DomElement, DomNode } from './dom.ts';
import { MARKED_BLOCK_MAX_SHARE, hasBoilerplateMarks } from './boilerplate-marks.ts';

/** Subtrees that never carry article prose. */
const SKIP_TAGS = new Set([
  'FIGURE', 'FIGCAPTION', 'PICTURE', 'IMG', 'VIDEO', 'AUDIO', 'IFRAME', 'SVG', 'CANVAS', 'OBJECT', 'EMBED',
  'BUTTON', 'FORM', 'INPUT', 'SELECT', 'TEXTAREA', 'LABEL', 'NAV', 'ASIDE', 'SCRIPT', 'STYLE', 'NOSCRIPT',
  'TEMPLATE', 'CAPTION', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'MENU', 'DIALOG',
]);

const BLOCK_TAGS = new Set([
  'P', 'DIV', 'LI', 'UL', 'OL', 'DL', 'DT', 'DD', 'BLOCKQUOTE', 'PRE', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER',
  'FOOTER', 'ADDRESS', 'TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'HR', 'DETAILS', 'SUMMARY', 'CENTER',
]);

/** Cells stay on their row's line, separated by a space. */
const CELL_TAGS = new Set(['TD', 'TH']);

/** Sentence-final punctuation, after which a lone <br> is read as a paragraph break. */
const SENTENCE_END_RE = /[.!?…:"”»)]$/;

function isMarkedBoilerplate(el: DomElement, totalChars: number): boolean {
  if (!hasBoilerplateMarks(el)) return false;
  const own = (el.textContent ?? '').length;
  return own < totalChars * MARKED_BLOCK_MAX_SHARE;
}

function isHidden(el: DomElement): boolean {
  if (el.getAttribute('hidden') !== null || el.getAttribute('aria-hidden') === 'true') return true;
  return /display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.getAttribute('style') ?? '');
}

/** Plain paragraphs of an article body element, in document order. */
export function htmlToParagraphs(root: DomNode): string[] {
  const totalChars = (root.textContent ?? '').length;
  const paragraphs: string[] = [];
  let buffer = '';
  // Last visible character of the buffer, kept as text arrives so a <br> check stays O(1).
  let lastChar = '';
  const flush = (): void => {
    const text = buffer.replace(/\s+/g, ' ').trim();
    if (text) paragraphs.push(text);
    buffer = '';
    lastChar = '';
  };
  // Iterative walk: an explicit stack of nodes, with markers for "leaving a block".
  const stack: (DomNode | 'end-block')[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (node === 'end-block') { flush(); continue; }
    if (node.nodeType === TEXT_NODE) {
      const chunk = node.textContent ?? '';
      buffer += chunk;
      const visible = chunk.trimEnd();
      if (visible) lastChar = visible.slice(-1);
      continue;
    }
    if (!isElement(node)) continue;
    const tag = node.nodeName.toUpperCase();
    if (tag === 'BR') {
      if (SENTENCE_END_RE.test(lastChar)) flush();
      else buffer += ' ';
      continue;
    }
    if (SKIP_TAGS.has(tag) || isHidden(node) || (node !== root && isMarkedBoilerplate(node, totalChars))) continue;
    if (CELL_TAGS.has(tag)) buffer += ' ';
    const block = BLOCK_TAGS.has(tag);
    if (block) { flush(); stack.push('end-block'); }
    const children = Array.from(node.childNodes);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push(child);
    }
  }
  flush();
  return paragraphs;
}
