/**
 * Isosurface of a scalar field on a periodic grid by marching tetrahedra (the table-free member
 * of the marching-cubes family: Lorensen & Cline 1987; each grid cube is split into 6 tetrahedra
 * sharing the cube diagonal, which also removes the ambiguous cases of the 256-case table).
 *
 * Grid values are in C order (z fastest) at fractional positions (ix/nx, iy/ny, iz/nz) of `cell`
 * (rows a, b, c in Å). The grid is periodic, so the surface closes across the cell faces.
 * Returns non-indexed triangle vertices (Cartesian Å, 9 floats per triangle), wound so that the
 * geometric normal points from the inside (value ≥ level) towards lower values.
 */

// Cube corner offsets (bit 0 = x, bit 1 = y, bit 2 = z).
const CORNER = [
  [0, 0, 0],
  [1, 0, 0],
  [0, 1, 0],
  [1, 1, 0],
  [0, 0, 1],
  [1, 0, 1],
  [0, 1, 1],
  [1, 1, 1],
];
// Six tetrahedra around the 0–7 diagonal (Freudenthal / Kuhn triangulation: consistent across cubes).
const TETS = [
  [0, 1, 3, 7],
  [0, 3, 2, 7],
  [0, 2, 6, 7],
  [0, 6, 4, 7],
  [0, 4, 5, 7],
  [0, 5, 1, 7],
];

export function periodicIsosurface(
  values: ArrayLike<number>,
  shape: readonly [number, number, number],
  cell: ArrayLike<number>,
  level: number,
): Float32Array {
  const [nx, ny, nz] = shape;
  const out: number[] = [];
  const val = new Float64Array(8);
  const pos = new Float64Array(24); // fractional grid coordinates of the corners
  const idx = (i: number, j: number, k: number): number => ((i % nx) * ny + (j % ny)) * nz + (k % nz);
  const emit = (p: number[]): void => {
    // p: fractional grid coordinates (in grid units); map to Cartesian.
    const fa = p[0] / nx,
      fb = p[1] / ny,
      fc = p[2] / nz;
    out.push(fa * cell[0] + fb * cell[3] + fc * cell[6], fa * cell[1] + fb * cell[4] + fc * cell[7], fa * cell[2] + fb * cell[5] + fc * cell[8]);
  };
  const interp = (a: number, b: number): number[] => {
    const va = val[a],
      vb = val[b];
    const t = va === vb ? 0.5 : (level - va) / (vb - va);
    return [0, 1, 2].map((d) => pos[3 * a + d] + t * (pos[3 * b + d] - pos[3 * a + d]));
  };
  // Emit a triangle oriented so its normal points away from the inside vertex set.
  const tri = (p: number[], q: number[], r: number[], insideRef: number[], outsideRef: number[]): void => {
    const ux = q[0] - p[0],
      uy = q[1] - p[1],
      uz = q[2] - p[2];
    const vx = r[0] - p[0],
      vy = r[1] - p[1],
      vz = r[2] - p[2];
    const nxv = uy * vz - uz * vy,
      nyv = uz * vx - ux * vz,
      nzv = ux * vy - uy * vx;
    const dx = outsideRef[0] - insideRef[0],
      dy = outsideRef[1] - insideRef[1],
      dz = outsideRef[2] - insideRef[2];
    if (nxv * dx + nyv * dy + nzv * dz >= 0) {
      emit(p);
      emit(q);
      emit(r);
    } else {
      emit(p);
      emit(r);
      emit(q);
    }
  };
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      for (let k = 0; k < nz; k++) {
        let any = 0,
          all = 1;
        for (let c = 0; c < 8; c++) {
          const [ox, oy, oz] = CORNER[c];
          val[c] = values[idx(i + ox, j + oy, k + oz)];
          pos[3 * c] = i + ox;
          pos[3 * c + 1] = j + oy;
          pos[3 * c + 2] = k + oz;
          const inside = val[c] >= level ? 1 : 0;
          any |= inside;
          all &= inside;
        }
        if (!any || all) continue;
        for (const t of TETS) {
          const ins = t.filter((c) => val[c] >= level);
          const outs = t.filter((c) => val[c] < level);
          if (ins.length === 0 || ins.length === 4) continue;
          const centroid = (cs: number[]): number[] => [0, 1, 2].map((d) => cs.reduce((s, c) => s + pos[3 * c + d], 0) / cs.length);
          const cin = centroid(ins),
            cout = centroid(outs);
          if (ins.length === 1 || ins.length === 3) {
            const lone = ins.length === 1 ? ins[0] : outs[0];
            const others = ins.length === 1 ? outs : ins;
            tri(interp(lone, others[0]), interp(lone, others[1]), interp(lone, others[2]), cin, cout);
          } else {
            const [a, b] = ins;
            const [c, d] = outs;
            const pac = interp(a, c),
              pad = interp(a, d),
              pbc = interp(b, c),
              pbd = interp(b, d);
            tri(pac, pad, pbd, cin, cout);
            tri(pac, pbd, pbc, cin, cout);
          }
        }
      }
    }
  }
  return new Float32Array(out);
}
