/**
 * Discrete orientation states and their Shannon entropy (Wood 2021 Fig. 5, METHODS §4).
 *
 * 1. Smoothed map: kernel density f(x) of the orientation vectors on the sphere (von Mises–Fisher
 *    kernel, bandwidth σ = `bandwidth_deg`, default window/2 = 10°), evaluated on an equal-area
 *    Fibonacci lattice with spacing ≈ σ/3 (sphericalKernelDensity.ts). No θ–φ grid, so no pole
 *    artefacts and no dependence on where bin edges fall.
 * 2. Local maxima: lattice points denser than every lattice point within the state window
 *    (ties broken by index), each refined to the exact mode of f by mean shift.
 * 3. Significance against isotropic orientations: a maximum is a state when both
 *      p = n_caps · P(X ≥ k; λ) ≤ `maxFalseAlarm` (default 10⁻³), the chance that N_eff independent isotropic
 *        vectors put at least k = ⌊N_eff · (fraction of samples within the window of the mode)⌋ of them
 *        into some window cap: X ~ Poisson(λ), λ = N_eff (1 − cos w)/2 the expected count in one cap,
 *        n_caps = 2/(1 − cos w) caps tile the sphere (look-elsewhere factor); and
 *      f_max ≥ `minDensityRatio` (default 1.25) × the isotropic density 1/(4π).
 *    Consecutive frames of one vector are correlated, so N_eff = items × T/τ, clamped to [items, T·items],
 *    with τ = 1 + 2 Σ_{m≥1} C(m) summed over the initial positive run of the raw orientation ACF
 *    C(m) = ⟨u(t)·u(t+m)⟩ (not mean-subtracted: a vector that never leaves its state counts once).
 *    Maxima closer than the window are one state (the denser kept).
 *    (The former rule, maxima ≥ 25 % of the top θ–φ bin, dropped states held by few rotors.)
 * 4. States: each sample is assigned to the nearest state centre within `window_deg` (default 20°),
 *    else left unassigned. Occupancy p_i = samples in state i / assigned samples.
 * Entropy (Wood 2021 eq. 3.1, via src/sites/shannonEntropy.ts, each state its own class, f_i = 1,
 * P_i = p_i): S/k_B = −Σ_i [p_i ln p_i + (1 − p_i) ln(1 − p_i)]. Also the plain Gibbs–Shannon form
 * −Σ_i p_i ln p_i (ln n for n equally populated states). Both null (with a reason) when no state is found.
 */
import { InputError } from '../core/errors.js';
import { shannonEntropy } from '../sites/shannonEntropy.js';
import { fibonacciSphere, poolDirections, vmfConcentration, vmfKernel, vmfKernelDensity, vmfMode } from './sphericalKernelDensity.js';
import { poissonUpperTail } from './poissonTail.js';
import { VectorSeries, vectorAutocorrelation } from './vectorAutocorrelation.js';

export interface OrientationStates {
  /** State centres (modes of the smoothed map), polar angle θ = arccos z and azimuth φ = atan2(y, x), degrees; densest first. */
  theta_deg: number[];
  phi_deg: number[];
  /** State centres as unit vectors [x, y, z]. */
  direction: number[][];
  /** Smoothed density at each centre, probability per steradian (isotropic: 1/(4π) ≈ 0.0796). */
  density_per_sr: number[];
  /** False-alarm probability of each state against isotropic orientations (see the file header). */
  false_alarm_probability: number[];
  /** Occupancy of each state among assigned samples (sums to 1). */
  occupancy: number[];
  /** Fraction of all samples within the window of some state. */
  assigned_fraction: number;
  /** Shannon entropy of the occupancy (Wood 2021 eq. 3.1, f_i = 1), units of k_B; null without states. */
  entropy_kB: number | null;
  /** −Σ p_i ln p_i, units of k_B; null without states. */
  gibbs_entropy_kB: number | null;
  /** Why the entropies are null, when they are. */
  entropy_reason?: string;
  window_deg: number;
  bandwidth_deg: number;
  max_false_alarm: number;
  min_density_ratio: number;
  /** Orientation samples used (frames × vectors). */
  n_samples: number;
  /** Independent samples behind the significance (see the file header). */
  n_effective: number;
}

