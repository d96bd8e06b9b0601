/**
 * Internal distortion of polyatomic anions (Kweon 2017, main text: "standard deviation of atom
 * positions" of B and H in B12H12²⁻, 0.026 / 0.014 Å in the optimised M–B12H12–M complexes against
 * 0.060 / 0.081 Å in MD at 800 K). Two measures per constituent species, per anion and frame:
 *
 *   rigid-body deviation  d_s = sqrt( (1/n_s) Σ_{i∈s} |q_i − R p_i|² )
 *     q_i the anion's atoms relative to their centroid, p_i the reference shape relative to its
 *     centroid, R the best rotation (unweighted Kabsch, Horn's quaternion: rigidBodyRotation.ts)
 *     taking the reference onto the frame; i.e. the RMS displacement of the atoms from the ideal
 *     rigid body after optimal alignment;
 *   radial spread        σ_s = sqrt( (1/n_s) Σ_{i∈s} (|q_i| − ⟨|q|⟩_s)² )
 *     the spread of the atoms' distances from the anion centroid (zero for any undistorted
 *     polyhedron whose atoms of s lie on one sphere: PS4, SO4, BH4, B12H12), reference-free;
 *     undefined (null) for a species with one atom per anion.
 *
 * The reference shape is, per anion, its time-averaged shape in its own frame ('mean': frame 0, then
 * twice: align every frame onto the current reference, average; for labelled atoms the alignment is
 * unambiguous even while the anion tumbles), frame 0 ('frame0'), or one ideal shape given for all
 * anions (`referenceShape`, atoms in file order within each anion). Both measures are
 * averaged over anions per frame (RMS for d, mean for σ) and over frames with a block error
 * (blockAverage.ts). With 'mean', static distortion common to all frames is part of the reference
 * and not counted (the deviation is the thermal one); give an ideal `referenceShape` to include it.
 */
import { blockMean } from '../core/blockAverage.js';
import { InputError } from '../core/errors.js';
import type { Trajectory } from '../core/trajectory.js';
import { bestRotationVector } from '../dynamics/rigidBodyRotation.js';
import { frameCell } from '../dynamics/wholeRotor.js';
import { findMolecules, parentSlots, parseFormula, selectMolecules, wholeMoleculeOffsets } from '../geometry/molecules.js';

export interface AnionDistortionOptions {
  /** Formula of the anion, e.g. "PS4", "B12H12", "SO4". */
  anion: string;
  /** Bond cutoffs by species pair ("P-S": 2.5), else covalent radii × 1.2. */
  cutoffs?: Record<string, number>;
  /** Reference shape: 'mean' (default, each anion's time-averaged shape) or 'frame0'. */
  reference?: 'mean' | 'frame0';
  /** One ideal shape for every anion, 3 numbers per atom, atoms in file order (ascending index) within each anion (overrides `reference`). */
  referenceShape?: ArrayLike<number>;
  /** Blocks for the error over frames (default 5). */
  nBlocks?: number;
}

export interface AnionDistortionResult {
  anion: string;
  n_anions: number;
  n_frames: number;
  reference: 'mean' | 'frame0' | 'given';
  /** Constituent species, in the order of the per-species arrays. */
  species: string[];
  /** Atoms of each species per anion. */
  atoms_per_anion: number[];
  /** Rigid-body deviation per species: RMS over atoms, anions and frames, Å. */
  rigid_deviation_A: number[];
  /** Block error of rigid_deviation_A over frames, Å (null with fewer than 2 frames). */
  rigid_deviation_err_A: (number | null)[];
  /** Radial spread per species (null for one atom per anion), mean over anions and frames, Å. */
  radial_spread_A: (number | null)[];
  radial_spread_err_A: (number | null)[];
  /** Per species, per frame: RMS rigid-body deviation over the anions, Å. */
  rigid_deviation_series_A: Float64Array[];
}

/** Rotation matrix (row-major) of a rotation vector (Rodrigues). */
function rotationMatrix(v: ArrayLike<number>): number[] {
  const t = Math.hypot(v[0], v[1], v[2]);
  if (t < 1e-15) return [1, 0, 0, 0, 1, 0, 0, 0, 1];
  const x = v[0] / t,
    y = v[1] / t,
    z = v[2] / t,
    c = Math.cos(t),
    s = Math.sin(t),
    C = 1 - c;
  return [
    c + x * x * C,
    x * y * C - z * s,
    x * z * C + y * s,
    y * x * C + z * s,
    c + y * y * C,
    y * z * C - x * s,
    z * x * C - y * s,
    z * y * C + x * s,
    c + z * z * C,
  ];
}

