// The two-segment Arrhenius fit reports T_c only when two lines fit significantly better than one
// (F test corrected for the search over splits; see src/transport/arrheniusBreakpoint.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/core/random';
import { KB_EV_PER_K } from '../../src/core/units';
import { arrheniusBreakpoint } from '../../src/transport/arrheniusBreakpoint';
import { runCli } from './cliRunner';

const dir = mkdtempSync(path.join(tmpdir(), 'arrh-sig-'));
function csv(name: string, T: number[], D: number[]): string {
  const f = path.join(dir, name);
  writeFileSync(f, 'T_K,D_cm2_s\n' + T.map((t, i) => `${t},${D[i]}`).join('\n') + '\n');
  return f;
}

describe('Arrhenius breakpoint significance', () => {
  it('keeps the known kink (E_a 0.45 / 0.20 eV, T_c 425 K, 5 % noise, 11 points, seed 7)', () => {
    const rng = new Random(7);
    const Ts = Array.from({ length: 11 }, (_, i) => 300 + 40 * i);
    const Ds = Ts.map((T) => 1e-8 * Math.exp(-((T < 425 ? 0.45 : 0.2) / KB_EV_PER_K) * (1 / T - 1 / 425)) * Math.exp(0.05 * rng.normal()));
    const k = arrheniusBreakpoint(Ts, Ds);
    expect(k.significant).toBe(true);
    expect(Math.abs(k.Tc_K! - 425)).toBeLessThan(15);
    expect(k.p_value).toBeLessThan(0.01);
    expect(k.p_value_nominal).toBeLessThan(1e-5);
    expect(k.low.Ea_stderr_eV).not.toBeNull();
    expect(k.Tc_reason).toBeUndefined();
  });

  it('straight-line data with 5 % noise: no T_c in at least 38 of 40 seeded data sets (false alarms < 5 %)', () => {
    const Ts = Array.from({ length: 11 }, (_, i) => 300 + 40 * i);
    let alarms = 0,
      nominalBelow = 0;
    for (let seed = 0; seed < 40; seed++) {
      const rng = new Random(100 + seed);
      const D = Ts.map((T) => 1e-3 * Math.exp(-0.2 / (KB_EV_PER_K * T)) * Math.exp(0.05 * rng.normal()));
      const b = arrheniusBreakpoint(Ts, D, 'D_cm2_s', { nSimulations: 2000 });
      if (b.Tc_K !== null) alarms++;
      else {
        expect(b.Tc_reason).toMatch(/one line fits: F = .*p = .*a kink needs p < 0.01/);
        expect(b.breakpoint_candidate_K).toBeGreaterThan(300);
      }
      // the corrected p is never below the nominal one beyond Monte Carlo noise
      expect(b.p_value).toBeGreaterThanOrEqual(b.p_value_nominal - 0.005);
      if (b.p_value_nominal < 0.05) nominalBelow++;
    }
    expect(alarms).toBeLessThanOrEqual(2);
    expect(nominalBelow).toBeLessThan(40); // sanity: the data are not degenerate
  });

  it('hand-computed case with a single admissible split: F = 1.5143, p = 1/(1 + F) = 0.3977', () => {
    // 1/T = 1..6 (×1e-3 K⁻¹), ln D = 0, 1, 0 | 1, 2, 3. One line: S_xx = 17.5, S_xy = 9.5, S_yy = 41/6,
    // SSR₁ = 41/6 − 9.5²/17.5 = 1.676190; segments: SSR(0,1,0) = 2/3, SSR(1,2,3) = 0.
    // F = [(SSR₁ − SSR₂)/2]/[SSR₂/2] = 1.514286; F(2, 2): p = 1/(1 + F) = 0.397727.
    const T = [1, 2, 3, 4, 5, 6].map((x) => 1000 / x),
      D = [0, 1, 0, 1, 2, 3].map(Math.exp);
    const b = arrheniusBreakpoint(T, D);
    expect(b.n_candidate_splits).toBe(1);
    expect(b.ssr_one).toBeCloseTo(41 / 6 - 9.5 ** 2 / 17.5, 10);
    expect(b.ssr_two).toBeCloseTo(2 / 3, 10);
    expect(b.F_statistic!).toBeCloseTo(1.5142857142857, 9);
    expect(b.F_df).toEqual([2, 2]);
    expect(b.p_value_nominal).toBeCloseTo(1 / (1 + 1.5142857142857), 10);
    // one split: no search, so the Monte Carlo p equals the nominal one within 4 Monte Carlo σ (σ ≈ 0.0049)
    expect(Math.abs(b.p_value - 0.397727)).toBeLessThan(4 * Math.sqrt((0.4 * 0.6) / 10000));
    expect(b.Tc_K).toBeNull();
    // deterministic: the same seed gives the same p
    expect(arrheniusBreakpoint(T, D).p_value).toBe(b.p_value);
  });

  it('points exactly on one line: F = 0, p = 1, no T_c', () => {
    const T = [300, 350, 400, 450, 500, 600];
    const b = arrheniusBreakpoint(
      T,
      T.map((t) => Math.exp(-0.3 / (KB_EV_PER_K * t))),
    );
    expect(b.F_statistic).toBe(0);
    expect(b.p_value).toBe(1);
    expect(b.Tc_K).toBeNull();
    expect(b.Tc_reason).toMatch(/lie on one line/);
  });
});

