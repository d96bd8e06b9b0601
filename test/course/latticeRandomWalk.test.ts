/** The lattice walker of notebooks/course/01 against its exact D = Γa²/6. */
import { describe, expect, it } from 'vitest';
import { latticeRandomWalk } from '../../src/course/index';
import { fitDiffusionCoefficient, meanSquaredDisplacement } from '../../src/transport/index';

describe('latticeRandomWalk', () => {
  it('hops of length a on the lattice, at rate p per frame', () => {
    const w = latticeRandomWalk({ nWalkers: 50, nFrames: 400, hopProbability: 0.2, a_A: 2.5, dt_fs: 100, seed: 3 });
    for (const x of w.positions) expect(Math.abs(x / 2.5 - Math.round(x / 2.5))).toBeLessThan(1e-12);
    // Binomial(50·399, 0.2): mean 3990, sd ≈ 56.5; 5 sd.
    expect(Math.abs(w.hops - 3990)).toBeLessThan(5 * 56.5);
    expect(w.D_exact_cm2_s).toBeCloseTo((((0.2 / 100) * 6.25) / 6) * 0.1, 15);
  });

  it('the fitted MSD slope gives the exact D within its statistical error', () => {
    const w = latticeRandomWalk({ nWalkers: 400, nFrames: 500, hopProbability: 0.3, a_A: 2, dt_fs: 10, seed: 7 });
    const msd = meanSquaredDisplacement(w.positions, w.nWalkers, w.nFrames, w.dt_fs);
    // At lag 1 frame the MSD is p·a² exactly in expectation (all-origins average of 400·499 hops-or-not).
    expect(msd.msd_A2[1]).toBeCloseTo(0.3 * 4, 1);
    const fit = fitDiffusionCoefficient(msd.t_fs, msd.msd_A2, [499, 3992]);
    // Relative error of D for 400 Brownian series over 10–80 % of the run: ≈ 0.35/√400 ≈ 2 %; allow 4 sd.
    expect(Math.abs(fit.D_cm2_s / w.D_exact_cm2_s - 1)).toBeLessThan(0.08);
  });

  it('is reproducible by seed and rejects bad input', () => {
    const o = { nWalkers: 3, nFrames: 20, hopProbability: 0.5, a_A: 1, dt_fs: 1, seed: 1 };
    expect(latticeRandomWalk(o).positions).toEqual(latticeRandomWalk(o).positions);
    expect(() => latticeRandomWalk({ ...o, hopProbability: 0 })).toThrow(/hop probability/);
    expect(() => latticeRandomWalk({ ...o, nFrames: 1 })).toThrow(/frames/);
  });
});
