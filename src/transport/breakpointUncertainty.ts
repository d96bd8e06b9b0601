/**
 * Uncertainty of the Arrhenius transition temperature T_c (Wang 2023 Fig. 1a; METHODS §1) by a
 * parametric bootstrap over the points' own errors.
 *
 * Each draw replaces every ln y_i by ln y_i + ε_i, ε_i ~ N(0, σ_i / y_i) (first-order error of ln y from
 * the point's standard error σ_i), refits the best two-segment split (arrheniusBreakpoint) and records its
 * candidate T_c. The spread of the draws (standard deviation and the 16th/84th percentiles) is the error
 * of T_c given the points' errors; `stable_split_fraction` says how often the draws keep the observed
 * split (a low value: the data do not pin the kink to one interval). This is the error of the location,
 * not of the kink's existence: that is the F test's p-value in `arrheniusBreakpoint`.
 */
import { InputError } from '../core/errors.js';
import { Random } from '../core/random.js';
import { arrheniusBreakpoint, type ArrheniusBreakpointOptions } from './arrheniusBreakpoint.js';
import type { ArrheniusQuantity } from './arrhenius.js';

export interface BreakpointUncertainty {
  /** Candidate T_c of the data themselves, K. */
  Tc_K: number;
  /** Standard deviation of the bootstrap T_c, K. */
  Tc_std_K: number;
  /** 16th and 84th percentiles of the bootstrap T_c, K (a ±1σ interval without assuming symmetry). */
  Tc_p16_K: number;
  Tc_p84_K: number;
  /** Fraction of draws whose best split is the observed one. */
  stable_split_fraction: number;
  n_draws: number;
}

/**
 * Parametric bootstrap of the two-segment Arrhenius T_c (see the header).
 * @param yErr standard error of each y (same units as y), > 0.
 */
export function breakpointUncertainty(
  T_K: ArrayLike<number>,
  y: ArrayLike<number>,
  yErr: ArrayLike<number>,
  quantity: ArrheniusQuantity = 'D_cm2_s',
  opts: ArrheniusBreakpointOptions & { nDraws?: number } = {},
): BreakpointUncertainty {
  const n = T_K.length;
  if (y.length !== n || yErr.length !== n)
    throw new InputError(`T_c bootstrap: ${n} temperatures, ${y.length} values and ${yErr.length} errors; expected equal counts`, {
      file: opts.source,
    });
  for (let i = 0; i < n; i++) {
    if (!(yErr[i] > 0) || !Number.isFinite(yErr[i]))
      throw new InputError(`T_c bootstrap: the error of point ${i} (T = ${T_K[i]} K) must be a positive number, got ${yErr[i]}`, {
        file: opts.source,
      });
  }
  const nDraws = Math.floor(opts.nDraws ?? 500);
  if (!(nDraws >= 50)) throw new InputError(`T_c bootstrap needs at least 50 draws, got ${opts.nDraws}`);
  const base = arrheniusBreakpoint(T_K, y, quantity, { ...opts, nSimulations: 100 });
  const splitOf = (b: { high: { nPoints: number } }) => b.high.nPoints;
  const k0 = splitOf(base);
  const rng = new Random(opts.seed ?? 1);
  const tc: number[] = [];
  let same = 0;
  const yy = new Float64Array(n);
  for (let d = 0; d < nDraws; d++) {
    for (let i = 0; i < n; i++) yy[i] = y[i] * Math.exp((yErr[i] / y[i]) * rng.normal());
    const b = arrheniusBreakpoint(T_K, yy, quantity, { ...opts, nSimulations: 100 });
    tc.push(b.breakpoint_candidate_K);
    if (splitOf(b) === k0) same++;
  }
  tc.sort((a, b) => a - b);
  const m = tc.reduce((a, b) => a + b, 0) / nDraws;
  const sd = Math.sqrt(tc.reduce((a, b) => a + (b - m) ** 2, 0) / (nDraws - 1));
  const q = (p: number) => tc[Math.min(nDraws - 1, Math.max(0, Math.round(p * (nDraws - 1))))];
  return {
    Tc_K: base.breakpoint_candidate_K,
    Tc_std_K: sd,
    Tc_p16_K: q(0.16),
    Tc_p84_K: q(0.84),
    stable_split_fraction: same / nDraws,
    n_draws: nDraws,
  };
}
