/**
 * Reading Slack payloads the way Slack and a person would: the visible text, whether anything in it
 * could ping, and the links with the host they show. Used by the contract harness and the hostile
 * corpus test, so both judge payloads by the same rules.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null;
}

/** Every string in a payload, wherever it sits. */
export function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) allStrings(v, out);
  else if (isObject(value)) for (const v of Object.values(value)) allStrings(v, out);
  return out;
}

/** Every text object ({ type: 'mrkdwn' | 'plain_text', text }) in a payload. */
export function textObjects(value: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(value)) for (const v of value) textObjects(v, out);
  else if (isObject(value)) {
    if ((value.type === 'mrkdwn' || value.type === 'plain_text') && typeof value.text === 'string') out.push(value);
    for (const v of Object.values(value)) textObjects(v, out);
  }
  return out;
}

export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** mrkdwn → what a person reads: link tokens become their label (or URL), entities are decoded. */
export function readMrkdwn(text: string): string {
  return decodeEntities(text.replace(/<([^<>|]*)\|([^<>]*)>/g, '$2').replace(/<([^<>|]*)>/g, '$1'));
}

/** The text a person sees in one message payload (blocks when present, else `text`). */
export function visibleText(payload: unknown): string {
  if (!isObject(payload)) return '';
  const blocks = Array.isArray(payload.blocks) ? payload.blocks : [];
  if (!blocks.length) return typeof payload.text === 'string' ? readMrkdwn(payload.text) : '';
  return textObjects(blocks)
    .map((t) => (t.type === 'mrkdwn' ? readMrkdwn(String(t.text)) : String(t.text)))
    .join('\n');
}

const BROADCAST_WORD = /(^|[^\p{L}\p{N}_])@(everyone|here|channel|group)(?![\p{L}\p{N}_])/iu;

/**
 * True when Slack could turn something in the payload into a notification: a special token
 * (`<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^…>`, `<@U…>`, `<#C…>`) in any string, a
 * broadcast word such as `@here` (also after NFKC folding, so `＠here` counts), mention parsing
 * switched on (`link_names`, `parse: full`), or a mrkdwn text object without `verbatim: true` that
 * holds an at sign.
 */
export function canPing(payload: unknown): boolean {
  if (!isObject(payload)) return false;
  if (payload.link_names === true || payload.link_names === 'true' || payload.link_names === 1 || payload.link_names === '1' || payload.parse === 'full') return true;
  for (const text of allStrings(payload)) {
    if (/<[!@#]/.test(text)) return true;
    if (BROADCAST_WORD.test(text.normalize('NFKC'))) return true;
  }
  return textObjects(payload).some((t) => t.type === 'mrkdwn' && t.verbatim !== true && /@/.test(String(t.text).normalize('NFKC')));
}

/** Every link token in a payload, with the label it shows (when it has one). */
export function links(payload: unknown): { url: string; shownHost?: string }[] {
  const found: { url: string; shownHost?: string }[] = [];
  for (const text of allStrings(payload)) {
    for (const match of text.matchAll(/<([^<>|]*)(?:\|([^<>]*))?>/g)) {
      const target = match[1] ?? '';
      if (/^[!@#]/.test(target)) continue;
      found.push({ url: decodeEntities(target), ...(match[2] !== undefined ? { shownHost: decodeEntities(match[2]) } : {}) });
    }
  }
  return found;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What breaks Slack's documented limits in one message payload: more than 50 blocks, a section text
 * over 3000 characters (or empty), a header over 150, a context block over 10 elements, a fallback
 * text over 4000; and any string holding half a surrogate pair.
 */
export function limitProblems(payload: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(payload)) return ['not an object'];
  const blocks = Array.isArray(payload.blocks) ? (payload.blocks as Json[]) : [];
  if (blocks.length > 50) problems.push(`${blocks.length} blocks`);
  if (typeof payload.text === 'string' && payload.text.length > 4000) problems.push(`fallback text of ${payload.text.length}`);
  for (const block of blocks) {
    const text = isObject(block.text) ? String(block.text.text ?? '') : '';
    if (block.type === 'section' && (text.length > 3000 || text.length === 0)) problems.push(`section text of ${text.length}`);
    if (block.type === 'header' && (text.length > 150 || text.length === 0)) problems.push(`header text of ${text.length}`);
    if (block.type === 'context') {
      const elements = Array.isArray(block.elements) ? (block.elements as Json[]) : [];
      if (elements.length > 10 || elements.length === 0) problems.push(`context with ${elements.length} elements`);
      for (const e of elements) if (String(e.text ?? '').length > 3000) problems.push(`context element of ${String(e.text).length}`);
    }
  }
  if (allStrings(payload).some((s) => LONE_SURROGATE.test(s))) problems.push('lone surrogate');
  return problems;
}
