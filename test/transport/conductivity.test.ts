import { describe, expect, it } from 'vitest';
import { nernstEinsteinConductivity, diffusionFromConductivity } from '../../src/transport/nernstEinstein';
import { diffusionMeasurability, runResolution } from '../../src/transport/measurable';
import { arrheniusFit, arrheniusExtrapolate } from '../../src/transport/arrhenius';
import { arrheniusBreakpoint } from '../../src/transport/arrheniusBreakpoint';
import { modeDecomposition } from '../../src/transport/modeDecomposition';
import { a2PerFsToCm2PerS, KB_EV_PER_K } from '../../src/core/units';
import { Random } from '../../src/core/random';
import { InputError } from '../../src/core/errors';

describe('Nernst–Einstein and units', () => {
  it('matches a hand-worked σ for Li10GeP2S12-like numbers', () => {
    // N = 20 Li, V = 970.41 Å³, q = 1 e, T = 600 K, D = 1e-5 cm²/s.
    // n = 20 / 970.41e-30 m³ = 2.060985e28 m⁻³; q² = (1.602176634e-19 C)² = 2.566970e-38 C²;
    // D = 1e-9 m²/s; k_B T = 1.380649e-23 × 600 = 8.283894e-21 J.
    // σ = 2.060985e28 × 2.566970e-38 × 1e-9 / 8.283894e-21 = 63.8647 S/m = 638.647 mS/cm.
    const p = { nIons: 20, charge_e: 1, volume_A3: 970.41, temperature_K: 600 };
    expect(nernstEinsteinConductivity(1e-5, p)).toBeCloseTo(638.647, 2);
    // q = 2 scales by 4; the inverse returns D.
    expect(nernstEinsteinConductivity(1e-5, { ...p, charge_e: 2 })).toBeCloseTo(4 * 638.647, 1);
    expect(diffusionFromConductivity(638.647, p)).toBeCloseTo(1e-5, 9);
    expect(() => nernstEinsteinConductivity(1e-5, { ...p, temperature_K: 0 })).toThrow(InputError);
  });

  it('converts Å²/fs to cm²/s (1 Å²/fs = 1e-16 cm² / 1e-15 s = 0.1 cm²/s)', () => {
    expect(a2PerFsToCm2PerS(1)).toBeCloseTo(0.1, 15);
    expect(a2PerFsToCm2PerS(2.5e-4)).toBeCloseTo(2.5e-5, 18);
  });
});

describe('measurable flag', () => {
  it('flags D below 1e-8 cm²/s and D not significantly above zero', () => {
    expect(diffusionMeasurability(5e-9, [1e-10]).measurable).toBe(false);
    expect(diffusionMeasurability(5e-9).reason).toMatch(/below the measurable threshold/);
    expect(diffusionMeasurability(-1e-6).measurable).toBe(false);
    expect(diffusionMeasurability(1e-6, [1e-8, 2e-7]).measurable).toBe(true);
    // Not significant: the larger error (block) is > D/2.
    const r = diffusionMeasurability(1e-6, [1e-8, 6e-7]);
    expect(r.measurable).toBe(false);
    expect(r.reason).toMatch(/not significantly above zero/);
    expect(diffusionMeasurability(1e-6, [null, 1e-8]).measurable).toBe(true);
  });

  it("scales Li 2025's 1e-8 cm²/s over 10 ns to the run length (same 6 Å² MSD), never below 1e-8", () => {
    // 20 ps: D_min = 1e-8 · 1e7 fs / 2e4 fs = 5e-6 cm²/s; 6·D·t at D = 1e-6: 6 · 1e-6 · 10 Å²/fs per cm²/s · 2e4 fs = 1.2 Å².
    const short = runResolution(1e-6, 2e4);
    expect(short.D_min_cm2_s).toBeCloseTo(5e-6, 18);
    expect(short.resolved).toBe(false);
    expect(short.reason).toContain('6·D·t = 1.2 Å² over the run');
    expect(runResolution(5e-6, 2e4).resolved).toBe(true);
    expect(runResolution(2e-8, 1e8).D_min_cm2_s).toBe(1e-8); // 100 ns: the fixed threshold
    expect(runResolution(2e-8, 1e8).resolved).toBe(true);
    expect(() => runResolution(1e-6, 0)).toThrow(/run length/);
  });
});

