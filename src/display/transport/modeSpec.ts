/** Vega-Lite stacked bars of r_rot, r_trs, r_vib vs T (Li 2025 Fig. 5); undefined rows are listed as gaps. */
import { vegaLiteSpec, type VegaLiteSpec } from '../spec.js';
import type { ModeDecompositionRow } from '../../transport/modeDecomposition.js';
import { toDataFrame } from '../table.js';

/** Whether each step Δ of a temperature is resolved (|Δ| > 2σ); unresolved shares are drawn faded. */
export type ModeStepsResolved = Map<number, { rotation: boolean; translation: boolean; vibration: boolean }>;

/**
 * One stacked bar per temperature; temperatures with undefined ratios carry their reason in `undefined_T`.
 * With `resolved`, a share whose step Δ is not resolved by the runs is drawn faded (opacity legend).
 */
export function modeRatioSpec(
  rows: ModeDecompositionRow[],
  title = 'Anion-mode contributions to cation transport',
  resolved?: ModeStepsResolved,
): VegaLiteSpec {
  const yes = (T: number, m: 'rotation' | 'translation' | 'vibration') => (!resolved || resolved.get(T)?.[m] !== false ? 'yes' : 'no (|Δ| ≤ 2σ)');
  const values = rows
    .filter((r) => r.r_rot !== null)
    .flatMap((r) => [
      { T_K: r.T_K, mode: 'rotation', r: r.r_rot, resolved: yes(r.T_K, 'rotation') },
      { T_K: r.T_K, mode: 'translation', r: r.r_trs, resolved: yes(r.T_K, 'translation') },
      { T_K: r.T_K, mode: 'vibration', r: r.r_vib, resolved: yes(r.T_K, 'vibration') },
    ]);
  return vegaLiteSpec(title, {
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'T_K', type: 'ordinal', title: 'T (K)' },
      y: { field: 'r', type: 'quantitative', stack: 'zero', title: 'r_mode' },
      color: { field: 'mode', type: 'nominal', title: 'anion mode', sort: ['rotation', 'translation', 'vibration'] },
      ...(resolved
        ? {
            opacity: {
              field: 'resolved',
              type: 'ordinal',
              sort: ['yes', 'no (|Δ| ≤ 2σ)'],
              title: 'step resolved',
              scale: { domain: ['yes', 'no (|Δ| ≤ 2σ)'], range: [1, 0.3] },
            },
          }
        : {}),
      tooltip: [{ field: 'T_K', title: 'T (K)' }, { field: 'mode' }, { field: 'r', format: '.2f' }, { field: 'resolved' }],
    },
    usermeta: { undefined_T: rows.filter((r) => r.r_rot === null).map((r) => ({ T_K: r.T_K, reason: r.reason })) },
  });
}

/** Table columns of a mode decomposition (null where undefined). */
export function modeColumns(rows: ModeDecompositionRow[]): Record<string, (number | string | null)[]> {
  return {
    T_K: rows.map((r) => r.T_K),
    UC: rows.map((r) => r.values.UC),
    RC: rows.map((r) => r.values.RC),
    RTC: rows.map((r) => r.values.RTC),
    RTVC: rows.map((r) => r.values.RTVC),
    r_rot: rows.map((r) => r.r_rot),
    r_trs: rows.map((r) => r.r_trs),
    r_vib: rows.map((r) => r.r_vib),
    reason: rows.map((r) => r.reason ?? ''),
  };
}

/** danfojs DataFrame of a mode decomposition. */
export function modeDataFrame(rows: ModeDecompositionRow[]): any {
  return toDataFrame(modeColumns(rows));
}
