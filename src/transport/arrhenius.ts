/**
 * Arrhenius fit (METHODS §1):
 *
 *   ln D = ln D0 − E_a/(k_B T)          (tracer or charge diffusion coefficient, cm²/s)
 *   ln(σT) = ln A − E_a/(k_B T)         (conductivity σ in mS/cm; A in mS·K/cm)
 *
 * Least squares of ln y against x = 1/T (optionally weighted by the relative errors of y).
 * E_a = −k_B·slope; its standard error is k_B·stderr(slope). The prefactor is exp(intercept) with
 * the delta-method error exp(intercept)·stderr(intercept). Extrapolation to another temperature
 * (e.g. 300 K) propagates the slope/intercept covariance into the error of ln y.
 */
import { InputError } from '../core/errors.js';
import { linearFit } from '../core/stats.js';
import { KB_EV_PER_K } from '../core/units.js';

export type ArrheniusQuantity = 'D_cm2_s' | 'sigma_mS_cm';

export interface ArrheniusFit {
  /** What was fitted: ln D, or ln(σT). */
  quantity: ArrheniusQuantity;
  /** Activation energy, eV, and its standard error (null with fewer than 3 points). */
  Ea_eV: number;
  Ea_stderr_eV: number | null;
  /** Prefactor D0 (cm²/s) or A (mS·K/cm) and its standard error. */
  prefactor: number;
  prefactor_stderr: number | null;
  prefactor_units: string;
  /** Fitted line ln y = intercept + slope·(1/T), slope in K; covariance of (slope, intercept). */
  slope_K: number;
  intercept: number;
  covariance: number;
  slope_stderr_K: number | null;
  intercept_stderr: number | null;
  nPoints: number;
  T_range_K: [number, number];
  /** Sum of squared residuals of ln y. */
  ssr: number;
  r2: number;
}

/**
 * Validate (T, y) points and return x = 1/T and ln y (ln(σT) for conductivities).
 * @param lines optional 1-based file line of each point: errors then name "line L (T = … K)";
 *   without it they name "row i" (1-based position in the arrays)
 */
export function arrheniusPoints(
  T_K: ArrayLike<number>,
  y: ArrayLike<number>,
  quantity: ArrheniusQuantity,
  source?: string,
  lines?: ArrayLike<number>,
): { x: number[]; lny: number[] } {
  if (T_K.length !== y.length) throw new InputError(`Arrhenius input has ${T_K.length} temperatures but ${y.length} values`, { file: source });
  if (lines && lines.length !== T_K.length) throw new Error(`arrheniusPoints: ${lines.length} line numbers for ${T_K.length} points`);
  const x: number[] = [],
    lny: number[] = [];
  for (let i = 0; i < T_K.length; i++) {
    const where = lines ? { file: source, line: lines[i] } : { file: source };
    const row = lines ? '' : `row ${i + 1}`;
    if (!(T_K[i] > 0) || !Number.isFinite(T_K[i]))
      throw new InputError(`${row ? row + ': ' : ''}temperature must be a positive number of K, got ${T_K[i]}`, where);
    if (!(y[i] > 0) || !Number.isFinite(y[i]))
      throw new InputError(
        `${row ? row + ' (T = ' + T_K[i] + ' K)' : 'T = ' + T_K[i] + ' K'}: ${quantity} must be positive for a log-linear Arrhenius fit, got ${y[i]}`,
        where,
      );
    x.push(1 / T_K[i]);
    lny.push(quantity === 'sigma_mS_cm' ? Math.log(y[i] * T_K[i]) : Math.log(y[i]));
  }
  return { x, lny };
}

/**
 * Fit E_a and the prefactor.
 * @param relErr optional relative uncertainties of y (σ_y / y = σ of ln y), used as weights with
 *   the error scale taken from the residuals
 * @param lines optional 1-based file line of each point, named in error messages
 */
export function arrheniusFit(
  T_K: ArrayLike<number>,
  y: ArrayLike<number>,
  quantity: ArrheniusQuantity = 'D_cm2_s',
  opts: { relErr?: ArrayLike<number>; source?: string; lines?: ArrayLike<number> } = {},
): ArrheniusFit {
  if (T_K.length < 2) throw new InputError(`Arrhenius fit needs at least 2 temperatures, got ${T_K.length}`, { file: opts.source });
  const { x, lny } = arrheniusPoints(T_K, y, quantity, opts.source, opts.lines);
  const distinct = new Set(x).size;
  if (distinct < 2) throw new InputError('Arrhenius fit needs at least 2 different temperatures', { file: opts.source });
  const fit = linearFit(x, lny, opts.relErr);
  const haveErr = x.length >= 3;
  const A = Math.exp(fit.intercept);
  let tMin = Infinity,
    tMax = -Infinity;
  for (let i = 0; i < T_K.length; i++) {
    tMin = Math.min(tMin, T_K[i]);
    tMax = Math.max(tMax, T_K[i]);
  }
  return {
    quantity,
    Ea_eV: -fit.slope * KB_EV_PER_K,
    Ea_stderr_eV: haveErr ? fit.slopeStderr * KB_EV_PER_K : null,
    prefactor: A,
    prefactor_stderr: haveErr ? A * fit.interceptStderr : null,
    prefactor_units: quantity === 'sigma_mS_cm' ? 'mS·K/cm' : 'cm²/s',
    slope_K: fit.slope,
    intercept: fit.intercept,
    covariance: fit.covariance,
    slope_stderr_K: haveErr ? fit.slopeStderr : null,
    intercept_stderr: haveErr ? fit.interceptStderr : null,
    nPoints: x.length,
    T_range_K: [tMin, tMax],
    ssr: fit.ssr,
    r2: fit.r2,
  };
}

export interface ArrheniusExtrapolation {
  T_K: number;
  /** Extrapolated D (cm²/s) or σ (mS/cm). */
  value: number;
  /** Standard error of ln(value) from the fit covariance (null when the fit has no errors). */
  ln_stderr: number | null;
}

/** Evaluate the fitted Arrhenius law at temperature T (e.g. 300 K). */
export function arrheniusExtrapolate(fit: ArrheniusFit, T_K: number): ArrheniusExtrapolation {
  if (!(T_K > 0)) throw new InputError(`extrapolation temperature must be positive, got ${T_K}`);
  const x = 1 / T_K;
  const ln = fit.intercept + fit.slope_K * x;
  const value = fit.quantity === 'sigma_mS_cm' ? Math.exp(ln) / T_K : Math.exp(ln);
  let ln_stderr: number | null = null;
  if (fit.slope_stderr_K !== null && fit.intercept_stderr !== null) {
    const v = fit.intercept_stderr ** 2 + x * x * fit.slope_stderr_K ** 2 + 2 * x * fit.covariance;
    ln_stderr = Math.sqrt(Math.max(v, 0));
  }
  return { T_K, value, ln_stderr };
}
