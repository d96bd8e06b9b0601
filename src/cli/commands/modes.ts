/**
 * `superionic modes FILE.csv|FILE.json` — mode decomposition of cation transport under anion
 * constraints (Li 2025 SI eqs 3–6): per temperature Δ_Rot, Δ_Trs, Δ_Vib and r_rot, r_trs, r_vib.
 */
import { readWholeFile } from '../../io/fileAccess.js';
import { InputError } from '../../core/errors.js';
import { D_MEASURABLE_THRESHOLD_CM2_S } from '../../core/units.js';
import { modeDecomposition, parseConstraintMode, type ModeRunValue } from '../../transport/modeDecomposition.js';
import { nernstEinsteinConductivity } from '../../transport/nernstEinstein.js';
import { booleanCell, numericColumn, parseTransportTable, rowLocation } from '../../transport/transportTable.js';
import type { Args } from '../args.js';
import { defineCommand, jsonFields } from '../command.js';
import { bounds } from '../optionRanges.js';
import { formatNumber, printResult, textTable } from '../output.js';

export const spec = defineCommand({
  name: 'modes',
  summary: 'anion-mode decomposition of transport from UC/RC/RTC/RTVC runs (Li 2025)',
  synopsis: `FILE.csv|FILE.json [--threshold X | --n-ions N --volume A3 [--charge Q]] [--json]`,
  positionals: { max: 1, noun: 'table file' },
  readsTrajectory: false,
  options: {
    threshold: { kind: 'number', range: bounds(0, 1e3, 'mS/cm (σ table) or cm²/s (D table)', { openLo: true }) },
    'n-ions': { kind: 'number', range: bounds(1, 1e9, 'ions', { integer: true }) },
    volume: { kind: 'number' },
    charge: { kind: 'number' },
  },
  notes: `  Table columns: T_K, mode (UC, RC, RTC, RTVC) and sigma_mS_cm or D_cm2_s; optional measurable
  (true/false, yes/no, y/n, 1/0, t/f in any case; e.g. pandas True/False).
  A run below the measurable threshold, or flagged measurable=false, makes that temperature's ratios
  undefined; the reason names which applies to each run. For D the threshold is 1e-8 cm²/s (Li 2025)
  unless --threshold (cm²/s) is given; for σ give --threshold (mS/cm, > 0) or --n-ions and --volume
  (together) to convert 1e-8 cm²/s by Nernst–Einstein at each T.
  JSON: {threshold (number or null), threshold_units, threshold_source,
         rows: [{T_K, r_rot, r_trs, r_vib, delta_rot, delta_trs, delta_vib, values, threshold, reason?}]}`,
  output: jsonFields({
    file: 'string',
    quantity: { type: 'string', description: '"sigma_mS_cm" (σ, mS/cm) or "D_cm2_s" (D, cm²/s): the units of values and threshold' },
    threshold: { type: ['number', 'null'], description: 'measurable threshold (threshold_units); null when none or per temperature' },
    threshold_units: 'string',
    threshold_source: 'string',
    rows: {
      type: 'array',
      description: 'one row per temperature, sorted by T',
      items: jsonFields({
        T_K: 'number',
        values: {
          ...jsonFields({ UC: 'number?', RC: 'number?', RTC: 'number?', RTVC: 'number?' }),
          description: 'the input value of each constraint mode (null when absent)',
        },
        delta_rot: { type: ['number', 'null'], description: 'Δ_Rot = log₁₀ UC − log₁₀ RC (Li 2025 SI eqs 3–5; decades)' },
        delta_trs: { type: ['number', 'null'], description: 'Δ_Trs = log₁₀ RC − log₁₀ RTC (decades)' },
        delta_vib: { type: ['number', 'null'], description: 'Δ_Vib = log₁₀ RTC − log₁₀ RTVC (decades)' },
        r_rot: { type: ['number', 'null'], description: 'Δ_Rot / (Δ_Rot + Δ_Trs + Δ_Vib) (eq 6); null with reason' },
        r_trs: 'number?',
        r_vib: 'number?',
        threshold: 'number?',
        reason: 'string?',
      }),
    },
  }),
});
export const { summary, usage } = spec;

