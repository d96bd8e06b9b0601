/**
 * Minimum-image distances from one point to many (site centres), fast path: for cells whose
 * lattice vectors are not strongly skewed (all |cos| < 0.2, the condition under which Cell uses
 * plain rounding) the fractional displacement is rounded inline; otherwise Cell.minimumImage
 * (exact for any cell) is called per pair.
 */
import type { Cell } from '../core/cell.js';

/** Whether plain rounding of fractional displacements gives the minimum image for this cell (Cell's own criterion). */
export function roundingIsExact(cell: Cell): boolean {
  return cell.roundingIsExact;
}

/**
 * Squared minimum-image distances from point (x, y, z) to every point of `targets` (Cartesian, 3 per
 * point; `targetsFrac` their fractional coordinates) written into `out`.
 */
export function squaredDistancesTo(
  x: number,
  y: number,
  z: number,
  targets: Float64Array,
  targetsFrac: Float64Array,
  cell: Cell,
  fast: boolean,
  out: Float64Array,
): void {
  const nT = targets.length / 3;
  if (!fast) {
    const tmp = [0, 0, 0];
    for (let s = 0; s < nT; s++) out[s] = cell.minimumImage(targets[3 * s] - x, targets[3 * s + 1] - y, targets[3 * s + 2] - z, tmp);
    return;
  }
  const v = cell.inverse,
    m = cell.matrix;
  const fx = x * v[0] + y * v[3] + z * v[6],
    fy = x * v[1] + y * v[4] + z * v[7],
    fz = x * v[2] + y * v[5] + z * v[8];
  for (let s = 0; s < nT; s++) {
    let a = targetsFrac[3 * s] - fx,
      b = targetsFrac[3 * s + 1] - fy,
      c = targetsFrac[3 * s + 2] - fz;
    a -= Math.round(a);
    b -= Math.round(b);
    c -= Math.round(c);
    const dx = a * m[0] + b * m[3] + c * m[6],
      dy = a * m[1] + b * m[4] + c * m[7],
      dz = a * m[2] + b * m[5] + c * m[8];
    out[s] = dx * dx + dy * dy + dz * dz;
  }
}
