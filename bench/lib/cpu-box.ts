/**
 * A CPU quota for a process, through a Linux control group: `cores` CPU-seconds per second at
 * most, as if the process ran on a machine of its own that size. bench/poll.ts puts each Herald
 * instance in its own box, so one instance and two can be compared as one machine and two, on a
 * box that also runs the feed server and the database.
 *
 * Needs root and the cpu controller (cgroup v1 at /sys/fs/cgroup/cpu, or v2 with `cpu` enabled);
 * otherwise {@link openCpuBox} says why not and the bench prints that line instead of the boxed runs.
 */
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CpuBox {
  readonly path: string;
  readonly cores: number;
  add(pid: number): void;
  /** Moves what is left in the box back to the root group and removes the box. */
  close(): void;
}

const PERIOD_US = 100_000;
const V1_ROOT = '/sys/fs/cgroup/cpu';
const V2_ROOT = '/sys/fs/cgroup';

function v2HasCpu(): boolean {
  try {
    return readFileSync(join(V2_ROOT, 'cgroup.controllers'), 'utf8').split(/\s+/).includes('cpu');
  } catch {
    return false;
  }
}

/** Opens a box named `name` holding `cores` of CPU; a string says why none can be made here. */
export function openCpuBox(name: string, cores: number): CpuBox | string {
  const quota = Math.round(cores * PERIOD_US);
  try {
    if (existsSync(join(V1_ROOT, 'cpu.cfs_quota_us'))) {
      const path = join(V1_ROOT, name);
      mkdirSync(path, { recursive: true });
      writeFileSync(join(path, 'cpu.cfs_period_us'), String(PERIOD_US));
      writeFileSync(join(path, 'cpu.cfs_quota_us'), String(quota));
      return box(path, cores, join(V1_ROOT, 'cgroup.procs'));
    }
    if (v2HasCpu()) {
      writeFileSync(join(V2_ROOT, 'cgroup.subtree_control'), '+cpu');
      const path = join(V2_ROOT, name);
      mkdirSync(path, { recursive: true });
      writeFileSync(join(path, 'cpu.max'), `${quota} ${PERIOD_US}`);
      return box(path, cores, join(V2_ROOT, 'cgroup.procs'));
    }
    return 'no cgroup cpu controller here (needs cgroup v1 cpu or v2 with cpu enabled)';
  } catch (error) {
    return `cannot make a cgroup (${(error as Error).message.split('\n')[0]}); run as root to box the instances`;
  }
}

function box(path: string, cores: number, rootProcs: string): CpuBox {
  return {
    path,
    cores,
    add(pid) {
      writeFileSync(join(path, 'cgroup.procs'), String(pid));
    },
    close() {
      try {
        for (const pid of readFileSync(join(path, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean)) {
          try {
            writeFileSync(rootProcs, pid);
          } catch {
            // Gone already.
          }
        }
        rmdirSync(path);
      } catch {
        // Left for the system to clean: an empty group costs nothing.
      }
    },
  };
}
