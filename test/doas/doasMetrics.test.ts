import { describe, expect, it } from 'vitest';
import { Random } from '../../src/core/random';
import { gaussianBhattacharyya } from '../../src/doas/bhattacharyya';
import { doasUncertainty } from '../../src/doas/doasUncertainty';
import { doasStateTransitions } from '../../src/doas/stateTransitions';
import { sublatticeEnergy } from '../../src/doas/sublatticeEnergy';

describe('doasUncertainty (per-T class metrics with block-bootstrap errors)', () => {
  // 200 snapshots × 20 ions; ions 0–9 "Tet" ~ N(-3.0, 0.05), ions 10–19 "Oct" ~ N(-2.9, 0.08), independent.
  const make = (seed: number, snapshotOffset = 0) => {
    const rng = new Random(seed);
    const F = 200,
      N = 20;
    const e = new Float64Array(F * N),
      c: string[] = [];
    for (let f = 0; f < F; f++) {
      const off = snapshotOffset * rng.normal();
      for (let k = 0; k < N; k++) {
        const tet = k < 10;
        e[f * N + k] = (tet ? -3.0 : -2.9) + (tet ? 0.05 : 0.08) * rng.normal() + off;
        c.push(tet ? 'Tet' : 'Oct');
      }
    }
    return { temperature_K: 300, energies_eV: e, classes: c, nIons: N };
  };
  it('means, widths and overlap match the Gaussians; errors match σ/√n and σ/√(2(n−1)) (±25 %)', () => {
    const [m] = doasUncertainty([make(1)], { binWidth_eV: 0.01, nBoot: 300 });
    const tet = m.classes.Tet,
      oct = m.classes.Oct;
    expect(tet.count).toBe(2000);
    expect(tet.fraction).toBeCloseTo(0.5, 12);
    expect(oct.mean_eV.value - tet.mean_eV.value).toBeCloseTo(0.1, 2);
    expect(tet.width_eV!.value).toBeCloseTo(0.05, 2);
    expect(oct.width_eV!.value).toBeCloseTo(0.08, 2);
    expect(tet.mean_eV.err! / (0.05 / Math.sqrt(2000))).toBeGreaterThan(0.75);
    expect(tet.mean_eV.err! / (0.05 / Math.sqrt(2000))).toBeLessThan(1.25);
    expect(oct.width_eV!.err! / (0.08 / Math.sqrt(2 * 1999))).toBeGreaterThan(0.75);
    expect(oct.width_eV!.err! / (0.08 / Math.sqrt(2 * 1999))).toBeLessThan(1.25);
    const ov = m.overlaps[0];
    expect([ov.a, ov.b]).toEqual(['Oct', 'Tet']);
    expect(ov.bhattacharyya).toBeCloseTo(gaussianBhattacharyya(-3.0, 0.05, -2.9, 0.08), 1);
    expect(ov.err!).toBeGreaterThan(0);
    expect(ov.err!).toBeLessThan(0.05);
    expect(Math.abs(tet.peak_eV.value - tet.mean_eV.value)).toBeLessThan(0.03);
  });
  it('resampling whole snapshots sees a shared per-snapshot offset (error ≈ σ_off/√F, not σ/√n)', () => {
    const [m] = doasUncertainty([make(2, 0.05)], { binWidth_eV: 0.01, nBoot: 300 });
    // Tet mean over 200 snapshots with a common offset of sd 0.05 per snapshot: error ≈ √(0.05²/200 + 0.05²/2000).
    const expected = Math.sqrt(0.05 ** 2 / 200 + 0.05 ** 2 / 2000);
    expect(m.classes.Tet.mean_eV.err! / expected).toBeGreaterThan(0.75);
    expect(m.classes.Tet.mean_eV.err! / expected).toBeLessThan(1.25);
  });
  it('references every temperature to the lowest state over all, and rejects ragged input', () => {
    const a = make(3),
      b = { ...make(4), temperature_K: 600, energies_eV: make(4).energies_eV.map((x) => x - 1) };
    const r = doasUncertainty([b, a], { nBoot: 0 });
    expect(r.map((s) => s.temperature_K)).toEqual([300, 600]);
    expect(r[0].classes.Tet.mean_eV.value - r[1].classes.Tet.mean_eV.value).toBeCloseTo(1, 1);
    expect(r[0].classes.Tet.mean_eV.err).toBeNull();
    expect(() => doasUncertainty([{ ...a, nIons: 7 }])).toThrow(/whole snapshots/);
  });
});

