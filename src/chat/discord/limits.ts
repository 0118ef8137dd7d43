/**
 * Discord's message limits, and the packing that keeps every message inside them: lines into
 * descriptions or fields, fields into embeds, embeds into messages.
 * @see https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import { truncate } from '../safe-text.ts';

export const CONTENT_MAX_CHARS = 2000;
export const EMBED_TITLE_MAX_CHARS = 256;
export const EMBED_DESCRIPTION_MAX_CHARS = 4096;
export const FIELD_NAME_MAX_CHARS = 256;
export const FIELD_VALUE_MAX_CHARS = 1024;
export const FIELDS_PER_EMBED = 25;
export const EMBEDS_PER_MESSAGE = 10;
/** Titles, descriptions, field names and values, footers and author names of all embeds of one message. */
export const EMBED_TOTAL_MAX_CHARS = 6000;
export const THREAD_NAME_MAX_CHARS = 100;
export const CHOICE_MAX_CHARS = 100;
export const CHOICES_MAX = 25;

export interface NoMentions {
  parse: never[];
}

/** What every message Herald sends allows to ping: nothing. */
export function noMentions(): NoMentions {
  return { parse: [] };
}

/** A message body as the API takes it (POST /channels/{id}/messages, interaction responses). */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  allowed_mentions: NoMentions;
}

export function embedLength(embed: APIEmbed): number {
  let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

/** Greedy: lines joined by newlines into chunks of at most `max` (each line must already fit). */
export function chunkLines(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of lines) {
    const next = current ? `${current}\n${line}` : line;
    if (next.length <= max) {
      current = next;
      continue;
    }
    if (current) chunks.push(current);
    current = truncate(line, max);
  }
  if (current) chunks.push(current);
  return chunks;
}

/** Lines into fields named `name` (the later ones "name (cont.)"), each value within the field limit. */
export function fieldsFromLines(name: string, lines: readonly string[]): APIEmbedField[] {
  return chunkLines(lines, FIELD_VALUE_MAX_CHARS).map((value, index) => ({ name: index === 0 ? name : `${name} (cont.)`, value }));
}

/** Fields into embeds of at most 25 fields and the total limit; the first embed carries `head`. */
export function embedsFromFields(head: APIEmbed, fields: readonly APIEmbedField[]): APIEmbed[] {
  const embeds: APIEmbed[] = [];
  let current: APIEmbed = { ...head, fields: [] };
  for (const field of fields) {
    const full = (current.fields?.length ?? 0) >= FIELDS_PER_EMBED || embedLength(current) + field.name.length + field.value.length > EMBED_TOTAL_MAX_CHARS;
    if (full) {
      embeds.push(current);
      current = { ...(head.color === undefined ? {} : { color: head.color }), fields: [] };
    }
    current.fields!.push(field);
  }
  embeds.push(current);
  return embeds.map(({ fields, ...rest }) => (fields?.length ? { ...rest, fields } : rest));
}

/** Embeds into messages of at most 10 embeds and 6000 characters; `content` goes on the first. */
export function packMessages(content: string | undefined, embeds: readonly APIEmbed[]): DiscordMessage[] {
  const messages: DiscordMessage[] = [];
  let current: DiscordMessage = { ...(content ? { content } : {}), embeds: [], allowed_mentions: noMentions() };
  let length = 0;
  for (const embed of embeds) {
    const size = embedLength(embed);
    if (current.embeds.length >= EMBEDS_PER_MESSAGE || (current.embeds.length > 0 && length + size > EMBED_TOTAL_MAX_CHARS)) {
      messages.push(current);
      current = { embeds: [], allowed_mentions: noMentions() };
      length = 0;
    }
    current.embeds.push(embed);
    length += size;
  }
  if (current.content || current.embeds.length) messages.push(current);
  return messages;
}

/** Plain content messages from lines, each within 2000 characters. */
export function contentMessages(lines: readonly string[], maxMessages: number): DiscordMessage[] {
  const chunks = chunkLines(lines, CONTENT_MAX_CHARS);
  const kept = chunks.slice(0, maxMessages);
  if (chunks.length > maxMessages && kept.length) {
    const last = kept[kept.length - 1]!;
    kept[kept.length - 1] = last.length < CONTENT_MAX_CHARS - 2 ? `${last}\n…` : truncate(`${last}…`, CONTENT_MAX_CHARS);
  }
  return kept.map((content) => ({ content, embeds: [], allowed_mentions: noMentions() }));
}
