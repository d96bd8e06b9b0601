/**
 * Fast Fourier transform (iterative radix-2 Cooley–Tukey, stages fused in pairs) and the FFT
 * autocorrelation.
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

/**
 * Per-length plan: twiddles w = e^{−iπk/h} of the radix-2 stage that merges blocks of h into 2h,
 * stored at [h, 2h) (contiguous per stage), and the bit-reversal swaps.
 */
interface FftPlan {
  twRe: Float64Array;
  twIm: Float64Array;
  swaps: Uint32Array;
}
const planCache = new Map<number, FftPlan>();

function plan(n: number): FftPlan {
  let p = planCache.get(n);
  if (p) return p;
  const twRe = new Float64Array(n),
    twIm = new Float64Array(n);
  for (let h = 1; h < n; h <<= 1) {
    for (let k = 0; k < h; k++) {
      const a = (-Math.PI * k) / h;
      twRe[h + k] = Math.cos(a);
      twIm[h + k] = Math.sin(a);
    }
  }
  const bits = Math.round(Math.log2(n));
  const swaps: number[] = [];
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((i >>> b) & 1) << (bits - 1 - b);
    if (r > i) swaps.push(i, r);
  }
  p = { twRe, twIm, swaps: Uint32Array.from(swaps) };
  planCache.set(n, p);
  return p;
}

/**
 * In-place complex FFT of (re, im), length a power of two.
 * Forward: X(k) = Σ x(t) e^{−2πikt/n}. Inverse (inverse=true) includes the 1/n factor.
 * Iterative radix-2 decimation in time with the stages fused in pairs (radix-2², one pass over
 * the data per two stages); the inverse is conj(FFT(conj(x)))/n.
 */
