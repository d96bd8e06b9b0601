import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseFrames } from '../../src/core/frameAnalysis';
import { Cell } from '../../src/core/cell';
import { openTrajectory } from '../../src/io/index';
import { ProbabilityDensity } from '../../src/density/probabilityDensity';

// Peer numbers from bench/density/peer_mda.py (MDAnalysis DensityAnalysis, bench/.venv): every voxel's count on the
// same 40×40×40 grid (MDAnalysis fed f·L in the orthogonal box of the lattice lengths, user grid with edges at
// (k − ½)·L/n, periodic image bin folded), and its normalisation (number density per count).
const peer = JSON.parse(readFileSync(path.resolve(__dirname, '../fixtures/density_peer_mda.json'), 'utf8'));

describe('density grid vs MDAnalysis DensityAnalysis (Li6PS5Cl 50 %, Li, 40×40×40)', () => {
  it('every voxel has the same count; the number density agrees to round-off', async () => {
    const stream = await openTrajectory(path.resolve(__dirname, '../..', peer.file), { atoms: ['Li'] });
    const acc = new ProbabilityDensity({ species: 'Li', shape: peer.shape });
    await analyseFrames(stream, [acc], { onProgress: () => {} });
    const d = acc.result();
    expect(d.frames).toBe(peer.frames);
    expect(d.atoms).toBe(peer.atoms);
    const expected = new Float64Array(d.counts.length);
    peer.same_grid.nonzero_index.forEach((v: number, q: number) => (expected[v] = peer.same_grid.counts[q]));
    let differ = 0;
    for (let v = 0; v < expected.length; v++) if (d.counts[v] !== expected[v]) differ++;
    expect(differ).toBe(0);
    // MDAnalysis divides by its orthogonal voxel (Π L_i / n³), ours by V/n³ of the (very slightly triclinic) cell:
    // they differ by O(tilt²) ≈ 1e-10 relative.
    for (const v of peer.same_grid.nonzero_index.slice(0, 200)) {
      expect(Math.abs(d.density_per_A3[v] / (d.counts[v] * peer.mda_density_per_count_A3) - 1)).toBeLessThan(1e-8);
    }
    expect(Math.abs(new Cell(d.cell).lengths()[0] - peer.lattice_lengths_A[0])).toBeLessThan(1e-9);
    // On the file's Cartesian positions (input B) MDAnalysis's orthogonal grid puts 14 of 26,880 counts in a neighbouring
    // voxel: those within ~3e-4 Å of a voxel boundary, moved by the cell's off-diagonal elements (≤ 2e-4 Å).
    expect(peer.as_read.total_counts).toBeCloseTo(d.frames * d.atoms, 6);
    expect(peer.as_read.counts_in_other_voxel / (d.frames * d.atoms)).toBeLessThan(1e-3);
  }, 60_000);
});
