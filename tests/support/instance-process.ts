/**
 * Starts tests/support/herald-instance.ts as a child process and reads its JSON lines: wait for
 * an event, send a command, kill it (SIGKILL, as a crash would).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { InstanceSettings } from './herald-instance.ts';

export type InstanceEvent = { event: string } & Record<string, unknown>;

export interface InstanceProcess {
  readonly id: string;
  readonly pid: number;
  readonly events: InstanceEvent[];
  readonly exited: boolean;
  send(command: string): void;
  /** Resolves with the first event (already seen or coming) that matches; rejects if the process exits first. */
  waitFor(match: (event: InstanceEvent) => boolean, fromIndex?: number): Promise<InstanceEvent>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

const SCRIPT = new URL('./herald-instance.ts', import.meta.url).pathname;

/** The Node flags `npm start` runs Herald with (its heap bound), so instances here run as shipped. */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
  const [, ...args] = (pkg.scripts.start ?? '').split(/\s+/);
  return args.filter((arg) => arg.startsWith('--'));
}

export function startInstance(settings: InstanceSettings): InstanceProcess {
  // HERALD_INSTANCE_NODE_ARGS: extra Node flags for the instances (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
  const nodeArgs = (process.env.HERALD_INSTANCE_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...startFlags(), ...nodeArgs, '--import', 'tsx', SCRIPT], {
    env: { ...process.env, HERALD_INSTANCE: JSON.stringify(settings) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const events: InstanceEvent[] = [];
  const waiters = new Set<() => void>();
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => {
    exited = true;
    for (const wake of waiters) wake();
    resolve();
  }));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('{')) return;
    events.push(JSON.parse(line) as InstanceEvent);
    for (const wake of waiters) wake();
  });
  return {
    id: settings.instanceId,
    pid: child.pid ?? 0,
    events,
    get exited() { return exited; },
    send(command) {
      child.stdin!.write(`${command}\n`);
    },
    waitFor(match, fromIndex = 0) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const found = events.slice(fromIndex).find(match);
          if (found) {
            waiters.delete(check);
            resolve(found);
          } else if (exited) {
            waiters.delete(check);
            reject(new Error(`instance ${settings.instanceId} exited before the awaited event`));
          }
        };
        waiters.add(check);
        check();
      });
    },
    async kill(signal = 'SIGKILL') {
      if (!exited) child.kill(signal);
      await exit;
    },
    async stop() {
      if (!exited) child.stdin!.end('stop\n');
      await exit;
    },
  };
}
