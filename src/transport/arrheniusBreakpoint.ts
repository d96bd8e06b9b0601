/**
 * Two-segment Arrhenius fit and the superionic transition temperature T_c (METHODS §1;
 * Wang 2023 finds T_c = 425 K in Li3YCl6 this way).
 *
 * Sort the points by 1/T; for every split into a low-T and a high-T segment (each with at least
 * `minSegment` points, default 3 when there are ≥ 6 points, else 2) fit both lines of ln y vs 1/T
 * and keep the split with the smallest total sum of squared residuals. T_c is where the two lines
 * cross when that crossing lies between the two points at the split; otherwise the midpoint in 1/T
 * of those two points. The F statistic compares the two-segment fit with one line
 * (F = [(SSR₁ − SSR₂)/2] / [SSR₂/(n − 4)]; large F: the kink is real).
 */
import { InputError } from '../core/errors.js';
import { arrheniusFit, type ArrheniusFit, type ArrheniusQuantity } from './arrhenius.js';

export interface ArrheniusBreakpoint {
  /** Transition temperature, K. */
  Tc_K: number;
  /** Fit of the points below T_c and above T_c. */
  low: ArrheniusFit;
  high: ArrheniusFit;
  /** Total SSR of the two segments, and of the single line. */
  ssr_two: number;
  ssr_one: number;
  /** F statistic of two segments vs one line (null when n ≤ 4 or SSR₂ = 0). */
  F_statistic: number | null;
  /** How T_c was placed: where the lines cross, or between the points at the split. */
  Tc_method: 'intersection' | 'midpoint';
}

/** Best two-segment Arrhenius fit; throws an InputError with fewer than 4 points. */
export function arrheniusBreakpoint(
  T_K: ArrayLike<number>, y: ArrayLike<number>, quantity: ArrheniusQuantity = 'D_cm2_s',
  opts: { minSegment?: number; source?: string } = {},
): ArrheniusBreakpoint {
  const n = T_K.length;
  if (n < 4) throw new InputError(`a two-segment Arrhenius fit (T_c) needs at least 4 temperatures, got ${n}`, { file: opts.source });
  const minSeg = Math.max(2, opts.minSegment ?? (n >= 6 ? 3 : 2));
  if (n < 2 * minSeg) throw new InputError(`a two-segment fit with at least ${minSeg} points per segment needs ${2 * minSeg} temperatures, got ${n}`, { file: opts.source });
  // Sort by temperature, high T first = small 1/T first.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => T_K[b] - T_K[a]);
  const Ts = order.map((i) => T_K[i]), ys = order.map((i) => y[i]);
  const one = arrheniusFit(Ts, ys, quantity, { source: opts.source });
  let best: { k: number; high: ArrheniusFit; low: ArrheniusFit; ssr: number } | null = null;
  for (let k = minSeg; k <= n - minSeg; k++) {
    if (Ts[k - 1] === Ts[k]) continue; // never split points at the same temperature
    const high = arrheniusFit(Ts.slice(0, k), ys.slice(0, k), quantity, { source: opts.source });
    const low = arrheniusFit(Ts.slice(k), ys.slice(k), quantity, { source: opts.source });
    const ssr = high.ssr + low.ssr;
    if (!best || ssr < best.ssr) best = { k, high, low, ssr };
  }
  if (!best) throw new InputError('no valid split of the temperatures into two segments', { file: opts.source });
  const xa = 1 / Ts[best.k - 1], xb = 1 / Ts[best.k];
  let xc = 0.5 * (xa + xb);
  let method: 'intersection' | 'midpoint' = 'midpoint';
  const dm = best.high.slope_K - best.low.slope_K;
  if (dm !== 0) {
    const xi = (best.low.intercept - best.high.intercept) / dm;
    if (xi >= Math.min(xa, xb) && xi <= Math.max(xa, xb)) { xc = xi; method = 'intersection'; }
  }
  const F = n > 4 && best.ssr > 0 ? ((one.ssr - best.ssr) / 2) / (best.ssr / (n - 4)) : null;
  return { Tc_K: 1 / xc, low: best.low, high: best.high, ssr_two: best.ssr, ssr_one: one.ssr, F_statistic: F, Tc_method: method };
}
