// DiffusionResult.tracer / .charge (core/estimate.ts): one Estimate per D, equal to the flat fields it
// groups (kept for backward compatibility), its stderr the largest of the named parts.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { largestPartEstimate } from '../../src/core/estimate';
import { openTrajectory } from '../../src/io';
import { collectTransportSeries, diffusionFromSeries } from '../../src/transport/diffusionAnalysis';

describe('Estimate', () => {
  it('stderr is the largest finite part; null and non-finite parts are skipped', () => {
    expect(largestPartEstimate(1, 'cm2/s', { a: 0.1, b: null, c: 0.3, d: NaN }).stderr).toBe(0.3);
    expect(largestPartEstimate(1, 'cm2/s', { a: null }).stderr).toBe(0);
  });

  it('D* and D_σ of Li6PS5Cl (50 %): tracer/charge equal the flat fields bit for bit', async () => {
    const file = path.resolve(__dirname, '../../data/Li6PS5Cl_50pct_500K_XDATCAR.gz');
    const series = await collectTransportSeries(await openTrajectory(file, { timestep_fs: 10, atoms: ['Li'] }), 'Li', { onProgress: () => {} });
    const r = diffusionFromSeries(series, { dt_fs: 10 });
    expect(r.tracer).toEqual({
      value: r.D_cm2_s,
      stderr: r.D_uncertainty_cm2_s,
      unit: 'cm2/s',
      parts: { ols: r.D_stderr_cm2_s, block: r.D_block_stderr_cm2_s, random_walk: r.D_random_walk_stderr_cm2_s },
    });
    expect(r.charge).toEqual({
      value: r.D_sigma_cm2_s,
      stderr: r.D_sigma_uncertainty_cm2_s,
      unit: 'cm2/s',
      parts: { ols: r.D_sigma_stderr_cm2_s, block: r.D_sigma_block_stderr_cm2_s, random_walk: r.D_sigma_random_walk_stderr_cm2_s },
    });
    expect(r.tracer.value).toBeGreaterThan(0);
  });
});
