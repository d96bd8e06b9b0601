import { describe, expect, it } from 'vitest';
import { buildFccAgI, fccOctahedralSites, fccTetrahedralSites } from '../../src/simulate/fccAgI';
import { buildAlphaAgI } from '../../src/simulate/alphaAgI';
import { substituteSpecies } from '../../src/simulate/speciesSubstitution';

describe('buildFccAgI (host-lattice variant)', () => {
  it('4 I on fcc sites and 4 Ag on distinct tetrahedral sites per cell, at the α-AgI volume per AgI', () => {
    const s = buildFccAgI({ supercell: 2, seed: 3 });
    const sym = Array.from(s.topology.species, (k) => s.topology.symbols[k]);
    expect(sym.filter((x) => x === 'I').length).toBe(32);
    expect(sym.filter((x) => x === 'Ag').length).toBe(32);
    const a = 5.07 * Math.cbrt(2);
    expect(s.cell.volume / 32).toBeCloseTo(5.07 ** 3 / 2, 6);
    const tet = fccTetrahedralSites();
    const key = new Set<string>();
    sym.forEach((x, i) => {
      if (x !== 'Ag') return;
      const f = [0, 1, 2].map((d) => (((s.positions[3 * i + d] / a) % 1) + 1) % 1);
      expect(tet.some((t) => t.every((v, d) => Math.abs(v - f[d]) < 1e-9))).toBe(true);
      key.add(Array.from(s.positions.subarray(3 * i, 3 * i + 3), (v) => v.toFixed(6)).join(','));
    });
    expect(key.size).toBe(32);
    expect(fccOctahedralSites()).toHaveLength(4);
    expect(buildFccAgI({ supercell: 2, seed: 3 }).positions).toEqual(s.positions);
    expect(buildFccAgI({ supercell: 2, seed: 4 }).positions).not.toEqual(s.positions);
    expect(() => buildFccAgI({ a_A: 2 })).toThrow(/lattice constant/);
  });
});

describe('substituteSpecies (seeded mixed-anion substitution)', () => {
  it('replaces exactly round(f·N) atoms, reproducibly, and leaves the rest untouched', () => {
    const s = buildAlphaAgI({ supercell: 3, seed: 1 });
    const m = substituteSpecies(s, { from: 'I', to: 'Br', fraction: 0.25, seed: 7 });
    const sym = Array.from(m.topology.species, (k) => m.topology.symbols[k]);
    const old = Array.from(s.topology.species, (k) => s.topology.symbols[k]);
    expect(sym.filter((x) => x === 'Br').length).toBe(Math.round(0.25 * 54));
    sym.forEach((x, i) => {
      if (x === 'Br') expect(old[i]).toBe('I');
      else expect(x).toBe(old[i]);
    });
    expect(m.positions).toEqual(s.positions);
    const again = substituteSpecies(s, { from: 'I', to: 'Br', fraction: 0.25, seed: 7 });
    expect(Array.from(again.topology.species)).toEqual(Array.from(m.topology.species));
    expect(() => substituteSpecies(s, { from: 'Cl', to: 'Br', fraction: 0.5 })).toThrow(/no "Cl"/);
    expect(() => substituteSpecies(s, { from: 'I', to: 'Br', fraction: 1.5 })).toThrow(/\[0, 1\]/);
  });
});

describe('ordered AgI arrangements', () => {
  it('bcc: every Ag on one tetrahedral sublattice, nearest Ag–Ag a√3/2; fcc: zinc blende, nearest Ag–Ag a/√2', () => {
    const nn = (s: ReturnType<typeof buildAlphaAgI>) => {
      const sym = Array.from(s.topology.species, (k) => s.topology.symbols[k]);
      const ag = sym.flatMap((x, i) => (x === 'Ag' ? [i] : []));
      let best = Infinity;
      const L = [s.cell.matrix[0], s.cell.matrix[4], s.cell.matrix[8]];
      for (const i of ag)
        for (const j of ag)
          if (i < j) {
            let d2 = 0;
            for (let d = 0; d < 3; d++) {
              let x = s.positions[3 * i + d] - s.positions[3 * j + d];
              x -= L[d] * Math.round(x / L[d]);
              d2 += x * x;
            }
            best = Math.min(best, Math.sqrt(d2));
          }
      return best;
    };
    expect(nn(buildAlphaAgI({ supercell: 3, ordered: true }))).toBeCloseTo((5.07 * Math.sqrt(3)) / 2, 9);
    const a = 5.07 * Math.cbrt(2);
    expect(nn(buildFccAgI({ supercell: 2, ordered: true }))).toBeCloseTo(a / Math.SQRT2, 9);
  });
});
