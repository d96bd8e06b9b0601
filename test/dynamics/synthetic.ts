// Builders of in-memory trajectories with analytic motion for the dynamics tests.
import { Trajectory } from '../../src/core/trajectory';
import { topologyFromSymbols } from '../../src/core/topology';

export function makeTrajectory(symbols: string[], nFrames: number, dt_fs: number, positions: Float64Array,
  opts: { velocities?: Float64Array; box?: number; unwrapped?: boolean } = {}): Trajectory {
  const box = opts.box ?? 30;
  const cells = new Float64Array(9 * nFrames);
  for (let f = 0; f < nFrames; f++) { cells[9 * f] = box; cells[9 * f + 4] = box; cells[9 * f + 8] = box; }
  return new Trajectory({
    topology: topologyFromSymbols(symbols), nFrames, positions, cells,
    times_fs: Float64Array.from({ length: nFrames }, (_, f) => f * dt_fs),
    velocities: opts.velocities,
    info: { source: 'synthetic', unwrapped: opts.unwrapped ?? true },
  });
}
