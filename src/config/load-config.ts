/**
 * Loads and validates the configuration. The only module that reads process.env.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ZodError } from 'zod';
import { ConfigError } from '../core/errors.ts';
import { configSchema, type HeraldConfig } from './schema.ts';

export const DEFAULT_CONFIG_PATH = 'config/default.yaml';
const LLM_DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_HEALTH_PORT = 9464;

type Env = Record<string, string | undefined>;

/** `feeds[3].url: must be http(s)` for each issue. */
export function formatIssues(error: ZodError): string[] {
  return error.issues.map((issue) => {
    let path = '';
    for (const key of issue.path) {
      path += typeof key === 'number' ? `[${key}]` : path === '' ? String(key) : `.${String(key)}`;
    }
    const message = issue.code === 'invalid_type' && /received undefined/.test(issue.message) ? 'is required' : issue.message;
    return `${path || '(root)'}: ${message}`;
  });
}

/** Parse YAML text into a validated config; throws ConfigError listing every problem. */
export function parseConfig(text: string, source: string, env: Env = {}): HeraldConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 100 }) ?? {};
  } catch (error) {
    throw new ConfigError(source, [`(yaml): ${(error as Error).message.split('\n')[0]}`]);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(source, formatIssues(parsed.error));
  return applyEnv({ ...parsed.data, configPath: source, logLevel: 'info', health: { port: DEFAULT_HEALTH_PORT, host: '127.0.0.1' }, secrets: { webhooks: {} } }, env);
}

function applyEnv(config: HeraldConfig, env: Env): HeraldConfig {
  const value = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  if (value('HERALD_DB_PATH')) config.storage.sqlitePath = value('HERALD_DB_PATH')!;
  const databaseUrl = value('DATABASE_URL');
  if (databaseUrl) config.databaseUrl = databaseUrl;
  const instanceId = value('HERALD_INSTANCE_ID');
  if (instanceId) config.instanceId = instanceId;
  config.logLevel = value('LOG_LEVEL') ?? 'info';
  const healthPort = Number(value('HERALD_HEALTH_PORT') ?? DEFAULT_HEALTH_PORT);
  if (Number.isInteger(healthPort) && healthPort >= 0 && healthPort < 65_536) config.health.port = healthPort;
  config.health.host = value('HERALD_HEALTH_HOST') ?? config.health.host;
  const allow = value('HERALD_ALLOW_HOSTS');
  if (allow) config.fetch.allowHosts = [...config.fetch.allowHosts, ...allow.split(',').map((h) => h.trim()).filter(Boolean)];
  const llmUrl = value('HERALD_LLM_URL');
  if (llmUrl) {
    const timeout = Number(value('HERALD_LLM_TIMEOUT_MS') ?? LLM_DEFAULT_TIMEOUT_MS);
    config.llm = {
      url: llmUrl,
      model: value('HERALD_LLM_MODEL') ?? 'gpt-4o-mini',
      timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : LLM_DEFAULT_TIMEOUT_MS,
    };
  }
  const secrets = config.secrets;
  const set = (key: Exclude<keyof typeof secrets, 'webhooks'>, name: string): void => {
    const v = value(name);
    if (v) secrets[key] = v;
  };
  set('slackBotToken', 'SLACK_BOT_TOKEN');
  set('slackAppToken', 'SLACK_APP_TOKEN');
  set('slackSigningSecret', 'SLACK_SIGNING_SECRET');
  set('discordToken', 'DISCORD_TOKEN');
  set('discordApplicationId', 'DISCORD_APPLICATION_ID');
  set('llmApiKey', 'HERALD_LLM_API_KEY');
  for (const channel of config.channels) {
    if (channel.platform !== 'slack-webhook' && channel.platform !== 'discord-webhook') continue;
    const variable = channel.target ?? (channel.platform === 'slack-webhook' ? 'SLACK_WEBHOOK_URL' : 'DISCORD_WEBHOOK_URL');
    const url = value(variable);
    if (url) secrets.webhooks[channel.id] = url;
  }
  return config;
}

/** Load the config file named by `path`, HERALD_CONFIG, or the default, with env overrides. */
export function loadConfig(path?: string, env: Env = process.env): HeraldConfig {
  const file = resolve(path ?? env.HERALD_CONFIG ?? DEFAULT_CONFIG_PATH);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [`(file): cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  return parseConfig(text, file, env);
}

/** A config with defaults only, for CLI verbs that work without a config file. */
export function defaultConfig(env: Env = process.env): HeraldConfig {
  return parseConfig('{}', '(defaults)', env);
}