function centre(rel: Float64Array): void {
  const n = rel.length / 3;
  let cx = 0,
    cy = 0,
    cz = 0;
  for (let k = 0; k < n; k++) {
    cx += rel[3 * k];
    cy += rel[3 * k + 1];
    cz += rel[3 * k + 2];
  }
  cx /= n;
  cy /= n;
  cz /= n;
  for (let k = 0; k < n; k++) {
    rel[3 * k] -= cx;
    rel[3 * k + 1] -= cy;
    rel[3 * k + 2] -= cz;
  }
}

/** Rotate the centred reference `p` onto the centred frame `q` (best unweighted rotation); write R p into `out`. */
function alignReference(p: Float64Array, q: Float64Array, ones: Float64Array, rv: Float64Array, out: Float64Array): void {
  bestRotationVector(p, q, ones, rv);
  const R = rotationMatrix(rv);
  for (let k = 0; k < ones.length; k++) {
    const x = p[3 * k],
      y = p[3 * k + 1],
      z = p[3 * k + 2];
    out[3 * k] = R[0] * x + R[1] * y + R[2] * z;
    out[3 * k + 1] = R[3] * x + R[4] * y + R[5] * z;
    out[3 * k + 2] = R[6] * x + R[7] * y + R[8] * z;
  }
}

/**
 * Internal distortion of the anions of `anion` in a trajectory (see the file header): rigid-body
 * deviation and radial spread per constituent species, with block errors over frames.
 * Throws an InputError when no such anion is found or the reference shape does not fit.
 */