describe('superionic arrhenius: T_c only when significant', () => {
  it('4 points on a line: Tc_K null with a reason, no segment values', async () => {
    const T = [400, 500, 600, 700];
    const f = csv(
      'four.csv',
      T,
      T.map((t, i) => 1e-3 * Math.exp(-0.1 / (KB_EV_PER_K * t)) * (1 + 0.01 * (i % 2))),
    );
    const r = await runCli(['arrhenius', f, '--json']);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(o.Tc_K).toBeNull();
    expect(o.Tc_reason).toMatch(/4 points: a breakpoint needs ≥ 3 points per segment \(≥ 6 temperatures\)/);
    expect(o.Ea_low_T_eV).toBeNull();
    expect(o.F_statistic).toBeNull();
    expect(o.p_value).toBeNull();
  });

  it('6 points from one E_a = 0.2 eV with 5 % noise: no T_c; F, p and the candidate are given', async () => {
    const rng = new Random(11);
    const T = [400, 450, 500, 550, 600, 650];
    const f = csv(
      'six.csv',
      T,
      T.map((t) => 1e-3 * Math.exp(-0.2 / (KB_EV_PER_K * t)) * Math.exp(0.05 * rng.normal())),
    );
    const o = JSON.parse((await runCli(['arrhenius', f, '--json'])).stdout);
    expect(o.Tc_K).toBeNull();
    expect(o.Tc_reason).toMatch(/^one line fits: F = [\d.]+ \(df 2, 2\), p = .*a kink needs p < 0.01/);
    expect(typeof o.F_statistic).toBe('number');
    expect(o.p_value).toBeGreaterThan(0.01);
    expect(o.p_value_nominal).toBeGreaterThan(0);
    expect(o.breakpoint_candidate_K).toBeGreaterThan(400);
    expect(o.breakpoint_candidate_Ea_low_T_stderr_eV).toBeGreaterThan(0);
    expect(o.Ea_low_T_eV).toBeNull();
    expect(o.segments).toBeNull();
    expect(Math.abs(o.Ea_eV - 0.2)).toBeLessThan(0.05);
  });

  it('a significant kink gives T_c, segment E_a with errors and p < 0.01', async () => {
    const rng = new Random(7);
    const Ts = Array.from({ length: 11 }, (_, i) => 300 + 40 * i);
    const Ds = Ts.map((T) => 1e-8 * Math.exp(-((T < 425 ? 0.45 : 0.2) / KB_EV_PER_K) * (1 / T - 1 / 425)) * Math.exp(0.05 * rng.normal()));
    const o = JSON.parse((await runCli(['arrhenius', csv('kink.csv', Ts, Ds), '--json'])).stdout);
    expect(Math.abs(o.Tc_K - 425)).toBeLessThan(15);
    expect(o.Tc_reason).toBeUndefined();
    expect(o.p_value).toBeLessThan(0.01);
    expect(o.Ea_low_T_stderr_eV).toBeGreaterThan(0);
    expect(o.Ea_high_T_stderr_eV).toBeGreaterThan(0);
    expect(o.breakpoint_candidate_K).toBe(o.Tc_K);
  });

  it('errors name the file line (header counted), with T', async () => {
    const f = path.join(dir, 'bad.csv');
    writeFileSync(f, '# comment\nT_K,D_cm2_s,D_stderr_cm2_s\n500,1e-6,1e-8\n600,0,1e-8\n700,1e-5,1e-8\n');
    const r = await runCli(['arrhenius', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv, line 4: T = 600 K: D_cm2_s must be positive/);
    expect(r.stderr).not.toMatch(/row/);
    writeFileSync(f, 'T_K,D_cm2_s,D_stderr_cm2_s\n500,1e-6,1e-8\n600,2e-6,-1\n');
    const r2 = await runCli(['arrhenius', f]);
    expect(r2.stderr).toMatch(/bad\.csv, line 3: T = 600 K: column D_stderr_cm2_s must hold positive uncertainties/);
    writeFileSync(f, 'T_K,D_cm2_s\n500,1e-6\nabc,2e-6\n');
    expect((await runCli(['arrhenius', f])).stderr).toMatch(/bad\.csv, line 3: column T_K: expected a number/);
  });
});

describe('extrapolation to 300 K across a significant kink', () => {
  it('follows the low-T segment (hand-worked, noise-free two-regime data), and says which basis it used', async () => {
    // D = 1e-2 exp(−0.6 eV / k_B T) below 475 K, continuous with E_a = 0.2 eV above; 8 temperatures.
    const Tc = 475,
      lowD = (T: number) => 1e-2 * Math.exp(-0.6 / (KB_EV_PER_K * T));
    const D = (T: number) => (T < Tc ? lowD(T) : lowD(Tc) * Math.exp((-0.2 / KB_EV_PER_K) * (1 / T - 1 / Tc)));
    const Ts = [350, 375, 400, 425, 525, 575, 625, 675];
    const o = JSON.parse((await runCli(['arrhenius', csv('kink300.csv', Ts, Ts.map(D)), '--json'])).stdout);
    expect(o.Tc_K).not.toBeNull();
    expect(o.extrapolation_basis).toBe('segment below T_c');
    expect(Math.abs(o.D_300K_cm2_s / lowD(300) - 1)).toBeLessThan(1e-6); // exact: the low segment is one line
    // the single line through both regimes would have missed it by a large factor
    const one = Math.exp(o.fit.intercept + o.fit.slope_K / 300);
    expect(one / lowD(300)).toBeGreaterThan(2);
    const hi = JSON.parse((await runCli(['arrhenius', csv('kink300b.csv', Ts, Ts.map(D)), '--at', '1000', '--json'])).stdout);
    expect(hi.extrapolation_basis).toBe('segment above T_c');
  });
});
