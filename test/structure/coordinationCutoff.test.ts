// firstShellCutoff: the first minimum of g(r) as the coordination cutoff, checked on rocksalt (Cl has exactly 6 Na at a/2,
// the next 8 at a√3/2 = 4.88 Å for a = 5.64 Å), where the minimum must fall between the shells and give CN = 6 for every
// (centre, frame) sample; and null with the reason when g(r) has no minimum within r_max.
import { describe, expect, it } from 'vitest';
import { CoordinationNumbers } from '../../src/structure/coordination';
import { firstShellCutoff } from '../../src/structure/coordinationCutoff';
import { RadialDistribution } from '../../src/structure/rdf';
import { rocksalt } from './helpers';

describe('first-shell cutoff from the RDF', () => {
  it('rocksalt Cl–Na: between the first (2.82 Å) and second (4.88 Å) shells, and CN = 6 exactly with it', () => {
    const a = 5.64;
    // 8 frames of 3×3×3 cells, each with its own Gaussian displacements (σ = 0.08 Å, seeds 1–8).
    const systems = Array.from({ length: 8 }, (_, f) => rocksalt(a, 3, 0.08, f + 1));
    const rdf = new RadialDistribution({ a: 'Cl', b: 'Na', rmax_A: 7, bins: 140 });
    for (const [f, s] of systems.entries()) rdf.addFrame({ ...s.frames[0], index: f }, s.topology);
    const choice = firstShellCutoff(rdf.result());
    expect(choice.source).toBe('first minimum of g(Cl-Na)');
    expect(choice.rdf_first_peak_A).toBeCloseTo(a / 2, 1); // within 0.05 Å of a/2 (bins 0.05 Å, parabolic vertex)
    expect(choice.cutoff_A).toBeGreaterThan(a / 2 + 0.5);
    expect(choice.cutoff_A).toBeLessThan((a * Math.sqrt(3)) / 2 - 0.5);
    const cn = new CoordinationNumbers({ centre: 'Cl', neighbor: 'Na', cutoff_A: choice.cutoff_A! });
    for (const [f, s] of systems.entries()) cn.addFrame({ ...s.frames[0], index: f }, s.topology);
    const r = cn.result();
    expect(r.mean).toBe(6);
    expect(r.std).toBe(0);
    expect(r.histogram.counts[6]).toBe(8 * 108);
  });

  it('no first minimum within r_max: cutoff null, with the RDF’s reason', () => {
    const c = firstShellCutoff({
      pair: 'Li-Li',
      first_peak_A: 2.5,
      first_peak_g: 1.8,
      first_min_A: null,
      first_min_g: null,
      reason: 'g(r) does not fall',
    });
    expect(c).toEqual({ cutoff_A: null, source: 'first minimum of g(Li-Li)', rdf_first_peak_A: 2.5, reason: 'g(r) does not fall' });
    const none = firstShellCutoff({ pair: 'Li-S', first_peak_A: null, first_peak_g: null, first_min_A: null, first_min_g: null });
    expect(none.cutoff_A).toBeNull();
    expect(none.reason).toBe('no first minimum');
    expect(firstShellCutoff({ pair: 'P-S', first_peak_A: 2.05, first_peak_g: 30, first_min_A: 2.6, first_min_g: 0 }).cutoff_A).toBe(2.6);
  });
});