export interface OrientationStateOptions {
  /** Window around each state centre, degrees (default 20, Wood 2021). */
  window_deg?: number;
  /** Kernel bandwidth σ, degrees (default window/2). */
  bandwidth_deg?: number;
  /** Largest false-alarm probability against isotropic orientations of a state (default 1e-3). */
  maxFalseAlarm?: number;
  /** Minimum density of a maximum relative to the isotropic 1/(4π) (default 1.25). */
  minDensityRatio?: number;
}

const deg = 180 / Math.PI;

/** Find the orientation states of `orientations` and their occupancies (see the file header). */
export function orientationStates(orientations: VectorSeries, opts: OrientationStateOptions = {}): OrientationStates {
  const window = opts.window_deg ?? 20;
  const bandwidth = opts.bandwidth_deg ?? window / 2;
  const pMax = opts.maxFalseAlarm ?? 1e-3;
  const ratioMin = opts.minDensityRatio ?? 1.25;
  if (!(window > 0 && window < 90)) throw new InputError(`state window must be in (0°, 90°), got ${window}`);
  if (!(bandwidth >= 0.5 && bandwidth <= 45)) throw new InputError(`kernel bandwidth must be in [0.5°, 45°], got ${bandwidth}`);
  if (!(pMax > 0 && pMax <= 1)) throw new InputError(`false-alarm probability must be in (0, 1], got ${pMax}`);
  if (!(ratioMin >= 0)) throw new InputError(`density ratio must be ≥ 0, got ${ratioMin}`);
  const { values: u, nFrames: T, nItems: R } = orientations;
  const N = T * R;
  if (N === 0) throw new InputError('orientation states need at least one orientation sample');

  // 1. smoothed map on an equal-area lattice, spacing ≈ σ/3
  const kappa = vmfConcentration(bandwidth);
  const sigmaRad = bandwidth / deg;
  const M = Math.min(40000, Math.max(500, Math.ceil((4 * Math.PI) / (sigmaRad / 3) ** 2)));
  const grid = fibonacciSphere(M);
  const pooled = poolDirections(u, N);
  const f = vmfKernelDensity(pooled, grid, kappa);

  // 2. local maxima within the window (lattice z_i = 1 − (2i+1)/M is sorted, and |Δz| ≤ angle)
  const cosW = Math.cos(window / deg);
  const reach = Math.ceil(((window / deg) * M) / 2) + 1;
  const peaks: number[] = [];
  for (let i = 0; i < M; i++) {
    if (!(f[i] > 0)) continue;
    let isMax = true;
    for (let j = Math.max(0, i - reach); j < Math.min(M, i + reach + 1) && isMax; j++) {
      if (j === i) continue;
      if (grid[3 * i] * grid[3 * j] + grid[3 * i + 1] * grid[3 * j + 1] + grid[3 * i + 2] * grid[3 * j + 2] < cosW) continue;
      if (f[j] > f[i] || (f[j] === f[i] && j < i)) isMax = false;
    }
    if (isMax) peaks.push(i);
  }

  // 3. refine to modes, test significance, merge maxima closer than the window
  const nEff = effectiveSamples(orientations);
  const iso = 1 / (4 * Math.PI),
    cap = (1 - cosW) / 2,
    lambda = nEff * cap;
  const pooledSum = (c: number[], inWindowOnly: boolean) => {
    let s = 0;
    for (let k = 0; k < pooled.weights.length; k++) {
      const t = c[0] * pooled.vectors[3 * k] + c[1] * pooled.vectors[3 * k + 1] + c[2] * pooled.vectors[3 * k + 2];
      if (inWindowOnly) {
        if (t >= cosW) s += pooled.weights[k];
      } else s += pooled.weights[k] * vmfKernel(t, kappa);
    }
    return s / N;
  };
  const found: { c: number[]; f: number; p: number }[] = [];
  for (const i of peaks) {
    const c = vmfMode(pooled, grid.subarray(3 * i, 3 * i + 3), kappa);
    const fc = Math.max(pooledSum(c, false), f[i]);
    const k = Math.floor(nEff * pooledSum(c, true) + 1e-9);
    const p = Math.min(1, poissonUpperTail(k, lambda) / cap);
    if (p <= pMax && fc >= ratioMin * iso) found.push({ c, f: fc, p });
  }
  found.sort((a, b) => b.f - a.f);
  const states: typeof found = [];
  for (const s of found) {
    if (states.every((t) => t.c[0] * s.c[0] + t.c[1] * s.c[1] + t.c[2] * s.c[2] < cosW)) states.push(s);
  }

  // 4. assign each sample to the nearest centre within the window
  const n = new Float64Array(states.length);
  let assigned = 0;
  const labels = assignOrientationStates(
    orientations,
    states.map((s) => s.c),
    window,
  );
  for (let s = 0; s < N; s++)
    if (labels[s] >= 0) {
      n[labels[s]]++;
      assigned++;
    }
  const occupancy = Array.from(n, (x) => (assigned > 0 ? x / assigned : 0));
  let entropy: number | null = null,
    gibbs: number | null = null,
    reason: string | undefined;
  if (assigned > 0) {
    gibbs = 0;
    for (const p of occupancy) if (p > 0) gibbs -= p * Math.log(p);
    entropy = shannonEntropy(
      occupancy,
      occupancy.map(() => 1),
    );
  } else {
    reason =
      `no orientation state: of ${peaks.length} density maxima none has a false-alarm probability ≤ ${pMax} against isotropic orientations ` +
      `of N_eff = ${nEff.toFixed(1)} independent vectors (a vector that never leaves its direction counts once) and ${ratioMin}× the isotropic density; ` +
      'more rotors or a longer run, or a larger maxFalseAlarm, would be needed';
  }
  const out: OrientationStates = {
    theta_deg: states.map((s) => Math.acos(Math.max(-1, Math.min(1, s.c[2]))) * deg),
    phi_deg: states.map((s) => Math.atan2(s.c[1], s.c[0]) * deg),
    direction: states.map((s) => s.c.slice()),
    density_per_sr: states.map((s) => s.f),
    false_alarm_probability: states.map((s) => s.p),
    occupancy,
    assigned_fraction: assigned / N,
    entropy_kB: entropy,
    gibbs_entropy_kB: gibbs,
    window_deg: window,
    bandwidth_deg: bandwidth,
    max_false_alarm: pMax,
    min_density_ratio: ratioMin,
    n_samples: N,
    n_effective: nEff,
  };
  if (reason) out.entropy_reason = reason;
  return out;
}

