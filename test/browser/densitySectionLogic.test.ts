// The browser-independent parts of the density cross-section (extension/src/trajectory/densitySection.ts) and its
// bundle fields, and the library side (trajectoryDensity's section and label, trajectoryBundle's payload).
import { describe, expect, it } from 'vitest';
import { densitySection, sectionCorners, sectionHeatmapSpec } from '../../extension/src/trajectory/densitySection';
import { BundleError, parseTrajectoryBundle } from '../../extension/src/trajectory/bundle';
import { densityFromCounts } from '../../src/density/probabilityDensity';
import { trajectoryDensity } from '../../src/display/density/densityIsosurface';

// A 3×4×5 grid with value = 100 i + 10 j + k at grid point (i, j, k), C order.
const shape: [number, number, number] = [3, 4, 5];
const values = Array.from({ length: 60 }, (_, q) => {
  const i = Math.floor(q / 20),
    j = Math.floor(q / 5) % 4,
    k = q % 5;
  return 100 * i + 10 * j + k;
});
const grid = { shape, cell: [6, 0, 0, 1, 8, 0, 0, 0, 10], values, isoLevel: 100 };

describe('density cross-section (extension logic)', () => {
  it('takes the grid plane normal to each axis with the other two axes in order', () => {
    const c = densitySection(grid, 2, 3);
    expect([c.nu, c.nv, c.index, c.planes, c.fraction]).toEqual([3, 4, 3, 5, 0.6]);
    expect(c.inPlane).toEqual([0, 1]);
    expect(c.values[2 * 4 + 1]).toBe(213); // (i, j) = (2, 1) at k = 3
    const a = densitySection(grid, 0, 1);
    expect([a.nu, a.nv]).toEqual([4, 5]);
    expect(a.values[3 * 5 + 4]).toBe(134);
    expect([a.min, a.max]).toEqual([100, 134]);
    expect(densitySection(grid, 1, -1).index).toBe(3); // wrapped
    expect(a.lengths_A[0]).toBeCloseTo(Math.hypot(1, 8), 12);
  });

  it('puts the plane across the cell at its fraction, and the heat map has one rectangle per grid point', () => {
    const q = sectionCorners(grid.cell, 2, 0.6);
    expect(Array.from(q)).toEqual([0, 0, 6, 6, 0, 6, 7, 8, 6, 1, 8, 6]);
    const spec = sectionHeatmapSpec(densitySection(grid, 2, 3), { isoLevel: 100, label: 'Li per Å³' }) as {
      data: { values: unknown[] };
      title: { text: string; subtitle: string };
      encoding: { color: { title: string } };
    };
    expect(spec.data.values).toHaveLength(12);
    expect(spec.title.text).toContain('c = 0.600');
    expect(spec.title.subtitle).toContain('grid plane 4 of 5');
    expect(spec.encoding.color.title).toBe('Li per Å³');
  });

  it('the bundle carries an optional section and label, checked', () => {
    const base = { version: 1, path: 'f.f32', nAtoms: 1, nFrames: 1, symbols: ['Li'], species: [0], times_fs: null, cells: null };
    const ok = parseTrajectoryBundle({ ...base, density: { ...grid, section: { axis: 2, index: 4 }, label: 'Li per Å³' } });
    expect(ok.density!.section).toEqual({ axis: 2, index: 4 });
    expect(ok.density!.label).toBe('Li per Å³');
    expect(() => parseTrajectoryBundle({ ...base, density: { ...grid, section: { axis: 2, index: 5 } } })).toThrow(BundleError);
    expect(() => parseTrajectoryBundle({ ...base, density: { ...grid, section: { axis: 3, index: 0 } } })).toThrow(/axis/);
  });

  it('trajectoryDensity: the section at the grid plane nearest the fraction, and the field label', () => {
    const counts = new Float64Array(4 * 4 * 10);
    counts[7] = 5;
    const d = densityFromCounts(counts, [4, 4, 10], [5, 0, 0, 0, 5, 0, 0, 0, 12], 5, 1, ['Li']);
    const t = trajectoryDensity(d, { section: { axis: 'c', fraction: 0.26 } });
    expect(t.section).toEqual({ axis: 'c', index: 3 });
    expect(t.label).toBe('Li per Å³');
    expect(trajectoryDensity(d, { section: { axis: 'b' } }).section).toEqual({ axis: 'b', index: 2 });
    expect(trajectoryDensity(d, { section: { axis: 'c', fraction: 0.99 } }).section!.index).toBe(0);
    expect(() => trajectoryDensity(d, { section: { axis: 'x' as 'a' } })).toThrow(/axis/);
  });
});