export function anionDistortion(traj: Trajectory, opts: AnionDistortionOptions): AnionDistortionResult {
  const where = { file: traj.info.source };
  const T = traj.nFrames;
  if (T < 1) throw new InputError('anion distortion needs at least one frame', where);
  const comp = parseFormula(opts.anion, where);
  const speciesNames = Object.keys(comp);
  const mols = selectMolecules(
    findMolecules(traj.topology, traj.framePositions(0), traj.cell(0), {
      species: speciesNames,
      cutoffs: opts.cutoffs,
      where: { ...where, frame: 0 },
    }),
    opts.anion,
    where,
  );
  if (mols.count === 0) throw new InputError(`no ${opts.anion} anions found in frame 0 (bond cutoffs from covalent radii × 1.2 unless given)`, where);
  const M = mols.count,
    n = mols.offsets[1] - mols.offsets[0];
  const codes = speciesNames.map((s) => traj.topology.symbols.indexOf(s));
  // each anion's atoms in file order (order[m][k] = position in the bond-tree list of the k-th lowest index)
  // and the species slot of each (the same composition; the order may differ between anions)
  const slotOf: Int32Array[] = [],
    order: Int32Array[] = [];
  for (let m = 0; m < M; m++) {
    const atoms = mols.atoms.subarray(mols.offsets[m], mols.offsets[m + 1]);
    const ord = Int32Array.from(atoms.keys()).sort((i, j) => atoms[i] - atoms[j]);
    order.push(ord);
    slotOf.push(Int32Array.from(ord, (i) => codes.indexOf(traj.topology.species[atoms[i]])));
  }
  const given = opts.referenceShape;
  if (given && given.length !== 3 * n) throw new InputError(`referenceShape has ${given.length / 3} atoms; ${opts.anion} has ${n}`, where);
  const refMode: 'mean' | 'frame0' | 'given' = given ? 'given' : (opts.reference ?? 'mean');
  if (refMode !== 'mean' && refMode !== 'frame0' && refMode !== 'given')
    throw new InputError(`reference must be "mean" or "frame0", got "${String(refMode)}"`, where);

  // whole, centred positions of every anion in every frame: [f][m][3n]
  const rel = new Float64Array(T * M * 3 * n),
    tree = new Float64Array(3 * n);
  let cell = null;
  for (let f = 0; f < T; f++) {
    cell = frameCell(traj, f, cell);
    for (let m = 0; m < M; m++) {
      const atoms = mols.atoms.subarray(mols.offsets[m], mols.offsets[m + 1]);
      const slots = parentSlots(atoms, mols.parents.subarray(mols.offsets[m], mols.offsets[m + 1]));
      const out = rel.subarray((f * M + m) * 3 * n, (f * M + m + 1) * 3 * n);
      wholeMoleculeOffsets(traj.positions, f * 3 * traj.nAtoms, cell, atoms, slots, tree);
      const ord = order[m];
      for (let k = 0; k < n; k++) for (let c = 0; c < 3; c++) out[3 * k + c] = tree[3 * ord[k] + c];
      centre(out);
    }
  }
  const at = (f: number, m: number) => rel.subarray((f * M + m) * 3 * n, (f * M + m + 1) * 3 * n);
  const ones = new Float64Array(n).fill(1),
    rv = new Float64Array(3),
    rot = new Float64Array(3 * n);

  // reference per anion
  const refs: Float64Array[] = [];
  for (let m = 0; m < M; m++) {
    let ref: Float64Array;
    if (given) {
      ref = Float64Array.from(given);
      centre(ref);
    } else ref = Float64Array.from(at(0, m));
    if (refMode === 'mean') {
      for (let it = 0; it < 2; it++) {
        const acc = new Float64Array(3 * n);
        // align each frame onto the reference: rotate the frame by the inverse of the best reference → frame rotation
        for (let f = 0; f < T; f++) {
          const q = at(f, m);
          alignReference(q, ref, ones, rv, rot);
          for (let k = 0; k < 3 * n; k++) acc[k] += rot[k];
        }
        for (let k = 0; k < 3 * n; k++) acc[k] /= T;
        centre(acc);
        ref = acc;
      }
    }
    refs.push(ref);
  }

  const S = speciesNames.length;
  const perSpecies = speciesNames.map((_, s) => Array.from(slotOf[0]).filter((x) => x === s).length);
  const devSeries = speciesNames.map(() => new Float64Array(T));
  const radSeries = speciesNames.map(() => new Float64Array(T));
  const r = new Float64Array(n);
  for (let f = 0; f < T; f++) {
    const d2 = new Float64Array(S),
      cnt = new Float64Array(S);
    const radSum = new Float64Array(S);
    for (let m = 0; m < M; m++) {
      const q = at(f, m),
        sl = slotOf[m];
      alignReference(refs[m], q, ones, rv, rot);
      for (let k = 0; k < n; k++) {
        const dx = q[3 * k] - rot[3 * k],
          dy = q[3 * k + 1] - rot[3 * k + 1],
          dz = q[3 * k + 2] - rot[3 * k + 2];
        d2[sl[k]] += dx * dx + dy * dy + dz * dz;
        cnt[sl[k]]++;
        r[k] = Math.hypot(q[3 * k], q[3 * k + 1], q[3 * k + 2]);
      }
      for (let s = 0; s < S; s++) {
        if (perSpecies[s] < 2) continue;
        let mean = 0,
          c = 0;
        for (let k = 0; k < n; k++)
          if (sl[k] === s) {
            mean += r[k];
            c++;
          }
        mean /= c;
        let v = 0;
        for (let k = 0; k < n; k++) if (sl[k] === s) v += (r[k] - mean) ** 2;
        radSum[s] += Math.sqrt(v / c);
      }
    }
    for (let s = 0; s < S; s++) {
      devSeries[s][f] = Math.sqrt(d2[s] / cnt[s]);
      radSeries[s][f] = radSum[s] / M;
    }
  }
  const nb = Math.min(opts.nBlocks ?? 5, T);
  const dev = devSeries.map((x) => {
    // RMS over frames: block the squared series, then take the root (error by first-order propagation)
    const b = blockMean(
      x.map((v) => v * v),
      nb,
    );
    const rms = Math.sqrt(b.mean);
    return { v: rms, e: rms > 0 && b.stderr !== null ? b.stderr / (2 * rms) : null };
  });
  const rad = radSeries.map((x, s) => {
    if (perSpecies[s] < 2) return null;
    const b = blockMean(x, nb);
    return { v: b.mean, e: b.stderr };
  });
  return {
    anion: opts.anion,
    n_anions: M,
    n_frames: T,
    reference: refMode,
    species: speciesNames,
    atoms_per_anion: perSpecies,
    rigid_deviation_A: dev.map((d) => d.v),
    rigid_deviation_err_A: dev.map((d) => d.e),
    radial_spread_A: rad.map((d) => (d ? d.v : null)),
    radial_spread_err_A: rad.map((d) => (d ? d.e : null)),
    rigid_deviation_series_A: devSeries,
  };
}
