/**
 * Errors of the Li 2025 mode shares r_rot, r_trs, r_vib (SI eqs 3–6; see modeDecomposition.ts) from the
 * errors of the four σ (or D) values, by first-order propagation in l_k = log10 v_k (s_k = σ_k / (v_k ln 10)),
 * with S = Δ_Rot + Δ_Trs + Δ_Vib = l_UC − l_RTVC:
 *
 *   ∂r_rot/∂(l_UC, l_RC, l_RTC, l_RTVC) = ((1 − r_rot), −1, 0, r_rot) / S
 *   ∂r_trs/∂(…) = (−r_trs, 1, −1, r_trs) / S
 *   ∂r_vib/∂(…) = (−r_vib, 0, 1, r_vib − 1) / S
 *
 * The four runs are independent, so the variances add. A share is `resolved` only when the total drop S
 * exceeds twice its error (√(s_UC² + s_RTVC²)); otherwise the shares divide noise by noise and are flagged.
 * First order is adequate while every s_k is small against S (tested against Monte Carlo draws).
 */
import { InputError } from '../core/errors.js';
import type { ConstraintMode, ModeDecompositionRow } from './modeDecomposition.js';

export interface ModeShareUncertainty {
  T_K: number;
  r_rot: number | null;
  r_trs: number | null;
  r_vib: number | null;
  r_rot_err: number | null;
  r_trs_err: number | null;
  r_vib_err: number | null;
  delta_rot_err: number | null;
  delta_trs_err: number | null;
  delta_vib_err: number | null;
  /** Total decades lost S = log10(v_UC / v_RTVC) and its error. */
  total_decades: number | null;
  total_decades_err: number | null;
  /** S > 2 × its error (shares meaningful); false or null otherwise. */
  resolved: boolean;
  reason?: string;
}

/**
 * Propagate the errors of each run's value into the shares of each decomposition row.
 * @param errors standard error of each value, keyed by temperature then mode (same units as the values).
 */
export function modeShareUncertainty(
  rows: ModeDecompositionRow[],
  errors: Map<number, Partial<Record<ConstraintMode, number>>>,
): ModeShareUncertainty[] {
  return rows.map((row) => {
    const out: ModeShareUncertainty = {
      T_K: row.T_K,
      r_rot: row.r_rot,
      r_trs: row.r_trs,
      r_vib: row.r_vib,
      r_rot_err: null,
      r_trs_err: null,
      r_vib_err: null,
      delta_rot_err: null,
      delta_trs_err: null,
      delta_vib_err: null,
      total_decades: null,
      total_decades_err: null,
      resolved: false,
    };
    if (row.r_rot === null || row.r_trs === null || row.r_vib === null) {
      out.reason = row.reason ?? 'shares undefined';
      return out;
    }
    const e = errors.get(row.T_K);
    const modes: ConstraintMode[] = ['UC', 'RC', 'RTC', 'RTVC'];
    const s = modes.map((m) => {
      const err = e?.[m],
        v = row.values[m]!;
      if (err === undefined || !(err >= 0) || !Number.isFinite(err))
        throw new InputError(`mode shares at ${row.T_K} K: the error of ${m} must be a non-negative number, got ${err}`);
      return err / (v * Math.LN10);
    });
    const S = row.delta_rot! + row.delta_trs! + row.delta_vib!;
    const prop = (g: number[]) => Math.sqrt(g.reduce((a, gk, k) => a + (gk * s[k]) ** 2, 0)) / S;
    out.r_rot_err = prop([1 - row.r_rot, -1, 0, row.r_rot]);
    out.r_trs_err = prop([-row.r_trs, 1, -1, row.r_trs]);
    out.r_vib_err = prop([-row.r_vib, 0, 1, row.r_vib - 1]);
    out.delta_rot_err = Math.hypot(s[0], s[1]);
    out.delta_trs_err = Math.hypot(s[1], s[2]);
    out.delta_vib_err = Math.hypot(s[2], s[3]);
    out.total_decades = S;
    out.total_decades_err = Math.hypot(s[0], s[3]);
    out.resolved = S > 2 * out.total_decades_err;
    if (!out.resolved)
      out.reason = `the total drop log10(UC/RTVC) = ${S.toPrecision(3)} is not above twice its error ${out.total_decades_err.toPrecision(2)}: shares not resolved`;
    return out;
  });
}
