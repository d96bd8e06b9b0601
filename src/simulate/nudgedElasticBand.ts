/**
 * Climbing-image nudged elastic band (Henkelman, Uberuaga & Jónsson, J. Chem. Phys. 113, 9901 (2000)) with the
 * improved tangent (Henkelman & Jónsson, J. Chem. Phys. 113, 9978 (2000)) at fixed cell, on any force source.
 *
 * Images R_0 … R_{M−1} (end points fixed). Tangent τ_i: R_{i+1}−R_i if E_{i+1} > E_i > E_{i−1}, R_i−R_{i−1} if
 * E_{i+1} < E_i < E_{i−1}, else both weighted by ΔE_max = max(|E_{i+1}−E_i|, |E_{i−1}−E_i|) and ΔE_min toward the
 * higher neighbour; normalised. Force on image i: F_⊥ + k(|R_{i+1}−R_i| − |R_i−R_{i−1}|) τ, with F_⊥ = F − (F·τ)τ;
 * the climbing image (highest energy) gets F − 2(F·τ)τ and no spring. All movable images are optimised together
 * with FIRE (Bitzek et al., PRL 97, 170201 (2006); ASE's unit-mass form: Δt₀ = 0.1, Δt_max = 1, step ≤ 0.2 Å per
 * atom). Converged when every atom's NEB force < fmax. Barrier = max_i E_i − E_0 (forward).
 */
import { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import { Trajectory } from '../core/trajectory.js';
import type { ForceComputerOptions } from './forceComputer.js';
import { createForceProvider, ForceProvider, ForceSource, forceSourceDescription, isPotential } from './forceProvider.js';
import type { MDSystem } from './mdSystem.js';

export interface NEBOptions extends ForceComputerOptions {
  /** Number of intermediate images (default 5). */
  images?: number;
  /** Spring constant, eV/Å² (default 0.1). */
  springConstant_eV_A2?: number;
  /** Climbing image on (default true); it switches on after `climbAfter` steps (default 20). */
  climb?: boolean;
  climbAfter?: number;
  /** Force tolerance, eV/Å (default 0.05). */
  fmax_eV_A?: number;
  maxSteps?: number;
  onStep?: (step: number, maxForce_eV_A: number, energies_eV: Float64Array) => void;
  shouldStop?: () => boolean;
}

export interface NEBResult {
  /** Energies of the images relative to the initial image, eV. */
  energies_eV: Float64Array;
  /** Cumulative path length along the band, Å. */
  pathLength_A: Float64Array;
  /** Forward barrier max E − E_0, eV, and reverse barrier max E − E_last. */
  barrier_eV: number;
  reverseBarrier_eV: number;
  /** Index of the highest image (the climbing image when climb is on). */
  saddleImage: number;
  converged: boolean;
  steps: number;
  maxForce_eV_A: number;
  /** The images as a trajectory (frame i = image i; per-atom energies and frame energies set). */
  images: Trajectory;
  potential: string;
}

/** Linear interpolation between two end points (final displaced to the minimum image of each atom's move). */
export function interpolateImages(initial: Float64Array, final: Float64Array, cell: Cell, nIntermediate: number): Float64Array[] {
  if (initial.length !== final.length) throw new InputError(`NEB end points have ${initial.length / 3} and ${final.length / 3} atoms`);
  const d = new Float64Array(initial.length);
  for (let i = 0; i < initial.length / 3; i++) {
    cell.minimumImage(final[3 * i] - initial[3 * i], final[3 * i + 1] - initial[3 * i + 1], final[3 * i + 2] - initial[3 * i + 2], d, 3 * i);
  }
  const out: Float64Array[] = [];
  for (let k = 0; k <= nIntermediate + 1; k++) {
    const s = k / (nIntermediate + 1);
    const x = new Float64Array(initial.length);
    for (let j = 0; j < x.length; j++) x[j] = initial[j] + s * d[j];
    out.push(x);
  }
  return out;
}

/**
 * Minimum-energy path between `initial` and `final` (same atoms, same cell) by CI-NEB. The end points should be
 * relaxed minima (relaxFIRE) for the barrier to mean anything.
 */
export function nudgedElasticBand(initial: MDSystem, final: MDSystem, source: ForceSource, opts: NEBOptions = {}): NEBResult {
  const nInt = opts.images ?? 5;
  if (!(Number.isInteger(nInt) && nInt >= 1)) throw new InputError(`NEB needs at least 1 intermediate image, got ${nInt}`);
  const k = opts.springConstant_eV_A2 ?? 0.1,
    fmax = opts.fmax_eV_A ?? 0.05,
    maxSteps = opts.maxSteps ?? 500;
  const climb = opts.climb ?? true,
    climbAfter = opts.climbAfter ?? 20;
  if (initial.topology.species.length !== final.topology.species.length) throw new InputError('NEB end points have different numbers of atoms');
  const cell = initial.cell;
  const path = interpolateImages(initial.positions, final.positions, cell, nInt);
  const M = path.length,
    n3 = path[0].length,
    n = n3 / 3;
  const E = new Float64Array(M);
  const F = path.map(() => new Float64Array(n3));
  const PE = path.map(() => new Float64Array(n));
  // Evaluation: a batch when the potential offers one, else one provider per image.
  const batch = isPotential(source) && source.evaluateBatch ? source.evaluateBatch.bind(source) : null;
  let providers: ForceProvider[] | null = null;
  const evaluate = (which: number[]) => {
    if (batch) {
      const res = batch(which.map((i) => ({ topology: initial.topology, cell, positions: path[i] })));
      which.forEach((i, j) => {
        E[i] = res[j].energy_eV;
        F[i].set(res[j].forces);
        PE[i].set(res[j].energies);
      });
    } else {
      providers ??= path.map((x) => createForceProvider({ ...initial, positions: x }, source, opts));
      for (const i of which) E[i] = providers[i].compute(path[i], F[i], PE[i], true);
    }
  };
  const all = [...Array(M).keys()],
    inner = all.slice(1, M - 1);
  evaluate(all);
  const tau = path.map(() => new Float64Array(n3));
  const Fneb = path.map(() => new Float64Array(n3));
  const v = path.map(() => new Float64Array(n3));
  const diff = (a: Float64Array, b: Float64Array, out: Float64Array) => {
    for (let j = 0; j < n3; j++) out[j] = a[j] - b[j];
  };
  const norm = (a: Float64Array) => {
    let s = 0;
    for (let j = 0; j < a.length; j++) s += a[j] * a[j];
    return Math.sqrt(s);
  };
  const dp = new Float64Array(n3),
    dm = new Float64Array(n3);
  let dt = 0.1,
    alpha = 0.1,
    nPos = 0,
    step = 0,
    fm = Infinity,
    ci = -1;
  const dtMax = 1.0,
    maxMove = 0.2;
  const nebForces = () => {
    ci = -1;
    if (climb && step >= climbAfter) {
      let best = -Infinity;
      for (const i of inner)
        if (E[i] > best) {
          best = E[i];
          ci = i;
        }
    }
    fm = 0;
    for (const i of inner) {
      diff(path[i + 1], path[i], dp);
      diff(path[i], path[i - 1], dm);
      const t = tau[i];
      const Ep = E[i + 1],
        Ei = E[i],
        Em = E[i - 1];
      if (Ep > Ei && Ei > Em) t.set(dp);
      else if (Ep < Ei && Ei < Em) t.set(dm);
      else {
        const dMax = Math.max(Math.abs(Ep - Ei), Math.abs(Em - Ei)),
          dMin = Math.min(Math.abs(Ep - Ei), Math.abs(Em - Ei));
        const [wp, wm] = Ep > Em ? [dMax, dMin] : [dMin, dMax];
        for (let j = 0; j < n3; j++) t[j] = wp * dp[j] + wm * dm[j];
      }
      const tn = norm(t) || 1;
      for (let j = 0; j < n3; j++) t[j] /= tn;
      let ft = 0;
      for (let j = 0; j < n3; j++) ft += F[i][j] * t[j];
      const out = Fneb[i];
      if (i === ci) {
        for (let j = 0; j < n3; j++) out[j] = F[i][j] - 2 * ft * t[j];
      } else {
        const spring = k * (norm(dp) - norm(dm));
        for (let j = 0; j < n3; j++) out[j] = F[i][j] - ft * t[j] + spring * t[j];
      }
      for (let a = 0; a < n; a++) fm = Math.max(fm, Math.hypot(out[3 * a], out[3 * a + 1], out[3 * a + 2]));
    }
  };
  nebForces();
  while (step < maxSteps && !(fm < fmax && (!climb || ci >= 0))) {
    if (opts.shouldStop?.()) break;
    step++;
    let P = 0,
      vn = 0,
      fn = 0;
    for (const i of inner)
      for (let j = 0; j < n3; j++) {
        P += Fneb[i][j] * v[i][j];
        vn += v[i][j] * v[i][j];
        fn += Fneb[i][j] * Fneb[i][j];
      }
    if (P > 0) {
      const mix = fn > 0 ? (alpha * Math.sqrt(vn)) / Math.sqrt(fn) : 0;
      for (const i of inner) for (let j = 0; j < n3; j++) v[i][j] = (1 - alpha) * v[i][j] + mix * Fneb[i][j];
      if (++nPos > 5) {
        dt = Math.min(dt * 1.1, dtMax);
        alpha *= 0.99;
      }
    } else {
      for (const i of inner) v[i].fill(0);
      dt *= 0.5;
      alpha = 0.1;
      nPos = 0;
    }
    let dr2max = 0;
    for (const i of inner) for (let j = 0; j < n3; j++) v[i][j] += dt * Fneb[i][j];
    for (const i of inner)
      for (let a = 0; a < n; a++) dr2max = Math.max(dr2max, (dt * v[i][3 * a]) ** 2 + (dt * v[i][3 * a + 1]) ** 2 + (dt * v[i][3 * a + 2]) ** 2);
    const s = Math.sqrt(dr2max) > maxMove ? maxMove / Math.sqrt(dr2max) : 1;
    for (const i of inner) for (let j = 0; j < n3; j++) path[i][j] += s * dt * v[i][j];
    evaluate(inner);
    nebForces();
    opts.onStep?.(step, fm, E);
  }
  let saddle = 0;
  for (let i = 1; i < M; i++) if (E[i] > E[saddle]) saddle = i;
  const rel = E.map((e) => e - E[0]);
  const s = new Float64Array(M);
  for (let i = 1; i < M; i++) {
    diff(path[i], path[i - 1], dp);
    s[i] = s[i - 1] + norm(dp);
  }
  const positions = new Float64Array(M * n3),
    energies = new Float64Array(M * n),
    cells = new Float64Array(9 * M);
  for (let i = 0; i < M; i++) {
    positions.set(path[i], i * n3);
    energies.set(PE[i], i * n);
    cells.set(cell.matrix, 9 * i);
  }
  const images = new Trajectory({
    topology: initial.topology,
    nFrames: M,
    positions,
    cells,
    times_fs: Float64Array.from(all),
    energies,
    frameEnergies_eV: E.slice(),
    info: { source: 'neb', format: 'neb-images', unwrapped: true },
  });
  return {
    energies_eV: rel,
    pathLength_A: s,
    barrier_eV: E[saddle] - E[0],
    reverseBarrier_eV: E[saddle] - E[M - 1],
    saddleImage: saddle,
    converged: fm < fmax,
    steps: step,
    maxForce_eV_A: fm,
    images,
    potential: forceSourceDescription(source),
  };
}
