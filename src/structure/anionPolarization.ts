/**
 * Anion polarization from Wannier centres (Wood 2021, chemical frustration).
 *
 * Each Wannier centre carries charge q_w (−2 e for a doubly occupied, spin-degenerate Wannier function)
 * and is assigned to the nearest anion nucleus (minimum image in the cell). The dipole of anion A
 * relative to its nucleus R_A is
 *     p_A = Σ_{w ∈ A} q_w (r_w − R_A)  (+ Z_core·(R_A − R_A) = 0),
 * so the nuclear (core) charge only enters the ion's net charge Z_core + Σ q_w, reported as a check
 * (e.g. S with 6 valence electrons → Z_core = +6, four centres → −2). |p| is given in e·Å and Debye;
 * its distribution's shape (skewness, bimodality) is a signature of frustrated bonding.
 */
import type { Cell } from '../core/cell.js';
import { InputError, InputErrorLocation } from '../core/errors.js';
import { distributionShape, DistributionShape } from './distributionShape.js';

/** 1 e·Å in Debye. */
export const E_ANGSTROM_IN_DEBYE = 4.80320471;

export interface AnionDipoleOptions {
  /** Charge of each Wannier centre, e (default −2). */
  centreCharge_e?: number;
  /** Core (nuclear + core electrons) charge of the anion nuclei, e; used for the net charge only. */
  coreCharge_e?: number;
  /** Ignore centres farther than this from every anion nucleus (Å; default: keep all). */
  maxDistance_A?: number;
  where?: InputErrorLocation;
}

export interface AnionDipoles {
  /** Dipole vectors relative to each nucleus, e·Å, 3 per anion. */
  p_eA: Float64Array;
  /** |p| per anion, e·Å. */
  magnitude_eA: Float64Array;
  /** |p| per anion, Debye. */
  magnitude_D: Float64Array;
  /** Wannier centres assigned to each anion. */
  centresPerAnion: Int32Array;
  /** Net charge of each anion, e (core charge + assigned centres), when a core charge was given. */
  netCharge_e?: Float64Array;
  /** Centres farther than maxDistance_A from every anion (not assigned). */
  unassigned: number;
}

/**
 * Dipoles of the anions in one frame.
 * @param anions anion nucleus positions, Å, 3 per anion
 * @param centres Wannier-centre positions, Å, 3 per centre
 * @param cell the periodic cell (Wannier files do not hold one)
 */
export function anionDipoles(anions: Float64Array, centres: Float64Array, cell: Cell, opts: AnionDipoleOptions = {}): AnionDipoles {
  const where = opts.where ?? {};
  const nA = anions.length / 3,
    nW = centres.length / 3;
  if (nA < 1) throw new InputError('no anion nuclei to assign Wannier centres to', where);
  if (nW < 1) throw new InputError('no Wannier centres (entries labelled X) in this frame', where);
  const q = opts.centreCharge_e ?? -2;
  if (!Number.isFinite(q)) throw new InputError(`Wannier-centre charge must be a number of e, got ${q}`, where);
  const maxD = opts.maxDistance_A ?? Infinity;
  if (!(maxD > 0)) throw new InputError(`maxDistance must be a positive number of Å, got ${maxD}`, where);
  const p = new Float64Array(3 * nA),
    count = new Int32Array(nA);
  const d = [0, 0, 0],
    best = [0, 0, 0];
  let unassigned = 0;
  for (let w = 0; w < nW; w++) {
    let bestA = -1,
      bestD2 = Infinity;
    for (let a = 0; a < nA; a++) {
      const d2 = cell.minimumImage(centres[3 * w] - anions[3 * a], centres[3 * w + 1] - anions[3 * a + 1], centres[3 * w + 2] - anions[3 * a + 2], d);
      if (d2 < bestD2) {
        bestD2 = d2;
        bestA = a;
        best[0] = d[0];
        best[1] = d[1];
        best[2] = d[2];
      }
    }
    if (Math.sqrt(bestD2) > maxD) {
      unassigned++;
      continue;
    }
    p[3 * bestA] += q * best[0];
    p[3 * bestA + 1] += q * best[1];
    p[3 * bestA + 2] += q * best[2];
    count[bestA]++;
  }
  const mag = new Float64Array(nA);
  for (let a = 0; a < nA; a++) mag[a] = Math.hypot(p[3 * a], p[3 * a + 1], p[3 * a + 2]);
  const out: AnionDipoles = {
    p_eA: p,
    magnitude_eA: mag,
    magnitude_D: Float64Array.from(mag, (x) => x * E_ANGSTROM_IN_DEBYE),
    centresPerAnion: count,
    unassigned,
  };
  if (opts.coreCharge_e !== undefined) out.netCharge_e = Float64Array.from(count, (c) => opts.coreCharge_e! + c * q);
  return out;
}

