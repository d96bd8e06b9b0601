// Block errors of a coordination-number distribution (Wood 2021 Fig. 4b), against hand-worked and direct cases.
import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { InputError } from '../../src/core/errors';
import { Random } from '../../src/core/random';
import { topologyFromSymbols } from '../../src/core/topology';
import { CoordinationNumbers } from '../../src/structure/coordination';
import { coordinationBlockErrors } from '../../src/structure/coordinationBlockErrors';
import { frame } from './helpers';

describe('coordination block errors', () => {
  it('hand-worked: two blocks with CN 5 and CN 7 give mean 6 ± 1, width 1 with block widths 0', () => {
    // 4 frames, 2 centres each; blocks {0,1}: all CN 5; {2,3}: all CN 7
    const h5 = [0, 0, 0, 0, 0, 2],
      h7 = [0, 0, 0, 0, 0, 0, 0, 2];
    const r = coordinationBlockErrors([h5, h5, h7, h7], 2);
    expect(r.mean).toBe(6);
    expect(r.mean_stderr!).toBeCloseTo(1, 14); // block means 5, 7: std √2, /√2
    expect(r.std).toBeCloseTo(1, 14); // pooled: half 5, half 7
    expect(r.std_stderr).toBe(0); // each block has width 0
    expect(r.probability[5]).toBe(0.5);
    expect(r.probability[7]).toBe(0.5);
    expect(r.probability_stderr[5]!).toBeCloseTo(0.5, 14); // block values 1, 0
    expect(r.probability_stderr[6]).toBe(0);
    expect(r.blocks).toBe(2);
    expect(r.frames_per_block).toBe(2);
  });

  it('a stationary random series: errors match the spread of means over independent repeats (±30 %)', () => {
    // CN ~ Binomial(12, 0.5) per sample, independent: the block error of the mean should estimate
    // std(mean) = √(12·0.25 / N) for N samples.
    const rng = new Random(4);
    const nF = 400,
      nC = 10,
      binom = () => {
        let k = 0;
        for (let i = 0; i < 12; i++) if (rng.uniform() < 0.5) k++;
        return k;
      };
    const errs: number[] = [],
      means: number[] = [];
    for (let rep = 0; rep < 60; rep++) {
      const frames = Array.from({ length: nF }, () => {
        const h = new Array(13).fill(0);
        for (let c = 0; c < nC; c++) h[binom()]++;
        return h;
      });
      const r = coordinationBlockErrors(frames, 10);
      errs.push(r.mean_stderr!);
      means.push(r.mean);
    }
    const expected = Math.sqrt(3 / (nF * nC));
    const meanErr = errs.reduce((a, b) => a + b, 0) / errs.length;
    const m = means.reduce((a, b) => a + b, 0) / means.length;
    const spread = Math.sqrt(means.reduce((a, b) => a + (b - m) ** 2, 0) / (means.length - 1));
    expect(meanErr / expected).toBeGreaterThan(0.85);
    expect(meanErr / expected).toBeLessThan(1.15);
    expect(spread / expected).toBeGreaterThan(0.7);
    expect(spread / expected).toBeLessThan(1.3);
    expect(m).toBeCloseTo(6, 1);
  });

  it("from CoordinationNumbers: central values equal the accumulator's, per-frame histograms are the direct counts", () => {
    const rng = new Random(12);
    const cell = Cell.orthorhombic(12, 12, 12);
    const sym = [...Array(10).fill('Cl'), ...Array(40).fill('Li')];
    const top = topologyFromSymbols(sym);
    const acc = new CoordinationNumbers({ centre: 'Cl', neighbor: 'Li', cutoff_A: 3.2 });
    const direct: number[][] = [];
    for (let f = 0; f < 6; f++) {
      const p = cell.toCartesian(Float64Array.from({ length: 3 * sym.length }, () => rng.uniform()));
      acc.addFrame(frame(p, cell, f), top);
      const h: number[] = [];
      for (let c = 0; c < 10; c++) {
        let n = 0;
        for (let j = 10; j < 50; j++) if (cell.distance(p, c, p, j) <= 3.2) n++;
        while (h.length <= n) h.push(0);
        h[n]++;
      }
      direct.push(h);
    }
    const res = acc.result();
    expect(res.per_frame_histogram).toEqual(direct);
    const r = coordinationBlockErrors(res, 3);
    expect(r.mean).toBeCloseTo(res.mean, 12);
    expect(r.std).toBeCloseTo(res.std, 12);
    r.probability.forEach((p, k) => expect(p).toBeCloseTo(res.histogram.probability[k] ?? 0, 12));
    expect(r.mean_stderr).not.toBeNull();
  });

  it('bad input: no frames, bad block count, negative counts', () => {
    expect(() => coordinationBlockErrors([])).toThrow(InputError);
    expect(() => coordinationBlockErrors([[1, 2]], 0)).toThrow(/block count/);
    expect(() => coordinationBlockErrors([[1, -2]])).toThrow(/≥ 0/);
    expect(() => coordinationBlockErrors([[0, 0]])).toThrow(/no samples/);
    expect(coordinationBlockErrors([[0, 3]], 5).mean_stderr).toBeNull(); // one frame: one block
  });
});
