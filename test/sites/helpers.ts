// Test helpers: ideal host lattices as in-memory frames and trajectories.
import { Cell } from '../../src/core/cell';
import type { Frame } from '../../src/core/frame';
import { topologyFromSymbols } from '../../src/core/topology';
import { Trajectory } from '../../src/core/trajectory';
import type { SiteTemplate } from '../../src/sites/siteTemplate';

/** Host positions of a template tiled n×n×n with the template cell scaled by `a` (Å). */
export function tiledHosts(t: SiteTemplate, n: [number, number, number], a: number): { cell: Cell; positions: Float64Array } {
  const m = t.cell.matrix;
  const rows = [0, 1, 2].map((r) => [0, 1, 2].map((k) => m[3 * r + k] * a * n[r]));
  const cell = new Cell(rows);
  const frac: number[] = [];
  for (let i = 0; i < n[0]; i++)
    for (let j = 0; j < n[1]; j++)
      for (let l = 0; l < n[2]; l++) {
        for (const h of t.hostFrac) frac.push((h[0] + i) / n[0], (h[1] + j) / n[1], (h[2] + l) / n[2]);
      }
  return { cell, positions: cell.toCartesian(frac) };
}

/** A one-species trajectory of frames built from positions per frame (same cell unless given). */
export function trajectoryOf(symbols: string[], framesPos: Float64Array[], cells: Cell[], dt_fs = 100): Trajectory {
  const top = topologyFromSymbols(symbols);
  const frames: Frame[] = framesPos.map((p, f) => ({ index: f, time_fs: f * dt_fs, cell: cells[Math.min(f, cells.length - 1)], positions: p }));
  return Trajectory.fromFrames(top, frames, { source: 'test', unwrapped: false, timestep_fs: dt_fs });
}

/** Network options for a frame whose first atoms are the hosts (as the trajectories built here). */
export function hostsFirst(hostPositions: Float64Array) {
  return { hostAtoms: Int32Array.from({ length: hostPositions.length / 3 }, (_, i) => i) };
}