describe('Arrhenius', () => {
  it('recovers E_a and the prefactor exactly from noise-free data, and extrapolates to 300 K', () => {
    const Ea = 0.25,
      D0 = 3e-3;
    const T = [500, 600, 700, 800, 900];
    const D = T.map((t) => D0 * Math.exp(-Ea / (KB_EV_PER_K * t)));
    const fit = arrheniusFit(T, D, 'D_cm2_s');
    expect(fit.Ea_eV).toBeCloseTo(Ea, 10);
    expect(fit.prefactor).toBeCloseTo(D0, 12);
    expect(fit.Ea_stderr_eV!).toBeLessThan(1e-10);
    const x = arrheniusExtrapolate(fit, 300);
    expect(x.value / (D0 * Math.exp(-Ea / (KB_EV_PER_K * 300)))).toBeCloseTo(1, 9);
  });

  it('fits ln(σT) for conductivities', () => {
    const Ea = 0.3,
      A = 5e6; // mS·K/cm
    const T = [400, 500, 600, 700];
    const s = T.map((t) => (A / t) * Math.exp(-Ea / (KB_EV_PER_K * t)));
    const fit = arrheniusFit(T, s, 'sigma_mS_cm');
    expect(fit.Ea_eV).toBeCloseTo(Ea, 10);
    expect(fit.prefactor / A).toBeCloseTo(1, 10);
    expect(arrheniusExtrapolate(fit, 300).value).toBeCloseTo((A / 300) * Math.exp(-Ea / (KB_EV_PER_K * 300)), 8);
  });

  it('with seeded noise, E_a lies within 3 stderr of the truth', () => {
    const rng = new Random(7);
    const Ea = 0.4,
      T = [450, 500, 550, 600, 650, 700, 750, 800];
    const D = T.map((t) => 1e-2 * Math.exp(-Ea / (KB_EV_PER_K * t)) * Math.exp(0.05 * rng.normal()));
    const fit = arrheniusFit(T, D);
    expect(Math.abs(fit.Ea_eV - Ea)).toBeLessThan(3 * fit.Ea_stderr_eV!);
  });

  it('finds the kink T_c and both segments’ E_a from synthetic data', () => {
    // Continuous at Tc = 500 K: E_a = 0.50 eV below, 0.20 eV above.
    const Tc = 500,
      EaLow = 0.5,
      EaHigh = 0.2;
    const T = [300, 350, 400, 450, 480, 520, 560, 600, 700, 800];
    const lnD = (t: number) => ((t < Tc ? -EaLow : -EaHigh) / KB_EV_PER_K) * (1 / t - 1 / Tc) + Math.log(1e-6);
    const D = T.map((t) => Math.exp(lnD(t)));
    const b = arrheniusBreakpoint(T, D);
    expect(b.Tc_method).toBe('intersection');
    expect(b.Tc_K).toBeCloseTo(Tc, 6);
    expect(b.low.Ea_eV).toBeCloseTo(EaLow, 8);
    expect(b.high.Ea_eV).toBeCloseTo(EaHigh, 8);
    // With 3 % seeded noise on D the kink is still found within 20 K.
    const rng = new Random(3);
    const noisy = D.map((d) => d * Math.exp(0.03 * rng.normal()));
    const bn = arrheniusBreakpoint(T, noisy);
    expect(bn.significant).toBe(true);
    expect(Math.abs(bn.Tc_K! - Tc)).toBeLessThan(20);
    expect(bn.F_statistic!).toBeGreaterThan(10);
  });

  it('rejects bad input', () => {
    expect(() => arrheniusFit([500], [1e-5])).toThrow(InputError);
    expect(() => arrheniusFit([500, 600], [1e-5, 0])).toThrow(/row 2.*must be positive/);
    expect(() => arrheniusFit([500, -600], [1e-5, 1e-5])).toThrow(/row 2: temperature/);
    expect(() => arrheniusBreakpoint([500, 600, 700], [1, 2, 3])).toThrow(/at least 6 temperatures/);
    expect(() => arrheniusBreakpoint([500, 550, 600, 700], [1, 2, 3, 4])).toThrow(/at least 3 points per segment/);
  });
});

