/**
 * Two-segment (change-point) straight-line fit of y vs x, tested against one line — the same nested-model
 * test as the Arrhenius T_c search (transport/arrheniusBreakpoint.ts), for a quantity linear in x such as
 * the mean energy of the mobile sublattice vs T (Wang 2023 SI Fig. S7: a change of slope at T_c).
 *
 * For every split of the points (sorted by x) into a lower and an upper segment of ≥ 3 points, fit one
 * line to each; keep the split with the smallest total squared residual SSR₂. Against one line (SSR₁),
 *   F = [(SSR₁ − SSR₂)/2] / [SSR₂/(n − 4)],
 * nominal p from F(2, n − 4); because the split is chosen from the data, the reported p is the
 * search-corrected one, simulated exactly under one line + Gaussian noise (F does not depend on the
 * line or the noise scale), seeded. The change point is where the two lines cross when that lies between
 * the points at the split, else the midpoint between them. `significant` needs both p below alpha.
 */
import { InputError } from './errors.js';
import { fDistributionSf } from './fDistribution.js';
import { Random } from './random.js';
import { linearFit, type LineFit } from './stats.js';

export interface ChangePointFit {
  /** Change point in x units when significant, else null (see `reason`). */
  x_change: number | null;
  reason?: string;
  significant: boolean;
  /** Best split's change point whether or not significant. */
  candidate: number;
  method: 'intersection' | 'midpoint';
  /** Lines below and above the candidate (y = slope·x + intercept) with standard errors. */
  lower: LineFit;
  upper: LineFit;
  one: LineFit;
  F_statistic: number | null;
  F_df: [number, number];
  p_value_nominal: number;
  /** Search-corrected p-value (Monte Carlo, `n_simulations` draws). */
  p_value: number;
  alpha: number;
  n_simulations: number;
}

export interface ChangePointOptions {
  /** Minimum points per segment (≥ 3, default 3). */
  minSegment?: number;
  /** Significance level (default 0.01). */
  alpha?: number;
  /** Monte Carlo draws for the corrected p (default 10 000) and their seed (default 1). */
  nSimulations?: number;
  seed?: number;
  /** What x and y are, for messages (e.g. "T_K", "mean Ag energy"). */
  what?: string;
}

/**
 * Best split of the sorted (x, z) points and the residual sums of one line and of two, from prefix sums
 * (O(n) per call). x ascending (centred/scaled by the caller); returns the split index k (segments [0,k), [k,n)).
 * Shared with the Arrhenius breakpoint search (transport/arrheniusBreakpoint.ts).
 */
export function bestSplit(x: ArrayLike<number>, z: ArrayLike<number>, splits: number[]): { k: number; ssrOne: number; ssrTwo: number } {
  const n = x.length;
  const Sx = new Float64Array(n + 1),
    Sy = new Float64Array(n + 1),
    Sxx = new Float64Array(n + 1),
    Sxy = new Float64Array(n + 1),
    Syy = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    Sx[i + 1] = Sx[i] + x[i];
    Sy[i + 1] = Sy[i] + z[i];
    Sxx[i + 1] = Sxx[i] + x[i] * x[i];
    Sxy[i + 1] = Sxy[i] + x[i] * z[i];
    Syy[i + 1] = Syy[i] + z[i] * z[i];
  }
  const ssr = (a: number, b: number): number => {
    const m = b - a,
      sx = Sx[b] - Sx[a],
      sy = Sy[b] - Sy[a];
    const cxx = Sxx[b] - Sxx[a] - (sx * sx) / m,
      cxy = Sxy[b] - Sxy[a] - (sx * sy) / m,
      cyy = Syy[b] - Syy[a] - (sy * sy) / m;
    return Math.max(0, cxx > 0 ? cyy - (cxy * cxy) / cxx : cyy);
  };
  let k = -1,
    best = Infinity;
  for (const s of splits) {
    const v = ssr(0, s) + ssr(s, n);
    if (v < best) {
      best = v;
      k = s;
    }
  }
  return { k, ssrOne: ssr(0, n), ssrTwo: best };
}

/** Outcome of {@link splitFTest}. */
export interface SplitFTest {
  /** F of two segments vs one line; 0 when two segments do not reduce the residual, null when they fit exactly (F = ∞). */
  F: number | null;
  /** P(F(2, n − 4) > F), as if the split had been fixed in advance. */
  p_nominal: number;
  /** Search-corrected p = (1 + #{F_sim ≥ F}) / (1 + N_sim). */
  p: number;
  /** Monte Carlo draws behind p (0 when F is 0 or null). */
  simulations: number;
}

/**
 * The nested-model F test of the best split `obs` (from {@link bestSplit} on `xz`, the centred and scaled x,
 * and the centred y) against one line: F = [(SSR₁ − SSR₂)/2] / [SSR₂/(n − 4)], its nominal p from F(2, n − 4),
 * and the p corrected for the search over `splits`, simulated exactly: `nSim` draws of y ~ N(0, 1) at the same
 * x through the same split search (F depends neither on the line nor on the noise scale), seeded.
 * Shared by the change-point fit and the Arrhenius breakpoint (transport/arrheniusBreakpoint.ts).
 */
