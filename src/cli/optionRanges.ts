/**
 * The documented range of every numeric CLI option, checked by `main` before a command does any
 * work: an absurd value (`rdf --bins 1e9`, `--rmax 1e308`, `md --supercell 1000`, `msd --charge
 * 1e308`) is one clear line with exit 2, never minutes of work, gigabytes of memory or a RangeError.
 * The bounds are far outside what an MD analysis of a solid electrolyte uses; README "Bounds and
 * budgets" lists them. Per-command entries override the shared ones.
 */
import { InputError } from '../core/errors.js';
import { parseNumberString } from '../io/parseNumber.js';
import type { Args } from './args.js';

/** An option's accepted values: lo ≤ x ≤ hi (and an integer if `integer`), with its unit. */
export interface OptionRange {
  lo: number;
  hi: number;
  unit: string;
  integer?: boolean;
  /** True when lo itself is excluded (x > lo). */
  openLo?: boolean;
}

const r = (lo: number, hi: number, unit: string, extra: Partial<OptionRange> = {}): OptionRange => ({ lo, hi, unit, ...extra });

/** Ranges shared by every command that has the option. */
export const SHARED_OPTION_RANGES: Record<string, OptionRange> = {
  dt: r(1e-3, 1e8, 'fs'),
  'md-dt': r(1e-3, 100, 'fs'),
  temperature: r(1, 1e5, 'K'),
  charge: r(-10, 10, 'e'),
  volume: r(1, 1e9, 'Å³'),
  rmax: r(0.1, 20, 'Å'),
  bins: r(1, 1e4, 'bins', { integer: true }),
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

/** Per-command ranges (override the shared ones). */
export const COMMAND_OPTION_RANGES: Record<string, Record<string, OptionRange>> = {
  vanhove: { dr: r(5e-3, 10, 'Å'), rmax: r(0.1, 20, 'Å'), stride: r(1, 1e9, 'origins', { integer: true }) },
  doas: { bin: r(1e-4, 10, 'eV'), cutoff: r(0.1, 20, 'Å'), fmax: r(0, 100, 'eV/Å', { openLo: true }) },
  sites: { rmax: r(0.1, 20, 'Å') },
  density: { spacing: r(0.02, 5, 'Å'), sigma: r(0, 5, 'Å') },
  paths: { spacing: r(0.02, 5, 'Å'), sigma: r(0, 5, 'Å'), 'floor-counts': r(0, 1e6, 'counts', { openLo: true }) },
  transitions: { 'collective-window': r(0, 1e9, 'fs') },
  md: {
    dt: r(0.01, 20, 'fs'), steps: r(1, 1e9, 'steps', { integer: true }), supercell: r(1, 16, '(repeats)', { integer: true }),
    temperature: r(0, 1e5, 'K'), seed: r(0, 2 ** 32 - 1, '', { integer: true }), every: r(1, 1e9, 'steps', { integer: true }),
    tau: r(1, 1e7, 'fs'), np: r(1, 1024, 'processes', { integer: true }),
  },
  build: { seed: r(0, 2 ** 32 - 1, '', { integer: true }) },
  relax: { threads: r(1, 256, 'threads', { integer: true }), fmax: r(0, 100, 'eV/Å', { openLo: true }), steps: r(0, 1e6, 'steps', { integer: true }), pressure: r(-100, 1000, 'GPa'), seed: r(0, 2 ** 32 - 1, '', { integer: true }) },
  neb: { threads: r(1, 256, 'threads', { integer: true }), fmax: r(0, 100, 'eV/Å', { openLo: true }), steps: r(0, 1e6, 'steps', { integer: true }), images: r(1, 64, 'images', { integer: true }), spring: r(0, 100, 'eV/Å²', { openLo: true }), 'end-fmax': r(0, 100, 'eV/Å', { openLo: true }) },
  arrhenius: { at: r(1, 1e5, 'K'), 'n-ions': r(1, 1e9, 'ions', { integer: true }) },
  modes: { 'n-ions': r(1, 1e9, 'ions', { integer: true }), threshold: r(0, 1e3, '', { openLo: true }) },
};

/** The range of `option` for `command`, if it has one. */
export function optionRange(command: string, option: string): OptionRange | undefined {
  return COMMAND_OPTION_RANGES[command]?.[option] ?? SHARED_OPTION_RANGES[option];
}

/** "[0.1, 50] Å", "(0, 10]", "integer in [1, 1e6]". */
export function describeRange(g: OptionRange): string {
  const n = (x: number) => (Math.abs(x) >= 1e5 && Number.isInteger(Math.log10(Math.abs(x))) ? `${x < 0 ? '-' : ''}1e${Math.log10(Math.abs(x))}` : String(x));
  return `${g.integer ? 'an integer in ' : ''}${g.openLo ? '(' : '['}${n(g.lo)}, ${n(g.hi)}]${g.unit ? ` ${g.unit}` : ''}`;
}

/**
 * Check every numeric option given on the command line against its range (before any work).
 * Values must be decimal numbers ("0x10" and "Infinity" are not). Options without a range are
 * left to the command.
 */
export function checkOptionRanges(command: string, args: Args): void {
  for (const [key, values] of args.givenOptions()) {
    const g = optionRange(command, key);
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
