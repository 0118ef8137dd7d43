import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { runCommand } from '../../src/chat/run-command.ts';
import { silentLogger } from '../../src/ops/logger.ts';
import { countPolls, createMetrics, metrics, timeCommand, type HeraldMetrics } from '../../src/ops/metrics.ts';
import { fixtureServices } from '../support/services-fixture.ts';

async function value(target: HeraldMetrics, name: string, labels: Record<string, string> = {}): Promise<number> {
  // A histogram's _count is one of its values, named by metricName.
  const metric = (await target.registry.getMetricsAsJSON()).find((m) => name === m.name || name.startsWith(`${m.name}_`));
  const values = (metric?.values ?? []) as { value: number; labels: Record<string, string | number>; metricName?: string }[];
  const match = values.find((v) => (v.metricName ?? metric?.name) === name && Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  return Number(match?.value ?? 0);
}

describe('metrics', () => {
  it('counts polls by status, errors by reason and new items', async () => {
    const m = createMetrics();
    countPolls(
      [
        { status: 'updated', inserted: [1, 2, 3] },
        { status: 'not-modified', inserted: [] },
        { status: 'failed', inserted: [], error: { reason: 'timeout' } },
        { status: 'failed', inserted: [], error: { reason: 'timeout' } },
        { status: 'failed', inserted: [], error: { reason: 'bad-status' } },
      ],
      m,
    );
    expect(await value(m, 'herald_polls_total', { status: 'failed' })).toBe(3);
    expect(await value(m, 'herald_polls_total', { status: 'not-modified' })).toBe(1);
    expect(await value(m, 'herald_poll_errors_total', { reason: 'timeout' })).toBe(2);
    expect(await value(m, 'herald_items_total')).toBe(3);
  });

  it('names the digest counters the deliver stage increments', async () => {
    const m = createMetrics();
    m.digestsDelivered.inc({ platform: 'slack' });
    m.digestsLate.inc({ platform: 'slack' });
    m.digestsFailed.inc({ platform: 'discord' }, 2);
    const text = await m.registry.metrics();
    expect(text).toContain('herald_digests_delivered_total{platform="slack"} 1');
    expect(text).toContain('herald_digests_late_total{platform="slack"} 1');
    expect(text).toContain('herald_digests_failed_total{platform="discord"} 2');
  });

  it('times a command with the status it ended in, errors included', async () => {
    const m = createMetrics();
    await timeCommand('who', async () => ({ status: 'ok' }), m);
    await expect(timeCommand('who', async () => { throw new Error('boom'); }, m)).rejects.toThrow('boom');
    expect(await value(m, 'herald_command_duration_seconds_count', { command: 'who', status: 'ok' })).toBe(1);
    expect(await value(m, 'herald_command_duration_seconds_count', { command: 'who', status: 'error' })).toBe(1);
  });

  it('records every slash command run into the command latency histogram', async () => {
    const before = await value(metrics, 'herald_command_duration_seconds_count', { command: 'help', status: 'ok' });
    await runCommand({
      command: commands.find((c) => c.name === 'help')!,
      options: {},
      services: fixtureServices(),
      user: { id: 'U1', isAdmin: false },
      channel: { id: 'C1', platform: 'test' },
      now: new Date('2026-11-20T08:00:00Z'),
      logger: silentLogger,
    });
    expect(await value(metrics, 'herald_command_duration_seconds_count', { command: 'help', status: 'ok' })).toBe(before + 1);
  });
});
