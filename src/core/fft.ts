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

/**
 * Autocorrelation sums of many real series at the FFT cost of half as many complex transforms.
 *
 * Two real series a, b (zero-padded to n ≥ T + maxLag, so lags ≤ maxLag do not wrap) go through
 * ONE complex FFT Z = FFT(a + i·b); since A, B are Hermitian,
 *   A_k = (Z_k + conj Z_{n−k})/2,   B_k = (Z_k − conj Z_{n−k})/(2i),
 *   |A_k|² + |B_k|² = (|Z_k|² + |Z_{n−k}|²)/2.
 * Power spectra are real and even, so only k = 0..n/2 is stored, and sums of them (pooled over
 * series that are averaged anyway, e.g. the ions of one species) need ONE inverse FFT; two pooled
 * spectra P, Q invert together as IFFT(P + i·Q) = p + i·q (Wiener–Khinchin: p(m) = Σ_t a(t)a(t+m)).
 * The same idea as src/dynamics/vectorAutocorrelation.ts, shared here as one helper.
 */
export class RealAutocorrelation {
  /** Padded FFT length (power of two ≥ T + maxLag). */
  readonly n: number;
  /** Length of a half power spectrum (n/2 + 1). */
  readonly half: number;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  /**
   * @param T length of every series
   * @param maxLag largest lag wanted (default T − 1)
   */
  constructor(readonly T: number, readonly maxLag: number = T - 1) {
    if (!(T >= 1) || !(maxLag >= 0) || maxLag > T - 1) throw new Error(`RealAutocorrelation: need T ≥ 1 and 0 ≤ maxLag < T (T = ${T}, maxLag = ${maxLag})`);
    this.n = Math.max(2, nextPow2(T + maxLag));
    this.half = this.n / 2 + 1;
    this.re = new Float64Array(this.n);
    this.im = new Float64Array(this.n);
  }

  /** A zeroed half power spectrum to accumulate into. */
  spectrum(): Float64Array { return new Float64Array(this.half); }

  /**
   * Forward-transform real series a and b (b may be null) in one complex FFT and ADD their power
   * spectra |FFT|² (k = 0..n/2): pooled into `pooled` (|A|² + |B|²) and/or separately into
   * `powA` / `powB`. Any target may be null.
   */
  addPowerSpectra(
    a: ArrayLike<number>, b: ArrayLike<number> | null,
    pooled: Float64Array | null, powA: Float64Array | null = null, powB: Float64Array | null = null,
  ): void {
    const { re, im, n, T } = this;
    if (a.length !== T || (b && b.length !== T)) throw new Error(`RealAutocorrelation: series length ${b && b.length !== T ? b.length : a.length}, expected ${T}`);
    for (let t = 0; t < T; t++) re[t] = a[t];
    if (b) for (let t = 0; t < T; t++) im[t] = b[t];
    else im.fill(0, 0, T);
    re.fill(0, T); im.fill(0, T);
    fft(re, im);
    const h = this.half;
    for (let k = 0; k < h; k++) {
      const j = (n - k) & (n - 1);
      const zr = re[k], zi = im[k], wr = re[j], wi = im[j];
      if (pooled) pooled[k] += 0.5 * (zr * zr + zi * zi + wr * wr + wi * wi);
      if (powA) { const x = zr + wr, y = zi - wi; powA[k] += 0.25 * (x * x + y * y); }
      if (powB) { const x = zi + wi, y = zr - wr; powB[k] += 0.25 * (x * x + y * y); }
    }
  }

  /**
   * Autocorrelation sums from half power spectra: outP(m) = IFFT(P)(m), m = 0..maxLag, and the
   * same for Q (may be null) in the same inverse FFT. `out*` need length ≥ maxLag + 1.
   */
  sumsFromPower(P: Float64Array, Q: Float64Array | null, outP: Float64Array, outQ: Float64Array | null = null): void {
    const { re, im, n, half } = this;
    for (let k = 0; k < half; k++) { re[k] = P[k]; im[k] = Q ? Q[k] : 0; }
    for (let k = half; k < n; k++) { re[k] = re[n - k]; im[k] = im[n - k]; }
    fft(re, im, true);
    const L = this.maxLag;
    for (let m = 0; m <= L; m++) outP[m] = re[m];
    if (outQ) for (let m = 0; m <= L; m++) outQ[m] = im[m];
  }
}
