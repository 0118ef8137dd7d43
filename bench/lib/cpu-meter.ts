/**
 * CPU time on Linux from /proc, for benches that run several processes at once: the machine's busy
 * time across all cores, and the CPU time of every process with a given name (the database server's
 * backends, say). Elsewhere every reading is undefined and the bench prints "n/a".
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_S = 100;

/** Busy CPU seconds of the whole machine since boot (all cores, idle and iowait excluded). */
export function machineBusySeconds(): number | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return (total - idle) / TICKS_PER_S;
  } catch {
    return undefined;
  }
}

/** CPU seconds used so far by the live processes named `name` (as /proc/PID/comm has it), keyed by pid. */
export function processSeconds(name: string): Map<number, number> | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return undefined;
  }
  const seconds = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      if (comm !== name) continue;
      const fields = stat.slice(close + 2).split(' ');
      // After "(comm)": state is field 3, utime 14 and stime 15 (1-based, man proc).
      seconds.set(Number(pid), (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S);
    } catch {
      // The process ended while we read.
    }
  }
  return seconds;
}

/** CPU seconds the named processes used between two readings (processes that ended in between count up to the earlier reading). */
export function processSecondsSince(before: Map<number, number> | undefined, after: Map<number, number> | undefined): number | undefined {
  if (!before || !after) return undefined;
  let used = 0;
  for (const [pid, seconds] of after) used += seconds - (before.get(pid) ?? 0);
  return used;
}
