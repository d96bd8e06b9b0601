/**
 * Fast Fourier transform (iterative radix-2 Cooley–Tukey) and the FFT autocorrelation.
 *
 * Autocorrelation over all time origins (Wiener–Khinchin): for a series x of length T,
 * S(m) = Σ_{t=0}^{T−1−m} x(t)·x(t+m) = IFFT(|FFT(x padded to ≥ 2T)|²)(m). O(T log T).
 * The direct windowed sum is the test oracle.
 */

/** Smallest power of two ≥ n. */
export function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p <<= 1;
  return p;
}

const twiddleCache = new Map<number, { cos: Float64Array; sin: Float64Array; rev: Uint32Array }>();

function plan(n: number) {
  let p = twiddleCache.get(n);
  if (p) return p;
  const cos = new Float64Array(n / 2), sin = new Float64Array(n / 2);
  for (let i = 0; i < n / 2; i++) { cos[i] = Math.cos((2 * Math.PI * i) / n); sin[i] = Math.sin((2 * Math.PI * i) / n); }
  const rev = new Uint32Array(n);
  const bits = Math.round(Math.log2(n));
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((i >>> b) & 1) << (bits - 1 - b);
    rev[i] = r;
  }
  p = { cos, sin, rev };
  twiddleCache.set(n, p);
  return p;
}

/**
 * In-place complex FFT of (re, im), length a power of two.
 * Forward: X(k) = Σ x(t) e^{−2πikt/n}. Inverse (inverse=true) includes the 1/n factor.
 */
export function fft(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  if (n !== im.length) throw new Error('fft: re and im lengths differ');
  if (n & (n - 1)) throw new Error(`fft: length ${n} is not a power of two`);
  if (n <= 1) return;
  const { cos, sin, rev } = plan(n);
  for (let i = 0; i < n; i++) {
    const j = rev[i];
    if (j > i) {
      let t = re[i]; re[i] = re[j]; re[j] = t;
      t = im[i]; im[i] = im[j]; im[j] = t;
    }
  }
  const sign = inverse ? 1 : -1;
  for (let size = 2; size <= n; size <<= 1) {
    const half = size >>> 1, step = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0, t = 0; k < half; k++, t += step) {
        const wr = cos[t], wi = sign * sin[t];
        const a = start + k, b = a + half;
        const xr = re[b] * wr - im[b] * wi;
        const xi = re[b] * wi + im[b] * wr;
        re[b] = re[a] - xr; im[b] = im[a] - xi;
        re[a] += xr; im[a] += xi;
      }
    }
  }
  if (inverse) for (let i = 0; i < n; i++) { re[i] /= n; im[i] /= n; }
}

/**
 * Unnormalised autocorrelation sums S(m) = Σ_{t=0}^{T−1−m} x(t)x(t+m) for m = 0..T−1,
 * by FFT. Add into `out` when `accumulate` is true (useful to sum over atoms and components).
 * `work` arrays (length ≥ nextPow2(2T)) may be passed to avoid reallocation.
 */
export function autocorrelationSums(
  x: ArrayLike<number>,
  out: Float64Array = new Float64Array(x.length),
  accumulate = false,
  work?: { re: Float64Array; im: Float64Array },
): Float64Array {
  const T = x.length;
  const n = nextPow2(2 * T);
  const re = work && work.re.length === n ? work.re : new Float64Array(n);
  const im = work && work.im.length === n ? work.im : new Float64Array(n);
  for (let i = 0; i < T; i++) { re[i] = x[i]; im[i] = 0; }
  for (let i = T; i < n; i++) { re[i] = 0; im[i] = 0; }
  fft(re, im);
  for (let i = 0; i < n; i++) { re[i] = re[i] * re[i] + im[i] * im[i]; im[i] = 0; }
  fft(re, im, true);
  if (accumulate) for (let m = 0; m < T; m++) out[m] += re[m];
  else for (let m = 0; m < T; m++) out[m] = re[m];
  return out;
}

/**
 * Cross-correlation sums C(m) = Σ_{t=0}^{T−1−m} x(t)y(t+m) for m = 0..T−1, by FFT.
 */
export function crossCorrelationSums(x: ArrayLike<number>, y: ArrayLike<number>, out: Float64Array = new Float64Array(x.length)): Float64Array {
  const T = x.length;
  if (y.length !== T) throw new Error('crossCorrelationSums: series lengths differ');
  const n = nextPow2(2 * T);
  const xr = new Float64Array(n), xi = new Float64Array(n), yr = new Float64Array(n), yi = new Float64Array(n);
  for (let i = 0; i < T; i++) { xr[i] = x[i]; yr[i] = y[i]; }
  fft(xr, xi); fft(yr, yi);
  // conj(X)·Y
  for (let i = 0; i < n; i++) {
    const r = xr[i] * yr[i] + xi[i] * yi[i];
    const im = xr[i] * yi[i] - xi[i] * yr[i];
    xr[i] = r; xi[i] = im;
  }
  fft(xr, xi, true);
  for (let m = 0; m < T; m++) out[m] = xr[m];
  return out;
}
