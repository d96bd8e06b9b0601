// How the CLI fuzz judges one run. The contract (README, "Bad input"): exit 0 with finite, plausible
// numbers, or exit 2 with one stderr line naming the file (or the option) and what was expected.
// Anything else is counted under the name of what went wrong; only 'clean' and 'accepted' are allowed.
import type { FuzzCase } from './malformedInputs';
import type { WatchedRun } from './cliWatchdog';

export type Verdict = 'clean' | 'accepted' | 'crash' | 'hang' | 'memory' | 'unclear-error' | 'non-finite' | 'silent-wrong';

/** Mutations after which an accepted D must still be close to the intact file's (or flagged implausible). */
const SMALL_DAMAGE = new Set(['bit-flips', 'absurd-number', 'absurd-count-or-cell', 'drop-line', 'nul-byte']);

/** stderr lines that are not the error: warnings, notices and progress. */
const isChatter = (s: string) =>
  s.length === 0 ||
  /^(warning|notice|note|caution)\b/i.test(s) ||
  /^superionic \w+: (read|step|frame|relax)/.test(s) ||
  /^md: \w+ \d+ atoms, \d+ steps/.test(s);

function allFinite(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(allFinite);
  if (v && typeof v === 'object') return Object.values(v).every(allFinite);
  return true;
}

/** Deep equality of two JSON values, numbers to a relative 1e-9 (file paths in strings ignored). */
export function sameJson(a: unknown, b: unknown, key = ''): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (typeof a === 'string' && typeof b === 'string') return a === b || /file|source|path|out/i.test(key) || a.includes('/') || b.includes('/');
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i], key));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a as object),
      kb = Object.keys(b as object);
    return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], k));
  }
  return a === b;
}

export interface Judged {
  verdict: Verdict;
  why: string;
}

/** Judge a run; `intact` is the parsed JSON of the same command on the unmutated file, when there is one. */
export function judge(c: FuzzCase, run: WatchedRun, intact?: Record<string, unknown>): Judged {
  if (run.killed === 'time') return { verdict: 'hang', why: `killed after ${Math.round(run.wall_ms)} ms` };
  if (run.killed === 'memory') return { verdict: 'memory', why: `killed at ${Math.round(run.peakRss_MiB)} MiB` };
  if (/internal error|\n\s+at |FATAL|Fatal JavaScript|Aborted|RangeError|TypeError/.test(run.stderr) || run.signal) {
    return { verdict: 'crash', why: `exit ${run.code} ${run.signal ?? ''}: ${run.stderr.slice(0, 400)}` };
  }
  if (run.code === 2) {
    const lines = run.stderr.split('\n').filter((s) => !isChatter(s));
    if (lines.length !== 1) return { verdict: 'unclear-error', why: `${lines.length} error lines: ${run.stderr.slice(0, 400)}` };
    const file = c.argv[1];
    const option = c.kind.startsWith('option:') ? c.kind.split(' ')[1] : undefined;
    const named = option
      ? lines[0].includes(option) || lines[0].includes(option.replace(/^--/, ''))
      : lines[0].includes(file) || (c.kind.startsWith('cif:') && lines[0].includes('.cif'));
    if (!named) return { verdict: 'unclear-error', why: `does not name ${option ?? file}: ${lines[0]}` };
    return { verdict: 'clean', why: lines[0] };
  }
  if (run.code !== 0) return { verdict: 'crash', why: `exit ${run.code}: ${run.stderr.slice(0, 400)}` };
  let out: Record<string, unknown>;
  try {
    out = JSON.parse(run.stdout) as Record<string, unknown>;
  } catch {
    return { verdict: 'crash', why: `exit 0 but stdout is not JSON: ${run.stdout.slice(0, 200)}` };
  }
  if (!allFinite(out)) return { verdict: 'non-finite', why: 'a non-finite number in the JSON' };
  if (c.argv[0] === 'msd') {
    const msd = out.msd_A2 as number[] | undefined;
    if (msd && !msd.every((v) => v >= 0)) return { verdict: 'non-finite', why: 'negative MSD' };
    const D = out.D_cm2_s as number;
    if (out.plausible === true && !(D > 0)) return { verdict: 'silent-wrong', why: `D = ${D} called plausible` };
  }
  if (intact) {
    const mutation = c.kind.split(':')[1];
    if (c.sameNumbers && !sameJson(out, intact)) return { verdict: 'silent-wrong', why: `${mutation} keeps every number but the result changed` };
    if (c.argv[0] === 'msd' && SMALL_DAMAGE.has(mutation) && out.plausible === true && intact.plausible === true) {
      const D = out.D_cm2_s as number,
        D0 = intact.D_cm2_s as number,
        s0 = (intact.D_stderr_cm2_s as number) ?? 0;
      if (Math.abs(D - D0) > Math.max(0.5 * Math.abs(D0), 3 * s0))
        return { verdict: 'silent-wrong', why: `D ${D} vs intact ${D0} (${mutation}), plausible: true` };
    }
  }
  return { verdict: 'accepted', why: '' };
}
