/** The teacher's key of course notebooks 3 and 4 states the values the notebooks' checks expect. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as si from '../../src/index';

const key = readFileSync(path.resolve(__dirname, '../../notebooks/course/teacher-key-03-04.md'), 'utf8');
/** The number after "**answer:" in the paragraph of exercise `ex`. */
const answer = (ex: string) => {
  const para = key.split('\n\n').find((p) => p.startsWith(`**${ex} `));
  expect(para, `paragraph of ${ex}`).toBeDefined();
  const m = /\*\*answer: ([0-9.]+)/.exec(para!);
  expect(m, `answer of ${ex}`).not.toBeNull();
  return { value: Number(m![1]), digits: m![1].split('.')[1]?.length ?? 0 };
};
const fcc = (name: string) => si.idealInterstitialSites('fcc').types.find((t) => t.name === name)!.perAnion;

// The expected values as the notebooks' check cells compute them.
const expected: Record<string, number> = {
  '3.1': si.idealInterstitialSites('bcc').types.find((t) => t.name === 'tetrahedral')!.perAnion,
  '3.2': si.paulingRatio('bcc', 7.98, 0.99).ratio,
  '3.3': (2 * Math.SQRT2 * 0.59) / si.PAULING_LIMITS.find((l) => l.site === 'tetrahedral')!.minRatio,
  '3.4': (0.6 * 2) / si.idealInterstitialSites('bcc').types.find((t) => t.name === 'tetrahedral')!.perAnion,
  '3.5': si.configurationalEntropy([0.14, 0.14, 0.1], ['tetrahedral', 'trigonal', 'linear'].map(fcc), 2),
  '4.1': (Math.acos(1 / 3) * 180) / Math.PI,
  '4.2': si.KB_EV_PER_K * 800 * Math.log(0.5 / 0.2) * 1000,
  '4.3': Math.sqrt(0.5),
};

describe('teacher key of course notebooks 3 and 4', () => {
  for (const [ex, want] of Object.entries(expected)) {
    it(`exercise ${ex}: the key's answer is the check's expected value to the digits it prints`, () => {
      const { value, digits } = answer(ex);
      expect(Math.abs(value - want)).toBeLessThanOrEqual(0.5 * 10 ** -digits + 1e-12);
    });
  }
});
