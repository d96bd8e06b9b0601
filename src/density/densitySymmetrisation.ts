/**
 * Symmetrisation of a density grid by the space group of a reference structure (the averaging that
 * pymatgen-analysis-diffusion and GEMDAT offer, and that makes a short run's map show the crystal's
 * symmetry): with G the symmetry operations g: f ↦ R f + t (fractional coordinates of the reference
 * cell, e.g. `CifStructure.symmetryOperations` from src/io/cif.ts) and, for an MD cell that is an
 * m_a × m_b × m_c supercell of the reference, T the m_a m_b m_c translations by one reference cell,
 *
 *   C_sym(q) = (1 / |G||T|) Σ_{g ∈ G} Σ_{s ∈ T} C( (g, s)·q ),
 *
 * where (g, s) acts on grid point q (fractional f = q/n of the MD cell) as
 *   f' = M⁻¹ (R (M f) + t + s),  M = diag(m_a, m_b, m_c).
 * Because G·T is a group the average is the same over images or pre-images; counts are conserved
 * (each operation permutes the grid points), a density that already has the symmetry is unchanged,
 * and symmetrising twice equals once. Every operation must map grid points onto grid points (n_i a
 * multiple of m_i times the denominators of the translations, and equal n along axes that R permutes);
 * otherwise the grid is refused with the reason, never interpolated.
 *
 * With a reference structure (cell and operations, e.g. a CIF), the supercell is found from the cells:
 * m_i = round(|a_i^MD| / |a_i^ref|) per lattice vector, each length ratio within 5 % of that whole number ≥ 1
 * (`supercellMultiples`, `symmetrizeDensityByReference`).
 */
import { InputError, type InputErrorLocation } from '../core/errors.js';
import { densityFromCounts, type ProbabilityDensityResult } from './probabilityDensity.js';

/** A space-group operation x' = R·x + t on fractional coordinates (R row-major 3×3), e.g. from a CIF (src/io/cif.ts). */
export interface FractionalSymmetryOperation {
  rotation: ArrayLike<number>;
  translation: ArrayLike<number>;
  /** The operation as written (for messages). */
  text: string;
}

export interface SymmetrisationOptions {
  /** The MD cell as a supercell of the reference cell: m_a, m_b, m_c (default 1, 1, 1). */
  supercell?: [number, number, number];
}

/** The density averaged over the symmetry operations (and supercell translations) of a reference structure. */
export function symmetrizeDensity(
  d: ProbabilityDensityResult,
  ops: FractionalSymmetryOperation[],
  opts: SymmetrisationOptions = {},
): ProbabilityDensityResult {
  if (ops.length === 0) throw new InputError('symmetrisation needs at least one symmetry operation (the identity)');
  const m = opts.supercell ?? [1, 1, 1];
  if (m.length !== 3 || m.some((x) => !Number.isInteger(x) || x < 1))
    throw new InputError(`supercell must be three whole numbers ≥ 1, got ${m.join(',')}`);
  const n = d.shape;
  const [na, nb, nc] = n;
  const N = na * nb * nc;
  // Integer action on grid indices: q'_i = Σ_j A_ij q_j + b_i (mod n_i), A_ij = R_ij m_j n_i / (m_i n_j), b_i = (t_i + s_i) n_i / m_i.
  const maps: { A: number[]; b: number[] }[] = [];
  const eps = 1e-6;
  const whole = (x: number, what: string) => {
    const r = Math.round(x);
    if (Math.abs(x - r) > eps)
      throw new InputError(
        `symmetrisation: ${what} does not map the ${n.join('×')} grid onto itself (${x.toFixed(4)} grid steps); choose n_i a multiple of m_i times the translations' denominators, equal along axes the operations exchange`,
      );
    return r;
  };
  for (const op of ops) {
    const R = op.rotation,
      t = op.translation;
    if (R.length !== 9 || t.length !== 3) throw new InputError(`symmetrisation: operation "${op.text}" needs a 3×3 rotation and a translation`);
    const A = new Array(9);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) A[3 * i + j] = whole((R[3 * i + j] * m[j] * n[i]) / (m[i] * n[j]), `operation "${op.text}"`);
    for (let sa = 0; sa < m[0]; sa++)
      for (let sb = 0; sb < m[1]; sb++)
        for (let sc = 0; sc < m[2]; sc++) {
          const s = [sa, sb, sc];
          const b = [0, 1, 2].map((i) => whole(((t[i] + s[i]) * n[i]) / m[i], `the translation of "${op.text}"`));
          maps.push({ A, b });
        }
  }
  const C = d.counts,
    out = new Float64Array(N);
  const mod = (x: number, k: number) => ((x % k) + k) % k;
  for (let i = 0; i < na; i++)
    for (let j = 0; j < nb; j++)
      for (let k = 0; k < nc; k++) {
        let sum = 0;
        for (const { A, b } of maps) {
          const i2 = mod(A[0] * i + A[1] * j + A[2] * k + b[0], na);
          const j2 = mod(A[3] * i + A[4] * j + A[5] * k + b[1], nb);
          const k2 = mod(A[6] * i + A[7] * j + A[8] * k + b[2], nc);
          sum += C[(i2 * nb + j2) * nc + k2];
        }
        out[(i * nb + j) * nc + k] = sum / maps.length;
      }
  return densityFromCounts(out, d.shape, d.cell, d.frames, d.atoms, d.species, d.cell_fluctuation, d.sigma_A);
}

