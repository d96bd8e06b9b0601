/**
 * The documented range of every numeric CLI option, checked by `main` before a command does any
 * work: an absurd value (`rdf --bins 1e9`, `--rmax 1e308`, `md --supercell 1000`, `msd --charge
 * 1e308`) is one clear line with exit 2, never minutes of work, gigabytes of memory or a RangeError.
 * The bounds are far outside what an MD analysis of a solid electrolyte uses; README "Bounds and
 * budgets" lists them. The shared ranges below apply by option name; a command declares its own
 * ranges with its options (src/cli/command.ts, `range: bounds(...)`), which override them.
 */
import { InputError } from '../core/errors.js';
import { parseNumberString } from '../io/parseNumber.js';
import type { Args } from './args.js';
import type { OptionSpec } from './command.js';

/** An option's accepted values: lo ≤ x ≤ hi (and an integer if `integer`), with its unit. */
export interface OptionRange {
  lo: number;
  hi: number;
  unit: string;
  integer?: boolean;
  /** True when lo itself is excluded (x > lo). */
  openLo?: boolean;
}

/** lo ≤ x ≤ hi in `unit` (`{integer: true}`, `{openLo: true}` for x > lo). */
export const bounds = (lo: number, hi: number, unit: string, extra: Partial<OptionRange> = {}): OptionRange => ({ lo, hi, unit, ...extra });
const r = bounds;

/** Ranges shared by every command that has the option. */
export const SHARED_OPTION_RANGES: Record<string, OptionRange> = {
  dt: r(1e-3, 1e8, 'fs'),
  'md-dt': r(1e-3, 100, 'fs'),
  temperature: r(1, 1e5, 'K'),
  charge: r(-10, 10, 'e'),
  volume: r(1, 1e9, 'Å³'),
  rmax: r(0.1, 20, 'Å'),
  bins: r(1, 1e4, 'bins', { integer: true }),
  threads: r(1, 256, 'threads', { integer: true }),
  cutoff: r(0.1, 20, 'Å'),
  'bond-tolerance': r(0, 10, '(factor)', { openLo: true }),
  stride: r(1, 1e9, 'frames', { integer: true }),
  'r-in': r(0.01, 5, 'Å'),
  'min-residence': r(0, 1e9, 'fs'),
  'max-lag': r(1e-3, 1e9, 'fs'),
  'match-tolerance': r(0, 5, 'Å', { openLo: true }),
  'shape-tolerance': r(0, 1, '(fraction)', { openLo: true }),
  vertices: r(2, 12, 'vertices', { integer: true }),
  blocks: r(2, 1000, 'blocks', { integer: true }),
  threshold: r(0, 180, '°', { openLo: true }),
  window: r(1, 89.9, '°'),
  'min-nyquist': r(0, 1e4, 'THz', { openLo: true }),
  sigma2: r(1e-4, 10, 'Å²'),
};

/** "[0.1, 50] Å", "(0, 10]", "integer in [1, 1e6]". */
export function describeRange(g: OptionRange): string {
  const n = (x: number) =>
    Math.abs(x) >= 1e5 && Number.isInteger(Math.log10(Math.abs(x))) ? `${x < 0 ? '-' : ''}1e${Math.log10(Math.abs(x))}` : String(x);
  return `${g.integer ? 'an integer in ' : ''}${g.openLo ? '(' : '['}${n(g.lo)}, ${n(g.hi)}]${g.unit ? ` ${g.unit}` : ''}`;
}

/**
 * Check every numeric option given on the command line against its range (before any work).
 * Values must be decimal numbers ("0x10" and "Infinity" are not). Options without a range are
 * left to the command. `options` are the command's declared options (src/cli/command.ts).
 */
export function checkOptionRanges(options: Record<string, OptionSpec>, args: Args): void {
  for (const [key, values] of args.givenOptions()) {
    // A declared option has its own range (or none: `vdos --window hann` is a word, not rotation's angle);
    // an undeclared one (a reader option such as --md-dt) the shared range of its name.
    const g = key in options ? options[key].range : SHARED_OPTION_RANGES[key];
    if (!g) continue;
    for (const v of values) {
      if (v === 'true') continue; // given without a value: the command says what it expected
      const x = parseNumberString(v);
      if (!Number.isFinite(x)) throw new InputError(`--${key} expects a number, got "${v}"`);
      const below = g.openLo ? !(x > g.lo) : !(x >= g.lo);
      if (below || x > g.hi || (g.integer && !Number.isInteger(x))) {
        throw new InputError(`--${key} ${v} is outside its range: expected ${describeRange(g)} (see README "Bounds and budgets")`);
      }
    }
  }
}