describe('doasStateTransitions (Wang 2023 Fig. 3)', () => {
  it('counts class-to-class transitions on site changes only, with mean ΔE', () => {
    // 3 snapshots × 2 ions. Ion 0: site 1 (A) → site 2 (B) → site 2 (B). Ion 1: site 5 (A) → 5 (A) → 6 (A).
    const r = doasStateTransitions({
      nIons: 2,
      sites: [1, 5, 2, 5, 2, 6],
      classes: ['A', 'A', 'B', 'A', 'B', 'A'],
      energies_eV: [-3, -3, -2.5, -3, -2.5, -2.9],
    });
    expect(r.hops).toBe(2);
    expect(r.pairs).toBe(4);
    expect(r.classes).toEqual(['A', 'B']);
    expect(r.transitions).toEqual([
      { from: 'A', to: 'A', count: 1, fraction: 0.5, meanDeltaE_eV: expect.closeTo(0.1, 12) },
      { from: 'A', to: 'B', count: 1, fraction: 0.5, meanDeltaE_eV: expect.closeTo(0.5, 12) },
    ]);
  });
  it('ignores unassigned sites and refuses a single snapshot', () => {
    const r = doasStateTransitions({ nIons: 1, sites: [0, -1, 3], classes: ['A', 'A', 'B'] });
    expect(r.hops).toBe(0);
    expect(r.transitions[0]?.meanDeltaE_eV ?? null).toBeNull();
    expect(() => doasStateTransitions({ nIons: 2, sites: [0, 1], classes: ['A', 'A'] })).toThrow(/at least 2/);
  });
});

describe('sublatticeEnergy (Wang 2023 S5, S7)', () => {
  it('totals, mean per ion with its standard error, DOAS of totals and a change of slope at T_c', () => {
    const Ts = [200, 250, 300, 350, 400, 450, 500, 550];
    const rng = new Random(9);
    // mean per-ion energy rises 1e-4 eV/K below 375 K and 6e-4 eV/K above; 10 snapshots × 4 ions.
    const mean = (T: number) => -3 + 1e-4 * T + (T > 375 ? 5e-4 * (T - 375) : 0);
    const input = Ts.map((T) => ({ temperature_K: T, nIons: 4, mobile_eV: Float64Array.from({ length: 40 }, () => mean(T) + 0.002 * rng.normal()) }));
    const r = sublatticeEnergy(input, { nSimulations: 2000 });
    expect(r.points[0].totals_eV.length).toBe(10);
    const p0 = r.points[0];
    const e = input[0].mobile_eV;
    expect(p0.totals_eV[0]).toBeCloseTo(e[0] + e[1] + e[2] + e[3], 12);
    expect(p0.meanPerIon_eV).toBeCloseTo(Array.from(e).reduce((a, b) => a + b, 0) / 40, 12);
    expect(p0.meanPerIon_stderr_eV! / (0.002 / Math.sqrt(40))).toBeGreaterThan(0.5);
    expect(p0.meanPerIon_stderr_eV! / (0.002 / Math.sqrt(40))).toBeLessThan(1.6);
    expect(r.totalsDoas.series).toHaveLength(8);
    expect(r.changePoint!.significant).toBe(true);
    expect(r.changePoint!.x_change!).toBeGreaterThan(350);
    expect(r.changePoint!.x_change!).toBeLessThan(400);
    const few = sublatticeEnergy(input.slice(0, 4));
    expect(few.changePoint).toBeNull();
    expect(few.changePoint_reason).toMatch(/6 temperatures/);
    expect(() => sublatticeEnergy([{ temperature_K: 300, nIons: 3, mobile_eV: [1, 2] }])).toThrow(/whole snapshots/);
  });
});
