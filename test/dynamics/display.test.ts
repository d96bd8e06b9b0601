import { describe, expect, it } from 'vitest';
import { vdosSpec, acfSpec, orientationMapSpec, thetaProjectionSpec, vanHoveSpec, vdosTable, reorientationTable } from '../../src/display/dynamics';
import { vibrationalDensityOfStates } from '../../src/dynamics/vibrationalDensityOfStates';
import { vanHoveCorrelation } from '../../src/dynamics/vanHoveCorrelation';
import { anionRotation } from '../../src/dynamics/anionRotation';
import { readTrajectory } from '../../src/io';
import * as path from 'node:path';

const NA3PS4 = path.resolve(__dirname, '../../data/Na3PS4_cubic_800K_AIMD.extxyz.gz');

describe('dynamics Vega-Lite specs', async () => {
  const vl: any = await import('vega-lite');
  const traj = await readTrajectory(NA3PS4);
  const v = vibrationalDensityOfStates(traj, { species: 'Na' });
  const rot = anionRotation(traj, { anion: 'PS4' });
  const vh = vanHoveCorrelation(traj, { species: 'Na', lags_fs: [100, 1000] });
  it('VDOS spec carries the curve and its band-centre rule, and compiles', () => {
    const s: any = vdosSpec({ Na: v });
    expect(s.layer[1].data.values).toEqual([{ curve: 'Na', band_centre_THz: v.band_centre_THz }]);
    expect(s.layer[0].data.values.every((r: any) => r.freq_THz <= 25)).toBe(true);
    expect(() => vl.compile(s)).not.toThrow();
    expect(vdosTable(v).pdos_per_THz.length).toBe(v.freq_THz.length);
  });
  it('ACF, θ projections, orientation map and van Hove specs compile with the right rows', () => {
    const a: any = acfSpec('PS4 orientation ACF', { PS4: { t_fs: rot.acf_t_fs, acf: rot.acf } });
    expect(a.data.values.length).toBe(rot.acf.length);
    const th: any = thetaProjectionSpec(rot, [0, 1]);
    expect(th.data.values.length).toBe(2 * 3 * traj.nFrames);
    const m: any = orientationMapSpec(rot.map, rot.states);
    expect(m.layer[0].data.values.length).toBe(36 * 72);
    const h: any = vanHoveSpec(vh);
    expect(h.hconcat.length).toBe(2);
    expect(h.hconcat[0].data.values.length).toBe(2 * vh.r_A.length);
    expect(h.hconcat[1].data.values.length).toBe(2 * vh.r_A.length);
    // Units in the titles; the G_d colour scale is not set by the r ≈ 0 bins: it tops at the 99th
    // percentile of the bins at r ≥ 0.5 Å and clamps above.
    expect(h.hconcat[0].encoding.color.title).toBe('Å⁻¹');
    const gd = h.hconcat[1];
    const far = gd.data.values
      .filter((d: any) => d.r_A >= 0.5)
      .map((d: any) => d.value)
      .sort((x: number, y: number) => x - y);
    expect(gd.encoding.color.scale.domain[1]).toBe(far[Math.floor(0.99 * (far.length - 1))]);
    expect(gd.encoding.color.scale.clamp).toBe(true);
    const all = Math.max(...gd.data.values.map((d: any) => d.value));
    expect(gd.encoding.color.scale.domain[1]).toBeLessThanOrEqual(all);
    for (const s of [a, th, m, h]) expect(() => vl.compile(s)).not.toThrow();
    expect(reorientationTable(rot).rotor.length).toBe(16);
  });
});
