/**
 * The few Block Kit shapes Herald sends, with Slack's limits, and the packing that keeps every message
 * within them. Builders take text that is already escaped (see escape.ts); they only lay it out.
 */

/** Slack refuses a message with more blocks than this. */
export const MAX_BLOCKS = 50;
/** Characters in one section (or context element) text. */
export const MAX_SECTION_CHARS = 3000;
/** Characters in a header block's plain text. */
export const MAX_HEADER_CHARS = 150;
/** Elements in one context block. */
export const MAX_CONTEXT_ELEMENTS = 10;
/** The notification / fallback `text` of a message; Slack allows far more, people read far less. */
export const MAX_FALLBACK_CHARS = 300;

export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
  /** Always true: no auto-linking and no automatic mention parsing of our text. */
  verbatim: true;
}

export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: boolean } }
  | { type: 'section'; text: MrkdwnText }
  | { type: 'context'; elements: MrkdwnText[] }
  | { type: 'divider' };

/** One message as sent: escaped fallback text and its blocks. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

export function mrkdwn(text: string): MrkdwnText {
  return { type: 'mrkdwn', text, verbatim: true };
}

export function header(plainText: string): SlackBlock {
  return { type: 'header', text: { type: 'plain_text', text: plainText, emoji: true } };
}

export function context(...texts: string[]): SlackBlock {
  return { type: 'context', elements: texts.slice(0, MAX_CONTEXT_ELEMENTS).map(mrkdwn) };
}

export const divider: SlackBlock = { type: 'divider' };

/**
 * Sections holding the lines in order, each at most MAX_SECTION_CHARS. Every line must already fit
 * (callers cut lines with fitMrkdwn); lines are never split. Empty lines are kept inside a section
 * (a paragraph break) and dropped at its edges.
 */
export function sections(lines: readonly string[]): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  let current: string[] = [];
  let size = 0;
  const flush = (): void => {
    const text = current.join('\n').trim();
    if (text) blocks.push({ type: 'section', text: mrkdwn(text) });
    current = [];
    size = 0;
  };
  for (const line of lines) {
    if (current.length && size + 1 + line.length > MAX_SECTION_CHARS) flush();
    size += (current.length ? 1 : 0) + line.length;
    current.push(line);
  }
  flush();
  return blocks;
}

/**
 * Split groups of blocks (a story, a heading with its lines) into messages of at most MAX_BLOCKS,
 * keeping each group whole unless it alone is too big. Every message carries the same fallback text,
 * which must not be empty.
 */
export function packMessages(fallback: string, groups: readonly (readonly SlackBlock[])[]): SlackMessage[] {
  const messages: SlackMessage[] = [];
  let current: SlackBlock[] = [];
  const flush = (): void => {
    if (current.length) messages.push({ text: fallback, blocks: current });
    current = [];
  };
  for (const group of groups) {
    if (current.length + group.length > MAX_BLOCKS) flush();
    for (const block of group) {
      if (current.length === MAX_BLOCKS) flush();
      current.push(block);
    }
  }
  flush();
  return messages.length ? messages : [{ text: fallback, blocks: [{ type: 'section', text: mrkdwn(fallback) }] }];
}
