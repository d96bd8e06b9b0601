/**
 * `superionic arrhenius FILE.csv|FILE.json` — Arrhenius fit of ln D (or ln σT) vs 1/T: E_a with its
 * error, prefactor, extrapolation to 300 K and the two-segment breakpoint T_c (METHODS §1).
 */
import { readWholeFile } from '../../io/fileAccess.js';
import { InputError } from '../../core/errors.js';
import { arrheniusExtrapolate, arrheniusFit, type ArrheniusQuantity } from '../../transport/arrhenius.js';
import { arrheniusBreakpoint, BREAKPOINT_MIN_SEGMENT, type ArrheniusBreakpoint } from '../../transport/arrheniusBreakpoint.js';
import { nernstEinsteinConductivity } from '../../transport/nernstEinstein.js';
import { numericColumn, parseTransportTable, rowLocation } from '../../transport/transportTable.js';
import type { Args } from '../args.js';
import { defineCommand, jsonFields, type JsonSchema } from '../command.js';
import { bounds } from '../optionRanges.js';
import { formatNumber, printResult, textTable } from '../output.js';

export const spec = defineCommand({
  name: 'arrhenius',
  summary: 'Arrhenius fit of D or σ vs T: E_a, prefactor, 300 K extrapolation, transition T_c',
  synopsis: `FILE.csv|FILE.json [--at K] [--n-ions N --volume A3 [--charge Q]] [--json]`,
  positionals: { max: 1, noun: 'table file' },
  readsTrajectory: false,
  options: {
    at: { kind: 'number', range: bounds(1, 1e5, 'K') },
    'n-ions': { kind: 'number', range: bounds(1, 1e9, 'ions', { integer: true }) },
    volume: { kind: 'number' },
    charge: { kind: 'number' },
  },
  notes: `  Table columns: T_K and D_cm2_s (fits ln D) or sigma_mS_cm (fits ln σT); optional D_stderr_cm2_s /
  sigma_stderr_mS_cm weight the fit. σ at 300 K from D needs --n-ions and --volume (Nernst–Einstein).
  T_c: best split into two lines (≥ 3 points each, so ≥ 6 temperatures), reported only when two lines
  fit significantly better than one (F test, p < 0.01 after correcting for the search over splits);
  otherwise Tc_K is null with Tc_reason and the best split stays under breakpoint_candidate_K.
  Errors name the file's line (1-based, header counted).
  JSON: {Ea_eV, Ea_stderr_eV, prefactor, prefactor_stderr, prefactor_units, D_300K_cm2_s, sigma_300K_mS_cm,
         Tc_K, Tc_reason, Ea_low_T_eV, Ea_high_T_eV, F_statistic, p_value, p_value_nominal,
         breakpoint_candidate_K, ...}`,
  output: jsonFields({
    file: 'string',
    quantity: { type: 'string', description: 'the fitted column: "D_cm2_s" (ln D vs 1/T) or "sigma_mS_cm" (ln σT vs 1/T)' },
    n_points: 'number',
    T_range_K: 'number[]',
    Ea_eV: 'number',
    Ea_stderr_eV: 'number?',
    prefactor: { type: 'number', description: 'D₀ (cm²/s) or (σT)₀ (mS·K/cm), in prefactor_units' },
    prefactor_stderr: 'number?',
    prefactor_units: 'string',
    r2: 'number',
    extrapolation_T_K: { type: 'number', description: 'the temperature of the *_300K_* values (--at, default 300 K)' },
    D_300K_cm2_s: { type: ['number', 'null'], description: 'D at extrapolation_T_K (cm²/s); null when σ was fitted' },
    sigma_300K_mS_cm: { type: ['number', 'null'], description: 'σ at extrapolation_T_K (mS/cm); null with sigma_300K_reason' },
    sigma_300K_reason: 'string?',
    ln_extrapolation_stderr: { type: ['number', 'null'], description: 'standard error of the extrapolated value, in ln units' },
    extrapolation_basis: { type: 'string', description: '"single line", "segment below T_c" or "segment above T_c"' },
    Tc_K: { type: ['number', 'null'], description: 'transition temperature (K); null unless two lines fit significantly better' },
    Tc_method: 'string?',
    Tc_reason: 'string?',
    Ea_low_T_eV: 'number?',
    Ea_low_T_stderr_eV: 'number?',
    Ea_high_T_eV: 'number?',
    Ea_high_T_stderr_eV: 'number?',
    F_statistic: 'number?',
    F_df: 'number[]?',
    p_value: { type: ['number', 'null'], description: 'p of the best split, corrected for the search over splits' },
    p_value_nominal: 'number?',
    significance_level: 'number?',
    p_value_method: 'string?',
    breakpoint_candidate_K: 'number?',
    breakpoint_candidate_method: 'string?',
    breakpoint_candidate_Ea_low_T_eV: 'number?',
    breakpoint_candidate_Ea_low_T_stderr_eV: 'number?',
    breakpoint_candidate_Ea_high_T_eV: 'number?',
    breakpoint_candidate_Ea_high_T_stderr_eV: 'number?',
    fit: lineSchema(),
    segments: {
      ...jsonFields({ low: lineSchema(true), high: lineSchema(true) }),
      type: ['object', 'null'],
      description: 'the two lines below and above T_c; null without a significant T_c',
    },
  }),
});

