/**
 * Fisher–Snedecor F distribution via the regularized incomplete beta function.
 *
 *   I_x(a, b) = B(x; a, b) / B(a, b)
 *   P(F ≤ f | d1, d2) = I_{d1 f/(d1 f + d2)}(d1/2, d2/2)
 *   P(F > f | d1, d2) = I_{d2/(d2 + d1 f)}(d2/2, d1/2)      (the p-value of an F test)
 *
 * I_x(a, b) is evaluated by its continued fraction (modified Lentz's method), using the symmetry
 * I_x(a, b) = 1 − I_{1−x}(b, a) so the fraction is evaluated where it converges fast
 * (x < (a+1)/(a+b+2)); the prefactor x^a (1−x)^b / (a B(a, b)) uses ln Γ from the Lanczos
 * approximation (g = 7, 9 terms; relative error ~1e-15). Same algorithm as Numerical Recipes §6.4,
 * written independently here. Relative accuracy ~1e-12 for the moderate a, b of regression tests.
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos approximation, with the reflection formula below 0.5). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma: x must be positive, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < 9; i++) s += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/** Continued fraction of the incomplete beta (modified Lentz); converges for x < (a+1)/(a+b+2). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const TINY = 1e-300,
    EPS = 1e-15,
    MAX_ITER = 10000;
  const qab = a + b,
    qap = a + 1,
    qam = a - 1;
  let c = 1,
    d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITER; m++) {
    const m2 = 2 * m;
    // even step: d_{2m} = m (b − m) x / ((a + 2m − 1)(a + 2m))
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    // odd step: d_{2m+1} = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1))
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) return h;
  }
  throw new Error(`incomplete beta: continued fraction did not converge (x = ${x}, a = ${a}, b = ${b})`);
}

/** Regularized incomplete beta I_x(a, b) for 0 ≤ x ≤ 1, a, b > 0. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) throw new RangeError(`incomplete beta: a and b must be positive, got a = ${a}, b = ${b}`);
  if (!(x >= 0 && x <= 1)) throw new RangeError(`incomplete beta: x must lie in [0, 1], got ${x}`);
  if (x === 0) return 0;
  if (x === 1) return 1;
  const lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  const front = Math.exp(lnFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

function checkDf(d1: number, d2: number): void {
  if (!(d1 > 0) || !(d2 > 0)) throw new RangeError(`F distribution: degrees of freedom must be positive, got ${d1}, ${d2}`);
}

/** P(F ≤ f) for the F distribution with (d1, d2) degrees of freedom. */
export function fDistributionCdf(f: number, d1: number, d2: number): number {
  checkDf(d1, d2);
  if (Number.isNaN(f)) throw new RangeError('F distribution: f is NaN');
  if (f <= 0) return 0;
  if (f === Infinity) return 1;
  return regularizedIncompleteBeta((d1 * f) / (d1 * f + d2), d1 / 2, d2 / 2);
}

/** P(F > f) (survival function; the p-value of an observed F) with (d1, d2) degrees of freedom. */
export function fDistributionSf(f: number, d1: number, d2: number): number {
  checkDf(d1, d2);
  if (Number.isNaN(f)) throw new RangeError('F distribution: f is NaN');
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  // 1 − I_{d1 f/(d1 f + d2)}(d1/2, d2/2) = I_{d2/(d2 + d1 f)}(d2/2, d1/2), without cancellation.
  return regularizedIncompleteBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
}
