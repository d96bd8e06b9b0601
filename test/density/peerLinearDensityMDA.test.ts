import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseFrames } from '../../src/core/frameAnalysis';
import { readTrajectory } from '../../src/io/index';
import { linearNumberDensity } from '../../src/structure/linearNumberDensity';
import { ProbabilityDensity } from '../../src/density/probabilityDensity';
import { linearDensity } from '../../src/density/densityProjections';

// Peer numbers from bench/density/peer_mda_linear.py (MDAnalysis LinearDensity, bench/.venv): Li per slab per frame
// along z = c in 100 slabs of Li6PS5Cl 50 %, fed f·L in the orthogonal box of the lattice lengths (MDAnalysis bins
// Cartesian positions over (0, max L); c is the longest), converted from its mass density. Case A: slabs
// [k, k+1)·L_c/100 (our linearNumberDensity); case B: positions shifted by half a slab, so its slabs are the planes
// of a 100-point grid (our ProbabilityDensity + linearDensity). MDAnalysis stores positions in float32: a position
// within float32 round-off of a slab edge may fall either side (the script counts them).
const peer = JSON.parse(readFileSync(path.resolve(__dirname, '../fixtures/density_peer_mda_linear.json'), 'utf8'));

describe(`linear density vs ${peer.peer} (Li6PS5Cl 50 %, Li along c, ${peer.bins} slabs)`, () => {
  it('Li per slab per frame equal to round-off (slab edges at k·L/n and at the grid planes)', async () => {
    const traj = await readTrajectory(path.resolve(__dirname, '../..', peer.file));
    // A. linearNumberDensity (src/structure): C_b / N_frames = λ_b · Δ.
    const a = linearNumberDensity(traj, 'Li', 'c', peer.bins);
    expect(a.frames).toBe(peer.frames);
    expect(a.atoms).toBe(peer.atoms);
    const A = peer.cases.edges_at_k;
    const oursA = Array.from(a.density_per_A, (x) => x * a.slab_A);
    const movedA = (oursA.reduce((s, x, b) => s + Math.abs(x - A.li_per_slab_per_frame[b]), 0) * peer.frames) / 2; // Li-frames in another slab
    // Measured: every slab holds the same number of Li-frames (no position fell the other side of an edge); the
    // per-frame values agree to 1e-13 (MDAnalysis' mass density → count conversion).
    expect(movedA).toBeLessThan(1e-6);
    for (let b = 0; b < peer.bins; b++) expect(Math.abs(oursA[b] - A.li_per_slab_per_frame[b])).toBeLessThan(1e-9);
    // The slab thickness: ours d_c/n (plane spacing of the slightly triclinic cell), MDAnalysis L_c/n (float32 box).
    expect(Math.abs(a.slab_A / A.slab_A - 1)).toBeLessThan(1e-6);
    // B. ProbabilityDensity on a grid with 100 planes along c, then linearDensity (src/density).
    const acc = new ProbabilityDensity({ species: 'Li', shape: [4, 4, peer.bins] });
    await analyseFrames(traj, [acc], { onProgress: () => {} });
    const l = linearDensity(acc.result(), 'c');
    const B = peer.cases.edges_at_k_minus_half;
    const oursB = Array.from(l.density_per_A, (x) => x * l.bin_A);
    const movedB = (oursB.reduce((s, x, b) => s + Math.abs(x - B.li_per_slab_per_frame[b]), 0) * peer.frames) / 2;
    expect(movedB).toBeLessThan(1e-6);
    for (let b = 0; b < peer.bins; b++) expect(Math.abs(oursB[b] - B.li_per_slab_per_frame[b])).toBeLessThan(1e-9);
    // Totals: every Li of every frame in some slab, in both.
    expect(oursB.reduce((s, x) => s + x, 0)).toBeCloseTo(peer.atoms, 9);
    expect(B.li_per_slab_per_frame.reduce((s: number, x: number) => s + x, 0)).toBeCloseTo(peer.atoms, 4);
  }, 60_000);
});
