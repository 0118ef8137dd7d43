/**
 * The configuration schema. `config/default.yaml` is parsed with it at start; an invalid file
 * fails fast with every problem listed by path.
 */
import { z } from 'zod';

const httpUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be http(s)');

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');

const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Europe/London');

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const feedSchema = z.object({
  url: httpUrl,
  id: z.string().min(1).optional(),
  title: z.string().optional(),
  topic: z.string().min(1).optional(),
  weight: z.number().positive().max(10).default(1),
});

export const scheduleSchema = z.object({
  time: hhmm,
  timezone: timeZone.default('UTC'),
  weekdays: z.array(z.enum(WEEKDAYS)).min(1).default([...WEEKDAYS]),
});

export const channelSchema = z.object({
  id: z.string().min(1),
  platform: z.enum(['console', 'slack', 'discord', 'slack-webhook', 'discord-webhook']),
  /** Slack/Discord channel id; for webhooks, the name of the environment variable holding the URL. */
  target: z.string().min(1).optional(),
  schedule: scheduleSchema.optional(),
  topics: z.array(z.string().min(1)).optional(),
  maxStories: z.number().int().min(1).max(25).default(8),
});

export const configSchema = z.object({
  feeds: z.array(feedSchema).default([]),
  channels: z.array(channelSchema).default([]),
  fetch: z
    .object({
      timeoutMs: z.number().int().min(100).max(120_000).default(20_000),
      connectTimeoutMs: z.number().int().min(100).max(60_000).default(5_000),
      maxBytes: z.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
      maxRedirects: z.number().int().min(0).max(10).default(5),
      perHostConcurrency: z.number().int().min(1).max(16).default(2),
      userAgent: z.string().min(1).optional(),
      /** Private, loopback or link-local hosts that may be fetched anyway ("127.0.0.1:8080", "10.0.0.0/8"). */
      allowHosts: z.array(z.string().min(1)).default([]),
    })
    .prefault({}),
  poll: z
    .object({
      intervalMinutes: z.number().min(1).max(1440).default(15),
      concurrency: z.number().int().min(1).max(256).default(8),
      maxBackoffMinutes: z.number().min(1).max(10_080).default(360),
      /** How long an instance's claim on a feed lasts unrenewed: a dead instance's feeds return to the pool after it. */
      leaseSeconds: z.number().min(1).max(3_600).default(120),
    })
    .prefault({}),
  extract: z
    .object({
      /** Items whose text is shorter than this many words get their page fetched. */
      teaserWords: z.number().int().min(0).max(10_000).default(120),
      fetchPages: z.boolean().default(true),
    })
    .prefault({}),
  briefing: z
    .object({
      windowHours: z.number().min(1).max(24 * 14).default(36),
      maxStories: z.number().int().min(1).max(50).default(8),
      bulletsPerStory: z.number().int().min(2).max(4).default(3),
    })
    .prefault({}),
  slack: z
    .object({
      /** Socket Mode needs no public URL; HTTP mode verifies the signing secret and suits a load balancer. */
      mode: z.enum(['socket', 'http']).default('socket'),
      port: z.number().int().min(0).max(65_535).default(3000),
      /** Besides workspace admins and owners, these users (ids like U123) may run admin commands. */
      adminUserIds: z.array(z.string().min(1)).default([]),
      /** Members of this user group (id like S123) may run admin commands. */
      adminUserGroup: z.string().min(1).optional(),
    })
    .prefault({}),
  discord: z
    .object({
      /** Besides members with Manage Server, holders of this role id may run admin commands. */
      adminRoleId: z.string().min(1).nullish().transform((v) => v ?? undefined),
    })
    .prefault({}),
  deliver: z
    .object({
      /** A digest whose slot passed (downtime) less than this long ago is sent once, marked late; older ones are skipped and logged. */
      graceHours: z.number().min(0).max(48).default(3),
      /** A feed failing this long is reported once, with the reason, in the channels that get it. */
      feedFailingHours: z.number().min(1).max(24 * 30).default(24),
      /** Retrying one platform call (5xx, network, 429) stops after this long; the digest is tried again later. */
      retryDeadlineMinutes: z.number().min(1).max(120).default(10),
      /** Id of a configured channel where Herald tells admins about a channel it had to stop posting to. */
      adminChannel: z.string().min(1).nullish().transform((v) => v ?? undefined),
    })
    .prefault({}),
  storage: z
    .object({
      sqlitePath: z.string().min(1).default('./data/herald.db'),
    })
    .prefault({}),
});

export type HeraldConfigFile = z.infer<typeof configSchema>;
export type FeedConfig = z.infer<typeof feedSchema>;
export type ChannelConfig = z.infer<typeof channelSchema>;

/** Values that come only from the environment (secrets never live in YAML). */
export interface Secrets {
  slackBotToken?: string;
  slackAppToken?: string;
  slackSigningSecret?: string;
  discordToken?: string;
  discordApplicationId?: string;
  llmApiKey?: string;
  /** Webhook URL per webhook channel id, read from the variable the channel's `target` names. */
  webhooks: Record<string, string>;
}

export interface HeraldConfig extends HeraldConfigFile {
  configPath: string;
  databaseUrl?: string;
  /** This instance's name among several sharing one database (HERALD_INSTANCE_ID); default host, pid and a random part. */
  instanceId?: string;
  logLevel: string;
  /** Port for /healthz (0 turns it off) and the host it binds to. */
  health: { port: number; host: string };
  llm?: { url: string; model: string; timeoutMs: number };
  secrets: Secrets;
}
