/**
 * A digest as the outbox keeps it: JSON written when the slot is first claimed and read back by
 * every later try, so a retry or a restart posts the same stories the first try began with.
 */
import { z } from 'zod';
import type { Briefing } from '../core/types.ts';

const date = z.coerce.date().refine((d) => !Number.isNaN(d.getTime()), 'must be a date');

const storySchema = z.object({
  id: z.string(),
  headline: z.string(),
  bullets: z.array(z.string()),
  sources: z.array(z.object({ title: z.string(), url: z.string(), feed: z.string() })),
  people: z.array(z.string()),
  figures: z.array(
    z.object({
      value: z.string(),
      kind: z.enum(['number', 'money', 'percent', 'date', 'duration', 'ordinal']),
      context: z.string(),
      storyId: z.string(),
      resolved: z.string().optional(),
    }),
  ),
  firstSeen: date,
  topic: z.string().optional(),
  update: z.boolean().optional(),
});

const briefingSchema = z.object({
  channelId: z.string(),
  title: z.string(),
  createdAt: date,
  stories: z.array(storySchema),
  since: date.optional(),
});

export function encodeBriefing(briefing: Briefing): string {
  return JSON.stringify(briefing);
}

/** Throws when the text is not a briefing this version wrote. */
export function decodeBriefing(text: string): Briefing {
  const parsed = briefingSchema.parse(JSON.parse(text));
  const briefing: Briefing = { channelId: parsed.channelId, title: parsed.title, createdAt: parsed.createdAt, stories: [] };
  if (parsed.since) briefing.since = parsed.since;
  for (const story of parsed.stories) {
    const { topic, update, figures, ...rest } = story;
    briefing.stories.push({
      ...rest,
      figures: figures.map(({ resolved, ...figure }) => ({ ...figure, ...(resolved !== undefined ? { resolved } : {}) })),
      ...(topic !== undefined ? { topic } : {}),
      ...(update !== undefined ? { update } : {}),
    });
  }
  return briefing;
}
