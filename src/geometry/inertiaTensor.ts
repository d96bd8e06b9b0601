/**
 * Inertia tensor and principal axes of a rigid group of atoms (a polyatomic anion).
 *
 * I = Σ m_i (|r_i|² 𝟙 − r_i r_iᵀ) with r_i relative to the centre of mass (amu·Å²). The principal
 * moments are the eigenvalues of I (ascending) and the principal axes its orthonormal eigenvectors,
 * found by cyclic Jacobi rotations (symmetricEigen.ts; exact to rounding for a symmetric 3×3). The axes define the
 * anion's own frame (used for cation directions in the anion frame, Kweon 2017; Wood 2021).
 */
import type { Cell } from '../core/cell.js';
import { MoleculeSet, wholeMoleculePositions } from './molecules.js';
import { symmetricEigen3 } from './symmetricEigen.js';

/** Re-exported for callers that import it from here; the implementation is in symmetricEigen.ts. */
export { symmetricEigen3 };

export interface PrincipalAxes {
  /** Principal moments, ascending, amu·Å². */
  moments: [number, number, number];
  /** Principal axes as rows (axes[3k..3k+2] is the unit axis of moments[k]); right-handed. */
  axes: Float64Array;
}

/**
 * Inertia tensor (row-major 3×3, amu·Å²) of points `xyz` (3 per point) with `masses` (one per point)
 * about their centre of mass.
 */
export function inertiaTensor(xyz: ArrayLike<number>, masses: ArrayLike<number>): Float64Array {
  const n = masses.length;
  let mt = 0,
    cx = 0,
    cy = 0,
    cz = 0;
  for (let i = 0; i < n; i++) {
    const m = masses[i];
    mt += m;
    cx += m * xyz[3 * i];
    cy += m * xyz[3 * i + 1];
    cz += m * xyz[3 * i + 2];
  }
  cx /= mt;
  cy /= mt;
  cz /= mt;
  const I = new Float64Array(9);
  for (let i = 0; i < n; i++) {
    const m = masses[i],
      x = xyz[3 * i] - cx,
      y = xyz[3 * i + 1] - cy,
      z = xyz[3 * i + 2] - cz;
    I[0] += m * (y * y + z * z);
    I[4] += m * (x * x + z * z);
    I[8] += m * (x * x + y * y);
    I[1] -= m * x * y;
    I[2] -= m * x * z;
    I[5] -= m * y * z;
  }
  I[3] = I[1];
  I[6] = I[2];
  I[7] = I[5];
  return I;
}

/** Principal moments and axes of an inertia tensor. */
export function principalAxes(tensor: ArrayLike<number>): PrincipalAxes {
  const { values, vectors } = symmetricEigen3(tensor);
  return { moments: values, axes: vectors };
}

/**
 * Inertia tensor and principal axes of every molecule of `set` in one frame (whole across the
 * boundary): tensors 9 per molecule, moments 3 per molecule, axes 9 per molecule (rows).
 */
export function moleculeInertia(
  positions: Float64Array,
  cell: Cell,
  set: MoleculeSet,
  masses: Float64Array,
): { tensors: Float64Array; moments: Float64Array; axes: Float64Array } {
  const whole = wholeMoleculePositions(positions, cell, set);
  const tensors = new Float64Array(9 * set.count),
    moments = new Float64Array(3 * set.count),
    axes = new Float64Array(9 * set.count);
  for (let m = 0; m < set.count; m++) {
    const a = set.offsets[m],
      b = set.offsets[m + 1];
    const w = Float64Array.from(set.atoms.subarray(a, b), (i) => masses[i]);
    const I = inertiaTensor(whole.subarray(3 * a, 3 * b), w);
    const pa = principalAxes(I);
    tensors.set(I, 9 * m);
    moments.set(pa.moments, 3 * m);
    axes.set(pa.axes, 9 * m);
  }
  return { tensors, moments, axes };
}
