import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { Random } from '../../src/core/random';
import { topologyFromSymbols } from '../../src/core/topology';
import { Trajectory } from '../../src/core/trajectory';
import { bhattacharyyaCoefficient, gaussianBhattacharyya } from '../../src/doas/bhattacharyya';
import { classifyMobileStates } from '../../src/doas/classifyMobileStates';
import { densityOfAtomisticStates } from '../../src/doas/densityOfAtomisticStates';
import { mobileAtomEnergies } from '../../src/doas/mobileAtomEnergies';
import { doasMeanEnergySpec, doasPlotSpec } from '../../src/display/doas/doasPlots';

describe('densityOfAtomisticStates', () => {
  // Two classes of states drawn from known Gaussians: Tet N(-3.0, 0.05²), Oct N(-2.9, 0.08²) eV.
  const rng = new Random(2023);
  const n = 40000;
  const energies = new Float64Array(2 * n),
    classes: string[] = [];
  for (let k = 0; k < n; k++) {
    energies[k] = -3.0 + 0.05 * rng.normal();
    classes.push('Tet');
  }
  for (let k = 0; k < n; k++) {
    energies[n + k] = -2.9 + 0.08 * rng.normal();
    classes.push('Oct');
  }
  const res = densityOfAtomisticStates([{ temperature_K: 600, energies_eV: energies, classes }], { binWidth_eV: 0.005 });

  it('recovers the centres and widths of the two Gaussians', () => {
    const ref = res.reference_eV;
    // Standard error of a mean of 40k draws is σ/200 ≤ 4e-4 eV; we allow 2e-3 eV.
    expect(res.classes.Tet.mean_eV + ref).toBeCloseTo(-3.0, 2);
    expect(Math.abs(res.classes.Tet.mean_eV + ref + 3.0)).toBeLessThan(2e-3);
    expect(Math.abs(res.classes.Oct.mean_eV + ref + 2.9)).toBeLessThan(2e-3);
    // Width: sampling error of σ is σ/√(2n) ≈ 3e-4 eV; allow 2e-3 eV.
    expect(Math.abs(res.classes.Tet.width_eV! - 0.05)).toBeLessThan(2e-3);
    expect(Math.abs(res.classes.Oct.width_eV! - 0.08)).toBeLessThan(2e-3);
    // Peak: histogram mode within 2 bins + noise of the true centre.
    expect(Math.abs(res.classes.Tet.peak_eV + ref + 3.0)).toBeLessThan(0.015);
    expect(Math.abs(res.classes.Oct.peak_eV + ref + 2.9)).toBeLessThan(0.025);
    expect(res.classes.Tet.fraction).toBeCloseTo(0.5, 12);
  });

  it('recovers their overlap (Bhattacharyya) within binning/noise error', () => {
    const exact = gaussianBhattacharyya(-3.0, 0.05, -2.9, 0.08); // ≈ 0.8226
    expect(res.overlaps).toHaveLength(1);
    expect(Math.abs(res.overlaps[0].bhattacharyya - exact)).toBeLessThan(0.01);
  });

  it('normalises each density to 1 and references the lowest state', () => {
    const s = res.series[0];
    const integral = s.density.reduce((a, b) => a + b, 0) * res.binWidth_eV;
    expect(integral).toBeCloseTo(1, 10);
    expect(res.reference_eV).toBe(Math.min(...energies));
  });

  it('shares the reference across temperatures and orders series by T', () => {
    const r2 = densityOfAtomisticStates(
      [
        { temperature_K: 900, energies_eV: [-1.0, -0.9] },
        { temperature_K: 300, energies_eV: [-1.2, -1.1] },
      ],
      { binWidth_eV: 0.05 },
    );
    expect(r2.reference_eV).toBe(-1.2);
    expect(r2.series.map((s) => s.temperature_K)).toEqual([300, 900]);
    expect(r2.series[0].mean_eV).toBeCloseTo(0.05, 12);
    expect(r2.series[1].mean_eV).toBeCloseTo(0.25, 12);
  });

  it('bhattacharyya of identical histograms is 1 and of disjoint ones 0', () => {
    expect(bhattacharyyaCoefficient([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(bhattacharyyaCoefficient([1, 0], [0, 1])).toBe(0);
  });

  it('rejects bad input clearly', () => {
    expect(() => densityOfAtomisticStates([])).toThrow(/empty series/);
    expect(() => densityOfAtomisticStates([{ temperature_K: 300, energies_eV: [] }])).toThrow(/no per-atom energies at 300 K/);
    expect(() => densityOfAtomisticStates([{ temperature_K: 300, energies_eV: [1, NaN], source: 'a.xyz' }])).toThrow(
      /a.xyz: per-atom energy 1 is not finite/,
    );
    const traj = Trajectory.fromFrames(
      topologyFromSymbols(['Li']),
      [{ index: 0, cell: Cell.orthorhombic(5, 5, 5), positions: new Float64Array(3) }],
      { source: 'nopes.xyz', unwrapped: false },
    );
    expect(() => mobileAtomEnergies(traj, 'Li')).toThrow(/nopes.xyz: per-atom energies missing/);
  });

  it('builds Vega-Lite specs with temperature and class fields', () => {
    const spec = doasPlotSpec(res) as any;
    expect(spec.$schema).toMatch(/vega-lite\/v6/);
    expect(spec.data.values[0]).toHaveProperty('temperature_K', 600);
    expect(new Set(spec.data.values.map((r: any) => r.class))).toEqual(new Set(['Oct', 'Tet']));
    const facet = doasPlotSpec(res, { facet: true }) as any;
    expect(facet.facet.row.field).toBe('temperature_K');
    expect(facet.width).toBeUndefined();
    expect((doasMeanEnergySpec(res) as any).layer).toHaveLength(2);
  });
});

describe('classifyMobileStates', () => {
  it('labels site type, neighbouring cations, vacant sites and coordinating anions (hand-built)', () => {
    const cell = Cell.orthorhombic(20, 20, 20);
    // Li0 on a Tet site at (5,5,5); Li1 2 Å away on an Oct site at (7,5,5); Li2 far on a Tet site.
    // An empty Tet site at (5,7,5) is 2 Å from Li0 but 2.83 Å (> 2.5) from Li1. Anions: Cl at (5,5,7.5), S at (3,5,5), S far.
    const top = topologyFromSymbols(['Li', 'Li', 'Li', 'Cl', 'S', 'S']);
    const pos = new Float64Array([5, 5, 5, 7, 5, 5, 15, 15, 15, 5, 5, 7.5, 3, 5, 5, 15, 5, 5]);
    const sites = new Float64Array([5, 5, 5, 7, 5, 5, 15, 15, 15, 5, 7, 5]);
    const labels = classifyMobileStates(pos, cell, top, {
      mobile: [0, 1, 2],
      sitePositions: sites,
      siteTypes: ['Tet', 'Oct', 'Tet', 'Tet'],
      anions: [3, 4, 5],
      neighbourCutoff_A: 2.5,
      occupiedWithin_A: 0.5,
      anionCutoff_A: 2.6,
    });
    expect(labels).toEqual(['Tet|1Li|1vac|Cl1S1', 'Oct|1Li|0vac|none', 'Tet|0Li|0vac|none']);
  });
});
