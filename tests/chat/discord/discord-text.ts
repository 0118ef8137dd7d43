/**
 * What a person would see in a Discord message body, and the checks the contract asks for: could
 * it ping, and which links could be clicked with which host shown. Deliberately stricter than
 * Discord: hidden forms (invisible characters other than our U+200B, HTML entities, full-width
 * letters) are folded before looking for mentions.
 */
import { decodeHTML } from 'entities';

type Json = Record<string, unknown>;

/** The message inside a payload: an interaction callback's `data`, else the payload itself. */
export function messageBody(payload: unknown): Json | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const json = payload as Json;
  if (typeof json.type === 'number' && json.data && typeof json.data === 'object') return json.data as Json;
  return json;
}

function embedsOf(body: Json): Json[] {
  return Array.isArray(body.embeds) ? (body.embeds as Json[]) : [];
}

/** Every piece of text Discord would render from a body, markdown escapes still in place. */
export function textPieces(payload: unknown): string[] {
  const body = messageBody(payload);
  if (!body) return [];
  const pieces: string[] = [];
  if (typeof body.content === 'string') pieces.push(body.content);
  for (const embed of embedsOf(body)) {
    for (const key of ['title', 'description'] as const) if (typeof embed[key] === 'string') pieces.push(embed[key]);
    for (const field of (embed.fields as Json[] | undefined) ?? []) pieces.push(String(field.name), String(field.value));
    if (embed.footer) pieces.push(String((embed.footer as Json).text));
    if (embed.author) pieces.push(String((embed.author as Json).name));
  }
  return pieces;
}

/** Markdown escapes rendered away (`\*` shows `*`). */
export function rendered(text: string): string {
  return text.replace(/\\([^\p{L}\p{N}\s])/gu, '$1');
}

export function visibleText(payload: unknown): string {
  return textPieces(payload).map(rendered).join('\n');
}

/** Invisible characters except the U+200B our escaping inserts. */
const HIDDEN = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180E\u200C-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]|[\u{E0000}-\u{E007F}]/gu;
const PING = [/@(?:everyone|here)/i, /<@[!&]?[\w-]+>/];
/** Any Discord markup token (mentions, channels, timestamps, custom emoji, command links). */
const TOKEN = /<(?:@[!&]?|#|t:|a?:\w+:|\/|id:)[^<>]*>/;

function folded(text: string): string {
  let out = rendered(text).replace(HIDDEN, '');
  for (let i = 0; i < 3; i += 1) out = decodeHTML(out);
  return out.replace(HIDDEN, '').normalize('NFKC').replace(/[﹫]/g, '@');
}

/** True when text alone would ping, whatever `allowed_mentions` says. */
export function textCouldPing(text: string): boolean {
  const plain = folded(text);
  return PING.some((p) => p.test(plain));
}

export function hasDiscordToken(text: string): boolean {
  return TOKEN.test(folded(text));
}

/** `allowed_mentions` that lets nothing ping. */
export function mentionsBlocked(payload: unknown): boolean {
  const allowed = messageBody(payload)?.allowed_mentions as Json | undefined;
  if (!allowed || !Array.isArray(allowed.parse) || allowed.parse.length > 0) return false;
  return !(Array.isArray(allowed.users) && allowed.users.length) && !(Array.isArray(allowed.roles) && allowed.roles.length) && allowed.replied_user !== true;
}

export function canPing(payload: unknown): boolean {
  if (textPieces(payload).length === 0) return false;
  return !mentionsBlocked(payload) || textPieces(payload).some(textCouldPing);
}

/** Masked links `[label](target)` that Discord would render: brackets not escaped by a backslash. */
function maskedLinks(text: string): { label: string; target: string }[] {
  const found: { label: string; target: string }[] = [];
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '\\') {
      i += 1;
      continue;
    }
    if (text[i] !== '[') continue;
    let j = i + 1;
    while (j < text.length && text[j] !== ']') j += text[j] === '\\' ? 2 : 1;
    if (text[j] !== ']' || text[j + 1] !== '(') continue;
    const close = text.indexOf(')', j + 2);
    if (close < 0) continue;
    found.push({ label: rendered(text.slice(i + 1, j)), target: text.slice(j + 2, close).replace(/^<|>$/g, '') });
    i = close;
  }
  return found;
}

/** Links a person could click, with the host they would see (the label, or the URL itself). */
export function links(payload: unknown): { url: string; shownHost?: string }[] {
  const out: { url: string; shownHost?: string }[] = [];
  for (const piece of textPieces(payload)) {
    const masked = maskedLinks(piece);
    for (const link of masked) out.push({ url: link.target, shownHost: link.label });
    let bare = piece;
    for (const link of masked) bare = bare.replace(`(${link.target})`, '');
    // Discord autolinks http(s) URLs only; each shows itself, so its host is what a person sees.
    for (const match of rendered(bare).matchAll(/https?:\/\/[^\s<>()[\]]+/gi)) {
      let host: string | undefined;
      try {
        host = new URL(match[0]).host;
      } catch {
        host = undefined;
      }
      out.push({ url: match[0], ...(host ? { shownHost: host } : {}) });
    }
  }
  for (const embed of embedsOf(messageBody(payload) ?? {})) {
    if (typeof embed.url === 'string') out.push({ url: embed.url, shownHost: rendered(String(embed.title ?? '')) });
  }
  return out;
}