/** Schema of a fitted line ln y = intercept + slope_K / T (with the temperatures it spans, for a segment). */
function lineSchema(withRange = false): JsonSchema {
  return jsonFields({
    slope_K: { type: 'number', description: 'slope of ln y vs 1/T (K); E_a = −k_B · slope_K' },
    intercept: 'number',
    ...(withRange ? { T_range_K: 'number[]' as const } : {}),
  });
}
export const { summary, usage } = spec;

export async function run(args: Args): Promise<void> {
  const file = args.positionals[0];
  if (!file) throw new InputError('no table given; expected superionic arrhenius FILE.csv (columns T_K and D_cm2_s or sigma_mS_cm)');
  const json = args.flag('json');
  const at = args.number('at', 300)!;
  const nIons = args.number('n-ions'),
    volume = args.number('volume'),
    charge = args.number('charge', 1)!;
  args.rejectUnknownOptions('arrhenius');
  const text = readWholeFile(file, 'a table file').toString('utf8');
  const table = parseTransportTable(text, file);
  const quantity: ArrheniusQuantity = table.columns.includes('D_cm2_s')
    ? 'D_cm2_s'
    : table.columns.includes('sigma_mS_cm')
      ? 'sigma_mS_cm'
      : (() => {
          throw new InputError(`expected a column D_cm2_s or sigma_mS_cm; the table has ${table.columns.join(', ')}`, { file });
        })();
  const T = numericColumn(table, 'T_K', file);
  const y = numericColumn(table, quantity, file);
  const errCol = quantity === 'D_cm2_s' ? 'D_stderr_cm2_s' : 'sigma_stderr_mS_cm';
  const lines = table.format === 'json' ? undefined : table.lines; // JSON rows: errors name "row N"
  const unweighted = arrheniusFit(T, y, quantity, { source: file, lines }); // validates T and y, naming the line
  let relErr: number[] | undefined;
  if (table.columns.includes(errCol)) {
    const err = numericColumn(table, errCol, file);
    err.forEach((e, i) => {
      const { where, prefix } = rowLocation(table, i, file);
      if (!(e > 0)) throw new InputError(`${prefix}T = ${T[i]} K: column ${errCol} must hold positive uncertainties, got ${e}`, where);
    });
    relErr = err.map((e, i) => e / y[i]);
  }
  const fit = relErr ? arrheniusFit(T, y, quantity, { relErr, source: file, lines }) : unweighted;
  let bp: ArrheniusBreakpoint | null = null,
    bpReason: string | undefined;
  const nMin = 2 * BREAKPOINT_MIN_SEGMENT;
  if (T.length < nMin) {
    bpReason = `${T.length} points: a breakpoint needs ≥ ${BREAKPOINT_MIN_SEGMENT} points per segment (≥ ${nMin} temperatures) so each segment line has a residual; no T_c tested`;
  } else {
    try {
      bp = arrheniusBreakpoint(T, y, quantity, { source: file, lines });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      bpReason = e.detail; // e.g. too few distinct temperatures for two segments
    }
    if (bp && !bp.significant) bpReason = bp.Tc_reason;
  }
  const sig = bp?.significant === true;
  // With a significant kink, extrapolate along the segment on the side of the target temperature: a single
  // line through both regimes misses room temperature by the kink's leverage (Wang 2023).
  const extFit = sig ? (at < bp!.Tc_K! ? bp!.low : bp!.high) : fit;
  const extBasis = sig ? (at < bp!.Tc_K! ? 'segment below T_c' : 'segment above T_c') : 'single line';
  const ext = arrheniusExtrapolate(extFit, at);
  let D300: number | null = null,
    sigma300: number | null = null,
    sigmaReason: string | undefined;
  if (quantity === 'sigma_mS_cm') sigma300 = ext.value;
  else {
    D300 = ext.value;
    if (nIons !== undefined && volume !== undefined)
      sigma300 = nernstEinsteinConductivity(ext.value, { nIons, volume_A3: volume, charge_e: charge, temperature_K: at });
    else sigmaReason = 'σ from D needs --n-ions and --volume (Nernst–Einstein)';
  }
  const out = {
    file,
    quantity,
    n_points: fit.nPoints,
    T_range_K: fit.T_range_K,
    Ea_eV: fit.Ea_eV,
    Ea_stderr_eV: fit.Ea_stderr_eV,
    prefactor: fit.prefactor,
    prefactor_stderr: fit.prefactor_stderr,
    prefactor_units: fit.prefactor_units,
    r2: fit.r2,
    extrapolation_T_K: at,
    D_300K_cm2_s: D300,
    sigma_300K_mS_cm: sigma300,
    sigma_300K_reason: sigmaReason,
    ln_extrapolation_stderr: ext.ln_stderr,
    extrapolation_basis: extBasis,
    Tc_K: sig ? bp!.Tc_K : null,
    Tc_method: sig ? bp!.Tc_method : undefined,
    Tc_reason: bpReason,
    Ea_low_T_eV: sig ? bp!.low.Ea_eV : null,
    Ea_low_T_stderr_eV: sig ? bp!.low.Ea_stderr_eV : null,
    Ea_high_T_eV: sig ? bp!.high.Ea_eV : null,
    Ea_high_T_stderr_eV: sig ? bp!.high.Ea_stderr_eV : null,
    F_statistic: bp?.F_statistic ?? null,
    F_df: bp?.F_df ?? null,
    p_value: bp?.p_value ?? null,
    p_value_nominal: bp?.p_value_nominal ?? null,
    significance_level: bp?.alpha ?? null,
    p_value_method: bp
      ? `best-split F; p corrected for the search over ${bp.n_candidate_splits} split${bp.n_candidate_splits === 1 ? '' : 's'} by ${bp.n_simulations} Monte Carlo draws of one line + Gaussian noise (nominal: F(2, n−4))`
      : undefined,
    breakpoint_candidate_K: bp?.breakpoint_candidate_K ?? null,
    breakpoint_candidate_method: bp?.Tc_method,
    breakpoint_candidate_Ea_low_T_eV: bp?.low.Ea_eV ?? null,
    breakpoint_candidate_Ea_low_T_stderr_eV: bp?.low.Ea_stderr_eV ?? null,
    breakpoint_candidate_Ea_high_T_eV: bp?.high.Ea_eV ?? null,
    breakpoint_candidate_Ea_high_T_stderr_eV: bp?.high.Ea_stderr_eV ?? null,
    fit: { slope_K: fit.slope_K, intercept: fit.intercept },
    segments: sig
      ? {
          low: { slope_K: bp!.low.slope_K, intercept: bp!.low.intercept, T_range_K: bp!.low.T_range_K },
          high: { slope_K: bp!.high.slope_K, intercept: bp!.high.intercept, T_range_K: bp!.high.T_range_K },
        }
      : null,
  };
  printResult(out, json, () => {
    const f = formatNumber;
    const pm = (a: number, b: number | null) => (b === null ? f(a) : `${f(a)} ± ${f(b)}`);
    const rows: (string | number)[][] = [
      ['fitted', quantity === 'D_cm2_s' ? 'ln D vs 1/T' : 'ln σT vs 1/T'],
      ['points', `${fit.nPoints} (${fit.T_range_K[0]}–${fit.T_range_K[1]} K)`],
      ['E_a (eV)', pm(fit.Ea_eV, fit.Ea_stderr_eV)],
      [`prefactor (${fit.prefactor_units})`, pm(fit.prefactor, fit.prefactor_stderr)],
      [`D at ${at} K (cm²/s)`, D300 === null ? '—' : `${f(D300)} (${extBasis})`],
      [`σ at ${at} K (mS/cm)`, sigma300 === null ? `— (${sigmaReason})` : f(sigma300)],
      ['T_c (K)', sig ? `${f(bp!.Tc_K)} (${bp!.Tc_method})` : `— (${bpReason})`],
      ['E_a below T_c (eV)', sig ? pm(bp!.low.Ea_eV, bp!.low.Ea_stderr_eV) : '—'],
      ['E_a above T_c (eV)', sig ? pm(bp!.high.Ea_eV, bp!.high.Ea_stderr_eV) : '—'],
      [
        'F (two segments vs one)',
        bp
          ? `${bp.F_statistic === null ? '∞ (two lines fit exactly)' : f(bp.F_statistic)}, p = ${f(bp.p_value, 2)} (search-corrected; nominal ${f(bp.p_value_nominal, 2)})`
          : '—',
      ],
    ];
    if (bp && !sig)
      rows.push([
        'best split, not significant (K)',
        `${f(bp.breakpoint_candidate_K)}: E_a ${pm(bp.low.Ea_eV, bp.low.Ea_stderr_eV)} below, ${pm(bp.high.Ea_eV, bp.high.Ea_stderr_eV)} above`,
      ]);
    return textTable(['quantity', 'value'], rows);
  });
}
