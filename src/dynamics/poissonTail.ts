/**
 * Upper tail of the Poisson distribution, P(X ≥ k; λ) = Σ_{j≥k} e^{−λ} λ^j / j!, accurate for tails far
 * below machine epsilon (used for the significance of orientation states against isotropic orientations).
 * For k > λ the tail is summed upwards from p_k = exp(−λ + k ln λ − ln k!) (terms fall geometrically);
 * otherwise 1 − Σ_{j<k} p_j. ln k! is summed exactly below k = 256 and from Stirling's series above
 * (relative error < 1e-15).
 */

/** ln k! for integer k ≥ 0. */
export function lnFactorial(k: number): number {
  if (k < 256) {
    let s = 0;
    for (let j = 2; j <= k; j++) s += Math.log(j);
    return s;
  }
  const n = k + 1; // ln Γ(n), Stirling series
  return (n - 0.5) * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * n) - 1 / (360 * n ** 3) + 1 / (1260 * n ** 5);
}

/** P(X ≥ k) for X ~ Poisson(λ), integer k, λ ≥ 0. */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  if (k > lambda) {
    let term = Math.exp(-lambda + k * Math.log(lambda) - lnFactorial(k)),
      sum = 0;
    for (let j = k; term > sum * 1e-17 && j < k + 100000; j++) {
      sum += term;
      term *= lambda / (j + 1);
    }
    return Math.min(1, sum);
  }
  let term = Math.exp(-lambda),
    below = 0;
  for (let j = 0; j < k; j++) {
    below += term;
    term *= lambda / (j + 1);
  }
  return Math.max(0, 1 - below);
}
