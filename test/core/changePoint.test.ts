import { describe, expect, it } from 'vitest';
import { twoSegmentLinearFit } from '../../src/core/changePoint';
import { InputError } from '../../src/core/errors';
import { Random } from '../../src/core/random';

describe('twoSegmentLinearFit (mean sublattice energy vs T, Wang 2023 S7)', () => {
  it('finds a known kink: slope 1 below x = 5, slope 3 above, noise 0.05', () => {
    const rng = new Random(7);
    const x = Array.from({ length: 10 }, (_, i) => i + 1);
    const y = x.map((v) => (v <= 5 ? v : 5 + 3 * (v - 5)) + 0.05 * rng.normal());
    const r = twoSegmentLinearFit(x, y, { nSimulations: 2000 });
    expect(r.significant).toBe(true);
    expect(r.x_change!).toBeGreaterThan(4.5);
    expect(r.x_change!).toBeLessThan(5.5);
    expect(r.lower.slope).toBeCloseTo(1, 0);
    expect(r.upper.slope).toBeCloseTo(3, 0);
    expect(r.p_value).toBeLessThan(0.01);
  });
  it('straight lines with Gaussian noise rarely give a change (≤ 3 of 40 at α = 0.01)', () => {
    let hits = 0;
    for (let s = 0; s < 40; s++) {
      const rng = new Random(100 + s);
      const x = Array.from({ length: 8 }, (_, i) => 200 + 50 * i);
      const y = x.map((v) => -3 + 1e-4 * v + 0.01 * rng.normal());
      const r = twoSegmentLinearFit(x, y, { nSimulations: 500, seed: s + 1 });
      if (r.significant) hits++;
      else expect(r.x_change).toBeNull();
    }
    expect(hits).toBeLessThanOrEqual(3);
  });
  it('refuses too few points and non-finite values with a clear error', () => {
    expect(() => twoSegmentLinearFit([1, 2, 3, 4, 5], [1, 2, 3, 4, 5])).toThrow(InputError);
    expect(() => twoSegmentLinearFit([1, 2, 3, 4, 5, 6], [1, 2, NaN, 4, 5, 6])).toThrow(/not finite/);
  });
});
