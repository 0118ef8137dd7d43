import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import type { CommandDefinition, Services } from '../../src/core/command.ts';
import { parseCommandText, runCommand } from '../../src/chat/run-command.ts';
import { silentLogger } from '../../src/ops/logger.ts';

const byName = (name: string): CommandDefinition => commands.find((c) => c.name === name)!;

function services(overrides: Partial<Services> = {}): Services {
  const unused = () => Promise.reject(new Error('not used in this test'));
  return {
    briefing: unused, person: unused, suggestPeople: unused, people: unused, figures: unused, findStory: unused,
    searchStories: unused, subscribe: unused, unsubscribe: unused, feeds: unused, setSchedule: unused, setFilter: unused,
    storyForThread: unused, recordThreads: unused, answer: unused,
    ...overrides,
  };
}

const base = { user: { id: 'U1', isAdmin: false }, channel: { id: 'C1', platform: 'test' }, now: new Date('2026-11-28T08:00:00Z'), logger: silentLogger };

describe('parseCommandText', () => {
  it('gives the last string option the rest of the text', () => {
    expect(parseCommandText(byName('who'), 'Vladimir Putin')).toEqual({ name: 'Vladimir Putin' });
  });
  it('reads options in declared order, with quotes and name:value', () => {
    expect(parseCommandText(byName('subscribe'), 'https://a.example/rss world news')).toEqual({ url: 'https://a.example/rss', topic: 'world news' });
    expect(parseCommandText(byName('brief'), 'since:8h')).toEqual({ since: '8h' });
    expect(parseCommandText(byName('brief'), 'business since:"2026-11-27"')).toEqual({ topic: 'business', since: '2026-11-27' });
    expect(parseCommandText(byName('schedule'), '"08:30" Europe/London mon-fri')).toEqual({ time: '08:30', timezone: 'Europe/London', weekdays: 'mon-fri' });
  });
});

describe('runCommand', () => {
  it('refuses an admin command to a non-admin, privately, without running it', async () => {
    let ran = false;
    const outcome = await runCommand({ ...base, command: byName('subscribe'), options: { url: 'https://a.example/rss' }, services: services({ subscribe: async () => { ran = true; return { id: 'x', url: 'x', weight: 1 }; } }) });
    expect(ran).toBe(false);
    expect(outcome).toMatchObject({ status: 'user-error', identifier: 'not-admin', ephemeral: true });
    expect(outcome.reply).toMatchObject({ kind: 'text', text: expect.stringMatching(/Only admins can use \/subscribe/) });
  });

  it('says how to fix a missing required option', async () => {
    const outcome = await runCommand({ ...base, command: byName('who'), options: {}, services: services() });
    expect(outcome.status).toBe('user-error');
    expect(outcome.reply).toMatchObject({ text: expect.stringContaining('Usage: /who <name>') });
  });

  it('turns a user mistake inside a command into a private hint', async () => {
    const outcome = await runCommand({ ...base, command: byName('brief'), options: { since: 'last blue moon' }, services: services() });
    expect(outcome).toMatchObject({ status: 'user-error', identifier: 'bad-since', ephemeral: true });
    expect(outcome.reply).toMatchObject({ text: expect.stringContaining('8h') });
  });

  it('hides an internal failure behind an apology with an error id', async () => {
    const outcome = await runCommand({ ...base, command: byName('search'), options: { words: 'budget' }, services: services({ searchStories: async () => { throw new Error('database is locked at /secret/path'); } }) });
    expect(outcome.status).toBe('error');
    const text = outcome.reply.kind === 'text' ? outcome.reply.text : '';
    expect(text).toMatch(/error [0-9a-f]{8}/);
    expect(text).not.toContain('/secret/path');
  });

  it('offers near misses when /who finds no one', async () => {
    const outcome = await runCommand({ ...base, command: byName('who'), options: { name: 'Putn' }, services: services({ person: async () => ({ suggestions: ['Vladimir Putin'], stories: [], mentions: 0 }) }) });
    expect(outcome.reply).toMatchObject({ text: expect.stringContaining('Did you mean Vladimir Putin?') });
  });

  it('validates a schedule and passes the parsed weekdays on', async () => {
    let saved: unknown;
    const admin = { ...base, user: { id: 'U2', isAdmin: true } };
    const ok = await runCommand({ ...admin, command: byName('schedule'), options: { time: '8:05', timezone: 'Europe/London', weekdays: 'mon-fri' }, services: services({ setSchedule: async (_c, s) => { saved = s; } }) });
    expect(ok.status).toBe('ok');
    expect(saved).toEqual({ time: '08:05', timezone: 'Europe/London', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] });
    const bad = await runCommand({ ...admin, command: byName('schedule'), options: { time: '25:00' }, services: services() });
    expect(bad).toMatchObject({ status: 'user-error', identifier: 'bad-time' });
    const zone = await runCommand({ ...admin, command: byName('schedule'), options: { time: '08:00', timezone: 'Mars/Olympus' }, services: services() });
    expect(zone).toMatchObject({ status: 'user-error', identifier: 'bad-timezone' });
  });

  it('lists admin commands in /help only for admins', async () => {
    const help = byName('help');
    const plain = await runCommand({ ...base, command: help, options: {}, services: services() });
    const admin = await runCommand({ ...base, user: { id: 'U2', isAdmin: true }, command: help, options: {}, services: services() });
    const text = (o: typeof plain) => (o.reply.kind === 'text' ? o.reply.text : '');
    expect(text(plain)).toContain('/who <name>');
    expect(text(plain)).not.toContain('/subscribe');
    expect(text(admin)).toContain('/subscribe <url> [topic]');
  });
});
