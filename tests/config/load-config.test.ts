import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../src/config/load-config.ts';
import { ConfigError } from '../../src/core/errors.ts';

describe('config', () => {
  it('loads the shipped default config with 6 to 12 feeds across world, business and technology', () => {
    const config = loadConfig('config/default.yaml', {});
    expect(config.feeds.length).toBeGreaterThanOrEqual(6);
    expect(config.feeds.length).toBeLessThanOrEqual(12);
    expect(new Set(config.feeds.map((f) => f.topic))).toEqual(new Set(['world', 'business', 'technology']));
    expect(config.fetch.maxBytes).toBe(10 * 1024 * 1024);
    expect(config.storage.sqlitePath).toBe('./data/herald.db');
  });

  it('lists every problem by path', () => {
    const yaml = [
      'feeds:',
      '  - url: https://ok.example/rss',
      '  - url: ftp://bad.example/rss',
      '  - topic: world',
      'channels:',
      '  - id: c1',
      '    platform: telegram',
      '    schedule: { time: "25:00", timezone: Mars/Olympus }',
    ].join('\n');
    try {
      parseConfig(yaml, 'test.yaml');
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toContain('feeds[1].url: must be http(s)');
      expect(problems).toContain('feeds[2].url: is required');
      expect(problems.some((p) => p.startsWith('channels[0].platform:'))).toBe(true);
      expect(problems).toContain('channels[0].schedule.time: must be HH:MM (24-hour)');
      expect(problems).toContain('channels[0].schedule.timezone: must be an IANA time zone such as Europe/London');
    }
  });

  it('reports YAML syntax errors and missing files as ConfigError', () => {
    expect(() => parseConfig('feeds: [', 'broken.yaml')).toThrow(ConfigError);
    expect(() => loadConfig('/nonexistent/herald.yaml', {})).toThrow(/cannot read/);
  });

  it('takes secrets and overrides from the environment only', () => {
    const config = parseConfig('feeds: []', 'x.yaml', {
      SLACK_BOT_TOKEN: 'xoxb-1',
      DISCORD_TOKEN: 'discord-secret',
      DATABASE_URL: 'postgres://u:p@localhost/db',
      HERALD_DB_PATH: '/tmp/x.db',
      HERALD_LLM_URL: 'http://127.0.0.1:11434',
      HERALD_ALLOW_HOSTS: '127.0.0.1:8080, 10.0.0.0/8',
    });
    expect(config.secrets).toMatchObject({ slackBotToken: 'xoxb-1', discordToken: 'discord-secret' });
    expect(config.databaseUrl).toBe('postgres://u:p@localhost/db');
    expect(config.storage.sqlitePath).toBe('/tmp/x.db');
    expect(config.llm?.url).toBe('http://127.0.0.1:11434');
    expect(config.fetch.allowHosts).toEqual(['127.0.0.1:8080', '10.0.0.0/8']);
  });

  it('reads webhook URLs from the variable a webhook channel names, never from YAML', () => {
    const yaml = ['channels:', '  - { id: team, platform: slack-webhook }', '  - { id: ops, platform: discord-webhook, target: OPS_HOOK }'].join('\n');
    const config = parseConfig(yaml, 'x.yaml', { SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/x', OPS_HOOK: 'https://discord.com/api/webhooks/1/t' });
    expect(config.secrets.webhooks).toEqual({ team: 'https://hooks.slack.com/services/T/B/x', ops: 'https://discord.com/api/webhooks/1/t' });
  });

  it('documents every environment variable it reads in .env.example', () => {
    const source = readFileSync('src/config/load-config.ts', 'utf8');
    const names = new Set([...source.matchAll(/'((?:HERALD|SLACK|DISCORD|DATABASE|LOG)_[A-Z_]+)'/g)].map((m) => m[1]!));
    const example = readFileSync('.env.example', 'utf8');
    for (const name of names) expect(example, name).toMatch(new RegExp(`^#?\\s*${name}=`, 'm'));
  });
});
