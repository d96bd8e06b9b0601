/**
 * A rotor (polyatomic anion, molecule) made whole in one frame: each atom placed at the minimum
 * image of its first atom, the centre of mass of that placement, and the COM-relative positions.
 * Valid while every atom lies within half a cell width of the first atom (always true for bonded
 * anions such as PS4, BH4, B12H12 in cells wider than twice their size).
 */
import type { Trajectory } from '../core/trajectory.js';

/**
 * Fill `rel` (3·atoms.length) with COM-relative positions of `atoms` in frame f and `com` (3) with the
 * COM (in the image of the first atom, Å). Uses the frame's cell when the trajectory has one.
 */
export function wholeRotorInFrame(traj: Trajectory, atoms: ArrayLike<number>, f: number, rel: Float64Array, com: Float64Array): void {
  const x = traj.framePositions(f), masses = traj.topology.masses;
  const cell = traj.cells ? traj.cell(f) : null;
  const a0 = 3 * atoms[0];
  const d = [0, 0, 0];
  let mt = 0, cx = 0, cy = 0, cz = 0;
  for (let k = 0; k < atoms.length; k++) {
    const a = 3 * atoms[k];
    const dx = x[a] - x[a0], dy = x[a + 1] - x[a0 + 1], dz = x[a + 2] - x[a0 + 2];
    if (cell) cell.minimumImage(dx, dy, dz, d);
    else { d[0] = dx; d[1] = dy; d[2] = dz; }
    rel[3 * k] = d[0]; rel[3 * k + 1] = d[1]; rel[3 * k + 2] = d[2];
    const m = masses[atoms[k]];
    mt += m; cx += m * d[0]; cy += m * d[1]; cz += m * d[2];
  }
  cx /= mt; cy /= mt; cz /= mt;
  for (let k = 0; k < atoms.length; k++) { rel[3 * k] -= cx; rel[3 * k + 1] -= cy; rel[3 * k + 2] -= cz; }
  com[0] = x[a0] + cx; com[1] = x[a0 + 1] + cy; com[2] = x[a0 + 2] + cz;
}
