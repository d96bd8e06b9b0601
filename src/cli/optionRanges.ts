/**
 * The documented range of every numeric CLI option, checked by `main` before a command does any
 * work: an absurd value (`rdf --bins 1e9`, `--rmax 1e308`, `md --supercell 1000`, `msd --charge
 * 1e308`) is one clear line with exit 2, never minutes of work, gigabytes of memory or a RangeError.
 * The bounds are far outside what an MD analysis of a solid electrolyte uses; README "Bounds and
 * budgets" lists them. The shared ranges below apply by option name; a command declares its own
 * ranges with its options (src/cli/command.ts, `range: bounds(...)`), which override them; the check
 * itself is src/cli/optionValues.ts.
 */

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
