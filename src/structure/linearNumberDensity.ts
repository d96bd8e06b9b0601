/**
 * Time-averaged linear number density of one species along a lattice vector (Li 2025 Fig. 6a: Li density
 * along c with and without anion translation). Each atom's fractional coordinate s_k along lattice vector
 * k, in its own frame's cell, is wrapped to [0, 1) and histogrammed into `bins` equal slabs; the density in
 * atoms per Å of the slab normal is λ_b = C_b / (N_frames · Δ), with Δ = d_k / bins the slab thickness and
 * d_k = V / |a_i × a_j| the spacing of the lattice planes normal to k (|c| for an orthogonal cell), so
 * Σ_b λ_b Δ = N_atoms. The slab counts become densities by the density module's
 * linearDensityFromPlaneCounts (the same arithmetic as its grid-based linearDensity); here the slabs are
 * binned straight from the positions (bin b holds s ∈ [b, b+1)/bins, centred at (b + ½)Δ), with no grid.
 */
import { InputError } from '../core/errors.js';
import { indicesOf } from '../core/topology.js';
import type { Trajectory } from '../core/trajectory.js';
import { linearDensityFromPlaneCounts } from '../density/densityProjections.js';

export interface LinearNumberDensity {
  axis: 'a' | 'b' | 'c';
  /** Slab centres along the plane normal, Å (from the first frame's plane spacing). */
  position_A: Float64Array;
  /** Atoms per Å of the normal in each slab. */
  density_per_A: Float64Array;
  /** Fraction of atom-frames in each slab (sums to 1). */
  fraction: Float64Array;
  slab_A: number;
  frames: number;
  atoms: number;
}

/** Linear number density of `species` along lattice vector `axis` (see the header). */
export function linearNumberDensity(traj: Trajectory, species: string | string[], axis: 'a' | 'b' | 'c', bins = 100): LinearNumberDensity {
  const k = { a: 0, b: 1, c: 2 }[axis];
  if (k === undefined) throw new InputError(`linear density axis must be a, b or c; got "${axis}"`, { file: traj.info.source });
  if (!(Number.isInteger(bins) && bins >= 2))
    throw new InputError(`linear density needs an integer number of bins ≥ 2, got ${bins}`, { file: traj.info.source });
  if (traj.nFrames === 0) throw new InputError('linear density: the trajectory has no frames', { file: traj.info.source });
  const idx = indicesOf(traj.topology, species, { file: traj.info.source });
  const counts = new Float64Array(bins);
  let spacing = 0;
  for (let f = 0; f < traj.nFrames; f++) {
    const cell = traj.cell(f);
    if (!cell) throw new InputError('linear density needs a periodic cell', { file: traj.info.source, frame: f });
    const inv = cell.inverse,
      pos = traj.framePositions(f);
    if (f === 0) spacing = cell.perpendicularWidths()[k];
    for (const a of idx) {
      const x = pos[3 * a],
        y = pos[3 * a + 1],
        z = pos[3 * a + 2];
      let s = x * inv[k] + y * inv[3 + k] + z * inv[6 + k];
      if (!Number.isFinite(s)) throw new InputError(`atom ${a} has a non-finite position`, { file: traj.info.source, frame: f });
      s -= Math.floor(s);
      counts[Math.min(bins - 1, Math.floor(s * bins))]++;
    }
  }
  const { density_per_A, fraction, bin_A: slab } = linearDensityFromPlaneCounts(counts, traj.nFrames, idx.length, spacing);
  return {
    axis,
    slab_A: slab,
    frames: traj.nFrames,
    atoms: idx.length,
    position_A: Float64Array.from({ length: bins }, (_, b) => (b + 0.5) * slab),
    density_per_A,
    fraction,
  };
}
