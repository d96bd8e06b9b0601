import { describe, expect, it } from 'vitest';
import { numEnd, parseNumberAt, parseNumberString } from '../../src/io/parseNumber';
import { Random } from '../../src/core/random';

describe('parseNumberAt (byte-level number parser)', () => {
  it('gives exactly Number(token) for many formats of random doubles (oracle: the JS number parser)', () => {
    const rng = new Random(11);
    const bad: string[] = [];
    for (let t = 0; t < 20000; t++) {
      const x = (rng.uniform() - 0.5) * Math.pow(10, Math.floor(rng.uniform() * 40) - 20);
      for (const s of [String(x), x.toFixed(8), x.toExponential(12), x.toPrecision(17), x.toPrecision(6), x.toFixed(3)]) {
        const b = Buffer.from(` ${s}  `);
        const v = parseNumberAt(b, 1, b.length);
        if (!Object.is(v, Number(s)) || numEnd !== 1 + s.length) bad.push(s);
      }
    }
    expect(bad).toEqual([]);
  });
  it('accepts signs, leading dots, trailing dots, Fortran exponents; rejects garbage, nan and inf', () => {
    const ok: [string, number][] = [
      ['+1.5', 1.5],
      ['-.5', -0.5],
      ['3.', 3],
      ['1.0D+02', 100],
      ['2d-1', 0.2],
      ['007', 7],
      ['-0', -0],
      ['123456789012345678901234567890', 123456789012345678901234567890],
      ['0.000000000000000000000000001234', 1.234e-27],
      ['1e308', 1e308],
    ];
    for (const [s, v] of ok) expect(parseNumberString(s)).toBe(v);
    for (const s of ['nan', 'NaN', 'inf', '-Infinity', '1.2.3', '1e', 'e5', '.', '-', '1,5', '0x10', '1e400', '12a']) {
      expect(Number.isNaN(parseNumberString(s))).toBe(true);
    }
  });
});
