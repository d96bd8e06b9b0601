import { expect, test } from 'vitest';
import { Cell } from '../../src/core/cell';
import { Random } from '../../src/core/random';
import { neighborPairs } from '../../src/geometry/neighborList';
import { VerletList } from '../../src/simulate/verletList';

/**
 * Unordered pair key "i,j,tx,ty,tz" with i ≤ j (translations rounded to 1e-6 Å): (i, j, t) and (j, i, −t) are one
 * pair; for i = j the lexicographically larger of ±t.
 */
function pairKey(i: number, j: number, t: number[]): string {
  const neg = t.map((c) => (c === 0 ? 0 : -c));
  const flip = i > j || (i === j && (t[0] < neg[0] || (t[0] === neg[0] && (t[1] < neg[1] || (t[1] === neg[1] && t[2] < neg[2])))));
  return flip ? `${j},${i},${neg.map((c) => c.toFixed(6)).join(',')}` : `${i},${j},${t.map((c) => c.toFixed(6)).join(',')}`;
}

/** Pair keys from a VerletList and from geometry's neighborPairs. */
function keysOfList(l: VerletList, n: number): string[] {
  const out: string[] = [];
  for (let r = 0; r < n; r++)
    for (let q = l.start[r]; q < l.start[r + 1]; q++) {
      out.push(
        pairKey(
          l.rowAtom(r),
          l.neighbor[q],
          [0, 1, 2].map((k) => +l.translation[3 * q + k].toFixed(6)),
        ),
      );
    }
  return out.sort();
}
function keysOfOracle(x: Float64Array, cell: Cell, rc: number): string[] {
  const p = neighborPairs(x, cell, rc),
    m = cell.matrix,
    out: string[] = [];
  for (let k = 0; k < p.count; k++) {
    const s = [p.shift[3 * k], p.shift[3 * k + 1], p.shift[3 * k + 2]];
    const t = [0, 1, 2].map((c) => +(s[0] * m[c] + s[1] * m[3 + c] + s[2] * m[6 + c]).toFixed(6));
    out.push(pairKey(p.i[k], p.j[k], t));
  }
  return out.sort();
}

test.each([
  ['orthorhombic, cutoff < half width', Cell.orthorhombic(20, 22, 24), 60, 6],
  ['skewed triclinic, cutoff > half width (several images)', Cell.fromParameters(7, 8, 9, 70, 80, 110), 12, 9.5],
  // 6.9, not 7: an atom's image 2 × 3.5 Å away would sit exactly on r_list, a rounding tie between the two searches
  ['tiny cell, cutoff ≫ cell', Cell.orthorhombic(3, 3.5, 4), 2, 6.9],
])('Verlet list equals the geometry neighbour search: %s', (_name, cell, n, rc) => {
  const r = new Random(3);
  const frac = new Float64Array(3 * n);
  for (let k = 0; k < frac.length; k++) frac[k] = 3 * r.uniform() - 1; // unwrapped: outside the cell too
  const x = cell.toCartesian(frac);
  const l = new VerletList(n, rc - 0.5, 0.5);
  l.build(x, cell);
  const a = keysOfList(l, n),
    b = keysOfOracle(x, cell, rc);
  expect(a.length).toBe(b.length);
  expect(a).toEqual(b);
});
