/**
 * Triclinic periodic cell.
 *
 * Rows of `matrix` are the lattice vectors a, b, c in Å (the extended-XYZ `Lattice=` order,
 * as in ASE): r = f₀·a + f₁·b + f₂·c. Fractional coordinates f = r · M⁻¹.
 * Minimum image: wrap the fractional displacement to [-½, ½) and, for strongly skewed cells,
 * also test the 26 neighbouring images (exact for any cell).
 */
import { InputError, InputErrorLocation } from './errors.js';

export type Mat3 = [[number, number, number], [number, number, number], [number, number, number]];

export class Cell {
  /** Row-major lattice vectors a, b, c (Å), 9 numbers. */
  readonly matrix: Float64Array;
  /** Row-major inverse of `matrix`. */
  readonly inverse: Float64Array;
  /** Cell volume in Å³ (positive). */
  readonly volume: number;
  /** True when the cell is orthorhombic (off-diagonals zero within 1e-12 relative). */
  readonly orthorhombic: boolean;
  /** Whether the minimum image by fractional rounding alone is exact (cell not too skewed: all |cos| < 0.2). */
  readonly roundingIsExact: boolean;

  /**
   * @param matrix 9 numbers (rows a, b, c) or a 3×3 nested array, Å.
   * @param where  location used in the error message if the cell is singular or not finite.
   */
  constructor(matrix: ArrayLike<number> | number[][], where: InputErrorLocation = {}) {
    const m = new Float64Array(9);
    if (Array.isArray(matrix) && Array.isArray(matrix[0])) {
      const rows = matrix as number[][];
      if (rows.length !== 3 || rows.some((r) => r.length !== 3)) throw new InputError('cell must be 3×3', where);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) m[3 * i + j] = rows[i][j];
    } else {
      const flat = matrix as ArrayLike<number>;
      if (flat.length !== 9) throw new InputError(`cell must have 9 numbers, got ${flat.length}`, where);
      for (let i = 0; i < 9; i++) m[i] = flat[i];
    }
    for (let i = 0; i < 9; i++) {
      if (!Number.isFinite(m[i])) throw new InputError(`cell component ${i} is not a finite number (${m[i]})`, where);
    }
    const det = det3(m);
    const scale = Math.pow(norm(m, 0) * norm(m, 1) * norm(m, 2), 1);
    if (!(Math.abs(det) > 1e-10 * Math.max(scale, 1e-300)) || scale === 0) {
      throw new InputError(`cell is singular (volume ${det.toPrecision(4)} Å³); expected three independent lattice vectors`, where);
    }
    this.matrix = m;
    this.inverse = inv3(m, det);
    this.volume = Math.abs(det);
    const maxLen = Math.max(norm(m, 0), norm(m, 1), norm(m, 2));
    this.orthorhombic = [1, 2, 3, 5, 6, 7].every((k) => Math.abs(m[k]) <= 1e-12 * maxLen);
    // Rounding the fractional displacement gives the true minimum image for displacements
    // shorter than half the shortest perpendicular width; we use it directly for orthorhombic
    // cells and for mildly skewed ones (all angle cosines < 0.2), else we search neighbours.
    this.roundingIsExact = this.orthorhombic || maxAbsCos(m) < 0.2;
  }

  /** Orthorhombic cell with edge lengths a, b, c (Å). */
  static orthorhombic(a: number, b: number, c: number): Cell {
    return new Cell([a, 0, 0, 0, b, 0, 0, 0, c]);
  }

  /** Cell from lengths (Å) and angles α, β, γ (degrees), a along x, b in the xy plane. */
  static fromParameters(a: number, b: number, c: number, alpha: number, beta: number, gamma: number): Cell {
    const d = Math.PI / 180;
    const ca = Math.cos(alpha * d),
      cb = Math.cos(beta * d),
      cg = Math.cos(gamma * d),
      sg = Math.sin(gamma * d);
    const cx = c * cb;
    const cy = (c * (ca - cb * cg)) / sg;
    const cz = Math.sqrt(Math.max(c * c - cx * cx - cy * cy, 0));
    return new Cell([a, 0, 0, b * cg, b * sg, 0, cx, cy, cz]);
  }

  /** Lengths |a|, |b|, |c| in Å. */
  lengths(): [number, number, number] {
    return [norm(this.matrix, 0), norm(this.matrix, 1), norm(this.matrix, 2)];
  }

  /** Perpendicular widths (distance between opposite faces) in Å: V / |b×c| etc. */
  perpendicularWidths(): [number, number, number] {
    const m = this.matrix;
    const w: number[] = [];
    for (let i = 0; i < 3; i++) {
      const j = (i + 1) % 3,
        k = (i + 2) % 3;
      const cx = m[3 * j + 1] * m[3 * k + 2] - m[3 * j + 2] * m[3 * k + 1];
      const cy = m[3 * j + 2] * m[3 * k] - m[3 * j] * m[3 * k + 2];
      const cz = m[3 * j] * m[3 * k + 1] - m[3 * j + 1] * m[3 * k];
      w.push(this.volume / Math.hypot(cx, cy, cz));
    }
    return w as [number, number, number];
  }

  /** Nested 3×3 array (rows a, b, c) for JSON output. */
  toArray(): Mat3 {
    const m = this.matrix;
    return [
      [m[0], m[1], m[2]],
      [m[3], m[4], m[5]],
      [m[6], m[7], m[8]],
    ];
  }

  /** Cartesian → fractional for a flat xyz array (in place into `out`, default new array). */
  toFractional(cart: ArrayLike<number>, out: Float64Array = new Float64Array(cart.length)): Float64Array {
    const v = this.inverse;
    for (let i = 0; i < cart.length; i += 3) {
      const x = cart[i],
        y = cart[i + 1],
        z = cart[i + 2];
      out[i] = x * v[0] + y * v[3] + z * v[6];
      out[i + 1] = x * v[1] + y * v[4] + z * v[7];
      out[i + 2] = x * v[2] + y * v[5] + z * v[8];
    }
    return out;
  }

  /** Fractional → Cartesian for a flat xyz array. */
  toCartesian(frac: ArrayLike<number>, out: Float64Array = new Float64Array(frac.length)): Float64Array {
    const m = this.matrix;
    for (let i = 0; i < frac.length; i += 3) {
      const a = frac[i],
        b = frac[i + 1],
        c = frac[i + 2];
      out[i] = a * m[0] + b * m[3] + c * m[6];
      out[i + 1] = a * m[1] + b * m[4] + c * m[7];
      out[i + 2] = a * m[2] + b * m[5] + c * m[8];
    }
    return out;
  }

  /** Wrap Cartesian positions into the cell (fractional coordinates in [0, 1)). */
  wrap(cart: ArrayLike<number>, out: Float64Array = new Float64Array(cart.length)): Float64Array {
    const f = this.toFractional(cart, out);
    for (let i = 0; i < f.length; i++) f[i] -= Math.floor(f[i]);
    return this.toCartesian(f, out);
  }

  /**
   * Minimum-image version of the displacement (dx, dy, dz), written into out[o..o+2].
   * Returns the squared length.
   */
  minimumImage(dx: number, dy: number, dz: number, out: Float64Array | number[], o = 0): number {
    const v = this.inverse,
      m = this.matrix;
    let fa = dx * v[0] + dy * v[3] + dz * v[6];
    let fb = dx * v[1] + dy * v[4] + dz * v[7];
    let fc = dx * v[2] + dy * v[5] + dz * v[8];
    fa -= Math.round(fa);
    fb -= Math.round(fb);
    fc -= Math.round(fc);
    let bx = fa * m[0] + fb * m[3] + fc * m[6];
    let by = fa * m[1] + fb * m[4] + fc * m[7];
    let bz = fa * m[2] + fb * m[5] + fc * m[8];
    let best = bx * bx + by * by + bz * bz;
    if (!this.roundingIsExact) {
      const x0 = bx,
        y0 = by,
        z0 = bz;
      for (let i = -1; i <= 1; i++)
        for (let j = -1; j <= 1; j++)
          for (let k = -1; k <= 1; k++) {
            if (i === 0 && j === 0 && k === 0) continue;
            const x = x0 + i * m[0] + j * m[3] + k * m[6];
            const y = y0 + i * m[1] + j * m[4] + k * m[7];
            const z = z0 + i * m[2] + j * m[5] + k * m[8];
            const d2 = x * x + y * y + z * z;
            if (d2 < best) {
              best = d2;
              bx = x;
              by = y;
              bz = z;
            }
          }
    }
    out[o] = bx;
    out[o + 1] = by;
    out[o + 2] = bz;
    return best;
  }

  /** Minimum-image distance between two Cartesian points. */
  distance(a: ArrayLike<number>, ia: number, b: ArrayLike<number>, ib: number): number {
    const t = [0, 0, 0];
    return Math.sqrt(this.minimumImage(b[3 * ib] - a[3 * ia], b[3 * ib + 1] - a[3 * ia + 1], b[3 * ib + 2] - a[3 * ia + 2], t));
  }
}

