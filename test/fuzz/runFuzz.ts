// One fuzz campaign: generate the seeded cases, run each through the CLI under the watchdog (two at a
// time by default), judge it, and count. Used by the test in `npm test` (a few hundred cases) and by
// the soak `npm run fuzz` (thousands).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAll, runWatched } from './cliWatchdog';
import { generateCases, type FuzzCase } from './malformedInputs';
import { judge, type Verdict } from './outcome';

export interface FuzzReport {
  seed: number;
  tried: number;
  counts: Record<Verdict, number>;
  /** Highest resident memory of any run, MiB, and the case. */
  peakRss_MiB: number;
  peakCase: string;
  slowest_ms: number;
  slowestCase: string;
  /** Memory budget given to every run (SUPERIONIC_MEMORY_BUDGET). */
  budget: string;
  failures: { id: number; kind: string; argv: string[]; verdict: Verdict; why: string }[];
  byKind: Record<string, Partial<Record<Verdict, number>>>;
}

export interface FuzzOptions {
  seed: number;
  cases: number;
  concurrency?: number;
  timeout_ms?: number;
  rssLimit_MiB?: number;
  /** SUPERIONIC_MEMORY_BUDGET for every run. */
  budget?: string;
  /** Only mutated files of these sources (names in fuzzSources()); all kinds of case when absent. */
  only?: string[];
  onProgress?: (done: number, total: number) => void;
}

export async function runFuzz(o: FuzzOptions): Promise<FuzzReport> {
  const dir = mkdtempSync(path.join(tmpdir(), 'superionic-fuzz-'));
  const budget = o.budget ?? '512M';
  const env = { ...process.env, SUPERIONIC_MEMORY_BUDGET: budget, SUPERIONIC_PROGRESS: '0', NODE_OPTIONS: '' };
  const { cases, close } = generateCases(o.seed, o.cases, dir, o.only);
  const counts: Record<Verdict, number> = {
    clean: 0,
    accepted: 0,
    crash: 0,
    hang: 0,
    memory: 0,
    'unclear-error': 0,
    'non-finite': 0,
    'silent-wrong': 0,
  };
  const report: FuzzReport = {
    seed: o.seed,
    tried: 0,
    counts,
    peakRss_MiB: 0,
    peakCase: '',
    slowest_ms: 0,
    slowestCase: '',
    budget,
    failures: [],
    byKind: {},
  };
  const intactRuns = new Map<string, Promise<Record<string, unknown> | undefined>>();
  const watch = { env, timeout_ms: o.timeout_ms ?? 30_000, rssLimit_MiB: o.rssLimit_MiB ?? 1536 };
  const intactOf = (c: FuzzCase) => {
    if (!c.baseArgv) return Promise.resolve(undefined);
    const key = c.baseArgv.join('\0');
    let p = intactRuns.get(key);
    if (!p) {
      p = runWatched(c.baseArgv, watch).then((r) => {
        if (r.code !== 0) throw new Error(`the intact input fails: superionic ${c.baseArgv!.join(' ')}\n${r.stderr}`);
        return JSON.parse(r.stdout) as Record<string, unknown>;
      });
      intactRuns.set(key, p);
    }
    return p;
  };
  try {
    await runAll(cases, o.concurrency ?? 2, async (c) => {
      const run = await runWatched(c.argv, watch);
      const j = judge(c, run, await intactOf(c));
      report.tried++;
      counts[j.verdict]++;
      const kind = c.kind.replace(/ .*/, '');
      (report.byKind[kind] ??= {})[j.verdict] = (report.byKind[kind][j.verdict] ?? 0) + 1;
      if (run.peakRss_MiB > report.peakRss_MiB) {
        report.peakRss_MiB = run.peakRss_MiB;
        report.peakCase = c.kind;
      }
      if (run.wall_ms > report.slowest_ms) {
        report.slowest_ms = run.wall_ms;
        report.slowestCase = c.kind;
      }
      if (j.verdict !== 'clean' && j.verdict !== 'accepted')
        report.failures.push({ id: c.id, kind: c.kind, argv: c.argv, verdict: j.verdict, why: j.why });
      o.onProgress?.(report.tried, cases.length);
    });
  } finally {
    close();
    rmSync(dir, { recursive: true, force: true });
  }
  return report;
}
