import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { topologyFromSymbols } from '../../src/core/topology';
import { probabilityDensity } from '../../src/density/probabilityDensity';
import { linearDensity, planarCut, planarProjection } from '../../src/density/densityProjections';
import { freeEnergyLandscape } from '../../src/density/freeEnergyLandscape';
import { minimumFreeEnergyPath } from '../../src/pathways/minimumFreeEnergyPath';
import { linearDensitiesSpec, linearDensitySpec, pathProfileSpec, pathProfilesSpec, planarMapSpec } from '../../src/display/density/densityPlots';
import { enclosingIsoLevel, trajectoryDensity } from '../../src/display/density/densityIsosurface';
import { parseTrajectoryBundle } from '../../extension/src/trajectory/bundle';
import { periodicIsosurface } from '../../extension/src/trajectory/isosurface';
import { shortenPathNumbers } from '../../src/display/render';
import { trajectoryMetadataBundle, frameSnapshotSVG, MIME_SUPERIONIC_TRAJECTORY } from '../../src/display/show';

describe('density display specs', () => {
  it('linear density, heat map and path profile carry the data points and titles', () => {
    const top = topologyFromSymbols(['Li', 'Li']);
    const frames = Array.from({ length: 20 }, (_, f) => ({
      index: f,
      cell: Cell.orthorhombic(6, 6, 6),
      positions: Float64Array.from([1 + 0.1 * (f % 3), 1, 1, 4, 4, 4 + 0.1 * (f % 2)]),
    }));
    const d = probabilityDensity(frames, top, { species: 'Li', shape: [12, 12, 12], sigma_A: 0.5 });
    const lin = linearDensitySpec(linearDensity(d, 'a'));
    expect((lin.data as any).values.length).toBe(12);
    expect((lin.encoding as any).y.title).toBe('atoms per Å');
    const F = freeEnergyLandscape(d, { temperature_K: 500 });
    const cut = planarMapSpec(planarCut(d, 'c', 1 / 6, F.values), undefined, 'F (eV)');
    expect((cut.data as any).values.length).toBe(144);
    expect(cut.title).toMatch(/cut at c = 0.167/);
    const proj = planarMapSpec(planarProjection(d, 'a'));
    expect(proj.title).toMatch(/atoms per Å², projected along a/);
    const p = minimumFreeEnergyPath(F, { from: [1 / 6, 1 / 6, 1 / 6], to: [4 / 6, 4 / 6, 4 / 6] });
    const prof = pathProfileSpec(p);
    expect((prof.data as any).values.length).toBe(p.F.length);
    expect(prof.title).toMatch(/barrier/);
    const profs = pathProfilesSpec([
      { label: 'one', path: p },
      { label: 'two', path: p },
    ]);
    expect((profs.data as any).values.length).toBe(2 * p.F.length);
    expect((profs.data as any).values[0].path).toMatch(/^one \(barrier \d\.\d{3} eV\)$/);
    expect(() => pathProfilesSpec([])).toThrow(/no paths/);
  });

  it('planar maps are drawn in Å (fraction × lattice length), one rectangle per grid point centred on it', () => {
    const top = topologyFromSymbols(['Li']);
    const frames = [{ index: 0, cell: Cell.orthorhombic(6, 8, 10), positions: Float64Array.from([3, 2, 5]) }];
    const d = probabilityDensity(frames, top, { species: 'Li', shape: [6, 8, 10] });
    const m = planarProjection(d, 'c');
    expect(m.lengths_A).toEqual([6, 8]);
    const spec = planarMapSpec(m);
    expect((spec.encoding as any).x.title).toBe('a (Å)');
    expect((spec.encoding as any).y.title).toBe('b (Å)');
    const hot = (spec.data as any).values.find((r: any) => r.value > 0);
    // The atom at (3, 2) Å sits on grid point (3, 2) (1 Å steps): the rectangle [2.5, 3.5] × [1.5, 2.5] Å.
    expect([hot.i, hot.j]).toEqual([3, 2]);
    const calc = Object.fromEntries((spec.transform as any[]).map((t) => [t.as, t.calculate]));
    const at = (expr: string) => Function('datum', `return ${expr}`)(hot);
    expect(['u', 'u2', 'v', 'v2'].map((k) => +at(calc[k]).toFixed(12))).toEqual([2.5, 3.5, 1.5, 2.5]);
    // 1 atom in a 1×1 Å face column: 1 atom per Å².
    expect(hot.value).toBeCloseTo(1, 12);
  });

  it('linear densities of several runs overlaid; mixing axes is an error', () => {
    const top = topologyFromSymbols(['Li']);
    const frames = [{ index: 0, cell: Cell.orthorhombic(6, 6, 6), positions: Float64Array.from([1, 1, 1]) }];
    const d = probabilityDensity(frames, top, { species: 'Li', shape: [6, 6, 6] });
    const spec = linearDensitiesSpec([
      { label: 'x', result: linearDensity(d, 'c') },
      { label: 'y', result: linearDensity(d, 'c') },
    ]);
    expect((spec.data as any).values.length).toBe(12);
    expect((spec.encoding as any).color.field).toBe('run');
    expect(() =>
      linearDensitiesSpec([
        { label: 'x', result: linearDensity(d, 'a') },
        { label: 'y', result: linearDensity(d, 'c') },
      ]),
    ).toThrow(/same axis/);
    expect(() => linearDensitiesSpec([])).toThrow(/no series/);
  });

  it('isosurface level enclosing a fraction of the atoms; a density result goes straight into the trajectory bundle', () => {
    // Sorted 4, 3, 2, 1 (sum 10): half (5) is reached after 4 + 3 → level 3; 0.9 (9) after 4 + 3 + 2 → level 2.
    expect(enclosingIsoLevel([1, 3, 2, 4], 0.5)).toBe(3);
    expect(enclosingIsoLevel([1, 3, 2, 4], 0.9)).toBe(2);
    expect(() => enclosingIsoLevel([0, 0], 0.5)).toThrow(/empty/);
    expect(() => enclosingIsoLevel([1, 2], 1)).toThrow(/between 0 and 1/);
    const top = topologyFromSymbols(['Li', 'Li']);
    const frames = Array.from({ length: 10 }, (_, f) => ({
      index: f,
      cell: Cell.orthorhombic(6, 6, 6),
      positions: Float64Array.from([1, 1, 1, 4, 4, 4 + 0.5 * (f % 2)]),
    }));
    const d = probabilityDensity(frames, top, { species: 'Li', shape: [12, 12, 12] });
    // Voxel volume 0.125 Å³, 10 frames: the atom always at (1,1,1) gives ρ = 10/(10·0.125) = 8 Å⁻³; the other splits 4 + 4.
    const g = trajectoryDensity(d);
    expect(g.isoLevel).toBe(8); // the 8 Å⁻³ voxel alone holds exactly half of the atoms
    expect(trajectoryDensity(d, { enclosed: 0.75 }).isoLevel).toBe(4);
    expect(trajectoryDensity(d, { isoLevel: 2 }).isoLevel).toBe(2);
    expect(
      trajectoryDensity({ shape: [2, 2, 2], cell: d.cell, values: Float64Array.from([1 / 3, 0, 0, 0, 0, 0, 0, 2 / 3]) }, { digits: 3 }).values[0],
    ).toBe(0.333);
    const meta = {
      path: 'superionic-frames/x.f32',
      nAtoms: 2,
      nFrames: 1,
      symbols: ['Li'],
      species: [0, 0],
      times_fs: null,
      cells: Array.from(d.cell),
    };
    const b = trajectoryMetadataBundle(meta, { density: d });
    const payload = b.data[MIME_SUPERIONIC_TRAJECTORY] as any;
    expect(payload.density.shape).toEqual([12, 12, 12]);
    expect(payload.density.isoLevel).toBe(8);
    expect(payload.density.values.length).toBe(1728);
    expect(payload.density.values.reduce((s: number, x: number) => s + x, 0) * d.voxel_volume_A3).toBeCloseTo(2, 12);
    // The browser accepts it (its own bundle parser) and draws a closed surface at that level.
    const parsed = parseTrajectoryBundle(JSON.parse(JSON.stringify(payload)));
    expect(parsed.density!.isoLevel).toBe(8);
    const smeared = trajectoryDensity(probabilityDensity(frames, top, { species: 'Li', shape: [12, 12, 12], sigma_A: 0.5 }));
    expect(periodicIsosurface(smeared.values, smeared.shape, smeared.cell, smeared.isoLevel).length).toBeGreaterThan(9 * 8);
    const svg = frameSnapshotSVG(Float64Array.from([1, 1, 1, 4, 4, 4]), d.cell, top, 'frame 0', 'test', { density: d });
    expect(svg).toMatch(/si-density/);
  });

  it('SVG path geometry is shortened to 0.01 px; other attributes untouched', () => {
    const svg = '<svg><path d="M0.123456,351.219999h8.78187v1e-7Z" fill="rgb(1, 2, 3)" opacity="0.123456"/></svg>';
    expect(shortenPathNumbers(svg)).toBe('<svg><path d="M0.12,351.21h8.78v1e-7Z" fill="rgb(1, 2, 3)" opacity="0.123456"/></svg>');
  });
});
