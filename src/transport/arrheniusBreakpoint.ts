/**
 * Two-segment Arrhenius fit and the superionic transition temperature T_c (METHODS §1;
 * Wang 2023 finds T_c = 425 K in Li3YCl6 this way), tested against one straight line.
 *
 * Fit. Sort the points by 1/T; for every split into a high-T and a low-T segment with at least
 * 3 points each (so each segment has a residual and an E_a error) fit one line of ln y vs 1/T to
 * each segment and keep the split with the smallest total sum of squared residuals SSR₂. The
 * candidate T_c is where the two lines cross when that crossing lies between the two points at
 * the split; otherwise the midpoint in 1/T of those two points.
 *
 * Test. The two-segment model (2 lines = 4 parameters, the split chosen from the data) is compared
 * with one line (2 parameters, SSR₁) by the nested-model F statistic
 *
 *   F = [(SSR₁ − SSR₂)/2] / [SSR₂/(n − 4)]
 *
 * whose nominal distribution, for a split fixed in advance, is F(2, n − 4) (`p_value_nominal`).
 * Because the split is the one that minimises SSR₂ (a "sup-F" / Andrews-type statistic), the
 * nominal p is optimistic: with ~n candidate splits, straight-line data cross nominal p < 0.01
 * several times more often than 1 %. We therefore also compute a search-corrected p-value
 * (`p_value`) by parametric Monte Carlo: under the null hypothesis (one line + independent Gaussian
 * errors in ln y) both models' residuals are unchanged by the line's parameters and F does not depend
 * on the error scale, so the null distribution of max-over-splits F depends only on the 1/T values
 * and the admissible splits. We simulate it exactly (ln y ~ N(0, 1), same 1/T, same split search,
 * seeded, 10 000 draws by default; p = (1 + #{F_sim ≥ F}) / (1 + N_sim), Monte Carlo error
 * √(p(1 − p)/N_sim) ≈ 0.001 at p = 0.01).
 *
 * Rule: T_c (and the segment E_a as the physics result) is reported only when BOTH the nominal and
 * the search-corrected p are below α = 0.01. The corrected p is never smaller than the nominal one
 * (up to Monte Carlo noise), so in practice the corrected p decides; this gives a false-alarm rate of
 * 1 % on straight-line data with Gaussian errors. Caveats: correlated or heteroscedastic errors
 * (e.g. D from runs of very different length), or curvature of ln D vs 1/T without a kink, also make
 * two lines fit better than one; a significant F says "not one straight line", not "a phase
 * transition". The fit is unweighted (the CLI's one-line fit may be weighted by given errors).
 * Otherwise `Tc_K` is null with `Tc_reason`, and the best split stays available as
 * `breakpoint_candidate_K`, `low`, `high` for inspection.
 */
import { InputError } from '../core/errors.js';
import { bestSplit, splitFTest } from '../core/changePoint.js';
import { arrheniusFit, arrheniusPoints, type ArrheniusFit, type ArrheniusQuantity } from './arrhenius.js';

/** Minimum points per segment: 3, so each segment line has a residual (and an E_a error). */
export const BREAKPOINT_MIN_SEGMENT = 3;
/** Significance level for reporting T_c. */
export const BREAKPOINT_ALPHA = 0.01;

export interface ArrheniusBreakpoint {
  /** Transition temperature, K, only when the kink is significant (see the header); else null. */
  Tc_K: number | null;
  /** Why Tc_K is null (absent when it is a number). */
  Tc_reason?: string;
  /** Whether two segments fit significantly better than one line (both p-values < `alpha`). */
  significant: boolean;
  /** Best split's T_c estimate, K, reported whether or not it is significant (for inspection). */
  breakpoint_candidate_K: number;
  /** How the candidate T_c was placed: where the lines cross, or between the points at the split. */
  Tc_method: 'intersection' | 'midpoint';
  /** Fit of the points below and above the candidate T_c (best split; each ≥ 3 points). */
  low: ArrheniusFit;
  high: ArrheniusFit;
  /** Total SSR of ln y of the two segments, and of the single line. */
  ssr_two: number;
  ssr_one: number;
  /** F statistic of two segments vs one line, degrees of freedom (2, n − 4); null when SSR₂ = 0. */
  F_statistic: number | null;
  F_df: [number, number];
  /** P(F(2, n−4) > F): the p-value if the split had been fixed in advance (optimistic). */
  p_value_nominal: number;
  /** Search-corrected p-value (Monte Carlo null distribution of the best-split F; see the header). */
  p_value: number;
  /** Significance level the p-values are compared with. */
  alpha: number;
  /** Number of Monte Carlo draws behind `p_value`, and how many admissible splits were searched. */
  n_simulations: number;
  n_candidate_splits: number;
}

export interface ArrheniusBreakpointOptions {
  /** Minimum points per segment (at least 3; default 3). */
  minSegment?: number;
  /** Significance level (default 0.01). */
  alpha?: number;
  /** Monte Carlo draws for the search-corrected p-value (default 10 000) and their seed (default 1). */
  nSimulations?: number;
  seed?: number;
  source?: string;
  /** 1-based file line of each point, for error messages. */
  lines?: ArrayLike<number>;
}

