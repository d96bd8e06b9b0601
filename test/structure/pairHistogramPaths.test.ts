import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { Random } from '../../src/core/random';
import { accumulatePairHistogram } from '../../src/structure/pairDistanceHistogram';
import { binGrid, binStencil, minSquaredSeparation } from '../../src/geometry/binStencil';

/** Oracle: every image within ±K cells, every pair, the RDF's binning formula. */
function brute(pa: Float64Array, pb: Float64Array, cell: Cell, rmax: number, bins: number, same: boolean): number[] {
  const m = cell.matrix,
    w = cell.perpendicularWidths(),
    h = new Float64Array(bins),
    inv = bins / rmax;
  const K = w.map((x) => Math.ceil(rmax / x) + 4); // inputs span 3 cells: displacements up to ±3 cells
  const nA = pa.length / 3,
    nB = pb.length / 3;
  for (let i = 0; i < nA; i++)
    for (let j = 0; j < nB; j++) {
      for (let x = -K[0]; x <= K[0]; x++)
        for (let y = -K[1]; y <= K[1]; y++)
          for (let z = -K[2]; z <= K[2]; z++) {
            if (same && i === j && x === 0 && y === 0 && z === 0) continue;
            const dx = pb[3 * j] - pa[3 * i] + x * m[0] + y * m[3] + z * m[6];
            const dy = pb[3 * j + 1] - pa[3 * i + 1] + x * m[1] + y * m[4] + z * m[7];
            const dz = pb[3 * j + 2] - pa[3 * i + 2] + x * m[2] + y * m[5] + z * m[8];
            const d2 = dx * dx + dy * dy + dz * dz;
            if (d2 < rmax * rmax) {
              const k = Math.floor(Math.sqrt(d2) * inv);
              if (k < bins) h[k]++;
            }
          }
    }
  return Array.from(h);
}

describe('pair-distance histogram: cell list and direct loop equal the brute-force image sum', () => {
  const rng = new Random(2026);
  // [name, cell, rmax as a fraction of the smallest perpendicular width]
  const cells: [string, Cell, number[]][] = [
    ['cubic', Cell.orthorhombic(12, 12, 12), [0.2, 0.45, 0.4999, 0.7]],
    ['orthorhombic, thin along c', Cell.orthorhombic(15, 13, 6), [0.3, 0.49, 1.2]],
    ['skewed triclinic (non-upper-triangular rows)', new Cell([11, 0.7, -0.4, 3.5, 10, 0.9, -2, 2.5, 10.5]), [0.15, 0.33, 0.48, 0.5, 1.3]],
    ['strongly sheared', Cell.fromParameters(9, 10, 11, 62, 115, 58), [0.25, 0.45, 2.1]],
    ['hexagonal', Cell.fromParameters(8, 8, 13, 90, 90, 120), [0.3, 0.499]],
  ];
  for (const [name, cell, fracs] of cells) {
    it(`${name}: every path and bin size, A–B and A–A, unwrapped inputs`, () => {
      const w = Math.min(...cell.perpendicularWidths());
      for (const f of fracs) {
        const rmax = f * w,
          bins = 29 + Math.floor(20 * rng.uniform());
        const nA = 20 + Math.floor(30 * rng.uniform()),
          nB = 25 + Math.floor(40 * rng.uniform());
        // positions outside the cell too (unwrapped trajectories)
        const pa = cell.toCartesian(Float64Array.from({ length: 3 * nA }, () => 3 * rng.uniform() - 1));
        const pb = cell.toCartesian(Float64Array.from({ length: 3 * nB }, () => 3 * rng.uniform() - 1));
        for (const same of [false, true]) {
          const expected = brute(pa, same ? pa : pb, cell, rmax, bins, same);
          const paths: { method?: 'direct' | 'cells'; binsPerCutoff?: number }[] = [
            {},
            { method: 'cells', binsPerCutoff: 1 },
            { method: 'cells', binsPerCutoff: 2 },
            { method: 'cells', binsPerCutoff: 3 },
            { method: 'cells', binsPerCutoff: 4 },
          ];
          if (2 * rmax <= w) paths.push({ method: 'direct' });
          for (const opts of paths) {
            const h = new Float64Array(bins);
            const n = accumulatePairHistogram(pa, same ? null : pb, cell, rmax, h, same, opts);
            expect(Array.from(h), `${name} rmax=${f}w same=${same} ${JSON.stringify(opts)}`).toEqual(expected);
            expect(n).toBe(expected.reduce((s, x) => s + x, 0));
          }
        }
      }
    });
  }

  it('a larger random system (600 + 500 points, rmax 0.45 w): cell list and direct loop give identical counts', () => {
    const cell = new Cell([20.3, 0.2, -0.1, 0.2, 20.3, 0, -0.1, 0, 20.3]);
    const pa = cell.toCartesian(Float64Array.from({ length: 1800 }, () => rng.uniform()));
    const pb = cell.toCartesian(Float64Array.from({ length: 1500 }, () => rng.uniform()));
    for (const same of [false, true]) {
      const hd = new Float64Array(200),
        hc = new Float64Array(200);
      accumulatePairHistogram(pa, same ? null : pb, cell, 9.1, hd, same, { method: 'direct' });
      for (const K of [1, 2, 3, 4]) {
        hc.fill(0);
        accumulatePairHistogram(pa, same ? null : pb, cell, 9.1, hc, same, { method: 'cells', binsPerCutoff: K });
        expect(Array.from(hc)).toEqual(Array.from(hd));
      }
    }
  });
});

