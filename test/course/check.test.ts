/** check() of the teaching notebooks: right/wrong with a hint, never the expected value. */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/course/index';
import * as si from '../../src/index';

// Exercise as in notebooks/course/01: D from an MSD slope of 0.0123 Å²/fs in 3-D.
const slope_A2_fs = 0.0123;
const D = (slope_A2_fs / 6) * 0.1; // cm²/s (1 Å²/fs = 0.1 cm²/s)
const opts = {
  expected: D,
  tolerance_rel: 0.01,
  unit: 'cm²/s',
  hints: [
    { when: (a: number) => Math.abs(a / D - 6) < 0.06, hint: 'in 3-D the MSD grows as 6·D·t' },
    { when: (a: number) => Math.abs(a / D - 10) < 0.1, hint: 'check the unit: 1 Å²/fs = 0.1 cm²/s' },
  ],
};
const bundleText = (r: ReturnType<typeof check>) => JSON.stringify(r.toMimeBundle()) + r.text + String(r);
const forms = (x: number) => [String(x), x.toExponential(3), x.toExponential(2), x.toPrecision(3), x.toFixed(6)];

describe('check', () => {
  it('is exported as si.check', () => {
    expect(si.check).toBe(check);
  });

  it('a correct answer passes (within the tolerance)', () => {
    for (const a of [D, D * 1.009, D * 0.991]) {
      const r = check('Exercise 1.1', a, opts);
      expect(r.correct).toBe(true);
      expect(r.status).toBe('correct');
      expect(r.text).toBe('Exercise 1.1: ✓ correct');
    }
    expect(check('x', D * 1.02, opts).correct).toBe(false);
  });

  it('forgetting the factor 6 gets its hint; wrong units get theirs; neither reveals the answer', () => {
    const six = check('Exercise 1.1', slope_A2_fs * 0.1, opts);
    expect(six.correct).toBe(false);
    expect(six.hint).toBe('in 3-D the MSD grows as 6·D·t');
    const units = check('Exercise 1.1', slope_A2_fs / 6, opts);
    expect(units.hint).toBe('check the unit: 1 Å²/fs = 0.1 cm²/s');
    const other = check('Exercise 1.1', 42, opts);
    expect(other.hint).toBe('recheck the formula and the units in cm²/s');
    for (const r of [six, units, other]) {
      const out = bundleText(r);
      expect(out).toContain('✗ not yet');
      for (const f of forms(D)) expect(out).not.toContain(f);
      expect(r.toMimeBundle().data['text/html']).toContain('Exercise 1.1');
    }
  });

  it('a missing answer asks for one; a non-number is wrong with a clear hint', () => {
    const m = check('Exercise 1.2', null, opts);
    expect(m.status).toBe('missing');
    expect(m.text).toContain('no answer yet');
    const nan = check('Exercise 1.2', Number.NaN, opts);
    expect(nan.status).toBe('wrong');
    expect(nan.hint).toContain('finite number');
    for (const r of [m, nan]) for (const f of forms(D)) expect(bundleText(r)).not.toContain(f);
  });

  it('absolute tolerance, and a throwing hint predicate is skipped', () => {
    expect(check('a', 0.3, { expected: 0.25, tolerance_abs: 0.05 }).correct).toBe(true);
    expect(check('a', 0.31, { expected: 0.25, tolerance_abs: 0.05 }).correct).toBe(false);
    const r = check('a', 1, {
      expected: 2,
      hints: [
        {
          when: () => {
            throw new Error('x');
          },
          hint: 'h1',
        },
        { when: () => true, hint: 'h2' },
      ],
    });
    expect(r.hint).toBe('h2');
    expect(() => check('a', 1, { expected: Number.NaN })).toThrow(/finite/);
  });

  it('HTML escapes the name and hint', () => {
    const r = check('<b>', 1, { expected: 2, fallback: 'a < b' });
    expect(r.toMimeBundle().data['text/html']).toContain('&lt;b&gt;');
    expect(r.toMimeBundle().data['text/html']).toContain('a &lt; b');
  });
});