describe('mode decomposition (Li 2025 SI eqs 3–6)', () => {
  it('matches hand-worked ratios', () => {
    // σ: UC 8, RC 2, RTC 1, RTVC 0.5 mS/cm. Δ_Rot = log10 4 = 0.60206, Δ_Trs = Δ_Vib = log10 2 = 0.30103;
    // sum 1.20412; r_rot = 0.5, r_trs = r_vib = 0.25.
    const rows = modeDecomposition([
      { T_K: 600, mode: 'UC', value: 8 },
      { T_K: 600, mode: 'RC', value: 2 },
      { T_K: 600, mode: 'RTC', value: 1 },
      { T_K: 600, mode: 'RTVC', value: 0.5 },
      { T_K: 500, mode: 'UC', value: 10 },
      { T_K: 500, mode: 'RC', value: 1 },
      { T_K: 500, mode: 'RTC', value: 0.1 },
      { T_K: 500, mode: 'RTVC', value: 0.01 },
    ]);
    expect(rows.map((r) => r.T_K)).toEqual([500, 600]);
    expect(rows[1].delta_rot).toBeCloseTo(0.60206, 5);
    expect(rows[1].r_rot).toBeCloseTo(0.5, 12);
    expect(rows[1].r_trs).toBeCloseTo(0.25, 12);
    expect(rows[1].r_vib).toBeCloseTo(0.25, 12);
    expect(rows[0].r_rot).toBeCloseTo(1 / 3, 12);
  });

  it('is undefined (null + reason) below the measurable threshold, with a missing mode, or a denominator ≤ 0', () => {
    const rows = modeDecomposition(
      [
        { T_K: 300, mode: 'UC', value: 1e-6 },
        { T_K: 300, mode: 'RC', value: 1e-7 },
        { T_K: 300, mode: 'RTC', value: 5e-8 },
        { T_K: 300, mode: 'RTVC', value: 1e-9 }, // below 1e-8 cm²/s
        { T_K: 400, mode: 'UC', value: 1e-6 },
        { T_K: 400, mode: 'RC', value: 1e-7 },
        { T_K: 400, mode: 'RTC', value: 5e-8 },
        { T_K: 500, mode: 'UC', value: 1e-7 },
        { T_K: 500, mode: 'RC', value: 1e-6 },
        { T_K: 500, mode: 'RTC', value: 1e-6 },
        { T_K: 500, mode: 'RTVC', value: 1e-6 },
      ],
      { quantity: 'D_cm2_s' },
    );
    expect(rows[0].r_rot).toBeNull();
    expect(rows[0].reason).toMatch(/RTVC.*measurable/);
    expect(rows[0].reason).toContain('RTVC (1.00e-9) below the measurable threshold 1.00e-8');
    expect(rows[1].reason).toMatch(/missing RTVC/);
    expect(rows[2].r_vib).toBeNull();
    expect(rows[2].reason).toMatch(/≤ 0/);
    // σ input with a run flagged not measurable.
    const s = modeDecomposition([
      { T_K: 300, mode: 'UC', value: 1 },
      { T_K: 300, mode: 'RC', value: 0.5 },
      { T_K: 300, mode: 'RTC', value: 0.2 },
      { T_K: 300, mode: 'RTVC', value: 0.1, measurable: false },
    ]);
    expect(s[0].r_trs).toBeNull();
    expect(() =>
      modeDecomposition([
        { T_K: 300, mode: 'UC', value: 1 },
        { T_K: 300, mode: 'UC', value: 2 },
      ]),
    ).toThrow(/two values/);
  });
});
