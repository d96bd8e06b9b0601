// MSD by atom blocks over worker threads (src/analyse/atomBlockParallel.ts; workers load dist/, built by `npm test`):
// bit for bit the one-thread MSD (and whole diffusion analysis) for 2 and 3 threads; the one-thread MSD still equals
// the O(T²) direct windowed sum to 1e-10 relative (the block sums changed only the order of additions).
import { describe, expect, it } from 'vitest';
import { diffusionFromSeriesThreaded, meanSquaredDisplacementThreaded } from '../../src/analyse/atomBlockParallel';
import { meanSquaredDisplacement, meanSquaredDisplacementDirect } from '../../src/transport/meanSquaredDisplacement';
import { diffusionFromSeries } from '../../src/transport/diffusionAnalysis';
import type { TransportSeries } from '../../src/transport/transportSeries';

/** Seeded random walk: nIons ions × T frames, frame-major, Å. */
function walk(nIons: number, T: number, seed: number): Float64Array {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5;
  const p = new Float64Array(3 * nIons * T);
  for (let f = 1; f < T; f++) for (let q = 0; q < 3 * nIons; q++) p[3 * nIons * f + q] = p[3 * nIons * (f - 1) + q] + 0.3 * rnd();
  return p;
}

describe('threaded MSD equals one thread exactly', () => {
  it('MSD with per-ion curves (37 ions: blocks of 16, 16, 5; an odd ion in a block)', async () => {
    const nIons = 37,
      T = 300;
    const pos = walk(nIons, T, 7);
    const one = meanSquaredDisplacement(pos, nIons, T, 2, { perIon: true });
    for (const threads of [2, 3]) {
      const many = await meanSquaredDisplacementThreaded(pos, nIons, T, 2, { perIon: true, threads });
      expect(Array.from(many.msd_A2)).toEqual(Array.from(one.msd_A2));
      for (let k = 0; k < 3; k++) expect(Array.from(many.components_A2[k])).toEqual(Array.from(one.components_A2[k]));
      expect(Array.from(many.perIon_A2!)).toEqual(Array.from(one.perIon_A2!));
    }
    const direct = meanSquaredDisplacementDirect(pos, nIons, T, 2);
    for (let m = 1; m < T; m++) expect(Math.abs(one.msd_A2[m] - direct.msd_A2[m])).toBeLessThan(1e-10 * direct.msd_A2[m]);
  }, 60_000);

  it('the whole diffusion analysis (tracer, blocks, charge, drift)', async () => {
    const nIons = 40,
      T = 400;
    const positions = walk(nIons, T, 11);
    const frameworkCom = walk(1, T, 5);
    const series = {
      species: ['Li'],
      framework: ['S'],
      nIons,
      nFrames: T,
      positions,
      frameworkCom,
      times_fs: null,
      volumes_A3: null,
      info: { source: 'walk', timestep_fs: 2, unwrapped: true },
    } satisfies TransportSeries;
    const opts = { drift: true, temperature_K: 600, volume_A3: 4000, perIon: true };
    const one = diffusionFromSeries(series, opts);
    const two = await diffusionFromSeriesThreaded(series, opts, 2);
    const plain = (x: unknown) => JSON.stringify(x, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v));
    expect(plain(two)).toBe(plain(one));
    expect(one.D_cm2_s).toBeGreaterThan(0);
  }, 60_000);
});
