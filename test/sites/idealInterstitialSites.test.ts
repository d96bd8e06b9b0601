/** Sites per anion and hole sizes of ideal lattices against textbook counts and hand geometry (Pauling's limits). */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import * as si from '../../src/index';
import { idealInterstitialSites } from '../../src/sites/idealInterstitialSites';

const perAnion = (lat: 'fcc' | 'bcc' | 'hcp') => Object.fromEntries(idealInterstitialSites(lat, 5).types.map((t) => [t.name, t.perAnion]));
const ratio = (lat: 'fcc' | 'bcc' | 'hcp', name: string, a = 1) => idealInterstitialSites(lat, a).types.find((t) => t.name === name)!;

describe('idealInterstitialSites', () => {
  it('is exported as si.idealInterstitialSites', () => {
    expect(si.idealInterstitialSites).toBe(idealInterstitialSites);
  });

  it('counts sites per anion as the textbooks do (exact)', () => {
    expect(perAnion('fcc')).toEqual({ tetrahedral: 2, octahedral: 1, trigonal: 8, linear: 6 });
    expect(perAnion('hcp')).toEqual({ tetrahedral: 2, octahedral: 1, trigonal: 8, linear: 6 });
    expect(perAnion('bcc')).toEqual({ tetrahedral: 6, octahedral: 3, trigonal: 12, linear: 4 });
    expect(idealInterstitialSites('fcc').nAnions).toBe(108);
  });

  it("fcc and hcp holes reproduce Pauling's limits (touching anions)", () => {
    for (const lat of ['fcc', 'hcp'] as const) {
      expect(ratio(lat, 'tetrahedral').holeRatio).toBeCloseTo(Math.sqrt(6) / 2 - 1, 10); // 0.2247
      expect(ratio(lat, 'octahedral').holeRatio).toBeCloseTo(Math.SQRT2 - 1, 10); // 0.4142
      expect(ratio(lat, 'trigonal').holeRatio).toBeCloseTo(2 / Math.sqrt(3) - 1, 10); // 0.1547
      expect(ratio(lat, 'linear').holeRatio).toBeCloseTo(0, 10);
    }
    // Agree with the limits the Pauling rule uses (3 decimals as tabulated).
    const lim = Object.fromEntries(si.PAULING_LIMITS.map((l) => [l.site, l.minRatio]));
    for (const s of ['trigonal', 'tetrahedral', 'octahedral']) expect(Math.abs(ratio('fcc', s).holeRatio - lim[s])).toBeLessThan(0.001);
  });

  it('bcc holes by hand: tet at (½,0,¼)a is a√5/4 from its anions, oct at (½,½,0)a is a/2 from two of them', () => {
    const a = 4.2,
      R = (a * Math.sqrt(3)) / 4;
    const tet = ratio('bcc', 'tetrahedral', a),
      oct = ratio('bcc', 'octahedral', a);
    expect(tet.centreToAnion_A).toBeCloseTo((a * Math.sqrt(5)) / 4, 10);
    expect(tet.holeRatio).toBeCloseTo(Math.sqrt(5 / 3) - 1, 10); // 0.291
    expect(oct.centreToAnion_A).toBeCloseTo(a / 2, 10);
    expect(oct.holeRatio).toBeCloseTo(a / 2 / R - 1, 10); // 0.155
    // bcc trigonal (24h, face of a tetrahedron (0,0,0),(1,0,0)… : centroid of (0,0,0), (½,½,½), (1,0,0) in units of a).
    const c = [0.5, 1 / 6, 1 / 6];
    expect(ratio('bcc', 'trigonal', a).centreToAnion_A).toBeCloseTo(
      a * Math.min(Math.hypot(c[0], c[1], c[2]), Math.hypot(c[0] - 0.5, c[1] - 0.5, c[2] - 0.5)),
      10,
    );
    expect(ratio('bcc', 'linear', a).holeRatio).toBeCloseTo(0, 10);
    expect(idealInterstitialSites('bcc', a).anionRadius_A).toBeCloseTo(R, 12);
  });

  it('rejects a bad lattice constant', () => {
    expect(() => idealInterstitialSites('fcc', 0)).toThrow(InputError);
    expect(() => idealInterstitialSites('fcc', Number.NaN)).toThrow(/positive number of Å/);
  });
});