/** Options of {@link supercellMultiples}. */
export interface SupercellMatchOptions {
  /** Largest relative deviation of a length ratio from its whole number (default 0.05). */
  tolerance?: number;
  /** Where the reference came from, for messages (e.g. the CIF file). */
  where?: InputErrorLocation;
}

/**
 * The MD cell as an m_a × m_b × m_c supercell of a reference cell: m_i = round(|a_i| / |a_i^ref|), the ratio of the
 * lengths of the i-th lattice vectors (rows of the row-major 3×3 matrices, Å), which must lie within `tolerance`
 * (default 5 %) of m_i ≥ 1; otherwise an InputError naming the axis and the ratio.
 */
export function supercellMultiples(
  cell: ArrayLike<number>,
  referenceCell: ArrayLike<number>,
  opts: SupercellMatchOptions = {},
): [number, number, number] {
  const tol = opts.tolerance ?? 0.05;
  const len = (m: ArrayLike<number>, r: number) => Math.hypot(m[3 * r], m[3 * r + 1], m[3 * r + 2]);
  return [0, 1, 2].map((r) => {
    const ratio = len(cell, r) / len(referenceCell, r),
      k = Math.round(ratio);
    if (!(k >= 1) || !(Math.abs(ratio / k - 1) <= tol))
      throw new InputError(
        `the MD cell is not a whole supercell of the reference cell along ${'abc'[r]} (length ratio ${ratio.toFixed(3)})`,
        opts.where,
      );
    return k;
  }) as [number, number, number];
}

/** A reference structure for {@link symmetrizeDensityByReference}: its cell and space-group operations (e.g. a CIF's). */
export interface SymmetryReference {
  /** Row-major 3×3 lattice matrix of the reference cell, Å. */
  cell: ArrayLike<number>;
  /** Its symmetry operations on fractional coordinates of that cell. */
  symmetryOperations: FractionalSymmetryOperation[];
}

/**
 * The density averaged over the space group of a reference structure whose cell the MD cell is a whole supercell of
 * (found by {@link supercellMultiples} from the density's average cell); what `superionic density --symmetrize REF.cif` does.
 */
export function symmetrizeDensityByReference(
  d: ProbabilityDensityResult,
  reference: SymmetryReference,
  opts: SupercellMatchOptions = {},
): ProbabilityDensityResult {
  return symmetrizeDensity(d, reference.symmetryOperations, { supercell: supercellMultiples(d.cell, reference.cell, opts) });
}
