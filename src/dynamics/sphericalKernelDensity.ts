/**
 * Smoothed density of unit vectors on the sphere (used for the orientation states of Wood 2021 Fig. 5).
 *
 * Kernel: von Mises–Fisher with concentration κ = 1/σ² (σ = bandwidth in radians; for small angles the
 * kernel is a 2-D Gaussian of standard deviation σ on the tangent plane):
 *   K_κ(x·u) = κ / (2π (1 − e^{−2κ})) · exp(κ (x·u − 1)),   ∫ K_κ dΩ = 1,
 * so f(x) = (1/N) Σ_s K_κ(x·u_s) is a probability per steradian (isotropic: 1/(4π)).
 * Evaluation points: a Fibonacci (golden-spiral) lattice of M points, each holding the same solid angle
 * 4π/M (equal-area), spacing ≈ √(4π/M).
 * The samples are first pooled into ~0.8° equal-area (cos θ × φ) cells and represented by their mean
 * direction and count; that moves no sample by more than ~0.6°, far below the bandwidth, and bounds the
 * cost by the number of occupied cells instead of the number of samples. The kernel is cut at 5σ
 * (weight e^{−12.5} ≈ 4·10⁻⁶ of the peak).
 */

/** Directions pooled into equal-area cells: mean unit vector and number of samples per occupied cell. */
export interface PooledDirections {
  /** Mean unit vector of each occupied cell, [3·k]. */
  vectors: Float64Array;
  /** Samples per occupied cell. */
  weights: Float64Array;
  /** Total number of samples. */
  total: number;
}

const POOL_Z = 160,
  POOL_PHI = 320;

/** Pool `n` unit vectors (`u[3s..3s+2]`) into ~0.8° equal-area cells (see the file header). */
export function poolDirections(u: ArrayLike<number>, n: number): PooledDirections {
  const sum = new Float64Array(3 * POOL_Z * POOL_PHI),
    cnt = new Float64Array(POOL_Z * POOL_PHI);
  for (let s = 0; s < n; s++) {
    const x = u[3 * s],
      y = u[3 * s + 1],
      z = u[3 * s + 2];
    const iz = Math.min(POOL_Z - 1, Math.max(0, Math.floor(((z + 1) / 2) * POOL_Z)));
    const ip = Math.min(POOL_PHI - 1, Math.max(0, Math.floor(((Math.atan2(y, x) + Math.PI) / (2 * Math.PI)) * POOL_PHI)));
    const c = iz * POOL_PHI + ip;
    cnt[c]++;
    sum[3 * c] += x;
    sum[3 * c + 1] += y;
    sum[3 * c + 2] += z;
  }
  let k = 0;
  for (let c = 0; c < cnt.length; c++) if (cnt[c] > 0) k++;
  const vectors = new Float64Array(3 * k),
    weights = new Float64Array(k);
  k = 0;
  for (let c = 0; c < cnt.length; c++) {
    if (cnt[c] === 0) continue;
    const L = Math.hypot(sum[3 * c], sum[3 * c + 1], sum[3 * c + 2]);
    vectors[3 * k] = sum[3 * c] / L;
    vectors[3 * k + 1] = sum[3 * c + 1] / L;
    vectors[3 * k + 2] = sum[3 * c + 2] / L;
    weights[k++] = cnt[c];
  }
  return { vectors, weights, total: n };
}

/** M points of the Fibonacci lattice on the unit sphere, [3·i] (equal solid angle 4π/M each). */
export function fibonacciSphere(M: number): Float64Array {
  const g = new Float64Array(3 * M);
  const golden = Math.PI * (3 - Math.sqrt(5));
  for (let i = 0; i < M; i++) {
    const z = 1 - (2 * i + 1) / M,
      r = Math.sqrt(Math.max(0, 1 - z * z)),
      p = golden * i;
    g[3 * i] = r * Math.cos(p);
    g[3 * i + 1] = r * Math.sin(p);
    g[3 * i + 2] = z;
  }
  return g;
}

/** Concentration κ = 1/σ² of the von Mises–Fisher kernel of bandwidth σ (degrees). */
export function vmfConcentration(bandwidth_deg: number): number {
  const s = (bandwidth_deg * Math.PI) / 180;
  return 1 / (s * s);
}

/** Normalisation C of K_κ(t) = C exp(κ(t − 1)). */
function vmfNorm(kappa: number): number {
  return kappa / (2 * Math.PI * -Math.expm1(-2 * kappa));
}

/** K_κ(t) = C exp(κ(t − 1)) for t = x·u (per steradian). */
export function vmfKernel(t: number, kappa: number): number {
  return vmfNorm(kappa) * Math.exp(kappa * (t - 1));
}

/**
 * Kernel density (per steradian) of the pooled directions at each of the `points` ([3·i] unit vectors),
 * von Mises–Fisher kernel of concentration κ, cut at 5σ.
 */
export function vmfKernelDensity(pooled: PooledDirections, points: Float64Array, kappa: number): Float64Array {
  const M = points.length / 3,
    K = pooled.weights.length;
  const f = new Float64Array(M);
  const tMin = Math.cos(Math.min(Math.PI, 5 / Math.sqrt(kappa)));
  const v = pooled.vectors,
    w = pooled.weights;
  for (let i = 0; i < M; i++) {
    const x = points[3 * i],
      y = points[3 * i + 1],
      z = points[3 * i + 2];
    let s = 0;
    for (let k = 0; k < K; k++) {
      const t = x * v[3 * k] + y * v[3 * k + 1] + z * v[3 * k + 2];
      if (t > tMin) s += w[k] * Math.exp(kappa * (t - 1));
    }
    f[i] = s;
  }
  const c = vmfNorm(kappa) / pooled.total;
  for (let i = 0; i < M; i++) f[i] *= c;
  return f;
}

/**
 * Mean-shift to the nearest mode of the kernel density, starting from unit vector `start`:
 * c ← normalise(Σ_k w_k K_κ(c·u_k) u_k) until the step is below 1e-9 rad (at most 100 steps).
 */
export function vmfMode(pooled: PooledDirections, start: ArrayLike<number>, kappa: number): [number, number, number] {
  let cx = start[0],
    cy = start[1],
    cz = start[2];
  const v = pooled.vectors,
    w = pooled.weights,
    K = w.length;
  const tMin = Math.cos(Math.min(Math.PI, 5 / Math.sqrt(kappa)));
  for (let it = 0; it < 100; it++) {
    let sx = 0,
      sy = 0,
      sz = 0;
    for (let k = 0; k < K; k++) {
      const t = cx * v[3 * k] + cy * v[3 * k + 1] + cz * v[3 * k + 2];
      if (t <= tMin) continue;
      const e = w[k] * Math.exp(kappa * (t - 1));
      sx += e * v[3 * k];
      sy += e * v[3 * k + 1];
      sz += e * v[3 * k + 2];
    }
    const L = Math.hypot(sx, sy, sz);
    if (!(L > 0)) break;
    sx /= L;
    sy /= L;
    sz /= L;
    const dot = Math.min(1, sx * cx + sy * cy + sz * cz);
    cx = sx;
    cy = sy;
    cz = sz;
    if (Math.acos(dot) < 1e-9) break;
  }
  return [cx, cy, cz];
}