describe('bin stencil', () => {
  it('keeps every offset whose bins can hold points within r (checked by sampling points in both bins)', () => {
    const rng = new Random(7);
    const cell = Cell.fromParameters(10, 12, 11, 70, 105, 60);
    const r = 4.3,
      n = binGrid(cell, r, 3, 1e6),
      st = binStencil(cell, n, r);
    const kept = new Set<string>();
    for (let q = 0; q < st.nRows; q++)
      for (let o2 = st.rows[4 * q + 2]; o2 <= st.rows[4 * q + 3]; o2++) kept.add(`${st.rows[4 * q]},${st.rows[4 * q + 1]},${o2}`);
    const m = cell.matrix;
    for (let s = 0; s < 20000; s++) {
      // two random points in bins (0,0,0) and o, closer than r → o must be kept
      const o = [0, 1, 2].map(() => Math.floor(rng.uniform() * 13) - 6);
      const u = [0, 1, 2].map((k) => (o[k] + rng.uniform() - rng.uniform()) / n[k]);
      const d = [0, 1, 2].map((c) => u[0] * m[c] + u[1] * m[3 + c] + u[2] * m[6 + c]);
      if (Math.hypot(d[0], d[1], d[2]) < r) expect(kept.has(o.join(','))).toBe(true);
    }
    expect(st.nOffsets).toBeLessThan((2 * 3 + 3) ** 3); // pruned below the full cube of offsets
  });
  it('minSquaredSeparation equals a dense grid search over the box', () => {
    const G = new Float64Array([4, 1.2, -0.5, 1.2, 3, 0.7, -0.5, 0.7, 5]);
    for (const o of [
      [2, 0, 0],
      [2, -3, 1],
      [0, 0, 4],
      [-2, 2, -2],
      [3, 1, -1],
    ]) {
      let best = Infinity;
      const S = 40;
      for (let a = 0; a <= S; a++)
        for (let b = 0; b <= S; b++)
          for (let c = 0; c <= S; c++) {
            const u = [o[0] - 1 + (2 * a) / S, o[1] - 1 + (2 * b) / S, o[2] - 1 + (2 * c) / S];
            let q = 0;
            for (let k = 0; k < 3; k++) for (let l = 0; l < 3; l++) q += u[k] * G[3 * k + l] * u[l];
            best = Math.min(best, q);
          }
      const exact = minSquaredSeparation(G, o[0], o[1], o[2]);
      expect(exact).toBeLessThanOrEqual(best + 1e-12);
      expect(exact).toBeGreaterThan(best - 0.05 * best - 0.05);
    }
  });
});
