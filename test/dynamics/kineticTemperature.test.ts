// Kinetic temperature of velocities and the VDOS equipartition check.
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Args } from '../../src/cli/args';
import { InputError } from '../../src/core/errors';
import { Random } from '../../src/core/random';
import { kineticTemperature } from '../../src/dynamics/kineticTemperature';
import { vibrationalDensityOfStates } from '../../src/dynamics/vibrationalDensityOfStates';
import * as vdosCmd from '../../src/cli/commands/vdos';
import { makeTrajectory } from './synthetic';

const LGPS = path.resolve(__dirname, '../../data/Li10GeP2S12_600K_AIMD.extxyz.gz');

describe('kinetic temperature', () => {
  it('hand-worked: m = 2 amu, v = (0.01, 0.02, 0.02) Å/fs → m v² = 0.0018 amu Å²/fs² = 0.186557 eV → T = 721.634 K', () => {
    // 1 amu Å²/fs² = 103.642697 eV; T = m v² / (3 k_B), k_B = 8.617333262e-5 eV/K
    expect(kineticTemperature(Float64Array.from([0.01, 0.02, 0.02]), [2], 1)).toBeCloseTo(721.63413, 5);
    // a second frame at rest halves the mean; a second atom at rest halves it again
    expect(kineticTemperature(Float64Array.from([0.01, 0.02, 0.02, 0, 0, 0]), [2], 2)).toBeCloseTo(360.817065, 5);
    expect(kineticTemperature(Float64Array.from([0.01, 0.02, 0.02, 0, 0, 0]), [2, 5], 1)).toBeCloseTo(360.817065, 5);
    expect(() => kineticTemperature(new Float64Array(5), [1], 2)).toThrow(InputError);
    expect(() => kineticTemperature(new Float64Array(3), [0], 1)).toThrow(/mass 0/);
  });

  it('Maxwell–Boltzmann velocities at 600 K give 600 K within the sampling error', () => {
    const rng = new Random(2),
      n = 3000,
      m = 6.94,
      T = 600;
    const s = Math.sqrt((8.617333262e-5 * T) / (m * 103.64269652680505)); // Å/fs per component
    const v = Float64Array.from({ length: 3 * n }, () => s * rng.normal());
    // relative error of the mean of 3n χ²₁ variables: √(2/(3n)) = 1.5 %; allow 4σ
    expect(Math.abs(kineticTemperature(v, new Float64Array(n).fill(m), 1) / T - 1)).toBeLessThan(0.06);
  });
});

describe('VDOS equipartition check', () => {
  afterEach(() => vi.restoreAllMocks());

  function oscillatorTrajectory(dt: number) {
    const n = 8,
      T = 400,
      rng = new Random(4),
      amp = 0.3,
      f = 5e-3; // 5 THz
    const pos = new Float64Array(T * 3 * n),
      vel = new Float64Array(T * 3 * n);
    const phase = Float64Array.from({ length: 3 * n }, () => 2 * Math.PI * rng.uniform());
    for (let t = 0; t < T; t++)
      for (let k = 0; k < 3 * n; k++) {
        pos[t * 3 * n + k] = 10 + amp * Math.sin(2 * Math.PI * f * t * dt + phase[k]);
        vel[t * 3 * n + k] = 2 * Math.PI * f * amp * Math.cos(2 * Math.PI * f * t * dt + phase[k]);
      }
    return { traj: makeTrajectory(Array(n).fill('Li'), T, dt, pos, { velocities: vel }), vel, n, T };
  }

  it('reports m⟨v²⟩/(3k_B) of the velocities used; a caution only beyond a factor 2', () => {
    const { traj, vel, n, T } = oscillatorTrajectory(2);
    const Tkin = kineticTemperature(vel, new Float64Array(n).fill(traj.topology.masses[0]), T);
    const plain = vibrationalDensityOfStates(traj, { species: 'Li' });
    expect(plain.kinetic_temperature_K).toBeCloseTo(Tkin, 9);
    expect(plain.temperature_K).toBeNull();
    expect(plain.temperature_caution).toBeUndefined();
    const ok = vibrationalDensityOfStates(traj, { species: 'Li', temperature_K: 1.9 * Tkin });
    expect(ok.kinetic_to_run_temperature!).toBeCloseTo(1 / 1.9, 12);
    expect(ok.temperature_caution).toBeUndefined();
    const bad = vibrationalDensityOfStates(traj, { species: 'Li', temperature_K: 2.1 * Tkin });
    expect(bad.temperature_caution).toMatch(/from the file\) correspond to m⟨v²⟩\/\(3k_B\) = .* K, not the .* K given/);
    expect(() => vibrationalDensityOfStates(traj, { species: 'Li', temperature_K: -5 })).toThrow(/temperature must be a positive/);
  });

  it('LGPS at 600 K: central differences over the stamped 20 fs give ≈ 6 K and a CAUTION; --dt 2 gives ≈ 600 K and none', async () => {
    let out = '';
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: any) => {
      out += String(s);
      return true;
    });
    const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await vdosCmd.run(new Args([LGPS, '--species', 'Li', '--temperature', '600', '--json']));
      const r = JSON.parse(out);
      expect(r.kinetic_temperature_K).toBeGreaterThan(4);
      expect(r.kinetic_temperature_K).toBeLessThan(8); // measured 5.94 K
      expect(r.temperature_caution).toMatch(/5\.94 K, not the 600 K given.*frame interval 10\.\d× too long/);
      out = '';
      await vdosCmd.run(new Args([LGPS, '--species', 'Li', '--temperature', '600', '--dt', '2', '--json']));
      const r2 = JSON.parse(out);
      expect(Math.abs(r2.kinetic_temperature_K / 600 - 1)).toBeLessThan(0.1); // measured 593.6 K
      expect(r2.temperature_caution).toBeUndefined();
      out = '';
      await vdosCmd.run(new Args([LGPS, '--species', 'Li', '--temperature', '600']));
      expect(out).toMatch(/CAUTION: the Li velocities \(central differences over Δt = 20 fs\)/);
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
  });
});
