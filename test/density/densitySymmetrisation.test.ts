import { describe, expect, it } from 'vitest';
import { densityFromCounts } from '../../src/density/probabilityDensity';
import { supercellMultiples, symmetrizeDensity, symmetrizeDensityByReference } from '../../src/density/densitySymmetrisation';
import { parseSymmetryOperation } from '../../src/io/cif';

const ops = (...xs: string[]) => xs.map((x) => parseSymmetryOperation(x));
const P222 = ops('x, y, z', '-x, -y, z', '-x, y, -z', 'x, -y, -z');
const cell = [8, 0, 0, 0, 8, 0, 0, 0, 8];
const at = (n: number, i: number, j: number, k: number) => (i * n + j) * n + k;

function point(n: number, i: number, j: number, k: number, c = 1) {
  const counts = new Float64Array(n ** 3);
  counts[at(n, i, j, k)] = c;
  return densityFromCounts(counts, [n, n, n], cell, 1, 1, ['Li']);
}

describe('density symmetrisation by space-group operations', () => {
  it('P222: one count at a general grid point is shared equally by its four images; counts conserved; idempotent', () => {
    const s = symmetrizeDensity(point(16, 3, 5, 7), P222);
    for (const [i, j, k] of [
      [3, 5, 7],
      [13, 11, 7],
      [13, 5, 9],
      [3, 11, 9],
    ])
      expect(s.counts[at(16, i, j, k)]).toBeCloseTo(0.25, 15);
    expect(s.counts.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    let nonzero = 0;
    for (const c of s.counts) if (c > 0) nonzero++;
    expect(nonzero).toBe(4);
    // ρ follows the counts (same frames, atoms, voxel volume).
    expect(s.density_per_A3[at(16, 3, 5, 7)]).toBeCloseTo(0.25 / (512 / 16 ** 3), 12);
    const twice = symmetrizeDensity(s, P222);
    for (let v = 0; v < s.counts.length; v++) expect(twice.counts[v]).toBeCloseTo(s.counts[v], 15);
  });

  it('a point on a special position (the origin, fixed by every operation) is unchanged', () => {
    const s = symmetrizeDensity(point(8, 0, 0, 0, 5), P222);
    expect(s.counts[0]).toBe(5);
  });

  it('supercell translations and cubic axis permutations (a threefold axis x,y,z → z,x,y)', () => {
    // The MD cell is 2×1×1 reference cells: the identity alone spreads a count over both halves along a.
    const s = symmetrizeDensity(point(16, 3, 5, 7), ops('x, y, z'), { supercell: [2, 1, 1] });
    expect(s.counts[at(16, 3, 5, 7)]).toBeCloseTo(0.5, 15);
    expect(s.counts[at(16, 11, 5, 7)]).toBeCloseTo(0.5, 15);
    // Threefold rotation group {1, 3+, 3−}: (3,5,7) → (7,3,5) and (5,7,3), a third each.
    const c3 = symmetrizeDensity(point(16, 3, 5, 7), ops('x, y, z', 'z, x, y', 'y, z, x'));
    for (const [i, j, k] of [
      [3, 5, 7],
      [7, 3, 5],
      [5, 7, 3],
    ])
      expect(c3.counts[at(16, i, j, k)]).toBeCloseTo(1 / 3, 15);
    // Translations by ½: the body centring (x+½, y+½, z+½) on a 16-point grid moves by 8 steps.
    const bcc = symmetrizeDensity(point(16, 1, 2, 3), ops('x, y, z', 'x+1/2, y+1/2, z+1/2'));
    expect(bcc.counts[at(16, 9, 10, 11)]).toBeCloseTo(0.5, 15);
  });

  it('a grid the operations do not map onto itself is refused with the reason', () => {
    expect(() => symmetrizeDensity(point(6, 1, 1, 1), ops('x, y, z', 'x+1/4, y, z'))).toThrow(/does not map the 6×6×6 grid onto itself/);
    const counts = new Float64Array(8 * 8 * 10);
    const d = densityFromCounts(counts, [8, 8, 10], [8, 0, 0, 0, 8, 0, 0, 0, 10], 1, 1, ['Li']);
    expect(() => symmetrizeDensity(d, ops('x, y, z', 'z, x, y'))).toThrow(/onto itself/);
    expect(() => symmetrizeDensity(d, [])).toThrow(/at least one/);
    expect(() => symmetrizeDensity(d, P222, { supercell: [0, 1, 1] })).toThrow(/supercell/);
  });
});

describe('the MD cell as a supercell of a reference cell', () => {
  it('m_i = the rounded ratio of the lattice-vector lengths, within 5 %', () => {
    const ref = [10, 0, 0, 0, 10, 0, 0, 0, 10];
    expect(supercellMultiples([20.3, 0, 0, 0, 30, 0, 0, 0, 9.8], ref)).toEqual([2, 3, 1]);
    // Hexagonal cells: |a| = |b| = 4 Å at 120°, c = 6 Å; a 3×3×2 supercell with a 1 % strain along c.
    const s3 = Math.sqrt(3);
    const hex = [4, 0, 0, -2, 2 * s3, 0, 0, 0, 6];
    expect(supercellMultiples([12, 0, 0, -6, 6 * s3, 0, 0, 0, 12.12], hex)).toEqual([3, 3, 2]);
  });

  it('a ratio more than 5 % from a whole number (or below ½) is refused, naming the axis and the reference', () => {
    const ref = [10, 0, 0, 0, 10, 0, 0, 0, 10];
    expect(() => supercellMultiples([20, 0, 0, 0, 15, 0, 0, 0, 10], ref, { where: { file: 'ref.cif' } })).toThrow(
      /^ref\.cif: the MD cell is not a whole supercell of the reference cell along b \(length ratio 1\.500\)$/,
    );
    expect(() => supercellMultiples([10, 0, 0, 0, 10, 0, 0, 0, 4], ref)).toThrow(/along c \(length ratio 0\.400\)/);
    expect(() => supercellMultiples([10.6, 0, 0, 0, 10, 0, 0, 0, 10], ref)).toThrow(/along a \(length ratio 1\.060\)/);
    expect(supercellMultiples([10.49, 0, 0, 0, 10, 0, 0, 0, 10], ref, { tolerance: 0.05 })).toEqual([1, 1, 1]);
  });

  it('symmetrizeDensityByReference: a 2×1×1 MD cell of a cubic reference, identity only, halves a count between the two cells', () => {
    // MD cell 16 × 8 × 8 Å on a 16×8×8 grid; reference 8 Å cubic with the identity: (3,5,7) and (11,5,7) share the count.
    const counts = new Float64Array(16 * 8 * 8);
    const idx = (i: number, j: number, k: number) => (i * 8 + j) * 8 + k;
    counts[idx(3, 5, 7)] = 6;
    const d = densityFromCounts(counts, [16, 8, 8], [16, 0, 0, 0, 8, 0, 0, 0, 8], 1, 6, ['Li']);
    const s = symmetrizeDensityByReference(d, { cell: [8, 0, 0, 0, 8, 0, 0, 0, 8], symmetryOperations: ops('x, y, z') });
    expect(s.counts[idx(3, 5, 7)]).toBeCloseTo(3, 14);
    expect(s.counts[idx(11, 5, 7)]).toBeCloseTo(3, 14);
    expect(s.counts.reduce((a, b) => a + b, 0)).toBeCloseTo(6, 13);
    // With P222 as well: 2 cells × 4 images = 8 points, ¾ count each.
    const p = symmetrizeDensityByReference(d, { cell: [8, 0, 0, 0, 8, 0, 0, 0, 8], symmetryOperations: P222 });
    let nonzero = 0;
    for (const c of p.counts) if (c > 0) nonzero++;
    expect(nonzero).toBe(8);
    // Reference fractional of (3,5,7): (0.375, 0.625, 0.875); its P222 images, each in both cells (a_MD = (x + s)/2, s = 0, 1).
    for (const [i, j, k] of [
      [3, 5, 7],
      [11, 5, 7],
      [5, 3, 7],
      [13, 3, 7],
      [5, 5, 1],
      [13, 5, 1],
      [3, 3, 1],
      [11, 3, 1],
    ])
      expect(p.counts[idx(i, j, k)]).toBeCloseTo(0.75, 14);
  });
});
