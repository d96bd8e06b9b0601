/**
 * Uncorrelated control for the jump–jump correlation (Wood 2021 Fig. 6; METHODS §4).
 *
 * The same jumps (same ions, same sites, same jump vectors) with every time replaced by an independent
 * uniform draw on [0, T): a Poisson process of the same rate and the same spatial pattern, with every
 * correlation in time removed. Its g(Δt, r) is 1 up to counting noise, and its jump-angle distribution is
 * what the geometry of the site network alone gives. Comparing a run's g and angle distribution with
 * those of its shuffled control separates correlation from geometry and noise. Seeded.
 */
import { InputError } from '../core/errors.js';
import { Random } from '../core/random.js';
import type { JumpEvent } from './jumpCorrelation.js';

/**
 * Copy of `jumps` with times drawn uniformly on [0, duration_fs) (seeded); ions and positions kept.
 * @param duration_fs length of the run the jumps were found in, fs
 * @param seed seed of the uniform draws
 */
export function shuffledJumpTimes(jumps: JumpEvent[], duration_fs: number, seed: number): JumpEvent[] {
  if (!(duration_fs > 0) || !Number.isFinite(duration_fs)) throw new InputError(`run duration must be a positive number of fs, got ${duration_fs}`);
  const rng = new Random(seed);
  return jumps.map((j) => ({
    t_fs: rng.uniform() * duration_fs,
    ion: j.ion,
    from: [j.from[0], j.from[1], j.from[2]],
    to: [j.to[0], j.to[1], j.to[2]],
  }));
}