/** Accumulates |p| over frames and reports its distribution and shape statistics. */
export class AnionPolarization {
  private readonly magnitudes: number[] = [];
  private frames = 0;

  /** Add one frame's dipoles (from {@link anionDipoles}). */
  add(d: AnionDipoles): void {
    for (const m of d.magnitude_eA) this.magnitudes.push(m);
    this.frames++;
  }

  /** Histogram of |p| (e·Å) with `bins` bins on [0, max], plus shape statistics. */
  result(bins = 50): {
    frames: number;
    magnitude_eA: Float64Array;
    shape: DistributionShape;
    histogram: { centres_eA: Float64Array; density: Float64Array };
  } {
    if (this.magnitudes.length === 0) throw new InputError('anion polarization: no frames were added');
    if (!Number.isInteger(bins) || bins < 1) throw new InputError(`bins must be a whole number ≥ 1, got ${bins}`);
    const x = Float64Array.from(this.magnitudes);
    const hi = Math.max(...x) * 1.0000001 || 1;
    const w = hi / bins;
    const counts = new Float64Array(bins);
    for (const v of x) counts[Math.min(bins - 1, Math.floor(v / w))]++;
    return {
      frames: this.frames,
      magnitude_eA: x,
      shape: distributionShape(x),
      histogram: {
        centres_eA: Float64Array.from({ length: bins }, (_, k) => (k + 0.5) * w),
        density: Float64Array.from(counts, (c) => c / (x.length * w)),
      },
    };
  }
}

/**
 * Dipoles of the anions in every frame of a Wannier-centre file (src/io/wannier.ts): the anion nuclei
 * are the file's atoms of `anionSpecies`; the cell is given (the files hold none). Returns the
 * per-frame dipoles and the accumulated |p| distribution with its shape statistics.
 */
export function wannierAnionPolarization(
  frames: { index: number; centres: Float64Array; atomSymbols: string[]; atomPositions: Float64Array }[],
  anionSpecies: string[],
  cell: Cell,
  opts: AnionDipoleOptions & { bins?: number; source?: string } = {},
): { perFrame: AnionDipoles[]; distribution: ReturnType<AnionPolarization['result']> } {
  const acc = new AnionPolarization();
  const perFrame: AnionDipoles[] = [];
  for (const f of frames) {
    const where = { file: opts.source, frame: f.index };
    const idx: number[] = [];
    f.atomSymbols.forEach((s, i) => {
      if (anionSpecies.includes(s)) idx.push(i);
    });
    if (idx.length === 0) {
      throw new InputError(
        `no atoms of ${anionSpecies.join(', ')} in the Wannier file (it has ${[...new Set(f.atomSymbols)].join(', ') || 'no atoms'})`,
        where,
      );
    }
    const nuclei = new Float64Array(3 * idx.length);
    idx.forEach((i, k) => nuclei.set(f.atomPositions.subarray(3 * i, 3 * i + 3), 3 * k));
    const d = anionDipoles(nuclei, f.centres, cell, { ...opts, where });
    perFrame.push(d);
    acc.add(d);
  }
  return { perFrame, distribution: acc.result(opts.bins ?? 50) };
}
