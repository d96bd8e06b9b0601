/**
 * Small statistics helpers shared by the analyses: ordinary/weighted least-squares lines with
 * standard errors, means and standard deviations, histograms.
 */

export interface LineFit {
  slope: number;
  intercept: number;
  /** Standard error of the slope (from residuals, or from weights when `absoluteSigma`). */
  slopeStderr: number;
  interceptStderr: number;
  /** Covariance of slope and intercept. */
  covariance: number;
  /** Sum of squared (weighted) residuals. */
  ssr: number;
  /** Number of points. */
  n: number;
  r2: number;
}

/**
 * Least-squares straight line y = slope·x + intercept.
 * With `sigma` (per-point standard deviations) the fit is weighted by 1/σ²; the returned errors then
 * come from σ (absolute) when `absoluteSigma` is true, else from the residual scatter.
 */
export function linearFit(x: ArrayLike<number>, y: ArrayLike<number>, sigma?: ArrayLike<number>, absoluteSigma = false): LineFit {
  const n = x.length;
  if (y.length !== n) throw new Error(`linearFit: x has ${n} points, y has ${y.length}`);
  if (n < 2) throw new Error(`linearFit: need at least 2 points, got ${n}`);
  let sw = 0,
    sx = 0,
    sy = 0,
    sxx = 0,
    sxy = 0;
  for (let i = 0; i < n; i++) {
    const w = sigma ? 1 / (sigma[i] * sigma[i]) : 1;
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i]) || !Number.isFinite(w))
      throw new Error(`linearFit: point ${i} is not finite (x=${x[i]}, y=${y[i]})`);
    sw += w;
    sx += w * x[i];
    sy += w * y[i];
    sxx += w * x[i] * x[i];
    sxy += w * x[i] * y[i];
  }
  const det = sw * sxx - sx * sx;
  if (!(Math.abs(det) > 0)) throw new Error('linearFit: all x values are equal');
  const slope = (sw * sxy - sx * sy) / det;
  const intercept = (sxx * sy - sx * sxy) / det;
  let ssr = 0,
    sst = 0;
  const ybar = sy / sw;
  for (let i = 0; i < n; i++) {
    const w = sigma ? 1 / (sigma[i] * sigma[i]) : 1;
    const r = y[i] - (slope * x[i] + intercept);
    ssr += w * r * r;
    sst += w * (y[i] - ybar) * (y[i] - ybar);
  }
  const scale = absoluteSigma && sigma ? 1 : n > 2 ? ssr / (n - 2) : 0;
  return {
    slope,
    intercept,
    slopeStderr: Math.sqrt((scale * sw) / det),
    interceptStderr: Math.sqrt((scale * sxx) / det),
    covariance: (-scale * sx) / det,
    ssr,
    n,
    r2: sst > 0 ? 1 - ssr / sst : 1,
  };
}

/** Arithmetic mean. */
export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Sample standard deviation (n − 1). */
export function std(x: ArrayLike<number>, ddof = 1): number {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) * (x[i] - m);
  return Math.sqrt(s / Math.max(x.length - ddof, 1));
}

export interface Histogram {
  /** Bin edges, length bins + 1. */
  edges: Float64Array;
  /** Bin centres, length bins. */
  centres: Float64Array;
  counts: Float64Array;
}

/** Histogram of `values` on [lo, hi) with `bins` equal bins (values outside are ignored), optional weights. */
export function histogram(values: ArrayLike<number>, lo: number, hi: number, bins: number, weights?: ArrayLike<number>): Histogram {
  if (!(hi > lo) || !(bins >= 1)) throw new Error(`histogram: need hi > lo and bins ≥ 1 (lo=${lo}, hi=${hi}, bins=${bins})`);
  const edges = new Float64Array(bins + 1),
    centres = new Float64Array(bins),
    counts = new Float64Array(bins);
  const w = (hi - lo) / bins;
  for (let i = 0; i <= bins; i++) edges[i] = lo + i * w;
  for (let i = 0; i < bins; i++) centres[i] = lo + (i + 0.5) * w;
  for (let i = 0; i < values.length; i++) {
    const k = Math.floor((values[i] - lo) / w);
    if (k >= 0 && k < bins) counts[k] += weights ? weights[i] : 1;
  }
  return { edges, centres, counts };
}
