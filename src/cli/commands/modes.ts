/**
 * `superionic modes FILE.csv|FILE.json` — mode decomposition of cation transport under anion
 * constraints (Li 2025 SI eqs 3–6): per temperature Δ_Rot, Δ_Trs, Δ_Vib and r_rot, r_trs, r_vib.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../core/errors.js';
import { D_MEASURABLE_THRESHOLD_CM2_S } from '../../core/units.js';
import { modeDecomposition, parseConstraintMode, type ModeRunValue } from '../../transport/modeDecomposition.js';
import { nernstEinsteinConductivity } from '../../transport/nernstEinstein.js';
import { numericColumn, parseTransportTable } from '../../transport/transportTable.js';
import type { Args } from '../args.js';
import { formatNumber, printResult, textTable } from '../output.js';

export const summary = 'anion-mode decomposition of transport from UC/RC/RTC/RTVC runs (Li 2025)';
export const usage = `usage: superionic modes FILE.csv|FILE.json [--threshold X | --n-ions N --volume A3 [--charge Q]] [--json]
  Table columns: T_K, mode (UC, RC, RTC, RTVC) and sigma_mS_cm or D_cm2_s; optional measurable (true/false).
  A run below the measurable threshold makes that temperature's ratios undefined. For D the threshold
  is 1e-8 cm²/s (Li 2025); for σ give --threshold (mS/cm) or --n-ions/--volume to convert 1e-8 cm²/s.
  JSON: {rows: [{T_K, r_rot, r_trs, r_vib, delta_rot, delta_trs, delta_vib, values, reason?}]}`;

export async function run(args: Args): Promise<void> {
  const file = args.positionals[0];
  if (!file) throw new InputError('no table given; expected superionic modes FILE.csv (columns T_K, mode, sigma_mS_cm or D_cm2_s)');
  const json = args.flag('json');
  const threshold = args.number('threshold');
  const nIons = args.number('n-ions'), volume = args.number('volume'), charge = args.number('charge', 1)!;
  args.rejectUnknownOptions('modes');
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) { throw new InputError(`cannot read: ${(e as Error).message}`, { file }); }
  const table = parseTransportTable(text, file);
  const quantity = table.columns.includes('sigma_mS_cm') ? 'sigma_mS_cm' : table.columns.includes('D_cm2_s') ? 'D_cm2_s' : null;
  if (!quantity) throw new InputError(`expected a column sigma_mS_cm or D_cm2_s; the table has ${table.columns.join(', ')}`, { file });
  if (!table.columns.includes('mode')) throw new InputError(`expected a column "mode" (UC, RC, RTC, RTVC); the table has ${table.columns.join(', ')}`, { file });
  const T = numericColumn(table, 'T_K', file), v = numericColumn(table, quantity, file);
  const runs: ModeRunValue[] = table.rows.map((r, i) => {
    const m = r.mode;
    if (typeof m !== 'string') throw new InputError(`mode must be UC, RC, RTC or RTVC, got "${m ?? ''}"`, { file, line: table.lines[i] });
    const meas = r.measurable;
    return {
      T_K: T[i], mode: parseConstraintMode(m, { file, line: table.lines[i] }), value: v[i],
      measurable: meas === 'false' || meas === 0 ? false : meas === 'true' || meas === 1 ? true : undefined,
    };
  });
  let thresholdOf: ((T: number) => number) | undefined;
  let thresholdNote: string;
  if (threshold !== undefined) { thresholdOf = () => threshold; thresholdNote = `${threshold} (given)`; }
  else if (quantity === 'D_cm2_s') { thresholdOf = () => D_MEASURABLE_THRESHOLD_CM2_S; thresholdNote = '1e-8 cm²/s (Li 2025)'; }
  else if (nIons !== undefined && volume !== undefined) {
    thresholdOf = (t) => nernstEinsteinConductivity(D_MEASURABLE_THRESHOLD_CM2_S, { nIons, volume_A3: volume, charge_e: charge, temperature_K: t });
    thresholdNote = 'σ of D = 1e-8 cm²/s by Nernst–Einstein at each T';
  } else thresholdNote = 'none for σ (give --threshold or --n-ions/--volume); only runs flagged measurable=false are excluded';
  // Decompose one temperature at a time so a T-dependent σ threshold applies.
  const temps = [...new Set(T)].sort((a, b) => a - b);
  const rows = temps.flatMap((t) => modeDecomposition(runs.filter((r) => r.T_K === t), { quantity, threshold: thresholdOf?.(t), source: file }));
  printResult({ file, quantity, threshold: thresholdNote, rows }, json, () => {
    const f = (x: number | null) => formatNumber(x);
    const body = rows.map((r) => [r.T_K, f(r.values.UC), f(r.values.RC), f(r.values.RTC), f(r.values.RTVC), f(r.r_rot), f(r.r_trs), f(r.r_vib), r.reason ?? '']);
    return `quantity ${quantity}; measurable threshold: ${thresholdNote}\n` + textTable(['T_K', 'UC', 'RC', 'RTC', 'RTVC', 'r_rot', 'r_trs', 'r_vib', 'note'], body);
  });
}
