import { describe, expect, it } from 'vitest';
import { Random } from '../../src/core/random';
import { arrheniusBreakpoint } from '../../src/transport/arrheniusBreakpoint';
import { breakpointUncertainty } from '../../src/transport/breakpointUncertainty';
import { modeDecomposition, type ConstraintMode } from '../../src/transport/modeDecomposition';
import { modeShareUncertainty } from '../../src/transport/modeShareUncertainty';

const kB = 8.617333262e-5;
// A kinked Arrhenius law: E_a 0.10 eV above T_c = 400 K, 0.40 eV below; continuous at T_c.
const truth = (T: number) =>
  T >= 400 ? 1e-4 * Math.exp(-0.1 / (kB * T)) : 1e-4 * Math.exp(-0.1 / (kB * 400)) * Math.exp(-(0.4 / kB) * (1 / T - 1 / 400));
const Ts = [250, 300, 350, 450, 550, 650, 750, 850];

describe('breakpointUncertainty (T_c error, Wang 2023 Fig. 1a)', () => {
  it('the bootstrap spread matches the sampling spread of T_c over independent noisy data sets (±35 %)', () => {
    const rel = 0.08;
    const err = Ts.map((T) => rel * truth(T));
    // Sampling distribution: many independent data sets drawn from the truth.
    const rng = new Random(11);
    const tcs: number[] = [];
    for (let d = 0; d < 400; d++) {
      const y = Ts.map((T) => truth(T) * Math.exp(rel * rng.normal()));
      tcs.push(arrheniusBreakpoint(Ts, y, 'D_cm2_s', { nSimulations: 100 }).breakpoint_candidate_K);
    }
    const m = tcs.reduce((a, b) => a + b, 0) / tcs.length;
    const sampling = Math.sqrt(tcs.reduce((a, b) => a + (b - m) ** 2, 0) / (tcs.length - 1));
    // Bootstrap around one observed data set.
    const y0 = Ts.map((T) => truth(T) * Math.exp(rel * rng.normal()));
    const b = breakpointUncertainty(Ts, y0, err, 'D_cm2_s', { nDraws: 400, seed: 3 });
    expect(Math.abs(b.Tc_K - 400)).toBeLessThan(3 * sampling + 10);
    expect(b.Tc_std_K / sampling).toBeGreaterThan(0.65);
    expect(b.Tc_std_K / sampling).toBeLessThan(1.35);
    expect(b.Tc_p16_K).toBeLessThanOrEqual(b.Tc_p84_K);
  });
  it('shrinks with the points’ errors and is zero-width for exact data', () => {
    const y = Ts.map(truth);
    const tiny = breakpointUncertainty(
      Ts,
      y,
      y.map((v) => 1e-6 * v),
      'D_cm2_s',
      { nDraws: 100 },
    );
    expect(tiny.Tc_K).toBeCloseTo(400, 3);
    expect(tiny.Tc_std_K).toBeLessThan(0.01);
    expect(tiny.stable_split_fraction).toBe(1);
  });
  it('refuses non-positive errors', () => {
    expect(() =>
      breakpointUncertainty(
        Ts,
        Ts.map(truth),
        Ts.map(() => 0),
      ),
    ).toThrow(/positive/);
  });
});

describe('modeShareUncertainty (Li 2025 r_mode errors)', () => {
  const vals: Record<ConstraintMode, number> = { UC: 100, RC: 40, RTC: 10, RTVC: 0.5 };
  const relErr: Record<ConstraintMode, number> = { UC: 0.1, RC: 0.15, RTC: 0.1, RTVC: 0.2 };
  const runs = (v: Record<ConstraintMode, number>) => (Object.keys(v) as ConstraintMode[]).map((mode) => ({ T_K: 500, mode, value: v[mode] }));
  it('first-order errors agree with Monte Carlo draws of the four σ (±15 %)', () => {
    const rows = modeDecomposition(runs(vals), { threshold: 1e-3 });
    const errs = new Map([[500, Object.fromEntries(Object.entries(vals).map(([k, v]) => [k, relErr[k as ConstraintMode] * v]))]]);
    const [u] = modeShareUncertainty(rows, errs);
    expect(u.resolved).toBe(true);
    const rng = new Random(5);
    const acc = { r_rot: [] as number[], r_trs: [] as number[], r_vib: [] as number[] };
    for (let d = 0; d < 4000; d++) {
      const v = Object.fromEntries((Object.keys(vals) as ConstraintMode[]).map((k) => [k, vals[k] * (1 + relErr[k] * rng.normal())])) as Record<
        ConstraintMode,
        number
      >;
      const [r] = modeDecomposition(runs(v), { threshold: 1e-3 });
      acc.r_rot.push(r.r_rot!);
      acc.r_trs.push(r.r_trs!);
      acc.r_vib.push(r.r_vib!);
    }
    const sd = (a: number[]) => {
      const m = a.reduce((x, y) => x + y, 0) / a.length;
      return Math.sqrt(a.reduce((x, y) => x + (y - m) ** 2, 0) / (a.length - 1));
    };
    expect(u.r_rot_err! / sd(acc.r_rot)).toBeGreaterThan(0.85);
    expect(u.r_rot_err! / sd(acc.r_rot)).toBeLessThan(1.15);
    expect(u.r_trs_err! / sd(acc.r_trs)).toBeGreaterThan(0.85);
    expect(u.r_trs_err! / sd(acc.r_trs)).toBeLessThan(1.15);
    expect(u.r_vib_err! / sd(acc.r_vib)).toBeGreaterThan(0.85);
    expect(u.r_vib_err! / sd(acc.r_vib)).toBeLessThan(1.15);
    expect(u.total_decades!).toBeCloseTo(Math.log10(200), 10);
  });
  it('flags shares whose total drop is within twice its error, and passes undefined rows through', () => {
    const rows = modeDecomposition(runs({ UC: 10, RC: 9, RTC: 8.5, RTVC: 8 }), { threshold: 1e-3 });
    const [u] = modeShareUncertainty(rows, new Map([[500, { UC: 3, RC: 3, RTC: 3, RTVC: 3 }]]));
    expect(u.resolved).toBe(false);
    expect(u.reason).toMatch(/not resolved/);
    const undef = modeDecomposition(runs({ ...vals, RTVC: 1e-5 }), { threshold: 1e-3 });
    const [w] = modeShareUncertainty(undef, new Map());
    expect(w.r_rot).toBeNull();
    expect(w.resolved).toBe(false);
    expect(w.reason).toMatch(/threshold/);
  });
});