/**
 * State of every orientation sample: the index of the nearest state direction within `window_deg`
 * (largest dot product; ties to the first), or −1 when none is that close. Sample order as in
 * `orientations.values` (frame-major: sample f·R + q).
 */
export function assignOrientationStates(orientations: VectorSeries, directions: ArrayLike<number>[], window_deg: number): Int32Array {
  const u = orientations.values,
    N = orientations.nFrames * orientations.nItems;
  const cosW = Math.cos(window_deg / deg);
  const out = new Int32Array(N);
  for (let s = 0; s < N; s++) {
    let best = -1,
      bestDot = cosW;
    for (let k = 0; k < directions.length; k++) {
      const c = directions[k];
      const d = u[3 * s] * c[0] + u[3 * s + 1] * c[1] + u[3 * s + 2] * c[2];
      if (d >= bestDot) {
        bestDot = d;
        best = k;
      }
    }
    out[s] = best;
  }
  return out;
}

/** N_eff = items × T/τ, τ from the initial positive run of the raw orientation ACF (file header). */
function effectiveSamples(o: VectorSeries): number {
  const { nFrames: T, nItems: R } = o;
  if (T < 2) return R;
  const c = vectorAutocorrelation(o);
  let tau = 1;
  for (let m = 1; m < T && c[m] > 0; m++) tau += (2 * c[m]) / c[0];
  return Math.max(R, Math.min(T * R, (T * R) / tau));
}