export function fft(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  if (n !== im.length) throw new Error('fft: re and im lengths differ');
  if (n & (n - 1)) throw new Error(`fft: length ${n} is not a power of two`);
  if (n <= 1) return;
  if (inverse) for (let i = 0; i < n; i++) im[i] = -im[i];
  const { twRe, twIm, swaps } = plan(n);
  for (let s = 0; s < swaps.length; s += 2) {
    const i = swaps[s],
      j = swaps[s + 1];
    let t = re[i];
    re[i] = re[j];
    re[j] = t;
    t = im[i];
    im[i] = im[j];
    im[j] = t;
  }
  let h = 1;
  if (n >= 4) {
    // Stages h = 1 and 2 together: twiddles 1 and −i, no multiplications.
    for (let a = 0; a < n; a += 4) {
      const r0 = re[a],
        i0 = im[a],
        r1 = re[a + 1],
        i1 = im[a + 1],
        r2 = re[a + 2],
        i2 = im[a + 2],
        r3 = re[a + 3],
        i3 = im[a + 3];
      const ar = r0 + r1,
        ai = i0 + i1,
        br = r0 - r1,
        bi = i0 - i1,
        cr = r2 + r3,
        ci = i2 + i3,
        dr = r2 - r3,
        di = i2 - i3;
      re[a] = ar + cr;
      im[a] = ai + ci;
      re[a + 2] = ar - cr;
      im[a + 2] = ai - ci;
      re[a + 1] = br + di;
      im[a + 1] = bi - dr;
      re[a + 3] = br - di;
      im[a + 3] = bi + dr;
    }
    h = 4;
  }
  // Stages h and 2h together: blocks of 4h, twiddles w1 = W_{2h}^k, w2 = W_{4h}^k, W_{4h}^{k+h} = −i·w2.
  for (; 4 * h <= n; h <<= 2) {
    const size = 4 * h;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < h; k++) {
        const w1r = twRe[h + k],
          w1i = twIm[h + k],
          w2r = twRe[2 * h + k],
          w2i = twIm[2 * h + k];
        const a0 = start + k,
          a1 = a0 + h,
          a2 = a1 + h,
          a3 = a2 + h;
        let xr = re[a1] * w1r - im[a1] * w1i,
          xi = re[a1] * w1i + im[a1] * w1r;
        const p0r = re[a0] + xr,
          p0i = im[a0] + xi,
          p1r = re[a0] - xr,
          p1i = im[a0] - xi;
        xr = re[a3] * w1r - im[a3] * w1i;
        xi = re[a3] * w1i + im[a3] * w1r;
        const p2r = re[a2] + xr,
          p2i = im[a2] + xi,
          p3r = re[a2] - xr,
          p3i = im[a2] - xi;
        xr = p2r * w2r - p2i * w2i;
        xi = p2r * w2i + p2i * w2r;
        re[a0] = p0r + xr;
        im[a0] = p0i + xi;
        re[a2] = p0r - xr;
        im[a2] = p0i - xi;
        const yr = p3r * w2r - p3i * w2i,
          yi = p3r * w2i + p3i * w2r;
        re[a1] = p1r + yi;
        im[a1] = p1i - yr;
        re[a3] = p1r - yi;
        im[a3] = p1i + yr;
      }
    }
  }
  if (h < n) {
    // One radix-2 stage left (n = 2 or log2 n odd).
    for (let k = 0; k < h; k++) {
      const wr = twRe[h + k],
        wi = twIm[h + k],
        b = k + h;
      const xr = re[b] * wr - im[b] * wi,
        xi = re[b] * wi + im[b] * wr;
      const ar = re[k],
        ai = im[k];
      re[b] = ar - xr;
      im[b] = ai - xi;
      re[k] = ar + xr;
      im[k] = ai + xi;
    }
  }
  if (inverse) {
    const s = 1 / n;
    for (let i = 0; i < n; i++) {
      re[i] *= s;
      im[i] *= -s;
    }
  }
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
  for (let i = 0; i < T; i++) {
    re[i] = x[i];
    im[i] = 0;
  }
  for (let i = T; i < n; i++) {
    re[i] = 0;
    im[i] = 0;
  }
  fft(re, im);
  for (let i = 0; i < n; i++) {
    re[i] = re[i] * re[i] + im[i] * im[i];
    im[i] = 0;
  }
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
  const xr = new Float64Array(n),
    xi = new Float64Array(n),
    yr = new Float64Array(n),
    yi = new Float64Array(n);
  for (let i = 0; i < T; i++) {
    xr[i] = x[i];
    yr[i] = y[i];
  }
  fft(xr, xi);
  fft(yr, yi);
  // conj(X)·Y
  for (let i = 0; i < n; i++) {
    const r = xr[i] * yr[i] + xi[i] * yi[i];
    const im = xr[i] * yi[i] - xi[i] * yr[i];
    xr[i] = r;
    xi[i] = im;
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
 * The one helper for this: the MSD (src/transport) and the vector autocorrelations (src/dynamics) use it.
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
  constructor(
    readonly T: number,
    readonly maxLag: number = T - 1,
  ) {
    if (!(T >= 1) || !(maxLag >= 0) || maxLag > T - 1)
      throw new Error(`RealAutocorrelation: need T ≥ 1 and 0 ≤ maxLag < T (T = ${T}, maxLag = ${maxLag})`);
    this.n = Math.max(2, nextPow2(T + maxLag));
    this.half = this.n / 2 + 1;
    this.re = new Float64Array(this.n);
    this.im = new Float64Array(this.n);
  }

  /** A zeroed half power spectrum to accumulate into. */
  spectrum(): Float64Array {
    return new Float64Array(this.half);
  }

  /**
   * Forward-transform real series a and b (b may be null) in one complex FFT and ADD their power
   * spectra |FFT|² (k = 0..n/2): pooled into `pooled` (|A|² + |B|²) and/or separately into
   * `powA` / `powB`. Any target may be null.
   */
  addPowerSpectra(
    a: ArrayLike<number>,
    b: ArrayLike<number> | null,
    pooled: Float64Array | null,
    powA: Float64Array | null = null,
    powB: Float64Array | null = null,
  ): void {
    const { re, im, n, T } = this;
    if (a.length !== T || (b && b.length !== T))
      throw new Error(`RealAutocorrelation: series length ${b && b.length !== T ? b.length : a.length}, expected ${T}`);
    for (let t = 0; t < T; t++) re[t] = a[t];
    if (b) for (let t = 0; t < T; t++) im[t] = b[t];
    else im.fill(0, 0, T);
    re.fill(0, T);
    im.fill(0, T);
    fft(re, im);
    const h = this.half;
    for (let k = 0; k < h; k++) {
      const j = (n - k) & (n - 1);
      const zr = re[k],
        zi = im[k],
        wr = re[j],
        wi = im[j];
      if (pooled) pooled[k] += 0.5 * (zr * zr + zi * zi + wr * wr + wi * wi);
      if (powA) {
        const x = zr + wr,
          y = zi - wi;
        powA[k] += 0.25 * (x * x + y * y);
      }
      if (powB) {
        const x = zi + wi,
          y = zr - wr;
        powB[k] += 0.25 * (x * x + y * y);
      }
    }
  }

  /**
   * Autocorrelation sums from half power spectra: outP(m) = IFFT(P)(m), m = 0..maxLag, and the
   * same for Q (may be null) in the same inverse FFT. `out*` need length ≥ maxLag + 1.
   */
  sumsFromPower(P: Float64Array, Q: Float64Array | null, outP: Float64Array, outQ: Float64Array | null = null): void {
    const { re, im, n, half } = this;
    for (let k = 0; k < half; k++) {
      re[k] = P[k];
      im[k] = Q ? Q[k] : 0;
    }
    for (let k = half; k < n; k++) {
      re[k] = re[n - k];
      im[k] = im[n - k];
    }
    fft(re, im, true);
    const L = this.maxLag;
    for (let m = 0; m <= L; m++) outP[m] = re[m];
    if (outQ) for (let m = 0; m <= L; m++) outQ[m] = im[m];
  }
}
