/**
 * Logs carry feed, channel and command fields, and no secret reaches them: not from the config,
 * not from an error's text, not from a feed URL with credentials, at any depth.
 */
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { createApp, sqliteStorage, type App } from '../../src/app.ts';
import { runCommand } from '../../src/chat/run-command.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import { secretValues } from '../../src/config/secret-values.ts';
import type { Logger } from '../../src/core/ports.ts';
import { createLogger } from '../../src/ops/logger.ts';
import { fixtureServices } from '../support/services-fixture.ts';
import { startFeedServer, type FeedServer } from '../support/feed-server.ts';

const SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-1111111111-2222222222-AbCdEfGhIjKlMnOp',
  SLACK_APP_TOKEN: 'xapp-1-A0000000000-1234567890-abcdef0123456789',
  SLACK_SIGNING_SECRET: '8f14e45fceea167a5a36dedd4bea2543',
  DISCORD_TOKEN: 'MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789ab',
  DISCORD_APPLICATION_ID: '1098765432109876543',
  HERALD_LLM_API_KEY: 'local-model-key-9d8c7b6a',
  DATABASE_URL: 'postgres://herald:Sup3r-S3cret-pw@db.internal:5432/herald',
  TEAM_WEBHOOK: 'https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX',
};
/** Distinctive pieces of each secret: none may appear in the output. */
const NEEDLES = ['AbCdEfGhIjKlMnOp', 'abcdef0123456789', '8f14e45fceea167a5a36dedd4bea2543', 'GhIjKl.AbCd', 'local-model-key-9d8c7b6a', 'Sup3r-S3cret-pw', 'XXXXXXXXXXXXXXXXXXXXXXXX'];

function capture(secrets: readonly string[] = []): { logger: Logger; lines: () => Record<string, unknown>[]; text: () => string } {
  let out = '';
  const destination = new Writable({ write(chunk, _encoding, done) { out += String(chunk); done(); } });
  const logger = createLogger({ level: 'debug', destination, secrets });
  return { logger, text: () => out, lines: () => out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const config = () =>
  parseConfig('channels:\n  - id: team\n    platform: slack-webhook\n    target: TEAM_WEBHOOK\n', 'test.yaml', SECRETS);

describe('log output', () => {
  let server: FeedServer | undefined;
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    await server?.close();
    app = undefined;
    server = undefined;
  });

  it('never shows a secret from the config, wherever it is logged', () => {
    const loaded = config();
    const log = capture(secretValues(loaded));
    log.logger.info({ config: loaded }, 'config loaded');
    log.logger.info({ deep: { a: { b: { c: { value: SECRETS.HERALD_LLM_API_KEY, list: [SECRETS.SLACK_SIGNING_SECRET] } } } } }, 'nested');
    log.logger.warn(`signature check failed with ${SECRETS.SLACK_SIGNING_SECRET}`);
    log.logger.error({ err: new Error(`connect ${SECRETS.DATABASE_URL} failed: token ${SECRETS.SLACK_BOT_TOKEN}`) }, 'database down');
    log.logger.child({ channel: 'team', webhook: SECRETS.TEAM_WEBHOOK }).error({ reason: `POST ${SECRETS.TEAM_WEBHOOK} returned 404` }, `webhook ${SECRETS.TEAM_WEBHOOK} gone`);
    log.logger.info({ auth: `Bot ${SECRETS.DISCORD_TOKEN}`, app: SECRETS.SLACK_APP_TOKEN }, 'gateway');
    const text = log.text();
    for (const needle of NEEDLES) expect(text).not.toContain(needle);
    expect(text).toContain('[redacted]');
    expect(log.lines()).toHaveLength(6);
    expect(log.lines()[4]).toMatchObject({ channel: 'team', level: 'error' });
  });

  it('masks token shapes even without the configured values', () => {
    const log = capture();
    log.logger.warn({ err: new Error(`auth failed for ${SECRETS.SLACK_BOT_TOKEN} at ${SECRETS.DATABASE_URL}`) }, `retrying with ${SECRETS.DISCORD_TOKEN}`);
    const text = log.text();
    for (const needle of ['AbCdEfGhIjKlMnOp', 'Sup3r-S3cret-pw', 'GhIjKl.AbCd']) expect(text).not.toContain(needle);
  });

  it('logs a failed poll with its feed field and without the credentials in the feed URL', async () => {
    server = await startFeedServer();
    server.route('/private.xml', { status: 401, body: 'no' });
    const log = capture();
    const loaded = config();
    loaded.fetch.allowHosts = [server.host];
    loaded.feeds = [{ url: `http://reader:pw-Zq81-secret@${server.host}/private.xml?token=${SECRETS.SLACK_BOT_TOKEN}`, weight: 1 }];
    app = await createApp(loaded, { logger: log.logger, storage: sqliteStorage(':memory:') });
    const [outcome] = await app.poll();
    expect(outcome?.status).toBe('failed');
    const warned = log.lines().find((l) => l.level === 'warn');
    expect(warned).toMatchObject({ feed: expect.stringContaining('/private.xml'), reason: 'bad-status' });
    expect(log.text()).not.toContain('pw-Zq81-secret');
    expect(log.text()).not.toContain('AbCdEfGhIjKlMnOp');
  });

  it('logs a failed command with its command and channel fields, and no secret from the error', async () => {
    const log = capture(secretValues(config()));
    const services = fixtureServices();
    services.person = async () => {
      throw new Error(`index unreachable at ${SECRETS.DATABASE_URL}`);
    };
    const outcome = await runCommand({
      command: commands.find((c) => c.name === 'who')!,
      options: { name: 'Ada Lovelace' },
      services,
      user: { id: 'U1', isAdmin: false },
      channel: { id: 'C42', platform: 'slack' },
      now: new Date('2026-11-20T08:00:00Z'),
      logger: log.logger,
    });
    expect(outcome.status).toBe('error');
    expect(log.lines().find((l) => l.msg === 'command failed')).toMatchObject({ command: 'who', channel: 'C42', err: { type: 'Error' } });
    expect(log.text()).not.toContain('Sup3r-S3cret-pw');
  });
});
