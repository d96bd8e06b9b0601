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
 */
import { InputError } from '../core/errors.js';
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
