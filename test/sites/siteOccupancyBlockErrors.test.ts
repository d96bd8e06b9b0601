/** Block errors of P1, P2 and S̃ against hand-computed blocks and a constant series. */
import { describe, expect, it } from 'vitest';
import * as si from '../../src/index';
import { configurationalEntropy } from '../../src/sites/configurationalEntropy';
import { siteOccupancyBlockErrors } from '../../src/sites/siteOccupancyBlockErrors';

const result = (series: number[][], sites: number[]) => ({
  nFrames: series[0].length,
  typeSeries: series.map((s) => Float64Array.from(s)),
  types: sites.map((N, i) => ({ name: `t${i}`, sites: N })) as any,
});

describe('siteOccupancyBlockErrors', () => {
  it('is exported as si.siteOccupancyBlockErrors', () => {
    expect(si.siteOccupancyBlockErrors).toBe(siteOccupancyBlockErrors);
  });

  it('a constant series has zero error and every block has the whole-run S̃', () => {
    const r = siteOccupancyBlockErrors(
      result(
        [
          [2, 2, 2, 2, 2, 2],
          [6, 6, 6, 6, 6, 6],
        ],
        [8, 24],
      ),
      3,
    );
    expect(r.nBlocks).toBe(3);
    expect(r.blockFrames).toBe(2);
    for (const t of r.types) {
      expect(t.P1_stderr).toBe(0);
      expect(t.P2_stderr).toBe(0);
    }
    expect(r.entropy_stderr_kB).toBeCloseTo(0, 12);
    for (const s of r.entropyBlocks_kB) expect(s).toBeCloseTo(configurationalEntropy([2 / 8, 6 / 24], [8, 24], 8), 12);
  });

  it('two blocks by hand: P1 = 0.2 and 0.4 on type 0 give stderr 0.1; S̃ from each block', () => {
    // 10 cations; block 1: 2 on t0, 8 on t1; block 2: 4 on t0, 6 on t1 (frames within a block equal).
    const r = siteOccupancyBlockErrors(
      result(
        [
          [2, 2, 4, 4],
          [8, 8, 6, 6],
        ],
        [10, 40],
      ),
      2,
    );
    expect(r.types[0].P1_stderr).toBeCloseTo(0.1, 12); // std([0.2, 0.4]) / √2 = 0.1414/1.414
    expect(r.types[1].P1_stderr).toBeCloseTo(0.1, 12);
    expect(r.types[0].P2_stderr).toBeCloseTo(0.1, 12); // P2 = 0.2, 0.4 (10 sites)
    expect(r.types[1].P2_stderr).toBeCloseTo(0.025, 12); // P2 = 0.2, 0.15
    const s1 = configurationalEntropy([0.2, 0.2], [10, 40], 10),
      s2 = configurationalEntropy([0.4, 0.15], [10, 40], 10);
    expect(r.entropyBlocks_kB[0]).toBeCloseTo(s1, 12);
    expect(r.entropyBlocks_kB[1]).toBeCloseTo(s2, 12);
    expect(r.entropy_stderr_kB).toBeCloseTo(Math.abs(s1 - s2) / 2, 12);
  });

  it('S̃ is undefined (null) when a block puts more cations than sites on a type; bad input is refused', () => {
    const r = siteOccupancyBlockErrors(
      result(
        [
          [1, 1, 3, 3],
          [1, 1, 1, 1],
        ],
        [2, 10],
      ),
      2,
    );
    expect(r.entropyBlocks_kB[1]).toBeNull();
    expect(r.entropy_stderr_kB).toBeNull();
    expect(() => siteOccupancyBlockErrors(result([[1, 1]], [2]), 5)).toThrow(/at least 5 frames/);
    expect(() => siteOccupancyBlockErrors(result([[1, 1]], [2]), 1)).toThrow(/≥ 2/);
  });
});
