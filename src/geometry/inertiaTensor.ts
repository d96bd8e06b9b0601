/**
 * Inertia tensor and principal axes of a rigid group of atoms (a polyatomic anion).
 *
 * I = Σ m_i (|r_i|² 𝟙 − r_i r_iᵀ) with r_i relative to the centre of mass (amu·Å²). The principal
 * moments are the eigenvalues of I (ascending) and the principal axes its orthonormal eigenvectors,
 * found by cyclic Jacobi rotations (exact to rounding for a symmetric 3×3). The axes define the
 * anion's own frame (used for cation directions in the anion frame, Kweon 2017; Wood 2021).
 */
import type { Cell } from '../core/cell.js';
import { MoleculeSet, wholeMoleculePositions } from './molecules.js';

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
  let mt = 0, cx = 0, cy = 0, cz = 0;
  for (let i = 0; i < n; i++) { const m = masses[i]; mt += m; cx += m * xyz[3 * i]; cy += m * xyz[3 * i + 1]; cz += m * xyz[3 * i + 2]; }
  cx /= mt; cy /= mt; cz /= mt;
  const I = new Float64Array(9);
  for (let i = 0; i < n; i++) {
    const m = masses[i], x = xyz[3 * i] - cx, y = xyz[3 * i + 1] - cy, z = xyz[3 * i + 2] - cz;
    I[0] += m * (y * y + z * z); I[4] += m * (x * x + z * z); I[8] += m * (x * x + y * y);
    I[1] -= m * x * y; I[2] -= m * x * z; I[5] -= m * y * z;
  }
  I[3] = I[1]; I[6] = I[2]; I[7] = I[5];
  return I;
}

/** Eigenvalues (ascending) and eigenvectors (rows) of a symmetric 3×3 matrix by cyclic Jacobi. */
export function symmetricEigen3(matrix: ArrayLike<number>): { values: [number, number, number]; vectors: Float64Array } {
  const a = Float64Array.from(matrix as ArrayLike<number>);
  const v = new Float64Array([1, 0, 0, 0, 1, 0, 0, 0, 1]); // columns are eigenvectors during the sweep
  for (let sweep = 0; sweep < 50; sweep++) {
    const off = a[1] * a[1] + a[2] * a[2] + a[5] * a[5];
    const scale = a[0] * a[0] + a[4] * a[4] + a[8] * a[8];
    if (off <= 1e-30 * Math.max(scale, 1e-300)) break;
    for (const [p, q] of [[0, 1], [0, 2], [1, 2]] as const) {
      const apq = a[3 * p + q];
      if (apq === 0) continue;
      const theta = (a[3 * q + q] - a[3 * p + p]) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1), s = t * c;
      for (let k = 0; k < 3; k++) { // A ← A·J
        const akp = a[3 * k + p], akq = a[3 * k + q];
        a[3 * k + p] = c * akp - s * akq; a[3 * k + q] = s * akp + c * akq;
      }
      for (let k = 0; k < 3; k++) { // A ← Jᵀ·A
        const apk = a[3 * p + k], aqk = a[3 * q + k];
        a[3 * p + k] = c * apk - s * aqk; a[3 * q + k] = s * apk + c * aqk;
      }
      for (let k = 0; k < 3; k++) {
        const vkp = v[3 * k + p], vkq = v[3 * k + q];
        v[3 * k + p] = c * vkp - s * vkq; v[3 * k + q] = s * vkp + c * vkq;
      }
    }
  }
  const order = [0, 1, 2].sort((i, j) => a[4 * i] - a[4 * j]);
  const vectors = new Float64Array(9);
  order.forEach((col, row) => { for (let k = 0; k < 3; k++) vectors[3 * row + k] = v[3 * k + col]; });
  // Right-handed: third axis = first × second.
  const [x0, x1, x2, y0, y1, y2] = vectors;
  const cz = [x1 * y2 - x2 * y1, x2 * y0 - x0 * y2, x0 * y1 - x1 * y0];
  if (cz[0] * vectors[6] + cz[1] * vectors[7] + cz[2] * vectors[8] < 0) for (let k = 6; k < 9; k++) vectors[k] = -vectors[k];
  return { values: [a[4 * order[0]], a[4 * order[1]], a[4 * order[2]]], vectors };
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
  positions: Float64Array, cell: Cell, set: MoleculeSet, masses: Float64Array,
): { tensors: Float64Array; moments: Float64Array; axes: Float64Array } {
  const whole = wholeMoleculePositions(positions, cell, set);
  const tensors = new Float64Array(9 * set.count), moments = new Float64Array(3 * set.count), axes = new Float64Array(9 * set.count);
  for (let m = 0; m < set.count; m++) {
    const a = set.offsets[m], b = set.offsets[m + 1];
    const w = Float64Array.from(set.atoms.subarray(a, b), (i) => masses[i]);
    const I = inertiaTensor(whole.subarray(3 * a, 3 * b), w);
    const pa = principalAxes(I);
    tensors.set(I, 9 * m); moments.set(pa.moments, 3 * m); axes.set(pa.axes, 9 * m);
  }
  return { tensors, moments, axes };
}
