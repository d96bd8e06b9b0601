/** The teacher's key of course notebooks 5 and 6 states the values the notebooks' checks expect. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as si from '../../src/index';

const dir = path.resolve(__dirname, '../../notebooks/course');
const key = readFileSync(path.join(dir, 'teacher-key-05-06.md'), 'utf8');
/** The number after "**answer:" in the paragraph of exercise `ex`. */
const answer = (ex: string) => {
  const para = key.split('\n\n').find((p) => p.startsWith(`**${ex} `));
  expect(para, `paragraph of ${ex}`).toBeDefined();
  const m = /\*\*answer: ([0-9.]+)/.exec(para!);
  expect(m, `answer of ${ex}`).not.toBeNull();
  return { value: Number(m![1]), digits: m![1].split('.')[1]?.length ?? 0 };
};

/** Printed text of the committed notebook 5 (its section-2 rates feed exercise 5.1). */
const nb5 = JSON.parse(readFileSync(path.join(dir, '05-dynamical-frustration.ipynb'), 'utf8')) as {
  cells: { outputs?: { output_type: string; text?: string | string[] }[] }[];
};
const printed = nb5.cells
  .flatMap((c) => c.outputs ?? [])
  .filter((o) => o.output_type === 'stream')
  .map((o) => (Array.isArray(o.text) ? o.text.join('') : (o.text ?? '')))
  .join('');
const rate = (re: RegExp) => {
  const m = re.exec(printed);
  expect(m, String(re)).not.toBeNull();
  return Number(m![1]);
};

// The expected values as the notebooks' check cells compute them.
const v53 = { UC: 2590, RC: 1030, RTC: 331, RTVC: 208 };
const expected: Record<string, () => number> = {
  '5.1': () => rate(/→ ([0-9.]+) per Li per ns/) / rate(/→ ([0-9.]+) per SO4 per ns/),
  '5.2': () => 1 / (32 * 10e-3),
  '5.3': () => si.modeDecomposition((['UC', 'RC', 'RTC', 'RTVC'] as const).map((m) => ({ T_K: 1500, mode: m, value: v53[m] })))[0].r_rot!,
  '6.1': () => Math.exp(-0.04 / (si.KB_EV_PER_K * 600)),
  '6.2': () => si.gaussianBhattacharyya(0.18, 0.05, 0.22, 0.05),
  '6.3': () => si.configurationalEntropy([1 / 6], [6], 1),
};

describe('teacher key of course notebooks 5 and 6', () => {
  for (const [ex, want] of Object.entries(expected)) {
    it(`exercise ${ex}: the key's answer is the check's expected value to the digits it prints`, () => {
      const { value, digits } = answer(ex);
      expect(Math.abs(value - want())).toBeLessThanOrEqual(0.5 * 10 ** -digits + 1e-12);
    });
  }
});
