// speciesForCentres: the species a reader keeps for named centres (species, or the elements of an anion formula), each once.
import { describe, expect, it } from 'vitest';
import { speciesForCentres } from '../../src/structure/centres';

describe('speciesForCentres', () => {
  it('a species is itself; a formula gives its elements; each once in order of first mention', () => {
    expect(speciesForCentres(['Li', 'S'])).toEqual(['Li', 'S']);
    expect(speciesForCentres(['Li', 'PS4'])).toEqual(['Li', 'P', 'S']);
    expect(speciesForCentres(['B12H12', 'Na'])).toEqual(['B', 'H', 'Na']);
    expect(speciesForCentres(['PS4', 'S', 'P2S6'])).toEqual(['P', 'S']);
    expect(speciesForCentres(['Cl'])).toEqual(['Cl']);
  });
  it('a name that is neither is an InputError', () => {
    expect(() => speciesForCentres(['li-s'])).toThrow(/formula/i);
  });
});