export function splitFTest(xz: ArrayLike<number>, obs: { ssrOne: number; ssrTwo: number }, splits: number[], nSim: number, seed: number): SplitFTest {
  const n = xz.length,
    d2 = n - 4;
  const scale = Math.max(obs.ssrOne, 1e-300);
  if (obs.ssrOne <= 0 || (obs.ssrOne - obs.ssrTwo) / scale < 1e-12) return { F: 0, p_nominal: 1, p: 1, simulations: 0 };
  if (obs.ssrTwo <= 1e-28 * scale) return { F: null, p_nominal: 0, p: 0, simulations: 0 }; // two lines fit exactly: F = ∞
  const F = (obs.ssrOne - obs.ssrTwo) / 2 / (obs.ssrTwo / d2);
  const rng = new Random(seed);
  const z = new Float64Array(n);
  let exceed = 0;
  for (let s = 0; s < nSim; s++) {
    for (let i = 0; i < n; i++) z[i] = rng.normal();
    const sim = bestSplit(xz, z, splits);
    if (sim.ssrTwo > 0 && (sim.ssrOne - sim.ssrTwo) / 2 / (sim.ssrTwo / d2) >= F) exceed++;
  }
  return { F, p_nominal: fDistributionSf(F, 2, d2), p: (1 + exceed) / (1 + nSim), simulations: nSim };
}

/** Two-segment line fit of y vs x with the search-corrected F test (see the header). */
export function twoSegmentLinearFit(x: ArrayLike<number>, y: ArrayLike<number>, opts: ChangePointOptions = {}): ChangePointFit {
  const n = x.length;
  const what = opts.what ?? 'y vs x';
  if (y.length !== n) throw new InputError(`change-point fit of ${what}: ${n} x values but ${y.length} y values`);
  const minSeg = Math.max(3, Math.floor(opts.minSegment ?? 3));
  if (n < 2 * minSeg) throw new InputError(`change-point fit of ${what} needs at least ${2 * minSeg} points (${minSeg} per segment); got ${n}`);
  for (let i = 0; i < n; i++)
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i]))
      throw new InputError(`change-point fit of ${what}: point ${i} is not finite (x = ${x[i]}, y = ${y[i]})`);
  const alpha = opts.alpha ?? 0.01;
  if (!(alpha > 0 && alpha < 1)) throw new InputError(`significance level must lie in (0, 1), got ${alpha}`);
  const nSim = Math.floor(opts.nSimulations ?? 10000);
  if (!(nSim >= 100)) throw new InputError(`the Monte Carlo p-value needs at least 100 simulations, got ${opts.nSimulations}`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b]);
  const xs = order.map((i) => x[i]),
    ys = order.map((i) => y[i]);
  const splits: number[] = [];
  for (let k = minSeg; k <= n - minSeg; k++) if (xs[k - 1] !== xs[k]) splits.push(k);
  if (splits.length === 0) throw new InputError(`change-point fit of ${what}: no split into two segments of ≥ ${minSeg} distinct x values`);
  const mx = xs.reduce((a, b) => a + b, 0) / n,
    sdx = Math.sqrt(xs.reduce((a, b) => a + (b - mx) ** 2, 0) / n) || 1;
  const xz = xs.map((v) => (v - mx) / sdx);
  const my = ys.reduce((a, b) => a + b, 0) / n;
  const obs = bestSplit(
    xz,
    ys.map((v) => v - my),
    splits,
  );
  const k = obs.k;
  const lower = linearFit(xs.slice(0, k), ys.slice(0, k)),
    upper = linearFit(xs.slice(k), ys.slice(k)),
    one = linearFit(xs, ys);
  const xa = xs[k - 1],
    xb = xs[k];
  let xc = 0.5 * (xa + xb),
    method: 'intersection' | 'midpoint' = 'midpoint';
  const dm = lower.slope - upper.slope;
  if (dm !== 0) {
    const xi = (upper.intercept - lower.intercept) / dm;
    if (xi >= xa && xi <= xb) {
      xc = xi;
      method = 'intersection';
    }
  }
  const d2 = n - 4;
  const { F, p_nominal: pNom, p, simulations: used } = splitFTest(xz, obs, splits, nSim, opts.seed ?? 1);
  const significant = pNom < alpha && p < alpha;
  const fmt = (v: number) => (v < 1e-3 ? v.toExponential(1) : v.toPrecision(2));
  return {
    x_change: significant ? xc : null,
    ...(significant
      ? {}
      : {
          reason:
            F === 0
              ? `the points of ${what} lie on one line`
              : `one line fits ${what}: F = ${F!.toPrecision(3)} (df 2, ${d2}), search-corrected p = ${fmt(p)} (nominal ${fmt(pNom)}); a change needs p < ${alpha}`,
        }),
    significant,
    candidate: xc,
    method,
    lower,
    upper,
    one,
    F_statistic: F,
    F_df: [2, d2],
    p_value_nominal: pNom,
    p_value: p,
    alpha,
    n_simulations: used,
  };
}
