/**
 * `superionic arrhenius FILE.csv|FILE.json` — Arrhenius fit of ln D (or ln σT) vs 1/T: E_a with its
 * error, prefactor, extrapolation to 300 K and the two-segment breakpoint T_c (METHODS §1).
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../core/errors.js';
import { arrheniusExtrapolate, arrheniusFit, type ArrheniusQuantity } from '../../transport/arrhenius.js';
import { arrheniusBreakpoint, type ArrheniusBreakpoint } from '../../transport/arrheniusBreakpoint.js';
import { nernstEinsteinConductivity } from '../../transport/nernstEinstein.js';
import { numericColumn, parseTransportTable } from '../../transport/transportTable.js';
import type { Args } from '../args.js';
import { formatNumber, printResult, textTable } from '../output.js';

export const summary = 'Arrhenius fit of D or σ vs T: E_a, prefactor, 300 K extrapolation, transition T_c';
export const usage = `usage: superionic arrhenius FILE.csv|FILE.json [--at K] [--n-ions N --volume A3 [--charge Q]] [--json]
  Table columns: T_K and D_cm2_s (fits ln D) or sigma_mS_cm (fits ln σT); optional D_stderr_cm2_s /
  sigma_stderr_mS_cm weight the fit. σ at 300 K from D needs --n-ions and --volume (Nernst–Einstein).
  T_c: best two-segment split by total squared residuals (≥ 4 temperatures).
  JSON: {Ea_eV, Ea_stderr_eV, prefactor, prefactor_stderr, prefactor_units, D_300K_cm2_s, sigma_300K_mS_cm,
         Tc_K, Ea_low_T_eV, Ea_high_T_eV, ...}`;

export async function run(args: Args): Promise<void> {
  const file = args.positionals[0];
  if (!file) throw new InputError('no table given; expected superionic arrhenius FILE.csv (columns T_K and D_cm2_s or sigma_mS_cm)');
  const json = args.flag('json');
  const at = args.number('at', 300)!;
  const nIons = args.number('n-ions'), volume = args.number('volume'), charge = args.number('charge', 1)!;
  args.rejectUnknownOptions('arrhenius');
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) { throw new InputError(`cannot read: ${(e as Error).message}`, { file }); }
  const table = parseTransportTable(text, file);
  const quantity: ArrheniusQuantity = table.columns.includes('D_cm2_s') ? 'D_cm2_s' : table.columns.includes('sigma_mS_cm') ? 'sigma_mS_cm' : (() => {
    throw new InputError(`expected a column D_cm2_s or sigma_mS_cm; the table has ${table.columns.join(', ')}`, { file });
  })();
  const T = numericColumn(table, 'T_K', file);
  const y = numericColumn(table, quantity, file);
  const errCol = quantity === 'D_cm2_s' ? 'D_stderr_cm2_s' : 'sigma_stderr_mS_cm';
  const relErr = table.columns.includes(errCol) ? numericColumn(table, errCol, file).map((e, i) => e / y[i]) : undefined;
  if (relErr && relErr.some((e) => !(e > 0))) throw new InputError(`column ${errCol} must hold positive uncertainties`, { file });
  const fit = arrheniusFit(T, y, quantity, { relErr, source: file });
  const ext = arrheniusExtrapolate(fit, at);
  let D300: number | null = null, sigma300: number | null = null, sigmaReason: string | undefined;
  if (quantity === 'sigma_mS_cm') sigma300 = ext.value;
  else {
    D300 = ext.value;
    if (nIons !== undefined && volume !== undefined) sigma300 = nernstEinsteinConductivity(ext.value, { nIons, volume_A3: volume, charge_e: charge, temperature_K: at });
    else sigmaReason = 'σ from D needs --n-ions and --volume (Nernst–Einstein)';
  }
  let bp: ArrheniusBreakpoint | null = null, bpReason: string | undefined;
  if (T.length >= 4) bp = arrheniusBreakpoint(T, y, quantity, { source: file });
  else bpReason = `T_c needs at least 4 temperatures, the table has ${T.length}`;
  const out = {
    file, quantity, n_points: fit.nPoints, T_range_K: fit.T_range_K,
    Ea_eV: fit.Ea_eV, Ea_stderr_eV: fit.Ea_stderr_eV, prefactor: fit.prefactor, prefactor_stderr: fit.prefactor_stderr,
    prefactor_units: fit.prefactor_units, r2: fit.r2, extrapolation_T_K: at,
    D_300K_cm2_s: D300, sigma_300K_mS_cm: sigma300, sigma_300K_reason: sigmaReason,
    ln_extrapolation_stderr: ext.ln_stderr,
    Tc_K: bp?.Tc_K ?? null, Tc_method: bp?.Tc_method, Tc_reason: bpReason,
    Ea_low_T_eV: bp?.low.Ea_eV ?? null, Ea_low_T_stderr_eV: bp?.low.Ea_stderr_eV ?? null,
    Ea_high_T_eV: bp?.high.Ea_eV ?? null, Ea_high_T_stderr_eV: bp?.high.Ea_stderr_eV ?? null,
    F_statistic: bp?.F_statistic ?? null,
    fit: { slope_K: fit.slope_K, intercept: fit.intercept },
    segments: bp ? { low: { slope_K: bp.low.slope_K, intercept: bp.low.intercept, T_range_K: bp.low.T_range_K }, high: { slope_K: bp.high.slope_K, intercept: bp.high.intercept, T_range_K: bp.high.T_range_K } } : null,
  };
  printResult(out, json, () => {
    const f = formatNumber;
    const pm = (a: number, b: number | null) => (b === null ? f(a) : `${f(a)} ± ${f(b)}`);
    const rows: (string | number)[][] = [
      ['fitted', quantity === 'D_cm2_s' ? 'ln D vs 1/T' : 'ln σT vs 1/T'], ['points', `${fit.nPoints} (${fit.T_range_K[0]}–${fit.T_range_K[1]} K)`],
      ['E_a (eV)', pm(fit.Ea_eV, fit.Ea_stderr_eV)], [`prefactor (${fit.prefactor_units})`, pm(fit.prefactor, fit.prefactor_stderr)],
      [`D at ${at} K (cm²/s)`, D300 === null ? '—' : f(D300)],
      [`σ at ${at} K (mS/cm)`, sigma300 === null ? `— (${sigmaReason})` : f(sigma300)],
      ['T_c (K)', bp ? `${f(bp.Tc_K)} (${bp.Tc_method})` : `— (${bpReason})`],
      ['E_a below T_c (eV)', bp ? pm(bp.low.Ea_eV, bp.low.Ea_stderr_eV) : '—'],
      ['E_a above T_c (eV)', bp ? pm(bp.high.Ea_eV, bp.high.Ea_stderr_eV) : '—'],
      ['F (two segments vs one)', bp ? f(bp.F_statistic) : '—'],
    ];
    return textTable(['quantity', 'value'], rows);
  });
}
