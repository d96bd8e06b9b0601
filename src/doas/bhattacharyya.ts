/**
 * Overlap of two distributions: the Bhattacharyya coefficient BC = Σ_k √(p_k q_k) of two normalised
 * histograms on the same bins (1 = identical, 0 = disjoint), used to quantify how much the energy
 * distributions of two classes of mobile-ion states overlap (Wang 2023: overlapping DOAS of different
 * site types = frustration). For two Gaussians the exact value is
 * BC = √(2σ₁σ₂/(σ₁²+σ₂²)) · exp(−(μ₁−μ₂)²/(4(σ₁²+σ₂²))), our test oracle.
 */

/** Bhattacharyya coefficient of two histograms (any non-negative weights; each is normalised to sum 1). */
export function bhattacharyyaCoefficient(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) throw new Error(`bhattacharyyaCoefficient: histograms have ${p.length} and ${q.length} bins`);
  let sp = 0,
    sq = 0;
  for (let k = 0; k < p.length; k++) {
    if (p[k] < 0 || q[k] < 0) throw new Error('bhattacharyyaCoefficient: negative histogram weight');
    sp += p[k];
    sq += q[k];
  }
  if (!(sp > 0) || !(sq > 0)) throw new Error('bhattacharyyaCoefficient: an empty histogram has no overlap defined');
  let bc = 0;
  for (let k = 0; k < p.length; k++) bc += Math.sqrt((p[k] / sp) * (q[k] / sq));
  return bc;
}

/** Exact Bhattacharyya coefficient of two normal distributions N(μ₁, σ₁²) and N(μ₂, σ₂²). */
export function gaussianBhattacharyya(mu1: number, sigma1: number, mu2: number, sigma2: number): number {
  const s = sigma1 * sigma1 + sigma2 * sigma2;
  return Math.sqrt((2 * sigma1 * sigma2) / s) * Math.exp(-((mu1 - mu2) ** 2) / (4 * s));
}
