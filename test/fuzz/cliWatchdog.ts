// Run the built CLI (bin/superionic.js → dist/) as a child process under a time and memory watchdog:
// the child is killed when it runs longer than `timeout_ms` (a hang) or its resident memory passes
// `rssLimit_MiB` (unbounded growth). Peak memory is the kernel's high-water mark (VmHWM in
// /proc/<pid>/status), read every `poll_ms` while the child runs, so a short spike between polls
// can be missed by at most one interval's growth.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const BIN = path.resolve(__dirname, '../../bin/superionic.js');

export interface WatchedRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  wall_ms: number;
  /** Highest resident set size seen, MiB (0 when the process ended before the first poll). */
  peakRss_MiB: number;
  /** Why the watchdog killed it, if it did. */
  killed?: 'time' | 'memory';
}

export interface WatchdogOptions {
  timeout_ms?: number;
  rssLimit_MiB?: number;
  poll_ms?: number;
  env?: NodeJS.ProcessEnv;
  /** Bytes of stdout/stderr kept (the rest is dropped, so a flooding child cannot grow the parent). */
  maxOutputBytes?: number;
}

function hwm_MiB(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Run `superionic ...argv` under the watchdog. */
export function runWatched(argv: string[], o: WatchdogOptions = {}): Promise<WatchedRun> {
  const timeout = o.timeout_ms ?? 30_000,
    limit = o.rssLimit_MiB ?? 2048,
    poll = o.poll_ms ?? 20,
    max = o.maxOutputBytes ?? 1 << 20;
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, ...argv], { env: o.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '',
      stderr = '',
      peak = 0,
      killed: WatchedRun['killed'];
    child.stdout.on('data', (d: Buffer) => {
      if (stdout.length < max) stdout += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < max) stderr += d.toString('utf8');
    });
    const timer = setInterval(() => {
      if (child.pid === undefined) return;
      peak = Math.max(peak, hwm_MiB(child.pid));
      if (peak > limit) {
        killed = 'memory';
        child.kill('SIGKILL');
      } else if (performance.now() - t0 > timeout) {
        killed = 'time';
        child.kill('SIGKILL');
      }
    }, poll);
    child.on('close', (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal, stdout, stderr, wall_ms: performance.now() - t0, peakRss_MiB: peak, killed });
    });
  });
}

/** Run many cases `concurrency` at a time (order of results = order of inputs). */
export async function runAll<T>(items: T[], concurrency: number, run: (x: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await run(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}
