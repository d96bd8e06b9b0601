/**
 * First peak and first minimum of a radial distribution function: the first-shell cutoff is the
 * first minimum after the first peak, where g'(r) = 0 (Kweon 2017: 5.5 Å Li–B12H12, 6.0 Å Na–B12H12).
 *
 * g(r) from MD is noisy, so the search runs on a Gaussian-smoothed copy (σ = 0.1 Å by default: a width
 * in Å, not in bins, so the answer does not depend on the bin count; coarse bins are not smoothed further,
 * which used to wipe out shallow minima: Cl–Li in Li6PS5Cl 0 % at 0.25 Å bins gave 5.06 Å instead of 3.61 Å). The first peak is the first local maximum with g > 1 that is the
 * largest value within 0.5 Å after it. Walking outward from the peak, the running lowest point g_min
 * is the first minimum as soon as g rises above it by more than
 *
 *     max(noise, 0.1 · min(g_peak − g_min, 1)),   noise = max(2 % of g_peak, 3 Poisson standard errors at g_min),
 *
 * provided the dip ends the shell: g_min ≤ max(1, ½ g_peak). The rise test is relative to the depth
 * of the dip (capped at 1, the mean density), so a shallow shell (peak 1.4, minimum 0.66, rise to 1.2)
 * is found, while a wiggle on the way down (a rise of a few hundredths after a drop of half the peak)
 * is walked through to the deeper minimum beyond it. A dip that stays above both the mean density and
 * half the peak (g_min > max(1, ½ g_peak)) is a split inside the first shell (e.g. Li over the faces
 * and over the edges of PS4³⁻) and is passed over. (The former rule "minimum ≤ ½ peak height" missed
 * shallow shells, and whether it found them depended on the bin count.) Both extrema are refined
 * by a parabola through three points.
 */

export interface FirstShell {
  /** Position of the first peak, Å (null when g never exceeds 1). */
  first_peak_A: number | null;
  /** g at the first peak (smoothed). */
  first_peak_g: number | null;
  /** Position of the first minimum after the peak, Å (null when g does not rise again before r_max). */
  first_min_A: number | null;
  /** g at the first minimum (smoothed). */
  first_min_g: number | null;
  /** Why a value is null, if one is. */
  reason?: string;
}

/**
 * Locate the first peak and the first minimum after it.
 * @param r_A bin centres (Å, equally spaced)
 * @param g   g(r) per bin
 * @param g_stderr optional standard error per bin (Poisson), used for the noise threshold
 * @param smoothing_A Gaussian smoothing σ in Å (0 disables)
 */
export function firstShell(r_A: ArrayLike<number>, g: ArrayLike<number>, g_stderr?: ArrayLike<number>, smoothing_A?: number): FirstShell {
  const n = g.length;
  const none = (reason: string): FirstShell => ({ first_peak_A: null, first_peak_g: null, first_min_A: null, first_min_g: null, reason });
  if (n < 3) return none('fewer than 3 bins');
  const dr = r_A[1] - r_A[0];
  const sigma = smoothing_A ?? 0.1;
  const gs = gaussianSmooth(g, sigma / dr);

  // First peak: first local max with g > 1 that dominates the next 0.5 Å.
  const look = Math.max(1, Math.round(0.5 / dr));
  let peak = -1;
  for (let k = 1; k < n - 1; k++) {
    if (gs[k] > 1 && gs[k] >= gs[k - 1] && gs[k] >= gs[k + 1]) {
      let dominates = true;
      for (let q = k + 1; q <= Math.min(n - 1, k + look); q++)
        if (gs[q] > gs[k]) {
          dominates = false;
          break;
        }
      if (dominates) {
        peak = k;
        break;
      }
    }
  }
  if (peak < 0) return none('g(r) never rises above 1 to a peak within r_max');
  const peakR = parabolicVertex(r_A, gs, peak);

  // First minimum: the running lowest point after the peak, once g rises above it by more than the
  // larger of the noise and a quarter of the dip's depth (capped at 1); a dip above max(1, ½ peak) is
  // a split inside the first shell and is walked through.
  let argmin = peak,
    runMin = gs[peak],
    found = false;
  for (let k = peak + 1; k < n; k++) {
    if (gs[k] < runMin) {
      runMin = gs[k];
      argmin = k;
      continue;
    }
    const noise = Math.max(0.02 * gs[peak], g_stderr ? 3 * g_stderr[argmin] : 0);
    const need = Math.max(noise, 0.1 * Math.min(gs[peak] - runMin, 1));
    if (gs[k] - runMin > need) {
      if (runMin <= Math.max(1, 0.5 * gs[peak])) {
        found = true;
        break;
      }
      runMin = gs[k];
      argmin = k; // split inside the first shell: keep walking
    }
  }
  const out: FirstShell = {
    first_peak_A: peakR.x,
    first_peak_g: peakR.y,
    first_min_A: null,
    first_min_g: null,
  };
  if (!found || argmin === peak || argmin >= n - 1) {
    out.reason = 'g(r) does not fall and rise again after the first peak before r_max';
    return out;
  }
  const mn = parabolicVertex(r_A, gs, argmin);
  out.first_min_A = mn.x;
  out.first_min_g = mn.y;
  return out;
}

/** Gaussian smoothing with σ in bins (reflecting at the ends). */
export function gaussianSmooth(y: ArrayLike<number>, sigmaBins: number): Float64Array {
  const n = y.length,
    out = new Float64Array(n);
  if (!(sigmaBins > 0)) {
    for (let i = 0; i < n; i++) out[i] = y[i];
    return out;
  }
  const half = Math.ceil(3 * sigmaBins);
  const w = new Float64Array(2 * half + 1);
  for (let k = -half; k <= half; k++) w[k + half] = Math.exp((-k * k) / (2 * sigmaBins * sigmaBins));
  for (let i = 0; i < n; i++) {
    let s = 0,
      ws = 0;
    for (let k = -half; k <= half; k++) {
      let j = i + k;
      if (j < 0) j = -j;
      if (j >= n) j = 2 * n - 2 - j;
      if (j < 0 || j >= n) continue;
      s += w[k + half] * y[j];
      ws += w[k + half];
    }
    out[i] = s / ws;
  }
  return out;
}

/** Vertex of the parabola through points k−1, k, k+1 (falls back to point k at the ends). */
function parabolicVertex(x: ArrayLike<number>, y: ArrayLike<number>, k: number): { x: number; y: number } {
  if (k <= 0 || k >= y.length - 1) return { x: x[k], y: y[k] };
  const y0 = y[k - 1],
    y1 = y[k],
    y2 = y[k + 1];
  const den = y0 - 2 * y1 + y2;
  if (den === 0) return { x: x[k], y: y1 };
  const t = Math.max(-0.5, Math.min(0.5, (0.5 * (y0 - y2)) / den));
  const dx = x[k + 1] - x[k];
  return { x: x[k] + t * dx, y: y1 - 0.25 * (y0 - y2) * t };
}
