/**
 * Random walkers on a simple cubic lattice (teaching model, notebooks/course/01).
 *
 * Each frame (interval dt), each walker hops with probability p to one of its 6 nearest neighbours,
 * a distance a away, chosen uniformly. The displacement per frame has mean 0 and ⟨|Δr|²⟩ = p·a², so
 *
 *   MSD(t) = p·a²·t/dt = 6·D·t   ⇒   D = Γ·a²/6,   Γ = p/dt the hop rate
 *
 * (the Einstein relation for uncorrelated hops; e.g. Mehrer, Diffusion in Solids, §7).
 */
import { Random } from '../core/random.js';
import { A2_PER_FS_TO_CM2_PER_S } from '../core/units.js';

export interface LatticeWalkOptions {
  /** Number of independent walkers. */
  nWalkers: number;
  /** Frames, including the start (≥ 2). */
  nFrames: number;
  /** Hop probability per frame, 0 < p ≤ 1. */
  hopProbability: number;
  /** Lattice spacing (hop length), Å. */
  a_A: number;
  /** Interval between frames, fs. */
  dt_fs: number;
  /** Seed of the walk. */
  seed: number;
}

export interface LatticeWalk {
  /** Unwrapped positions, frame-major: positions[f·3n + 3i + k], Å (all walkers start at the origin). */
  positions: Float64Array;
  nWalkers: number;
  nFrames: number;
  dt_fs: number;
  /** Total number of hops made. */
  hops: number;
  /** The exact D of the model, Γ·a²/6, cm²/s. */
  D_exact_cm2_s: number;
}

/** Simulate seeded random walkers on a simple cubic lattice (see the file header). */
export function latticeRandomWalk(o: LatticeWalkOptions): LatticeWalk {
  const { nWalkers: n, nFrames: T, hopProbability: p, a_A: a, dt_fs, seed } = o;
  if (!(Number.isInteger(n) && n >= 1) || !(Number.isInteger(T) && T >= 2))
    throw new RangeError(`need ≥ 1 walker and ≥ 2 frames (integers), got ${n} × ${T}`);
  if (!(p > 0 && p <= 1)) throw new RangeError(`hop probability must be in (0, 1], got ${p}`);
  if (!(a > 0) || !(dt_fs > 0)) throw new RangeError(`lattice spacing and dt must be > 0 (got a = ${a} Å, dt = ${dt_fs} fs)`);
  const rng = new Random(seed);
  const positions = new Float64Array(3 * n * T);
  let hops = 0;
  for (let f = 1; f < T; f++) {
    const prev = 3 * n * (f - 1),
      cur = 3 * n * f;
    for (let j = 0; j < 3 * n; j++) positions[cur + j] = positions[prev + j];
    for (let i = 0; i < n; i++) {
      if (rng.uniform() >= p) continue;
      const dir = Math.floor(rng.uniform() * 6);
      positions[cur + 3 * i + (dir >> 1)] += dir & 1 ? -a : a;
      hops++;
    }
  }
  return { positions, nWalkers: n, nFrames: T, dt_fs, hops, D_exact_cm2_s: (((p / dt_fs) * a * a) / 6) * A2_PER_FS_TO_CM2_PER_S };
}