export async function run(args: Args): Promise<void> {
  const file = args.positionals[0];
  if (!file) throw new InputError('no table given; expected superionic modes FILE.csv (columns T_K, mode, sigma_mS_cm or D_cm2_s)');
  const json = args.flag('json');
  const threshold = args.number('threshold');
  const nIons = args.number('n-ions'),
    volume = args.number('volume'),
    chargeGiven = args.has('charge'),
    charge = args.number('charge', 1)!;
  args.rejectUnknownOptions('modes');
  const text = readWholeFile(file, 'a table file').toString('utf8');
  const table = parseTransportTable(text, file);
  const quantity = table.columns.includes('sigma_mS_cm') ? 'sigma_mS_cm' : table.columns.includes('D_cm2_s') ? 'D_cm2_s' : null;
  if (!quantity) throw new InputError(`expected a column sigma_mS_cm or D_cm2_s; the table has ${table.columns.join(', ')}`, { file });
  if (!table.columns.includes('mode'))
    throw new InputError(`expected a column "mode" (UC, RC, RTC, RTVC); the table has ${table.columns.join(', ')}`, { file });
  // Option combinations (reject rather than silently ignore).
  const neGiven = nIons !== undefined || volume !== undefined;
  if (neGiven && (nIons === undefined || volume === undefined)) {
    throw new InputError(
      `--n-ions and --volume go together (the σ threshold is the Nernst–Einstein σ of D = 1e-8 cm²/s, which needs both); got only ${nIons !== undefined ? '--n-ions' : '--volume'}`,
    );
  }
  if (neGiven && threshold !== undefined) throw new InputError('give either --threshold or --n-ions/--volume, not both');
  if (neGiven && quantity === 'D_cm2_s')
    throw new InputError('--n-ions/--volume convert the D threshold to σ; the table holds D_cm2_s, whose threshold is 1e-8 cm²/s (or --threshold)');
  if (chargeGiven && !neGiven) throw new InputError('--charge is only used with --n-ions and --volume');
  const T = numericColumn(table, 'T_K', file),
    v = numericColumn(table, quantity, file);
  const runs: ModeRunValue[] = table.rows.map((r, i) => {
    const m = r.mode;
    const { where, prefix } = rowLocation(table, i, file);
    if (typeof m !== 'string') throw new InputError(`${prefix}mode must be UC, RC, RTC or RTVC, got "${m ?? ''}"`, where);
    return {
      T_K: T[i],
      mode: parseConstraintMode(m, where),
      value: v[i],
      measurable: table.columns.includes('measurable') ? booleanCell(table, i, 'measurable', file) : undefined,
    };
  });
  let thresholdOf: ((T: number) => number) | undefined;
  let thresholdValue: number | null, thresholdSource: string;
  const units = quantity === 'D_cm2_s' ? 'cm²/s' : 'mS/cm';
  if (threshold !== undefined) {
    thresholdOf = () => threshold;
    thresholdValue = threshold;
    thresholdSource = 'given (--threshold)';
  } else if (quantity === 'D_cm2_s') {
    thresholdOf = () => D_MEASURABLE_THRESHOLD_CM2_S;
    thresholdValue = D_MEASURABLE_THRESHOLD_CM2_S;
    thresholdSource = 'default: D = 1e-8 cm²/s (Li 2025)';
  } else if (nIons !== undefined && volume !== undefined) {
    thresholdOf = (t) => nernstEinsteinConductivity(D_MEASURABLE_THRESHOLD_CM2_S, { nIons, volume_A3: volume, charge_e: charge, temperature_K: t });
    thresholdValue = null;
    thresholdSource = `σ of D = 1e-8 cm²/s by Nernst–Einstein at each T (${nIons} ions, ${volume} Å³, charge ${charge}); see rows[].threshold`;
  } else {
    thresholdValue = null;
    thresholdSource = 'none for σ (give --threshold or --n-ions/--volume); only runs flagged measurable=false or with σ ≤ 0 are excluded';
  }
  // Decompose one temperature at a time so a T-dependent σ threshold applies.
  const temps = [...new Set(T)].sort((a, b) => a - b);
  const rows = temps.flatMap((t) =>
    modeDecomposition(
      runs.filter((r) => r.T_K === t),
      { quantity, threshold: thresholdOf?.(t), source: file },
    ),
  );
  const thresholdNote = thresholdValue !== null ? `${formatNumber(thresholdValue)} ${units} (${thresholdSource})` : thresholdSource;
  printResult({ file, quantity, threshold: thresholdValue, threshold_units: units, threshold_source: thresholdSource, rows }, json, () => {
    const f = (x: number | null) => formatNumber(x);
    const body = rows.map((r) => [
      r.T_K,
      f(r.values.UC),
      f(r.values.RC),
      f(r.values.RTC),
      f(r.values.RTVC),
      f(r.r_rot),
      f(r.r_trs),
      f(r.r_vib),
      r.reason ?? '',
    ]);
    return (
      `quantity ${quantity}; measurable threshold: ${thresholdNote}\n` +
      textTable(['T_K', 'UC', 'RC', 'RTC', 'RTVC', 'r_rot', 'r_trs', 'r_vib', 'note'], body)
    );
  });
}
