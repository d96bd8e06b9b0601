// Builders of in-memory trajectories with analytic motion for the dynamics tests.
import { Trajectory } from '../../src/core/trajectory';
import { topologyFromSymbols } from '../../src/core/topology';
import { Random } from '../../src/core/random';

export function makeTrajectory(
  symbols: string[],
  nFrames: number,
  dt_fs: number,
  positions: Float64Array,
  opts: { velocities?: Float64Array; box?: number; unwrapped?: boolean } = {},
): Trajectory {
  const box = opts.box ?? 30;
  const cells = new Float64Array(9 * nFrames);
  for (let f = 0; f < nFrames; f++) {
    cells[9 * f] = box;
    cells[9 * f + 4] = box;
    cells[9 * f + 8] = box;
  }
  return new Trajectory({
    topology: topologyFromSymbols(symbols),
    nFrames,
    positions,
    cells,
    times_fs: Float64Array.from({ length: nFrames }, (_, f) => f * dt_fs),
    velocities: opts.velocities,
    info: { source: 'synthetic', unwrapped: opts.unwrapped ?? true },
  });
}

/** Ideal gas: N atoms of one species at independent uniform positions in a cubic box each frame (wrapped, seeded). */
export function idealGasTrajectory(symbol: string, N: number, nFrames: number, box: number, seed: number): Trajectory {
  const rng = new Random(seed);
  const pos = Float64Array.from({ length: nFrames * 3 * N }, () => box * rng.uniform());
  return makeTrajectory(Array(N).fill(symbol), nFrames, 1, pos, { box, unwrapped: false });
}
