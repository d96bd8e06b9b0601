/**
 * Small periodic-cell helpers for the viewer (cell rows a, b, c in Å, as 9 numbers).
 * Pure functions writing into caller-owned arrays, so the render loop does not allocate.
 */

/** Corner pairs (bits: a, b, c) of the 12 cell edges: 4 along a, 4 along b, 4 along c. */
const EDGES = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 0, 2, 1, 3, 4, 6, 5, 7, 0, 4, 1, 5, 2, 6, 3, 7]);

/** The 12 cell edges as 24 endpoints (72 floats) written into `out`, starting at the origin. No allocation. */
export function cellEdges(cell: ArrayLike<number>, offset: number, out: Float32Array): void {
  for (let v = 0; v < 24; v++) {
    const corner = EDGES[v];
    const i = corner & 1,
      j = (corner >> 1) & 1,
      k = (corner >> 2) & 1;
    for (let d = 0; d < 3; d++) out[3 * v + d] = i * cell[offset + d] + j * cell[offset + 3 + d] + k * cell[offset + 6 + d];
  }
}

/**
 * Inverse of the 3×3 matrix whose rows are a, b, c (so fractional = cartesian · inv), written
 * into `out` (9 floats, row-major). Returns false for a singular cell.
 */
export function invertCell(cell: ArrayLike<number>, offset: number, out: Float64Array): boolean {
  const a = cell[offset],
    b = cell[offset + 1],
    c = cell[offset + 2];
  const d = cell[offset + 3],
    e = cell[offset + 4],
    f = cell[offset + 5];
  const g = cell[offset + 6],
    h = cell[offset + 7],
    i = cell[offset + 8];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (!(Math.abs(det) > 1e-12)) return false;
  const s = 1 / det;
  out[0] = A * s;
  out[1] = -(b * i - c * h) * s;
  out[2] = (b * f - c * e) * s;
  out[3] = B * s;
  out[4] = (a * i - c * g) * s;
  out[5] = -(a * f - c * d) * s;
  out[6] = C * s;
  out[7] = -(a * h - b * g) * s;
  out[8] = (a * e - b * d) * s;
  return true;
}

/**
 * The recent path of one atom, ending at frame `f` and going back at most `maxPoints − 1` frames
 * while those frames are available. Consecutive positions are joined by the minimum-image
 * displacement in that frame's cell, so a wrapped trajectory draws as one continuous line that
 * ends at the atom's current (wrapped) position. Writes points oldest-first into `out`
 * (3 floats each) and returns how many were written.
 */
export function recentPath(
  frameAt: (f: number) => Float32Array | null,
  atom: number,
  f: number,
  maxPoints: number,
  cells: ArrayLike<number> | null,
  out: Float32Array,
  scratchInv: Float64Array,
): number {
  const cur = frameAt(f);
  if (!cur) return 0;
  // Walk backwards, storing points newest-first at the end of `out`, then shift to the front.
  let n = 1;
  let x = cur[3 * atom],
    y = cur[3 * atom + 1],
    z = cur[3 * atom + 2];
  let w = 3 * (maxPoints - 1);
  out[w] = x;
  out[w + 1] = y;
  out[w + 2] = z;
  let px = x,
    py = y,
    pz = z; // previous raw (wrapped) position, newer frame
  for (let g = f - 1; g >= 0 && n < maxPoints; g--) {
    const fr = frameAt(g);
    if (!fr) break;
    const rx = fr[3 * atom],
      ry = fr[3 * atom + 1],
      rz = fr[3 * atom + 2];
    let dx = rx - px,
      dy = ry - py,
      dz = rz - pz;
    if (cells && invertCell(cells, 9 * (g + 1), scratchInv)) {
      const o = 9 * (g + 1);
      const inv = scratchInv;
      const fa = dx * inv[0] + dy * inv[3] + dz * inv[6];
      const fb = dx * inv[1] + dy * inv[4] + dz * inv[7];
      const fc = dx * inv[2] + dy * inv[5] + dz * inv[8];
      const sa = Math.round(fa),
        sb = Math.round(fb),
        sc = Math.round(fc);
      dx -= sa * cells[o] + sb * cells[o + 3] + sc * cells[o + 6];
      dy -= sa * cells[o + 1] + sb * cells[o + 4] + sc * cells[o + 7];
      dz -= sa * cells[o + 2] + sb * cells[o + 5] + sc * cells[o + 8];
    }
    x += dx;
    y += dy;
    z += dz;
    px = rx;
    py = ry;
    pz = rz;
    w -= 3;
    out[w] = x;
    out[w + 1] = y;
    out[w + 2] = z;
    n++;
  }
  if (w > 0) out.copyWithin(0, w, 3 * maxPoints);
  return n;
}
