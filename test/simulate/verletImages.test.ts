import { expect, test } from 'vitest';
import { Cell } from '../../src/core/cell';
import { Random } from '../../src/core/random';
import { VerletList } from '../../src/simulate/verletList';

// Image atoms: each entry's extended neighbour sits exactly at its atom plus the entry's translation, distinct
// (atom, translation) pairs share one image atom, and folding sends image forces back to their owners.
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
  const ne = l.nExtended, xe = new Float64Array(3 * ne);
  l.extendPositions(x, xe);
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) for (let q = l.start[i]; q < l.start[i + 1]; q++) {
    const j = l.neighbor[q], e = l.image[q];
    expect(l.owner[e]).toBe(j);
    for (let c = 0; c < 3; c++) expect(Math.abs(xe[3 * e + c] - (x[3 * j + c] + l.translation[3 * q + c]))).toBeLessThan(1e-9);
    const key = `${j},${[0, 1, 2].map((c) => l.translation[3 * q + c].toFixed(6)).join(',')}`;
    if (seen.has(key)) expect(seen.get(key)).toBe(e); else seen.set(key, e);
  }
  expect(new Set(seen.values()).size).toBe(seen.size);
  const fe = new Float64Array(ne).map((_, k) => k + 1), out = new Float64Array(n);
  l.foldImages(fe, out, 1);
  const want = new Float64Array(n);
  for (let e = 0; e < ne; e++) want[l.owner[e]] += e + 1;
  expect(Array.from(out)).toEqual(Array.from(want));
});
