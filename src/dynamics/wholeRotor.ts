/**
 * A rotor (polyatomic anion, molecule) made whole in one frame: each atom placed at the minimum
 * image of its first atom, the centre of mass of that placement, and the COM-relative positions.
 * Valid while every atom lies within half a cell width of the first atom (always true for bonded
 * anions such as PS4, BH4, B12H12 in cells wider than twice their size). Offsets go through
 * Cell.minimumImage; positions are read in place and one Cell serves every frame of an unchanged cell.
 */
import type { Cell } from '../core/cell.js';
import type { Trajectory } from '../core/trajectory.js';


/**
 * The cell of frame f, or null when the trajectory has no cell. Pass the previous frame's cell as
 * `prev` to reuse it when the cell has not changed (fixed-cell runs build one Cell, not T).
 */
export function frameCell(traj: Trajectory, f: number, prev: Cell | null = null): Cell | null {
  const h = traj.cells;
  if (!h) return null;
  if (prev) {
    let same = true;
    for (let k = 0; k < 9 && same; k++) same = h[9 * f + k] === prev.matrix[k];
    if (same) return prev;
  }
  return traj.cell(f);
}

const scratch = new Float64Array(3);

/**
 * Fill `rel` (3·atoms.length) with COM-relative positions of `atoms` in the frame whose positions
 * start at `x[base]`, and `com` (3) with the COM (in the image of the first atom, Å). `masses` are the
 * masses of `atoms` in order; `cell` the frame's cell (frameCell), null for no periodicity.
 */
export function wholeRotorAt(
  x: Float64Array, base: number, cell: Cell | null, atoms: ArrayLike<number>, masses: ArrayLike<number>,
  rel: Float64Array, com: Float64Array,
): void {
  const a0 = base + 3 * atoms[0];
  const x0 = x[a0], y0 = x[a0 + 1], z0 = x[a0 + 2];
  let mt = 0, cx = 0, cy = 0, cz = 0;
  for (let k = 0; k < atoms.length; k++) {
    const a = base + 3 * atoms[k];
    let dx = x[a] - x0, dy = x[a + 1] - y0, dz = x[a + 2] - z0;
    if (cell) {
      cell.minimumImage(dx, dy, dz, scratch);
      dx = scratch[0]; dy = scratch[1]; dz = scratch[2];
    }
    rel[3 * k] = dx; rel[3 * k + 1] = dy; rel[3 * k + 2] = dz;
    const mk = masses[k];
    mt += mk; cx += mk * dx; cy += mk * dy; cz += mk * dz;
  }
  cx /= mt; cy /= mt; cz /= mt;
  for (let k = 0; k < atoms.length; k++) { rel[3 * k] -= cx; rel[3 * k + 1] -= cy; rel[3 * k + 2] -= cz; }
  com[0] = x0 + cx; com[1] = y0 + cy; com[2] = z0 + cz;
}

/**
 * Fill `rel` (3·atoms.length) with COM-relative positions of `atoms` in frame f and `com` (3) with the
 * COM (in the image of the first atom, Å). Uses the frame's cell when the trajectory has one.
 * (Convenience form of wholeRotorAt for one rotor in one frame.)
 */
export function wholeRotorInFrame(traj: Trajectory, atoms: ArrayLike<number>, f: number, rel: Float64Array, com: Float64Array): void {
  const masses = Array.from(atoms, (a) => traj.topology.masses[a]);
  wholeRotorAt(traj.positions, f * 3 * traj.nAtoms, frameCell(traj, f), atoms, masses, rel, com);
}