function norm(m: Float64Array, row: number): number {
  return Math.hypot(m[3 * row], m[3 * row + 1], m[3 * row + 2]);
}

function det3(m: Float64Array): number {
  return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
}

function inv3(m: Float64Array, det: number): Float64Array {
  const r = new Float64Array(9);
  r[0] = (m[4] * m[8] - m[5] * m[7]) / det;
  r[1] = (m[2] * m[7] - m[1] * m[8]) / det;
  r[2] = (m[1] * m[5] - m[2] * m[4]) / det;
  r[3] = (m[5] * m[6] - m[3] * m[8]) / det;
  r[4] = (m[0] * m[8] - m[2] * m[6]) / det;
  r[5] = (m[2] * m[3] - m[0] * m[5]) / det;
  r[6] = (m[3] * m[7] - m[4] * m[6]) / det;
  r[7] = (m[1] * m[6] - m[0] * m[7]) / det;
  r[8] = (m[0] * m[4] - m[1] * m[3]) / det;
  return r;
}

function maxAbsCos(m: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < 3; i++)
    for (let j = i + 1; j < 3; j++) {
      const dot = m[3 * i] * m[3 * j] + m[3 * i + 1] * m[3 * j + 1] + m[3 * i + 2] * m[3 * j + 2];
      worst = Math.max(worst, Math.abs(dot / (norm(m, i) * norm(m, j))));
    }
  return worst;
}
