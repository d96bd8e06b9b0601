import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { Random } from '../../src/core/random';
import { NeighborSearch, neighborPairs } from '../../src/geometry/neighborList';

/** Brute force over images −K..K: the oracle. Returns sorted "i j s0 s1 s2 r" keys. */
function brute(pos: Float64Array, cell: Cell, rc: number, half: boolean, centers?: number[], neigh?: number[]) {
  const n = pos.length / 3,
    m = cell.matrix,
    K = 4,
    keys: string[] = [];
  const C = centers ?? [...Array(n).keys()],
    N = neigh ?? [...Array(n).keys()];
  for (const a of C)
    for (const b of N)
      for (let s0 = -K; s0 <= K; s0++)
        for (let s1 = -K; s1 <= K; s1++)
          for (let s2 = -K; s2 <= K; s2++) {
            if (a === b && s0 === 0 && s1 === 0 && s2 === 0) continue;
            if (half && (b < a || (b === a && (s0 < 0 || (s0 === 0 && (s1 < 0 || (s1 === 0 && s2 <= 0))))))) continue;
            const dx = pos[3 * b] - pos[3 * a] + s0 * m[0] + s1 * m[3] + s2 * m[6];
            const dy = pos[3 * b + 1] - pos[3 * a + 1] + s0 * m[1] + s1 * m[4] + s2 * m[7];
            const dz = pos[3 * b + 2] - pos[3 * a + 2] + s0 * m[2] + s1 * m[5] + s2 * m[8];
            if (dx * dx + dy * dy + dz * dz <= rc * rc) keys.push(`${a} ${b} ${s0} ${s1} ${s2}`);
          }
  return keys.sort();
}

describe('neighborPairs', () => {
  const rng = new Random(11);
  const cases: [string, Cell, number][] = [
    ['orthorhombic, rc < half width', Cell.orthorhombic(10, 11, 12), 4.5],
    ['triclinic, rc < half width', Cell.fromParameters(10, 11, 12, 75, 100, 115), 4],
    ['triclinic, rc > cell width (many images)', Cell.fromParameters(5, 6, 5.5, 80, 95, 110), 7.5],
  ];
  for (const [name, cell, rc] of cases) {
    it(`equals brute force over images: ${name}`, () => {
      const n = 30;
      // unwrapped positions (outside the cell too) to exercise the image shifts
      const frac = Float64Array.from({ length: 3 * n }, () => rng.uniform() * 3 - 1);
      const pos = cell.toCartesian(frac);
      const half = neighborPairs(pos, cell, rc);
      const keys = Array.from(
        { length: half.count },
        (_, k) => `${half.i[k]} ${half.j[k]} ${half.shift[3 * k]} ${half.shift[3 * k + 1]} ${half.shift[3 * k + 2]}`,
      ).sort();
      expect(keys).toEqual(brute(pos, cell, rc, true));
      // displacement and distance consistent with the shift
      const m = cell.matrix;
      for (let k = 0; k < half.count; k++) {
        const a = half.i[k],
          b = half.j[k],
          s = half.shift.subarray(3 * k, 3 * k + 3);
        const dx = pos[3 * b] - pos[3 * a] + s[0] * m[0] + s[1] * m[3] + s[2] * m[6];
        expect(half.d[3 * k]).toBeCloseTo(dx, 9);
        expect(half.r[k]).toBeLessThanOrEqual(rc + 1e-12);
      }
      const centers = [0, 3, 5],
        neigh = [1, 2, 3, 4, 5, 6, 7, 8];
      const fl = neighborPairs(pos, cell, rc, { centers, neighbors: neigh });
      const fkeys = Array.from(
        { length: fl.count },
        (_, k) => `${fl.i[k]} ${fl.j[k]} ${fl.shift[3 * k]} ${fl.shift[3 * k + 1]} ${fl.shift[3 * k + 2]}`,
      ).sort();
      expect(fkeys).toEqual(brute(pos, cell, rc, false, centers, neigh));
    });
  }
  it('a reused NeighborSearch (2 bins per cutoff, no displacements: the Verlet list settings) equals brute force in every cell', () => {
    const search = new NeighborSearch(),
      r = new Random(12);
    for (const [, cell, rc] of [...cases, ...cases]) {
      // second round: buffers warm, cells changing between searches
      const n = 25 + Math.floor(10 * r.uniform());
      const pos = cell.toCartesian(Float64Array.from({ length: 3 * n }, () => r.uniform() * 3 - 1));
      const cnt = search.search(pos, cell, rc, { binsPerCutoff: 2, displacements: false });
      const keys: string[] = [];
      for (let i = 0; i < n; i++)
        for (let q = search.start[i]; q < search.start[i + 1]; q++) {
          keys.push(`${i} ${search.neighbor[q]} ${search.shift[3 * q]} ${search.shift[3 * q + 1]} ${search.shift[3 * q + 2]}`);
        }
      expect(keys.length).toBe(cnt);
      expect(keys.sort()).toEqual(brute(pos, cell, rc, true));
    }
  });
  it('rejects a non-positive cutoff', () => {
    expect(() => neighborPairs(new Float64Array(3), Cell.orthorhombic(5, 5, 5), 0)).toThrow(/cutoff must be a positive/);
  });
});
