// Effective cation size (Kweon 2017 Fig. 6 series on the rotor model): the shifted Born–Mayer wall is the
// original one moved outward by kΔ, exactly.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { agiForceField, rotorForceField, shortRangeEnergy, shortRangeForce } from '../../src/simulate/forceField';
import { shiftCationRadius } from '../../src/simulate/cationRadiusShift';

describe('shiftCationRadius', () => {
  const base = rotorForceField();
  it('moves every Li pair wall by Δ per Li in the pair: V′(r + kΔ) = V(r), F′(r + kΔ) = F(r)', () => {
    for (const delta of [0.35, -0.1]) {
      const shifted = shiftCationRadius(base, 'Li', delta);
      for (const p of base.pairs) {
        const q = shifted.pairs.find((t) => t.a === p.a && t.b === p.b)!;
        const k = (p.a === 'Li' ? 1 : 0) + (p.b === 'Li' ? 1 : 0);
        for (const r of [1.6, 2.2, 3.1]) {
          expect(shortRangeEnergy(q, r + k * delta)).toBeCloseTo(shortRangeEnergy(p, r), 10);
          expect(shortRangeForce(q, r + k * delta) / shortRangeForce(p, r)).toBeCloseTo(1, 12);
        }
      }
    }
    // M–M is shifted twice: A′/A = e^(2Δ/ρ)
    const mm = shiftCationRadius(base, 'Li', 0.2).pairs.find((t) => t.a === 'Li' && t.b === 'Li')!;
    expect(mm.A! / 100).toBeCloseTo(Math.exp(0.4 / 0.25), 12);
  });
  it('leaves charges, bonded terms and the other pairs alone, and does not touch the input', () => {
    const shifted = shiftCationRadius(base, 'Li', 0.5);
    expect(shifted.charges).toEqual(base.charges);
    expect(shifted.bondTypes).toEqual(base.bondTypes);
    expect(shifted.pairs.find((t) => t.a === 'O' && t.b === 'O')).toEqual(base.pairs.find((t) => t.a === 'O' && t.b === 'O'));
    expect(base.pairs.find((t) => t.a === 'Li' && t.b === 'O')!.A).toBe(426.48);
    expect(shifted.name).toMatch(/Li radius \+0.5 Å/);
  });
  it('refuses r^−n terms, a species without pair terms and a non-finite shift', () => {
    expect(() => shiftCationRadius(agiForceField(), 'Ag', 0.1)).toThrow(/only a Born–Mayer term/);
    expect(() => shiftCationRadius(base, 'Na', 0.1)).toThrow(InputError);
    expect(() => shiftCationRadius(base, 'Li', NaN)).toThrow(/finite/);
  });
});
