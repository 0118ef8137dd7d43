import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { INVITE_PERMISSIONS, inviteUrl, isDiscordAdmin } from '../../../src/chat/discord/permissions.ts';
import { fixtureServices } from '../../support/services-fixture.ts';
import { ADMIN_ROLE_ID, APPLICATION_ID, PERMISSIONS } from '../../support/discord-server.ts';
import { discordHarness, type DiscordHarness } from './harness.ts';

const perms = (...bits: bigint[]) => new PermissionsBitField(bits).freeze();
const rawMember = (roles: string[]) => ({ roles, permissions: '0', user: { id: '1', username: 'u', discriminator: '0', global_name: null, avatar: null }, joined_at: '', deaf: false, mute: false, flags: 0 }) as never;

describe('isDiscordAdmin', () => {
  it('accepts Manage Server, and Administrator which implies it', () => {
    expect(isDiscordAdmin({ permissions: perms(PermissionFlagsBits.ManageGuild), member: null })).toBe(true);
    expect(isDiscordAdmin({ permissions: perms(PermissionFlagsBits.Administrator), member: null })).toBe(true);
  });

  it('accepts the configured role, and only when one is configured', () => {
    const member = rawMember(['42', ADMIN_ROLE_ID]);
    expect(isDiscordAdmin({ permissions: perms(PermissionFlagsBits.SendMessages), member }, ADMIN_ROLE_ID)).toBe(true);
    expect(isDiscordAdmin({ permissions: perms(PermissionFlagsBits.SendMessages), member })).toBe(false);
    expect(isDiscordAdmin({ permissions: perms(PermissionFlagsBits.SendMessages), member: rawMember(['42']) }, ADMIN_ROLE_ID)).toBe(false);
    expect(isDiscordAdmin({ permissions: null, member: null }, ADMIN_ROLE_ID)).toBe(false);
  });
});

describe('invite URL', () => {
  it('asks for the bot and applications.commands scopes and exactly the needed permissions', () => {
    const url = new URL(inviteUrl(APPLICATION_ID));
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe(APPLICATION_ID);
    expect(url.searchParams.get('scope')?.split(' ').sort()).toEqual(['applications.commands', 'bot']);
    const granted = new PermissionsBitField(BigInt(url.searchParams.get('permissions')!));
    expect(granted.toArray().sort()).toEqual(['CreatePublicThreads', 'EmbedLinks', 'ReadMessageHistory', 'SendMessages', 'SendMessagesInThreads', 'ViewChannel']);
    expect(granted.bitfield).toBe(INVITE_PERMISSIONS.reduce((a, b) => a | b, 0n));
  });
});

describe('admin commands through the adapter', () => {
  let harness: DiscordHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  const roleMember = { id: '600000000000000001', permissions: PERMISSIONS.member, roles: [ADMIN_ROLE_ID] };

  it('lets Manage Server and the configured role subscribe, and refuses everyone else privately', async () => {
    const services = fixtureServices();
    harness = await discordHarness(services, { adminRoleId: ADMIN_ROLE_ID });
    const url = 'https://feeds.example/rss';
    const manager = await harness.invokeAs('subscribe', { url }, { id: '600000000000000002', permissions: PERMISSIONS.manageServer });
    expect(manager.text).toContain('Subscribed');
    const byRole = await harness.invokeAs('subscribe', { url }, roleMember);
    expect(byRole.text).toContain('Subscribed');
    const plain = await harness.invokeAs('subscribe', { url }, { id: '600000000000000003', permissions: PERMISSIONS.member, roles: ['700000000000000001'] });
    expect(plain.ephemeral).toBe(true);
    expect(plain.text).toMatch(/Only admins/);
    expect(services.calls.filter((c) => c.name === 'subscribe')).toHaveLength(2);
  });

  it('gives the role nothing when no admin role is configured', async () => {
    const services = fixtureServices();
    harness = await discordHarness(services);
    const result = await harness.invokeAs('schedule', { time: '08:00' }, roleMember);
    expect(result.ephemeral).toBe(true);
    expect(result.text).toMatch(/Only admins/);
    expect(services.calls.filter((c) => c.name === 'setSchedule')).toHaveLength(0);
  });
});
