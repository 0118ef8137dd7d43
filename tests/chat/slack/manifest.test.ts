import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commands } from '../../../commands/index.ts';

interface Manifest {
  features: { bot_user: { display_name: string }; slash_commands: { command: string; description: string; usage_hint?: string; should_escape?: boolean }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { socket_mode_enabled: boolean; event_subscriptions: { bot_events: string[] } };
}

const manifest = parse(await readFile(path.resolve(import.meta.dirname, '../../../slack-app-manifest.yaml'), 'utf8')) as Manifest;

describe('slack-app-manifest.yaml', () => {
  it('lists exactly the commands in commands/index.ts, with their descriptions', () => {
    const listed = manifest.features.slash_commands;
    expect(listed.map((c) => c.command)).toEqual(commands.map((c) => `/${c.name}`));
    for (const command of commands) {
      const entry = listed.find((c) => c.command === `/${command.name}`)!;
      expect(entry.description).toBe(command.description);
      expect(entry.description.length).toBeLessThanOrEqual(100);
      for (const option of Object.keys(command.options)) expect(entry.usage_hint ?? '', `/${command.name} hint`).toContain(option);
    }
  });

  it('asks for the scopes the adapter uses and no others', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'groups:history', 'usergroups:read', 'users:read']);
  });

  it('runs in Socket Mode and subscribes to mentions', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_mention']);
  });
});
