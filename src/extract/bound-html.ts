/**
 * A linear pre-pass over raw HTML that makes it safe to hand to a DOM parser: it caps the size,
 * drops script/style bodies and huge attribute values (inline data: URIs), and flattens nesting
 * beyond a fixed depth so no later tree walk can overflow the stack or go quadratic.
 * It is a tokenizer, not a parser: text is always kept, only excess tags are dropped.
 */

/** Input beyond this is ignored (the fetcher's body cap is 10 MB). */
export const HTML_INPUT_MAX_CHARS = 12_000_000;
/**
 * Output (what the DOM parser sees) is cut at this size, counted after scripts, styles and blobs
 * are dropped; real article pages come to well under 1 MB by then.
 */
export const HTML_MAX_CHARS = 2_500_000;
/** Deepest element nesting kept; real pages stay under ~60, and Readability slows quadratically with depth. */
export const HTML_MAX_DEPTH = 120;
/** Attribute values longer than this (inline images, blobs) are blanked. */
const ATTRIBUTE_MAX_CHARS = 2_000;
/** JSON-LD blocks larger than this are dropped rather than parsed. */
const JSON_LD_MAX_CHARS = 200_000;
/** How far up the open-element stack an end tag may look for its start tag. */
const END_TAG_SEARCH_LIMIT = 64;

const VOID_TAGS = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'keygen', 'command', 'basefont', 'frame', 'isindex',
]);
/** Elements whose body is dropped entirely (JSON-LD is kept: it carries dates and authors). */
const DROP_BODY_TAGS = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'math', 'canvas', 'object']);
/** Raw-text elements kept as they are. */
const RAW_TEXT_TAGS = new Set(['title', 'textarea', 'xmp']);
/** Opening one of these implicitly closes an open one of the same kind (as HTML parsers do). */
const SELF_CLOSING_SIBLINGS = new Set(['a', 'p', 'li', 'dt', 'dd', 'option', 'tr', 'td', 'th']);

/** Inline elements an implied close may look through. */
const INLINE_TAGS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'dfn', 'em', 'font', 'i', 'kbd', 'mark', 'nobr',
  'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'label',
]);
const IMPLIED_CLOSE_SEARCH_LIMIT = 8;

const TAG_NAME_RE = /^<\/?([a-zA-Z][a-zA-Z0-9:-]*)/;

interface OpenTag { name: string; kept: boolean }

/** End of a tag starting at `start` ('<'), honouring quoted attribute values; -1 if unterminated. */
function tagEnd(html: string, start: number): number {
  let quote = '';
  let afterEquals = false;
  for (let i = start + 1; i < html.length; i++) {
    const c = html[i];
    if (quote) { if (c === quote) quote = ''; continue; }
    if (c === '>') return i;
    if (afterEquals && (c === '"' || c === "'")) quote = c;
    if (c === '=') afterEquals = true;
    else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') afterEquals = false;
  }
  return -1;
}

function shrinkAttributes(tag: string): string {
  if (tag.length <= ATTRIBUTE_MAX_CHARS) return tag;
  return tag
    .replace(/"[^"]{2000,}"/g, '""')
    .replace(/'[^']{2000,}'/g, "''")
    .slice(0, ATTRIBUTE_MAX_CHARS * 4);
}

/** Where the body of a raw-text element ends and where scanning resumes after its end tag. */
function rawTextEnd(html: string, name: string, from: number): { bodyEnd: number; next: number } {
  const re = new RegExp(`</${name}\\s*>`, 'gi');
  re.lastIndex = from;
  const m = re.exec(html);
  return m ? { bodyEnd: m.index, next: m.index + m[0].length } : { bodyEnd: html.length, next: html.length };
}

/** Makes raw HTML safe for a DOM parser: bounded size, depth and attribute length, no scripts. */
export function boundHtml(input: string): string {
  const html = input.length > HTML_INPUT_MAX_CHARS ? input.slice(0, HTML_INPUT_MAX_CHARS) : input;
  const out: string[] = [];
  let outChars = 0;
  const emit = (...parts: string[]): void => {
    for (const part of parts) {
      out.push(part);
      outChars += part.length;
    }
  };
  const stack: OpenTag[] = [];
  let keptDepth = 0;
  // Closing is explicit in the output, so the DOM parser builds exactly the tree counted here.
  const closeFrom = (index: number): void => {
    const closed = stack.splice(index);
    for (let c = closed.length - 1; c >= 0; c--) {
      const open = closed[c];
      if (!open?.kept) continue;
      keptDepth--;
      emit(`</${open.name}>`);
    }
  };
  let i = 0;
  while (i < html.length && outChars < HTML_MAX_CHARS) {
    const lt = html.indexOf('<', i);
    if (lt < 0) { emit(html.slice(i)); break; }
    if (lt > i) emit(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const nameMatch = TAG_NAME_RE.exec(html.slice(lt, lt + 64));
    if (!nameMatch) {
      if (html[lt + 1] === '!' || html[lt + 1] === '?') {
        const end = html.indexOf('>', lt);
        emit(end < 0 ? '' : html.slice(lt, end + 1));
        i = end < 0 ? html.length : end + 1;
      } else {
        emit('&lt;');
        i = lt + 1;
      }
      continue;
    }
    const end = tagEnd(html, lt);
    if (end < 0) break;
    const name = (nameMatch[1] ?? '').toLowerCase();
    const tag = html.slice(lt, end + 1);
    i = end + 1;
    if (tag[1] === '/') {
      const limit = Math.max(0, stack.length - END_TAG_SEARCH_LIMIT);
      for (let s = stack.length - 1; s >= limit; s--) {
        if (stack[s]?.name !== name) continue;
        closeFrom(s);
        break;
      }
      continue;
    }
    if (DROP_BODY_TAGS.has(name)) {
      const { bodyEnd, next } = rawTextEnd(html, name, i);
      if (name === 'script' && /application\/ld\+json/i.test(tag) && bodyEnd - i <= JSON_LD_MAX_CHARS) {
        emit('<script type="application/ld+json">', html.slice(i, bodyEnd), '</script>');
      }
      i = next;
      continue;
    }
    if (RAW_TEXT_TAGS.has(name)) {
      const { bodyEnd, next } = rawTextEnd(html, name, i);
      emit(shrinkAttributes(tag), html.slice(i, bodyEnd).replace(/</g, '&lt;'), `</${name}>`);
      i = next;
      continue;
    }
    if (VOID_TAGS.has(name) || tag.endsWith('/>')) {
      emit(shrinkAttributes(tag));
      continue;
    }
    if (SELF_CLOSING_SIBLINGS.has(name)) {
      // Close an open sibling of the same kind, looking only through inline elements (so an
      // <li> in a nested list does not close the outer <li>).
      const limit = Math.max(0, stack.length - IMPLIED_CLOSE_SEARCH_LIMIT);
      for (let s = stack.length - 1; s >= limit; s--) {
        const open = stack[s]?.name ?? '';
        if (open === name) {
          closeFrom(s);
          break;
        }
        if (!INLINE_TAGS.has(open)) break;
      }
    }
    const kept = keptDepth < HTML_MAX_DEPTH;
    stack.push({ name, kept });
    if (kept) { keptDepth++; emit(shrinkAttributes(tag)); }
  }
  const result = out.join('');
  return result.length > HTML_MAX_CHARS ? result.slice(0, HTML_MAX_CHARS) : result;
}
