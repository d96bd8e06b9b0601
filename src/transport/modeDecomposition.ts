/**
 * Mode decomposition of cation transport under anion constraints (Li 2025 SI eqs 3–6; METHODS §1).
 *
 * Runs with no constraint (UC), anion rotation constrained (RC), rotation + translation constrained
 * (RTC) and every anion degree of freedom constrained (RTVC) give σ (or D) per temperature:
 *
 *   Δ_Rot = log σ_UC − log σ_RC,   Δ_Trs = log σ_RC − log σ_RTC,   Δ_Vib = log σ_RTC − log σ_RTVC
 *   r_mode = Δ_mode / (Δ_Rot + Δ_Trs + Δ_Vib)
 *
 * Logs are base 10 (the ratios do not depend on the base). The ratios are undefined (null with a
 * reason) when a mode is missing, when any σ is below the measurable threshold (Li 2025 reports
 * this for LiBH4), or when the denominator is ≤ 0.
 */
import { InputError } from '../core/errors.js';
import { D_MEASURABLE_THRESHOLD_CM2_S } from '../core/units.js';

export const CONSTRAINT_MODES = ['UC', 'RC', 'RTC', 'RTVC'] as const;
export type ConstraintMode = 'UC' | 'RC' | 'RTC' | 'RTVC';

export interface ModeRunValue {
  T_K: number;
  mode: ConstraintMode;
  /** σ (mS/cm) or D (cm²/s) of this run, per `quantity`. */
  value: number;
  /** Optional flag from the run's own analysis (e.g. the `measurable` of `superionic msd`). */
  measurable?: boolean;
}

export interface ModeDecompositionRow {
  T_K: number;
  /** The input values by mode (null when absent). */
  values: Record<ConstraintMode, number | null>;
  delta_rot: number | null;
  delta_trs: number | null;
  delta_vib: number | null;
  r_rot: number | null;
  r_trs: number | null;
  r_vib: number | null;
  /** Measurable threshold applied at this temperature (same units as the values), null when none. */
  threshold: number | null;
  /** Why the ratios are undefined, when they are (each excluded run says whether it is below the threshold, not positive, or flagged). */
  reason?: string;
}

export interface ModeDecompositionOptions {
  /** 'sigma_mS_cm' (default) or 'D_cm2_s'. */
  quantity?: 'sigma_mS_cm' | 'D_cm2_s';
  /**
   * Values below this (same units as the values) are not measurable. Default for D: 1e-8 cm²/s
   * (Li 2025); for σ there is no universal number (it depends on N/V and T): give one, e.g. the
   * Nernst–Einstein σ of D = 1e-8 cm²/s, or flag runs with `measurable: false`.
   */
  threshold?: number;
  source?: string;
}

/** 3 significant figures, exponent form for very small or large magnitudes (1.00e-6, not 0.00000100). */
function fmt3(x: number): string {
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e4) ? x.toExponential(2) : x.toPrecision(3);
}

/** Normalise a mode label ("uc", "RTVC", ...) or throw an InputError. */
export function parseConstraintMode(label: string, where: { file?: string; line?: number } = {}): ConstraintMode {
  const m = label.trim().toUpperCase();
  if ((CONSTRAINT_MODES as readonly string[]).includes(m)) return m as ConstraintMode;
  throw new InputError(`unknown constraint mode "${label}"; expected one of ${CONSTRAINT_MODES.join(', ')}`, where);
}

/** Decompose per temperature; rows sorted by T. */
export function modeDecomposition(runs: ModeRunValue[], opts: ModeDecompositionOptions = {}): ModeDecompositionRow[] {
  const quantity = opts.quantity ?? 'sigma_mS_cm';
  const threshold = opts.threshold ?? (quantity === 'D_cm2_s' ? D_MEASURABLE_THRESHOLD_CM2_S : undefined);
  if (threshold !== undefined && !(threshold > 0 && Number.isFinite(threshold))) {
    throw new InputError(`the measurable threshold must be a positive number, got ${threshold}`, { file: opts.source });
  }
  const byT = new Map<number, Map<ConstraintMode, ModeRunValue>>();
  for (const r of runs) {
    if (!(r.T_K > 0)) throw new InputError(`temperature must be a positive number of K, got ${r.T_K}`, { file: opts.source });
    if (!Number.isFinite(r.value)) throw new InputError(`${quantity} of ${r.mode} at ${r.T_K} K is not a number`, { file: opts.source });
    const m = byT.get(r.T_K) ?? new Map<ConstraintMode, ModeRunValue>();
    if (m.has(r.mode)) throw new InputError(`two values for mode ${r.mode} at ${r.T_K} K; expected one`, { file: opts.source });
    m.set(r.mode, r);
    byT.set(r.T_K, m);
  }
  if (byT.size === 0)
    throw new InputError('mode decomposition needs at least one temperature with UC, RC, RTC and RTVC values', { file: opts.source });
  const rows: ModeDecompositionRow[] = [];
  for (const T of [...byT.keys()].sort((a, b) => a - b)) {
    const m = byT.get(T)!;
    const values = Object.fromEntries(CONSTRAINT_MODES.map((k) => [k, m.get(k)?.value ?? null])) as Record<ConstraintMode, number | null>;
    const row: ModeDecompositionRow = {
      T_K: T,
      values,
      delta_rot: null,
      delta_trs: null,
      delta_vib: null,
      r_rot: null,
      r_trs: null,
      r_vib: null,
      threshold: threshold ?? null,
    };
    const missing = CONSTRAINT_MODES.filter((k) => values[k] === null);
    // Say precisely why each excluded run is excluded.
    const excluded: string[] = [];
    for (const k of CONSTRAINT_MODES) {
      const r = m.get(k);
      if (!r) continue;
      const why: string[] = [];
      if (!(r.value > 0)) why.push('not positive');
      else if (threshold !== undefined && r.value < threshold) why.push(`below the measurable threshold ${fmt3(threshold)}`);
      if (r.measurable === false) why.push('flagged measurable = false in the input');
      if (why.length) excluded.push(`${k} (${fmt3(r.value)}) ${why.join(' and ')}`);
    }
    if (missing.length) {
      row.reason = `missing ${missing.join(', ')} at ${T} K`;
    } else if (excluded.length) {
      row.reason = `${excluded.join('; ')}: r_mode undefined (as Li 2025 for LiBH4)`;
    } else {
      const l = (k: ConstraintMode) => Math.log10(values[k]!);
      row.delta_rot = l('UC') - l('RC');
      row.delta_trs = l('RC') - l('RTC');
      row.delta_vib = l('RTC') - l('RTVC');
      const sum = row.delta_rot + row.delta_trs + row.delta_vib;
      if (!(sum > 0)) {
        row.reason = `Δ_Rot + Δ_Trs + Δ_Vib = ${sum.toPrecision(4)} ≤ 0 (constraints did not slow transport): r_mode undefined`;
      } else {
        row.r_rot = row.delta_rot / sum;
        row.r_trs = row.delta_trs / sum;
        row.r_vib = row.delta_vib / sum;
      }
    }
    rows.push(row);
  }
  return rows;
}
