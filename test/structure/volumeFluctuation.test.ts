// Volume fluctuations (src/structure/volumeFluctuation.ts): κ_T = ⟨δV²⟩/(k_B T ⟨V⟩) against the formula
// evaluated by hand on a synthetic NPT-like series, null with the reason for a constant-volume run, the
// CLI on a real (NVT) file, and the plot spec.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import type { Frame } from '../../src/core/frame';
import { analyseFrames } from '../../src/core/frameAnalysis';
import { topologyFromSymbols } from '../../src/core/topology';
import { Trajectory } from '../../src/core/trajectory';
import { resultCard, resultKind } from '../../src/display/resultCard';
import { volumePlotSpec } from '../../src/display/structure/structurePlots';
import { VolumeFluctuation } from '../../src/structure/volumeFluctuation';
import { runMain } from '../cli/runMain';

/** Cubic boxes whose volumes are the given numbers (Å³). */
function boxes(volumes: number[]): Trajectory {
  const top = topologyFromSymbols(['Li']);
  const frames: Frame[] = volumes.map((v, f) => ({
    index: f,
    time_fs: 10 * f,
    cell: Cell.orthorhombic(Math.cbrt(v), Math.cbrt(v), Math.cbrt(v)),
    positions: new Float64Array(3),
  }));
  return Trajectory.fromFrames(top, frames, { source: 'boxes', unwrapped: false });
}

describe('VolumeFluctuation', () => {
  it('κ_T and B from a fluctuating volume: the textbook formula by hand', async () => {
    const V = Array.from({ length: 200 }, (_, i) => 1000 + 5 * Math.sin(0.7 * i) + 2 * Math.cos(1.3 * i));
    const an = new VolumeFluctuation({ temperature_K: 600 });
    await analyseFrames(boxes(V), [an], { onProgress: () => {} });
    const r = an.result();
    const mean = V.reduce((a, b) => a + b, 0) / V.length;
    const varV = V.reduce((a, b) => a + (b - mean) ** 2, 0) / V.length;
    const kT_eV = 8.617333262e-5 * 600;
    const kappa = varV / (kT_eV * mean) / 160.2176634; // Å³/eV → GPa⁻¹
    expect(r.mean_volume_A3).toBeCloseTo(mean, 9);
    expect(r.volume_std_A3).toBeCloseTo(Math.sqrt(varV), 9);
    expect(r.compressibility_per_GPa!).toBeCloseTo(kappa, 12);
    expect(r.bulk_modulus_GPa!).toBeCloseTo(1 / kappa, 6);
    expect(r.mean_volume_stderr_A3).not.toBeNull();
    const spec = volumePlotSpec(r, 10) as unknown as { layer: { data: { values: unknown[] } }[] };
    expect(spec.layer[0].data.values).toHaveLength(200);
    expect(resultKind(r)).toBe('volume'); // show(result) draws its card and this plot
    const card = resultCard(r)!;
    expect(card.headline[1].value).toBeCloseTo(kappa, 12);
    expect(card.plot).not.toBeNull();
  });

  it('a constant volume gives κ_T null with the reason, not 0; no temperature likewise', async () => {
    const an = new VolumeFluctuation({ temperature_K: 300 });
    await analyseFrames(boxes([1000, 1000, 1000, 1000]), [an], { onProgress: () => {} });
    expect(an.result().compressibility_per_GPa).toBeNull();
    expect(an.result().reason).toMatch(/does not fluctuate/);
    const b = new VolumeFluctuation();
    await analyseFrames(boxes([1000, 1001, 999]), [b], { onProgress: () => {} });
    expect(b.result().reason).toMatch(/no temperature/);
    expect(() => new VolumeFluctuation({ temperature_K: -1 })).toThrow(/temperature must be > 0/);
  });

  it('superionic volume on the NVT Li6PS5Cl run: ⟨V⟩ = the cell volume, κ_T null (constant volume)', async () => {
    const file = path.resolve(__dirname, '../../data/Li6PS5Cl_50pct_500K_XDATCAR.gz');
    const r = await runMain(['volume', file, '--temperature', '500', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.frames).toBe(140);
    expect(out.mean_volume_A3).toBeCloseTo(20.3123 ** 3, -1);
    expect(out.compressibility_per_GPa).toBeNull();
    expect(out.reason).toMatch(/constant-volume/);
  });
});
