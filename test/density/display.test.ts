import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { topologyFromSymbols } from '../../src/core/topology';
import { probabilityDensity } from '../../src/density/probabilityDensity';
import { linearDensity, planarCut, planarProjection } from '../../src/density/densityProjections';
import { freeEnergyLandscape } from '../../src/density/freeEnergyLandscape';
import { minimumFreeEnergyPath } from '../../src/pathways/minimumFreeEnergyPath';
import { linearDensitySpec, pathProfileSpec, planarMapSpec } from '../../src/display/density/densityPlots';

describe('density display specs', () => {
  it('linear density, heat map and path profile carry the data points and titles', () => {
    const top = topologyFromSymbols(['Li', 'Li']);
    const frames = Array.from({ length: 20 }, (_, f) => ({ index: f, cell: Cell.orthorhombic(6, 6, 6), positions: Float64Array.from([1 + 0.1 * (f % 3), 1, 1, 4, 4, 4 + 0.1 * (f % 2)]) }));
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
  });
});
