/**
 * 1D and 2D views of a density grid (src/density/probabilityDensity.ts): the linear density along a
 * lattice vector or a Cartesian axis (Li 2025 Fig. 6a; MDAnalysis `LinearDensity`), and planar cuts and
 * projections (Kweon 2017 Fig. 2 cross-sections).
 *
 * Along a lattice vector a_i: the planes of constant fractional f_i = k/n_i are Δ = w_i/n_i apart
 * (w_i = V/|a_j × a_k| the perpendicular width), so the linear density is
 *   λ_k = Σ_{plane k} C_v / (N_frames · Δ)      atoms per Å along the plane normal (Σ_k λ_k Δ = N_atoms).
 * Along a Cartesian axis x: every grid point's Cartesian x (in the grid cell, fractional in [0,1)) is
 * binned over the cell's extent along x, λ = counts / (N_frames · Δx). For an orthorhombic cell with
 * n_bins = n_i this equals the lattice-vector version exactly.
 * Projection along axis i: σ_uv = Σ_k C / (N_frames · A_face/(n_u n_v)), atoms per Å²; a cut is the
 * number density ρ (Å⁻³) of the grid plane k.
 */
import { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import type { ProbabilityDensityResult } from './probabilityDensity.js';

export type LatticeAxis = 'a' | 'b' | 'c';
export type CartesianAxis = 'x' | 'y' | 'z';

export interface LinearDensityResult {
  axis: LatticeAxis | CartesianAxis;
  /** Bin centres: distance along the plane normal (lattice axis) or the Cartesian coordinate, Å. */
  position_A: Float64Array;
  /** Fractional coordinate of each bin (lattice axis only; null for Cartesian). */
  fractional: Float64Array | null;
  /** Linear density, atoms per Å. */
  density_per_A: Float64Array;
  /** Fraction of the atoms in each bin (sums to 1). */
  fraction: Float64Array;
  /** Bin width, Å. */
  bin_A: number;
}

const LATTICE: Record<string, number> = { a: 0, b: 1, c: 2 };
const CART: Record<string, number> = { x: 0, y: 1, z: 2 };

/**
 * The linear density along a lattice vector from the atom counts of its n planes (summed over frames):
 * Δ = w/n with w the perpendicular width, λ_k = C_k / (N_frames · Δ) atoms per Å, fraction C_k / (N_frames ·
 * N_atoms). Shared by {@link linearDensity} (counts from a density grid) and the structure module's
 * `linearNumberDensity` (counts binned straight from the trajectory).
 */
export function linearDensityFromPlaneCounts(
  sums: Float64Array,
  frames: number,
  atoms: number,
  width_A: number,
): { density_per_A: Float64Array; fraction: Float64Array; bin_A: number } {
  const delta = width_A / sums.length,
    total = frames * atoms;
  return { density_per_A: sums.map((s) => s / (frames * delta)), fraction: sums.map((s) => (total > 0 ? s / total : 0)), bin_A: delta };
}

/** Linear density along a lattice vector (a, b, c) or a Cartesian axis (x, y, z). */
export function linearDensity(d: ProbabilityDensityResult, axis: string, bins?: number): LinearDensityResult {
  const [na, nb, nc] = d.shape;
  const total = d.frames * d.atoms;
  if (axis in LATTICE) {
    const ax = LATTICE[axis];
    const n = d.shape[ax];
    if (bins !== undefined && bins !== n) throw new InputError(`linear density along ${axis} has one bin per grid plane (${n}); got bins = ${bins}`);
    const w = new Cell(d.cell).perpendicularWidths()[ax];
    const sums = new Float64Array(n);
    for (let i = 0; i < na; i++)
      for (let j = 0; j < nb; j++)
        for (let k = 0; k < nc; k++) {
          sums[[i, j, k][ax]] += d.counts[(i * nb + j) * nc + k];
        }
    const pos = Float64Array.from({ length: n }, (_, k) => (k * w) / n);
    return {
      axis: axis as LatticeAxis,
      position_A: pos,
      fractional: Float64Array.from({ length: n }, (_, k) => k / n),
      ...linearDensityFromPlaneCounts(sums, d.frames, d.atoms, w),
    };
  }
  if (axis in CART) {
    const ax = CART[axis];
    const m = d.cell;
    let lo = Infinity,
      hi = -Infinity;
    for (let c = 0; c < 8; c++) {
      const x = (c & 1 ? m[ax] : 0) + (c & 2 ? m[3 + ax] : 0) + (c & 4 ? m[6 + ax] : 0);
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    const nBins = bins ?? Math.max(na, nb, nc);
    if (!Number.isInteger(nBins) || nBins < 1) throw new InputError(`bins must be a whole number ≥ 1, got ${bins}`);
    const dx = (hi - lo) / nBins;
    const sums = new Float64Array(nBins);
    for (let i = 0; i < na; i++)
      for (let j = 0; j < nb; j++)
        for (let k = 0; k < nc; k++) {
          const x = (i / na) * m[ax] + (j / nb) * m[3 + ax] + (k / nc) * m[6 + ax];
          const b = Math.min(nBins - 1, Math.max(0, Math.floor((x - lo) / dx + 1e-9)));
          sums[b] += d.counts[(i * nb + j) * nc + k];
        }
    return {
      axis: axis as CartesianAxis,
      position_A: Float64Array.from({ length: nBins }, (_, k) => lo + k * dx),
      fractional: null,
      density_per_A: sums.map((s) => s / (d.frames * dx)),
      fraction: sums.map((s) => (total > 0 ? s / total : 0)),
      bin_A: dx,
    };
  }
  throw new InputError(`linear-density axis must be a, b, c (lattice vectors) or x, y, z (Cartesian), got "${axis}"`);
}

export interface PlanarMap {
  /** The two in-plane lattice axes (u slow, v fast). */
  axes: [LatticeAxis, LatticeAxis];
  /** The axis summed over (projection) or cut at `fraction` (cut). */
  normal: LatticeAxis;
  /** Fractional coordinate of the cut along the normal (null for a projection). */
  fraction: number | null;
  shape: [number, number];
  /** Lengths of the two in-plane lattice vectors |a_u|, |a_v|, Å (map coordinates in Å are fraction × length). */
  lengths_A: [number, number];
  /** nu·nv values, u slow: projection in atoms per Å², cut in atoms per Å³. */
  values: Float64Array;
  units: 'per_A2' | 'per_A3';
}

function inPlane(normal: string): [number, number, number] {
  if (!(normal in LATTICE)) throw new InputError(`plane normal must be a lattice axis a, b or c, got "${normal}"`);
  const n = LATTICE[normal];
  const [u, v] = [0, 1, 2].filter((q) => q !== n);
  return [n, u, v];
}

/** Projection of the density along a lattice axis: atoms per Å² on the grid of the other two axes. */
export function planarProjection(d: ProbabilityDensityResult, normal: string): PlanarMap {
  const [nAx, uAx, vAx] = inPlane(normal);
  const sh = d.shape,
    nu = sh[uAx],
    nv = sh[vAx];
  const out = new Float64Array(nu * nv);
  const [na, nb, nc] = sh;
  for (let i = 0; i < na; i++)
    for (let j = 0; j < nb; j++)
      for (let k = 0; k < nc; k++) {
        const q = [i, j, k];
        out[q[uAx] * nv + q[vAx]] += d.counts[(i * nb + j) * nc + k];
      }
  const c = new Cell(d.cell);
  const faceArea = c.volume / c.perpendicularWidths()[nAx];
  const s = 1 / ((d.frames * faceArea) / (nu * nv));
  for (let q = 0; q < out.length; q++) out[q] *= s;
  const names: LatticeAxis[] = ['a', 'b', 'c'];
  const L = c.lengths();
  return {
    axes: [names[uAx], names[vAx]],
    normal: names[nAx],
    fraction: null,
    shape: [nu, nv],
    lengths_A: [L[uAx], L[vAx]],
    values: out,
    units: 'per_A2',
  };
}

/** The number density (Å⁻³) on the grid plane nearest fractional coordinate `fraction` along the normal. */
export function planarCut(d: ProbabilityDensityResult, normal: string, fraction: number, field: Float64Array = d.density_per_A3): PlanarMap {
  const [nAx, uAx, vAx] = inPlane(normal);
  if (!Number.isFinite(fraction)) throw new InputError(`cut position must be a fractional coordinate, got ${fraction}`);
  const sh = d.shape,
    nu = sh[uAx],
    nv = sh[vAx];
  const kn = Math.round((fraction - Math.floor(fraction)) * sh[nAx]) % sh[nAx];
  const out = new Float64Array(nu * nv);
  const [, nb, nc] = sh;
  for (let u = 0; u < nu; u++)
    for (let v = 0; v < nv; v++) {
      const q = [0, 0, 0];
      q[nAx] = kn;
      q[uAx] = u;
      q[vAx] = v;
      out[u * nv + v] = field[(q[0] * nb + q[1]) * nc + q[2]];
    }
  const names: LatticeAxis[] = ['a', 'b', 'c'];
  const L = new Cell(d.cell).lengths();
  return {
    axes: [names[uAx], names[vAx]],
    normal: names[nAx],
    fraction: kn / sh[nAx],
    shape: [nu, nv],
    lengths_A: [L[uAx], L[vAx]],
    values: out,
    units: 'per_A3',
  };
}
