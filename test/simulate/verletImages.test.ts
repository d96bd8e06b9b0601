import { expect, test } from 'vitest';
import { Cell } from '../../src/core/cell';
import { Random } from '../../src/core/random';
import { VerletList } from '../../src/simulate/verletList';

// Extended atoms: each entry's displacement from extended positions is the neighbour's plus the entry's translation,
// distinct (atom, translation) pairs are distinct extended atoms, and folding sends image forces back to their owners.
test.each([
  ['orthorhombic, cutoff < half width', Cell.orthorhombic(20, 22, 24), 60, 6],
  ['skewed triclinic, cutoff > half width', Cell.fromParameters(7, 8, 9, 70, 80, 110), 12, 9.5],
])('Verlet list image atoms: %s', (_name, cell, n, rc) => {
  const r = new Random(4);
  const frac = new Float64Array(3 * n);
  for (let k = 0; k < frac.length; k++) frac[k] = 3 * r.uniform() - 1;
  const x = cell.toCartesian(frac);
  const l = new VerletList(n, rc - 0.5, 0.5);
  l.build(x, cell);
  const ne = l.nExtended,
    xe = new Float64Array(3 * ne);
  l.extendPositions(x, xe);
  const seen = new Map<string, number>();
  const rowsOf = new Int32Array(n);
  for (let r = 0; r < n; r++) rowsOf[l.rowAtom(r)]++;
  expect(Array.from(rowsOf)).toEqual(new Array(n).fill(1)); // one row per atom
  for (let r = 0; r < n; r++)
    for (let q = l.start[r]; q < l.start[r + 1]; q++) {
      const i = l.rowAtom(r),
        c0 = l.centre[r],
        j = l.neighbor[q],
        e = l.image[q];
      expect(l.owner[e]).toBe(j);
      // extended positions: the neighbour's displacement is r_j − r_i + t
      for (let c = 0; c < 3; c++)
        expect(Math.abs(xe[3 * e + c] - xe[3 * c0 + c] - (x[3 * j + c] + l.translation[3 * q + c] - x[3 * i + c]))).toBeLessThan(1e-9);
      const key = `${j},${[0, 1, 2].map((c) => l.imageTranslation[3 * e + c].toFixed(6)).join(',')}`;
      if (seen.has(key)) expect(seen.get(key)).toBe(e);
      else seen.set(key, e);
    }
  expect(new Set(seen.values()).size).toBe(seen.size);
  const fe = new Float64Array(ne).map((_, k) => k + 1),
    out = new Float64Array(n);
  l.foldImages(fe, out, 1);
  const want = new Float64Array(n);
  for (let e = 0; e < ne; e++) want[l.owner[e]] += e + 1;
  expect(Array.from(out)).toEqual(Array.from(want));
});
