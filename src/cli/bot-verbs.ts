/**
 * CLI verbs that run the bot's machinery: `start` (the scheduler) and `brief` (poll once, print).
 */
import { createApp, defaultInstanceId, feedSource, sqliteStorage, type App } from '../app.ts';
import { commands } from '../../commands/index.ts';
import { ConsoleAdapter } from '../chat/console/console-adapter.ts';
import { createDiscordAdapter } from '../chat/discord/adapter.ts';
import { registerCommands } from '../chat/discord/register.ts';
import { createDiscordWebhook } from '../chat/discord/webhook.ts';
import { createSlackAdapter } from '../chat/slack/adapter.ts';
import { createSlackWebhook } from '../chat/slack/webhook.ts';
import { renderBriefingText } from '../chat/console/render-text.ts';
import { loadConfig } from '../config/load-config.ts';
import { secretValues } from '../config/secret-values.ts';
import type { HeraldConfig } from '../config/schema.ts';
import type { ChatAdapter, Logger } from '../core/ports.ts';
import type { Briefing } from '../core/types.ts';
import { installRunCoordinator } from '../deliver/run-coordinator.ts';
import type { PollOutcome } from '../ingest/poll-feed.ts';
import { startHealthServer } from '../ops/health-server.ts';
import { metrics } from '../ops/metrics.ts';
import { readinessChecks } from '../ops/readiness.ts';
import { createLogger } from '../ops/logger.ts';
import { deliveryScheduler } from './deliver-wiring.ts';
import { printJson, type Output } from './io.ts';
import { parseSince } from '../core/parse-since.ts';

export function summarisePoll(outcomes: PollOutcome[], logger: Logger): void {
  const failed = outcomes.filter((o) => o.status === 'failed');
  logger.info(
    {
      updated: outcomes.filter((o) => o.status === 'updated').length,
      notModified: outcomes.filter((o) => o.status === 'not-modified').length,
      failed: failed.length,
      newItems: outcomes.reduce((n, o) => n + o.inserted.length, 0),
    },
    'poll round done',
  );
  for (const outcome of failed) logger.warn({ feed: outcome.feedId, reason: outcome.error?.reason }, `feed unreachable or unreadable: ${outcome.error?.message ?? ''}`);
}

function briefingJson(briefing: Briefing): object {
  return {
    title: briefing.title,
    createdAt: briefing.createdAt.toISOString(),
    ...(briefing.since ? { since: briefing.since.toISOString() } : {}),
    stories: briefing.stories.map((s) => ({
      id: s.id,
      headline: s.headline,
      bullets: s.bullets,
      sources: s.sources,
      ...(s.topic ? { topic: s.topic } : {}),
      ...(s.update ? { update: true } : {}),
    })),
  };
}

export interface BriefOptions {
  configPath?: string;
  feeds: string[];
  json: boolean;
  topic?: string;
  since?: string;
}

