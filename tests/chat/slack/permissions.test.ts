import { afterEach, describe, expect, it } from 'vitest';
import { createAdminCheck, type AdminDirectory } from '../../../src/chat/slack/permissions.ts';
import { silentLogger } from '../../../src/ops/logger.ts';
import { fixtureServices, type FixtureServices } from '../../support/services-fixture.ts';
import { MEMBER_USER, slackHarness, type SlackHarness } from './harness.ts';

const FEED = 'https://feeds.example/rss';

describe('Slack admin commands (through Bolt and the stand-in)', () => {
  let harness: SlackHarness | undefined;
  let services: FixtureServices;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  async function start(admins: { userIds?: string[]; userGroupId?: string }): Promise<SlackHarness> {
    services = fixtureServices();
    harness = await slackHarness(services, { admins });
    return harness;
  }

  const subscribed = () => services.calls.filter((c) => c.name === 'subscribe');

  it('refuses /subscribe from a member, privately, and subscribes nothing', async () => {
    const h = await start({ userGroupId: 'S0ADMINS' });
    h.slack.userGroups.set('S0ADMINS', ['U0EDITOR']);
    const result = await h.invokeAs('subscribe', FEED, MEMBER_USER);
    expect(result.ephemeral).toBe(true);
    expect(result.text).toMatch(/Only admins can use \/subscribe/);
    expect(subscribed()).toHaveLength(0);
  });

  it('lets a member of the configured user group /subscribe', async () => {
    const h = await start({ userGroupId: 'S0ADMINS' });
    h.slack.users.set('U0EDITOR', {});
    h.slack.userGroups.set('S0ADMINS', ['U0EDITOR']);
    const result = await h.invokeAs('subscribe', FEED, 'U0EDITOR');
    expect(result.text).toContain('Subscribed');
    expect(subscribed()).toHaveLength(1);
    expect(h.slack.callsTo('usergroups.users.list').map((c) => c.body.usergroup)).toEqual(['S0ADMINS']);
  });

  it('lets a configured user id /subscribe without asking Slack', async () => {
    const h = await start({ userIds: ['U0CHIEF'] });
    const result = await h.invokeAs('subscribe', FEED, 'U0CHIEF');
    expect(result.text).toContain('Subscribed');
    expect(h.slack.callsTo('users.info')).toHaveLength(0);
  });

  it('lets a workspace owner /subscribe, and remembers the answer for the next command', async () => {
    const h = await start({});
    h.slack.users.set('U0OWNER', { is_owner: true });
    expect((await h.invokeAs('subscribe', FEED, 'U0OWNER')).text).toContain('Subscribed');
    expect((await h.invokeAs('feeds', '', 'U0OWNER')).text).toContain('news.example');
    expect(h.slack.callsTo('users.info')).toHaveLength(1);
  });

  it('refuses when the lookup fails, and asks again next time', async () => {
    const h = await start({});
    h.slack.users.set('U0OWNER', { is_owner: true });
    h.slack.failNext('users.info', 'ratelimited');
    expect((await h.invokeAs('subscribe', FEED, 'U0OWNER')).text).toMatch(/Only admins/);
    expect((await h.invokeAs('subscribe', FEED, 'U0OWNER')).text).toContain('Subscribed');
    expect(h.slack.callsTo('users.info')).toHaveLength(2);
    expect(h.logger.entries.some((e) => e.level === 'warn' && e.msg?.includes('admin lookup failed'))).toBe(true);
  });

  it('shows admin commands in /help only to admins', async () => {
    const h = await start({ userIds: ['U0CHIEF'] });
    expect((await h.invokeAs('help', '', 'U0CHIEF')).text).toContain('/subscribe');
    expect((await h.invokeAs('help', '', MEMBER_USER)).text).not.toContain('/subscribe');
  });
});

describe('admin check cache', () => {
  it('asks again once the cache time has passed', async () => {
    let now = Date.parse('2026-11-28T08:00:00Z');
    const asked: string[] = [];
    const directory: AdminDirectory = {
      isWorkspaceAdmin: async (user) => (asked.push(user), false),
      groupMembers: async () => (asked.push('group'), ['U2']),
    };
    const isAdmin = createAdminCheck({ directory, admins: { userGroupId: 'S1' }, clock: { now: () => new Date(now) }, logger: silentLogger, cacheMs: 60_000 });
    expect(await isAdmin('U2')).toBe(true);
    expect(await isAdmin('U3')).toBe(false);
    expect(asked).toEqual(['U2', 'group', 'U3']);
    now += 61_000;
    expect(await isAdmin('U2')).toBe(true);
    expect(asked).toEqual(['U2', 'group', 'U3', 'U2', 'group']);
  });
});
