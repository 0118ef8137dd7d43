/**
 * Removes blocks whose class or id names them as boilerplate (captions, share bars, related
 * rails, newsletter boxes) before Readability runs, because Readability rewrites small blocks
 * into bare <p>s and the marks are lost. Guarded so a mislabelled article body survives.
 */
import { hasBoilerplateMarks } from './boilerplate-marks.ts';
import type { DomDocument, DomElement } from './dom.ts';

/** A marked block holding more than this share of the page's text is left for Readability. */
const PRE_STRIP_MAX_SHARE = 0.2;
/** A marked block with this many real paragraphs is probably the article itself. */
const PRE_STRIP_MAX_PARAGRAPHS = 3;
const REAL_PARAGRAPH_MIN_CHARS = 100;
const PROTECTED_TAGS = new Set(['HTML', 'BODY', 'ARTICLE', 'MAIN']);
/** Bylines are left in place: Readability reads the author from them. */
const AUTHOR_MARK_RE = /byline|author/i;

function looksLikeBody(el: DomElement): boolean {
  let real = 0;
  for (const p of Array.from(el.querySelectorAll('p'))) {
    if ((p.textContent ?? '').length >= REAL_PARAGRAPH_MIN_CHARS) real++;
    if (real >= PRE_STRIP_MAX_PARAGRAPHS) return true;
  }
  return false;
}

/** Removes marked boilerplate blocks from the document in place. */
export function stripMarkedBoilerplate(doc: DomDocument): void {
  const body = doc.body;
  if (!body) return;
  const totalChars = (body.textContent ?? '').length;
  const removed = new Set<DomElement>();
  for (const el of Array.from(body.querySelectorAll('[class], [id]'))) {
    if (PROTECTED_TAGS.has(el.tagName.toUpperCase()) || !hasBoilerplateMarks(el)) continue;
    if (AUTHOR_MARK_RE.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`)) continue;
    if (insideRemoved(el, removed)) continue;
    if ((el.textContent ?? '').length > totalChars * PRE_STRIP_MAX_SHARE || looksLikeBody(el)) continue;
    el.remove();
    removed.add(el);
  }
}

function insideRemoved(el: DomElement, removed: Set<DomElement>): boolean {
  if (removed.size === 0) return false;
  for (let node = el.parentNode; node; node = node.parentNode) {
    if (removed.has(node as DomElement)) return true;
  }
  return false;
}
