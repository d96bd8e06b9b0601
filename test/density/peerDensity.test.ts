import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseFrames } from '../../src/core/frameAnalysis';
import { openTrajectory } from '../../src/io/index';
import { ProbabilityDensity } from '../../src/density/probabilityDensity';

// Peer numbers from bench/density/peer_pda.py (pymatgen-analysis-diffusion ProbabilityDensityAnalysis, bench/.venv).
const peer = JSON.parse(readFileSync(path.resolve(__dirname, '../fixtures/density_peer_pda.json'), 'utf8'));

describe('density grid vs pymatgen-analysis-diffusion ProbabilityDensityAnalysis (Li6PS5Cl 50 %, Li, 40×40×40)', () => {
  it('same voxels, same Pr (probability per Å³) to round-off', async () => {
    const stream = await openTrajectory(path.resolve(__dirname, '../..', peer.file), { atoms: ['Li'] });
    const acc = new ProbabilityDensity({ species: 'Li', shape: peer.shape });
    await analyseFrames(stream, [acc]);
    const d = acc.result();
    expect(d.frames).toBe(peer.frames);
    const P = d.probability_per_A3;
    let nonzero = 0,
      s2 = 0;
    for (const x of P) {
      if (x > 0) nonzero++;
      s2 += x * x;
    }
    // Nearest grid point by rounding (ours) vs nearest of the 8 surrounding points by distance (pymatgen). pymatgen's
    // grid step is interval/L_i (here ≠ 1/40 by < 1e-5 along b and c), so a few atoms sitting almost exactly halfway
    // between two grid planes go to the other voxel: same number of visited voxels, Σ Pr² differs by 6.1e-5 relative,
    // and the 40 most visited voxels agree to 4e-15.
    expect(nonzero).toBe(peer.nonzero);
    expect(Math.abs(s2 / peer.sum_Pr2 - 1)).toBeLessThan(1e-4);
    peer.top_index.forEach((v: number, q: number) => expect(Math.abs(P[v] / peer.top_Pr[q] - 1)).toBeLessThan(1e-12));
  }, 60_000);
});
