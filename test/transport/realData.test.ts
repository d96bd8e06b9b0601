/**
 * Transport on the real AIMD trajectories of data, against peer tools run on the same
 * files by bench/transport/compare_real.py (bench/.venv: pymatgen-analysis-diffusion 2026.9.23,
 * kinisi 2.1.0; numbers in bench/out/transport_real.json, copied here by hand).
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { readTrajectory, openTrajectory } from '../../src/io';
import { analyseDiffusion } from '../../src/transport/diffusionAnalysis';

const DATA = path.resolve(__dirname, '../../data');

describe('Li10GeP2S12, 600 K (Li, drift-corrected, fit 1000–13300 fs, V = 970.41 Å³, q = 1)', () => {
  it('MSD equals pymatgen’s exactly and D*, σ agree with pymatgen DiffusionAnalyzer', async () => {
    const traj = await readTrajectory(path.join(DATA, 'Li10GeP2S12_600K_AIMD.extxyz.gz'));
    const eq = await analyseDiffusion(traj, 'Li', { drift: true, fitWindow_fs: [1000, 13300], temperature_K: 600, frameworkWeights: 'equal' });
    // pymatgen DiffusionAnalyzer.from_structures(..., 'Li', 600, 2, 10).msd at dt = 1000, 7180, 13300 fs
    // (its drift correction is the equal-weight framework mean, hence frameworkWeights 'equal').
    // Same all-origins definition → 1e-9 relative (float rounding of two FFT implementations).
    const pmgMsd: [number, number][] = [
      [50, 0.4936355626380218],
      [359, 1.0010792717839558],
      [665, 1.5266558592571433],
    ];
    for (const [m, v] of pmgMsd) expect(Math.abs(eq.msd.msd_A2[m] - v) / v).toBeLessThan(1e-9);

    const r = await analyseDiffusion(traj, 'Li', { drift: true, fitWindow_fs: [1000, 13300], temperature_K: 600, charge_e: 1, volume_A3: 970.41 });
    expect(r.dt_fs).toBe(20);
    expect(r.nIons).toBe(20);
    // pymatgen: D = 1.16129e-6 cm²/s, σ = 74.165 mS/cm (smoothed="max": every 3rd lag of 1000–13300 fs,
    // weights 1/t). Ours: every lag, equal weights, mass-weighted drift → 1.158e-6. Tolerance 1 %:
    // the weighting/subsampling difference (0.3 %) plus the drift weighting (0.03 %), far inside
    // the statistical error of D (block estimate ≈ 80 %).
    expect(Math.abs(r.D_cm2_s / 1.1612930701090655e-6 - 1)).toBeLessThan(0.01);
    expect(Math.abs(r.sigma_mS_cm! / 74.16536823575304 - 1)).toBeLessThan(0.01);
    // With pymatgen's 1/t weights the difference left is its every-3rd-lag subsampling.
    const w = await analyseDiffusion(traj, 'Li', {
      drift: true,
      fitWindow_fs: [1000, 13300],
      fitWeighting: 'inverse-lag',
      frameworkWeights: 'equal',
    });
    // (0.33 % measured; 0.5 % tolerance).
    expect(Math.abs(w.D_cm2_s / 1.1612930701090655e-6 - 1)).toBeLessThan(0.005);
    // kinisi (Bayesian GLS from 1000 fs to the end) gives 1.45e-6 with 95 % interval [0.71, 2.17]e-6: ours lies inside.
    expect(r.D_cm2_s).toBeGreaterThan(0.71e-6);
    expect(r.D_cm2_s).toBeLessThan(2.17e-6);
    expect(r.D_block_stderr_cm2_s).not.toBeNull();
    // 20 Li over 20 ps: the charge MSD is one series, D_σ = 3.8e-6 ± 3.1e-6 cm²/s (random-walk error of a
    // single series over this window, 81 % relative) is not significant, so no Haven ratio is claimed.
    expect(r.D_sigma_significant).toBe(false);
    expect(r.haven_ratio).toBeNull();
    expect(r.haven_reason).toMatch(/not significantly above zero/);
    expect(r.haven_estimate).toBeGreaterThan(0.2);
    expect(r.haven_estimate).toBeLessThan(0.4);
  });
});

describe('Li6PS5Cl, 500 K XDATCARs (wrapped, 100 fs/frame → unwrapped)', () => {
  // pymatgen DiffusionAnalyzer (from Xdatcar, 2 fs × 50, smoothed="max": fit 1000–13900 fs, 1/t weights).
  const peers: Record<string, { D: number; msd1000: number }> = {
    '0pct': { D: 8.2276134254656e-6, msd1000: 1.9010221157259426 },
    '50pct': { D: 1.3330698382156841e-5, msd1000: 1.6028204884082762 },
    '100pct': { D: 1.0712996457858807e-5, msd1000: 1.8982361776447558 },
  };
  for (const [tag, peer] of Object.entries(peers)) {
    it(`${tag}: MSD and D* match pymatgen with the same protocol`, async () => {
      const s = await openTrajectory(path.join(DATA, `Li6PS5Cl_${tag}_500K_XDATCAR.gz`), { timestep_fs: 100 });
      const r = await analyseDiffusion(s, 'Li', {
        drift: true,
        temperature_K: 500,
        frameworkWeights: 'equal',
        fitWindow_fs: [1000, 13900],
        fitWeighting: 'inverse-lag',
      });
      expect(r.nIons).toBe(192);
      // Unwrapping + all-origins MSD identical to pymatgen's → 1e-9 relative.
      expect(Math.abs(r.msd.msd_A2[10] / peer.msd1000 - 1)).toBeLessThan(1e-9);
      // Same lags, same weights: the fits agree to rounding (1e-6 relative).
      expect(Math.abs(r.D_cm2_s / peer.D - 1)).toBeLessThan(1e-6);
      expect(r.measurable).toBe(true);
    });
  }
});
