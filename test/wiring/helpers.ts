// Synthetic trajectories with hops placed by hand, for the wiring tests.
import { Cell } from '../../src/core/cell';
import { Random } from '../../src/core/random';
import { topologyFromSymbols } from '../../src/core/topology';
import { Trajectory } from '../../src/core/trajectory';

export interface PlannedPath {
  /** Fractional position (of the supercell) from a frame on: [[frame, [fx, fy, fz]], ...], first at frame 0. */
  stops: [number, number[]][];
}

/**
 * bcc I host (n×n×n cubic cells of side a, cell tilted by `tilt_A` along c on the a row) with mobile Ag
 * following `paths`; every coordinate gets Gaussian noise of `noise_A` (seeded); every atom drifts
 * by `drift_A_per_frame` along x.
 */
export function bccHostWithHops(opts: {
  n?: number;
  a?: number;
  tilt_A?: number;
  nFrames: number;
  dt_fs: number;
  paths: PlannedPath[];
  noise_A?: number;
  seed?: number;
  drift_A_per_frame?: number;
}): Trajectory {
  const n = opts.n ?? 2,
    a = opts.a ?? 5,
    L = n * a;
  const cell = new Cell([
    [L, 0, opts.tilt_A ?? 0],
    [0, L, 0],
    [0, 0, L],
  ]);
  const hostFrac: number[][] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      for (let k = 0; k < n; k++) {
        hostFrac.push([i / n, j / n, k / n], [(i + 0.5) / n, (j + 0.5) / n, (k + 0.5) / n]);
      }
  const symbols = [...hostFrac.map(() => 'I'), ...opts.paths.map(() => 'Ag')];
  const N = symbols.length,
    F = opts.nFrames;
  const rng = new Random(opts.seed ?? 7);
  const positions = new Float64Array(F * 3 * N);
  const frac = new Float64Array(3);
  for (let f = 0; f < F; f++) {
    for (let i = 0; i < N; i++) {
      let p: number[];
      if (i < hostFrac.length) p = hostFrac[i];
      else {
        const stops = opts.paths[i - hostFrac.length].stops;
        p = stops[0][1];
        for (const [f0, q] of stops) if (f >= f0) p = q;
      }
      frac.set(p);
      const c = cell.toCartesian(frac);
      for (let k = 0; k < 3; k++)
        positions[f * 3 * N + 3 * i + k] = c[k] + (opts.noise_A ?? 0.05) * rng.normal() + (k === 0 ? f * (opts.drift_A_per_frame ?? 0) : 0);
    }
  }
  const cells = new Float64Array(9 * F);
  for (let f = 0; f < F; f++) cells.set(cell.matrix, 9 * f);
  return new Trajectory({
    topology: topologyFromSymbols(symbols),
    nFrames: F,
    positions,
    cells,
    times_fs: Float64Array.from({ length: F }, (_, f) => f * opts.dt_fs),
    info: { source: 'synthetic bcc hops', unwrapped: true },
  });
}

/** A bcc cubic-cell fractional coordinate (template units) → supercell fractional, for an n-cell supercell. */
export const inCell = (n: number, cellIndex: number[], p: number[]) => p.map((x, k) => (cellIndex[k] + x) / n);
