/** Seeded synthetic trajectories for the transport tests. */
import { Random } from '../../src/core/random';

/** 3-D Gaussian random walk: nIons walkers, nFrames frames, per-component step sd `step` (Å). */
export function randomWalk(nIons: number, nFrames: number, step: number, seed: number, offset = 0): Float64Array {
  const rng = new Random(seed);
  const pos = new Float64Array(nFrames * 3 * nIons);
  for (let i = 0; i < 3 * nIons; i++) pos[i] = offset + 10 * rng.uniform();
  for (let f = 1; f < nFrames; f++) {
    const a = (f - 1) * 3 * nIons,
      b = f * 3 * nIons;
    for (let i = 0; i < 3 * nIons; i++) pos[b + i] = pos[a + i] + step * rng.normal();
  }
  return pos;
}
