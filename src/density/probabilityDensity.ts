/**
 * Time-averaged probability density of one or more species on a periodic grid of the cell
 * (METHODS: "where the ions go"; the maps of Kweon 2017 Fig. 2, Wood 2021 Fig. 4a, Li 2025 Fig. 6;
 * the quantity of pymatgen-analysis-diffusion `ProbabilityDensityAnalysis` and MDAnalysis
 * `DensityAnalysis`).
 *
 * Grid: n_a × n_b × n_c points at fractional coordinates (i/n_a, j/n_b, k/n_c) of the cell, C order
 * (index = (i·n_b + j)·n_c + k). Every frame, each atom's fractional coordinates f = r·M_f⁻¹ in THAT
 * frame's cell are wrapped to [0, 1) and counted at the nearest grid point (round(f·n) mod n), so
 * a fluctuating (NPT) cell maps the same crystallographic point to the same voxel. The grid is
 * drawn in the average cell ⟨M⟩ (the mean of the frames' matrices), or in a reference cell if given.
 *
 *   P(r_v)  = C_v / (N_frames · N_atoms · V_vox)   (probability per Å³, ∫P d³r = 1; pymatgen's Pr)
 *   ρ(r_v)  = C_v / (N_frames · V_vox)             (number density, atoms per Å³; ∫ρ d³r = N_atoms)
 *
 * with C_v the raw count of voxel v (kept), V_vox = V/(n_a n_b n_c). Optional Gaussian smearing
 * (`smearDensity`): each count spread with an isotropic Cartesian Gaussian of width σ over the
 * periodic grid (metric of the grid cell), the discrete kernel normalised to 1 so counts are conserved.
 * Memory is O(grid), independent of the number of frames.
 */
import { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import type { FrameAnalysis } from '../core/frameAnalysis.js';
import type { Topology } from '../core/topology.js';
import { indicesOf } from '../core/topology.js';

export interface ProbabilityDensityOptions {
  /** Species whose density is accumulated ("Li" or ["Li", "Na"]). */
  species: string | string[];
  /** Grid points along a, b, c. Default: from `spacing_A`. */
  shape?: [number, number, number];
  /** Target grid spacing, Å (default 0.2): n_i = max(2, round(|a_i| / spacing)) on the first frame's cell. */
  spacing_A?: number;
  /** Draw the grid in this cell instead of the average cell (fractional coordinates are still per frame). */
  referenceCell?: Cell;
  /** Source file, for error messages. */
  source?: string;
}

/** A scalar field on the periodic grid of a cell (the shape the display and exporters take). */
export interface VolumetricGrid {
  /** Grid points along a, b, c. */
  shape: [number, number, number];
  /** The grid's cell, 9 numbers (rows a, b, c, Å). */
  cell: number[];
  /** n_a·n_b·n_c values, C order (index = (i·n_b + j)·n_c + k); point (i, j, k) at fractional (i/n_a, j/n_b, k/n_c). */
  values: Float64Array;
}

export interface ProbabilityDensityResult {
  /** Species counted. */
  species: string[];
  shape: [number, number, number];
  /** Cell of the grid (average cell or the reference), rows a, b, c, Å. */
  cell: number[];
  /** Raw counts per voxel summed over frames and atoms. */
  counts: Float64Array;
  /** Probability per Å³ (∫ = 1), pymatgen's Pr. */
  probability_per_A3: Float64Array;
  /** Number density, atoms per Å³ (∫ = number of atoms). */
  density_per_A3: Float64Array;
  /** Volume of one voxel, Å³. */
  voxel_volume_A3: number;
  frames: number;
  /** Number of atoms counted per frame. */
  atoms: number;
  /** Gaussian smearing width applied, Å (0 = none). */
  sigma_A: number;
  /** Largest relative deviation of any frame's cell matrix from the grid cell (0 for a fixed cell). */
  cell_fluctuation: number;
}

/** Streaming probability-density accumulator (one pass; can share a stream with other analyses). */
export class ProbabilityDensity implements FrameAnalysis<ProbabilityDensityResult> {
  private shape: [number, number, number] | null = null;
  private counts: Float64Array | null = null;
  private idx: Int32Array | null = null;
  private readonly cellSum = new Float64Array(9);
  private firstCell: Float64Array | null = null;
  private maxDev = 0;
  private frames = 0;
  private readonly species: string[];

  constructor(private readonly opts: ProbabilityDensityOptions) {
    const where = { file: opts.source };
    this.species = Array.isArray(opts.species) ? opts.species : [opts.species];
    if (this.species.length === 0) throw new InputError('density needs at least one species', where);
    if (opts.shape) checkShape(opts.shape, where.file);
    if (opts.spacing_A !== undefined && !(opts.spacing_A > 0 && Number.isFinite(opts.spacing_A))) {
      throw new InputError(`grid spacing must be a positive number of Å, got ${opts.spacing_A}`, where);
    }
  }

  addFrame(frame: Frame, topology: Topology): void {
    const where = { file: this.opts.source, frame: frame.index };
    if (frame.positions.length !== 3 * topology.species.length) {
      throw new InputError(`frame has ${frame.positions.length / 3} atoms; the topology has ${topology.species.length}`, where);
    }
    const cell = frame.cell;
    if (!cell) throw new InputError('a density grid needs a periodic cell, but this frame has none', where);
    if (!this.shape) {
      this.idx = indicesOf(topology, this.species, where);
      const lengths = (this.opts.referenceCell ?? cell).lengths();
      const h = this.opts.spacing_A ?? 0.2;
      this.shape = this.opts.shape
        ? ([...this.opts.shape] as [number, number, number])
        : (lengths.map((L) => Math.max(2, Math.round(L / h))) as [number, number, number]);
      const n = this.shape[0] * this.shape[1] * this.shape[2];
      if (n > 64e6) throw new InputError(`density grid ${this.shape.join('×')} has ${n} points (> 64 million); expected a coarser spacing`, where);
      this.counts = new Float64Array(n);
      this.firstCell = cell.matrix.slice();
    }
    const [na, nb, nc] = this.shape;
    const inv = cell.inverse,
      pos = frame.positions,
      idx = this.idx!,
      C = this.counts!;
    for (let m = 0; m < idx.length; m++) {
      const o = 3 * idx[m];
      const x = pos[o],
        y = pos[o + 1],
        z = pos[o + 2];
      if (!(Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(z))) throw new InputError(`atom ${idx[m]} has a non-finite position`, where);
      const i = gridIndex(x * inv[0] + y * inv[3] + z * inv[6], na);
      const j = gridIndex(x * inv[1] + y * inv[4] + z * inv[7], nb);
      const k = gridIndex(x * inv[2] + y * inv[5] + z * inv[8], nc);
      C[(i * nb + j) * nc + k] += 1;
    }
    for (let q = 0; q < 9; q++) this.cellSum[q] += cell.matrix[q];
    if (this.frames > 0) {
      const f0 = this.firstCell!;
      let scale = 0;
      for (let q = 0; q < 9; q++) scale = Math.max(scale, Math.abs(f0[q]));
      for (let q = 0; q < 9; q++) this.maxDev = Math.max(this.maxDev, Math.abs(cell.matrix[q] - f0[q]) / scale);
    }
    this.frames++;
  }

  result(): ProbabilityDensityResult {
    if (this.frames === 0 || !this.counts) throw new InputError('density: no frames were read', { file: this.opts.source });
    const cellM = this.opts.referenceCell ? Array.from(this.opts.referenceCell.matrix) : Array.from(this.cellSum, (v) => v / this.frames);
    return densityFromCounts(this.counts.slice(), this.shape!, cellM, this.frames, this.idx!.length, this.species, this.maxDev);
  }
}

/** Nearest grid index of a fractional coordinate (wrapped), n points at k/n. */
export function gridIndex(f: number, n: number): number {
  let i = Math.round((f - Math.floor(f)) * n);
  if (i >= n) i -= n;
  return i;
}

function checkShape(shape: number[], file?: string): void {
  if (shape.length !== 3 || shape.some((n) => !Number.isInteger(n) || n < 2)) {
    throw new InputError(`grid shape must be three whole numbers ≥ 2 (n_a, n_b, n_c), got ${shape.join(',')}`, { file });
  }
}

/** Build the normalised result from raw counts (used by the accumulator and by `smearDensity`). */
export function densityFromCounts(
  counts: Float64Array,
  shape: [number, number, number],
  cell: number[],
  frames: number,
  atoms: number,
  species: string[],
  cellFluctuation = 0,
  sigma_A = 0,
): ProbabilityDensityResult {
  const V = new Cell(cell).volume;
  const nvox = shape[0] * shape[1] * shape[2];
  const vv = V / nvox;
  const P = new Float64Array(nvox),
    rho = new Float64Array(nvox);
  const sP = atoms > 0 ? 1 / (frames * atoms * vv) : 0,
    sR = 1 / (frames * vv);
  for (let v = 0; v < nvox; v++) {
    P[v] = counts[v] * sP;
    rho[v] = counts[v] * sR;
  }
  return {
    species,
    shape,
    cell,
    counts,
    probability_per_A3: P,
    density_per_A3: rho,
    voxel_volume_A3: vv,
    frames,
    atoms,
    sigma_A,
    cell_fluctuation: cellFluctuation,
  };
}

/**
 * Gaussian smearing of a density on its periodic grid: every voxel's counts are spread with
 * exp(−|Δr|²/2σ²) over grid offsets within 3.5σ (Cartesian metric of the grid cell, minimum image
 * not needed: offsets are explicit), the discrete kernel normalised to sum 1 (counts conserved).
 */
export function smearDensity(d: ProbabilityDensityResult, sigma_A: number): ProbabilityDensityResult {
  if (!(sigma_A > 0) || !Number.isFinite(sigma_A)) throw new InputError(`smearing width must be a positive number of Å, got ${sigma_A}`);
  const [na, nb, nc] = d.shape;
  const kernel = gaussianKernel(d.shape, d.cell, sigma_A);
  const out = new Float64Array(d.counts.length);
  const C = d.counts;
  const { di, dj, dk, w } = kernel;
  for (let i = 0; i < na; i++)
    for (let j = 0; j < nb; j++)
      for (let k = 0; k < nc; k++) {
        const c = C[(i * nb + j) * nc + k];
        if (c === 0) continue;
        for (let q = 0; q < w.length; q++) {
          const a = mod(i + di[q], na),
            b = mod(j + dj[q], nb),
            e = mod(k + dk[q], nc);
          out[(a * nb + b) * nc + e] += c * w[q];
        }
      }
  return densityFromCounts(out, d.shape, d.cell, d.frames, d.atoms, d.species, d.cell_fluctuation, sigma_A);
}

function mod(a: number, n: number): number {
  const r = a % n;
  return r < 0 ? r + n : r;
}

/** Normalised Gaussian kernel on grid offsets within 3.5σ. */
function gaussianKernel(
  shape: [number, number, number],
  cell: number[],
  sigma: number,
): { di: Int32Array; dj: Int32Array; dk: Int32Array; w: Float64Array } {
  const c = new Cell(cell);
  const widths = c.perpendicularWidths();
  const R = 3.5 * sigma;
  // Offsets needed per axis: the plane spacing along each axis is width/n.
  const r = [0, 1, 2].map((a) => Math.min(Math.ceil(R / (widths[a] / shape[a])), Math.floor((shape[a] - 1) / 2)));
  const di: number[] = [],
    dj: number[] = [],
    dk: number[] = [],
    w: number[] = [];
  const m = c.matrix;
  let sum = 0;
  for (let a = -r[0]; a <= r[0]; a++)
    for (let b = -r[1]; b <= r[1]; b++)
      for (let e = -r[2]; e <= r[2]; e++) {
        const fa = a / shape[0],
          fb = b / shape[1],
          fc = e / shape[2];
        const x = fa * m[0] + fb * m[3] + fc * m[6],
          y = fa * m[1] + fb * m[4] + fc * m[7],
          z = fa * m[2] + fb * m[5] + fc * m[8];
        const d2 = x * x + y * y + z * z;
        if (d2 > R * R) continue;
        const g = Math.exp(-d2 / (2 * sigma * sigma));
        di.push(a);
        dj.push(b);
        dk.push(e);
        w.push(g);
        sum += g;
      }
  return { di: Int32Array.from(di), dj: Int32Array.from(dj), dk: Int32Array.from(dk), w: Float64Array.from(w, (g) => g / sum) };
}

/** Fractional coordinates of grid point `v` (C-order index). */
export function gridPointFractional(shape: [number, number, number], v: number): [number, number, number] {
  const [, nb, nc] = shape;
  const k = v % nc,
    j = Math.floor(v / nc) % nb,
    i = Math.floor(v / (nb * nc));
  return [i / shape[0], j / shape[1], k / shape[2]];
}

/** The density as a volumetric grid of a chosen field (default number density, Å⁻³). */
export function densityGrid(
  d: ProbabilityDensityResult,
  field: 'density_per_A3' | 'probability_per_A3' | 'counts' = 'density_per_A3',
): VolumetricGrid {
  return { shape: d.shape, cell: d.cell, values: d[field] };
}

/** Convenience: the density of an in-memory set of frames. */
export function probabilityDensity(
  frames: Iterable<Frame>,
  topology: Topology,
  opts: ProbabilityDensityOptions & { sigma_A?: number },
): ProbabilityDensityResult {
  const acc = new ProbabilityDensity(opts);
  for (const f of frames) acc.addFrame(f, topology);
  const r = acc.result();
  return opts.sigma_A ? smearDensity(r, opts.sigma_A) : r;
}