export async function briefVerb(options: BriefOptions, io: Output): Promise<number> {
  const config: HeraldConfig = loadConfig(options.configPath);
  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, secrets: secretValues(config) });
  const adhoc = options.feeds.length > 0;
  if (adhoc) {
    config.feeds = [];
    // Local feed files are offline use: do not reach out for their article pages.
    if (options.feeds.every((f) => !/^https?:\/\//i.test(f))) config.extract.fetchPages = false;
  }
  const app: App = await createApp(config, { logger, ...(adhoc ? { storage: sqliteStorage(':memory:') } : {}) });
  try {
    const feeds = adhoc ? options.feeds.map((url) => feedSource({ url })) : await app.feeds();
    const outcomes = await app.poll(feeds);
    summarisePoll(outcomes, logger);
    const since = options.since ? parseSince(options.since, app.clock.now()) : undefined;
    const briefing = await app.briefing('cli', { ...(since ? { since } : {}), ...(options.topic ? { topic: options.topic } : {}), feedIds: feeds.map((f) => f.id), ...(adhoc ? { windowStart: new Date(0) } : {}) });
    if (options.json) printJson(io, briefingJson(briefing));
    else io.out.write(`${renderBriefingText(briefing)}\n`);
    const allFailed = outcomes.length > 0 && outcomes.every((o) => o.status === 'failed');
    if (allFailed) for (const o of outcomes) io.err.write(`herald: ${o.error?.message ?? o.feedId}\n`);
    return allFailed ? 1 : 0;
  } finally {
    await app.close();
  }
}

/** Chat adapters for the platforms whose tokens are set; the console takes every other channel. */
function chatAdapters(app: App, logger: Logger, out: NodeJS.WritableStream): Map<string, ChatAdapter> {
  const { config } = app;
  const adapters = new Map<string, ChatAdapter>([['console', new ConsoleAdapter(out)]]);
  const { slackBotToken, slackAppToken, slackSigningSecret } = config.secrets;
  if (slackBotToken && (config.slack.mode === 'http' ? slackSigningSecret : slackAppToken)) {
    adapters.set(
      'slack',
      createSlackAdapter({
        botToken: slackBotToken,
        mode: config.slack.mode,
        port: config.slack.port,
        ...(slackAppToken ? { appToken: slackAppToken } : {}),
        ...(slackSigningSecret ? { signingSecret: slackSigningSecret } : {}),
        commands,
        services: app.services,
        logger,
        clock: app.clock,
        admins: { userIds: config.slack.adminUserIds, ...(config.slack.adminUserGroup ? { userGroupId: config.slack.adminUserGroup } : {}) },
      }),
    );
  } else if (slackBotToken) {
    logger.warn(config.slack.mode === 'http' ? 'SLACK_SIGNING_SECRET is needed for Slack HTTP mode' : 'SLACK_APP_TOKEN is needed for Slack Socket Mode');
  }
  const { discordToken, discordApplicationId } = config.secrets;
  if (discordToken && discordApplicationId) {
    adapters.set(
      'discord',
      createDiscordAdapter({
        token: discordToken,
        applicationId: discordApplicationId,
        commands,
        services: app.services,
        logger,
        clock: app.clock,
        ...(config.discord.adminRoleId ? { adminRoleId: config.discord.adminRoleId } : {}),
      }),
    );
  } else if (discordToken) {
    logger.warn('DISCORD_APPLICATION_ID is needed with DISCORD_TOKEN');
  }
  for (const channel of config.channels) {
    const url = config.secrets.webhooks[channel.id];
    if (!url) continue;
    const webhook = channel.platform === 'slack-webhook' ? createSlackWebhook({ url, logger }) : createDiscordWebhook({ url, logger });
    adapters.set(`webhook:${channel.id}`, webhook);
  }
  return adapters;
}

/** The instance that indexes stories keeps the job while it renews the claim each poll minute. */
const INDEX_LEADER_TTL_MS = 3 * 60_000;

export async function startVerb(options: { configPath?: string }, io: Output): Promise<number> {
  const config = loadConfig(options.configPath);
  const instanceId = config.instanceId ?? defaultInstanceId();
  const logger = createLogger({ level: config.logLevel, secrets: secretValues(config) }).child({ instance: instanceId });
  const app = await createApp(config, { logger, instanceId });
  installRunCoordinator(app);
  const adapters = chatAdapters(app, logger, io.out);
  const scheduler = deliveryScheduler({
    app,
    adapters,
    logger,
    pollDue: async (limit) => {
      summarisePoll(await app.poll(undefined, { limit }), logger);
      // One instance keeps the index current; another takes over when its claim lapses.
      if (await app.claimJob('index-stories', INDEX_LEADER_TTL_MS)) await app.indexStories();
    },
  });
  for (const adapter of adapters.values()) await adapter.start();
  const health = config.health.port
    ? await startHealthServer({ ...config.health, logger, checks: readinessChecks(app.store, adapters), metrics: metrics.registry })
    : undefined;
  logger.info({ storage: app.engine, feeds: (await app.feeds()).length, adapters: [...adapters.keys()], channels: config.channels.filter((c) => c.schedule).map((c) => `${c.id} ${c.schedule!.time} ${c.schedule!.timezone}`) }, 'Herald started');
  scheduler.start();
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string): void => {
      logger.info({ signal }, 'shutting down: finishing the post in flight, polling stopped');
      resolve();
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  });
  await scheduler.stop();
  await health?.close();
  for (const adapter of adapters.values()) await adapter.stop();
  await app.close();
  return 0;
}

/** `herald register-commands [--guild ID]`: per guild for testing, globally for production. */
export async function registerCommandsVerb(options: { configPath?: string; guildId?: string }, io: Output): Promise<number> {
  const config = loadConfig(options.configPath);
  const { discordToken, discordApplicationId } = config.secrets;
  if (!discordToken || !discordApplicationId) {
    io.err.write('herald: set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see .env.example) to register the slash commands\n');
    return 1;
  }
  const result = await registerCommands({ token: discordToken, applicationId: discordApplicationId, commands, ...(options.guildId ? { guildId: options.guildId } : {}) });
  io.out.write(`Registered ${result.names.map((n) => `/${n}`).join(', ')} ${result.scope === 'guild' ? `in guild ${options.guildId}` : 'globally (may take up to an hour to appear)'}.\n`);
  return 0;
}