/**
 * Best two-segment Arrhenius fit, tested against one line (see the header). Throws an InputError with
 * fewer than 2·minSegment (6) temperatures or when no admissible split exists.
 */
export function arrheniusBreakpoint(
  T_K: ArrayLike<number>,
  y: ArrayLike<number>,
  quantity: ArrheniusQuantity = 'D_cm2_s',
  opts: ArrheniusBreakpointOptions = {},
): ArrheniusBreakpoint {
  const n = T_K.length;
  const minSeg = Math.max(BREAKPOINT_MIN_SEGMENT, Math.floor(opts.minSegment ?? BREAKPOINT_MIN_SEGMENT));
  if (n < 2 * minSeg) {
    throw new InputError(
      `a two-segment Arrhenius fit (T_c) needs at least ${minSeg} points per segment so each has a residual, i.e. at least ${2 * minSeg} temperatures; got ${n}`,
      { file: opts.source },
    );
  }
  const alpha = opts.alpha ?? BREAKPOINT_ALPHA;
  if (!(alpha > 0 && alpha < 1)) throw new InputError(`significance level must lie in (0, 1), got ${alpha}`, { file: opts.source });
  const nSim = Math.floor(opts.nSimulations ?? 10000);
  if (!(nSim >= 100)) throw new InputError(`the Monte Carlo p-value needs at least 100 simulations, got ${opts.nSimulations}`, { file: opts.source });
  arrheniusPoints(T_K, y, quantity, opts.source, opts.lines); // validate in the caller's row order
  // Sort by temperature, high T first = small 1/T first.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => T_K[b] - T_K[a]);
  const Ts = order.map((i) => T_K[i]),
    ys = order.map((i) => y[i]);
  const { x: xs, lny } = arrheniusPoints(Ts, ys, quantity, opts.source);
  const one = arrheniusFit(Ts, ys, quantity, { source: opts.source });
  const splits: number[] = [];
  for (let k = minSeg; k <= n - minSeg; k++) if (Ts[k - 1] !== Ts[k]) splits.push(k); // never split equal T
  if (splits.length === 0)
    throw new InputError(`no split of the ${n} temperatures into two segments of ≥ ${minSeg} distinct-temperature points`, { file: opts.source });
  // Centre and scale x and centre ln y (the residuals, hence F, are unchanged) for well-conditioned sums.
  const mx = xs.reduce((a, b) => a + b, 0) / n,
    sdx = Math.sqrt(xs.reduce((a, b) => a + (b - mx) ** 2, 0) / n) || 1;
  const xz = Float64Array.from(xs, (v) => (v - mx) / sdx);
  const my = lny.reduce((a, b) => a + b, 0) / n;
  const obs = bestSplit(
    xz,
    lny.map((v) => v - my),
    splits,
  );
  const k = obs.k;
  const high = arrheniusFit(Ts.slice(0, k), ys.slice(0, k), quantity, { source: opts.source });
  const low = arrheniusFit(Ts.slice(k), ys.slice(k), quantity, { source: opts.source });
  const xa = 1 / Ts[k - 1],
    xb = 1 / Ts[k];
  let xc = 0.5 * (xa + xb);
  let method: 'intersection' | 'midpoint' = 'midpoint';
  const dm = high.slope_K - low.slope_K;
  if (dm !== 0) {
    const xi = (low.intercept - high.intercept) / dm;
    if (xi >= Math.min(xa, xb) && xi <= Math.max(xa, xb)) {
      xc = xi;
      method = 'intersection';
    }
  }
  const candidate = 1 / xc;

  // Observed F, nominal and search-corrected p-values.
  const d2 = n - 4;
  const { F, p_nominal: pNom, p, simulations } = splitFTest(xz, obs, splits, nSim, opts.seed ?? 1);
  const significant = pNom < alpha && p < alpha;
  const fmt = (v: number) => (v < 1e-3 ? v.toExponential(1) : v.toPrecision(2));
  let reason: string | undefined;
  if (!significant) {
    reason =
      F === 0
        ? `the points lie on one line (two segments do not reduce the squared residual); a kink needs p < ${alpha}`
        : `one line fits: F = ${F!.toPrecision(3)} (df 2, ${d2}), p = ${fmt(p)} corrected for the search over ${splits.length} split${splits.length === 1 ? '' : 's'} (nominal p = ${fmt(pNom)}); a kink needs p < ${alpha}`;
  }
  return {
    Tc_K: significant ? candidate : null,
    ...(reason ? { Tc_reason: reason } : {}),
    significant,
    breakpoint_candidate_K: candidate,
    Tc_method: method,
    low,
    high,
    ssr_two: low.ssr + high.ssr,
    ssr_one: one.ssr,
    F_statistic: F,
    F_df: [2, d2],
    p_value_nominal: pNom,
    p_value: p,
    alpha,
    n_simulations: simulations,
    n_candidate_splits: splits.length,
  };
}
