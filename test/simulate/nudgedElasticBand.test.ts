/**
 * CI-NEB on an analytic surface with a curved minimum-energy path, through the Potential interface (so any
 * provider): one atom, E = −A cos(kx) − B cos(2πy/L + c sin(kx)) − B cos(2πz/L), k = 6π/L.
 * Minima at kx = 0, 2π (y = z = 0), E = −A − B; valley floor y(x) = −(L/2π) c sin(kx); saddle at kx = π on the MEP,
 * E = A − B: barrier 2A exactly. The band is checked against the MEP integrated by steepest descent from the saddle. The straight line between the minima is not the MEP (it climbs −B cos c).
 */
import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { topologyFromSymbols } from '../../src/core/topology';
import type { ForceProvider, Potential } from '../../src/simulate/forceProvider';
import type { MDSystem } from '../../src/simulate/mdSystem';
import { interpolateImages, nudgedElasticBand } from '../../src/simulate/nudgedElasticBand';

const L = 9,
  A = 0.2,
  B = 0.5,
  c = 0.4,
  k = (6 * Math.PI) / L,
  q = (2 * Math.PI) / L;

const surface: Potential = {
  description: 'analytic curved-path surface',
  bind(system: MDSystem): ForceProvider {
    return {
      nAtoms: 1,
      cell: system.cell,
      step: -1,
      last: { total_eV: 0, virial_eV: 0 },
      compute(x, f, pe) {
        const [X, Y, Z] = [x[0], x[1], x[2]];
        const ph = q * Y + c * Math.sin(k * X);
        const e = -A * Math.cos(k * X) - B * Math.cos(ph) - B * Math.cos(q * Z);
        f[0] = -(A * k * Math.sin(k * X) + B * Math.sin(ph) * c * k * Math.cos(k * X));
        f[1] = -(B * Math.sin(ph) * q);
        f[2] = -(B * q * Math.sin(q * Z));
        pe[0] = e;
        this.last.total_eV = e;
        return e;
      },
    };
  },
};

describe('nudged elastic band', () => {
  const sys = (x: number): MDSystem => ({
    topology: topologyFromSymbols(['Li']),
    cell: Cell.orthorhombic(L, L, L),
    positions: Float64Array.from([x, 0, 0]),
  });

  it('interpolates along the minimum image of each displacement', () => {
    const imgs = interpolateImages(Float64Array.from([0.5, 0, 0]), Float64Array.from([8.5, 0, 0]), Cell.orthorhombic(L, L, L), 3);
    expect(imgs.length).toBe(5);
    expect(imgs[2][0]).toBeCloseTo(0, 12); // 0.5 → −0.5 (8.5 is 1 Å away through the boundary)
  });

  it('climbing image finds the saddle (barrier 2A to 1e-4 eV) and the band follows the curved MEP', () => {
    const r = nudgedElasticBand(sys(0), sys(L / 3), surface, { images: 9, fmax_eV_A: 1e-3, maxSteps: 3000, springConstant_eV_A2: 0.5 });
    expect(r.converged).toBe(true);
    expect(r.barrier_eV).toBeCloseTo(2 * A, 4);
    expect(r.reverseBarrier_eV).toBeCloseTo(2 * A, 4);
    expect(r.saddleImage).toBe(5);
    const xs = r.images.framePositions(5);
    expect(xs[0]).toBeCloseTo(L / 6, 3);
    // Independent MEP: steepest descent from the saddle (kx = π, y = 0), stepping 1e-4 Å along F/|F|, both ways.
    const prov = surface.bind(sys(0));
    const f = new Float64Array(3),
      pe = new Float64Array(1),
      curve: number[][] = [];
    for (const sgn of [-1, 1]) {
      const x = Float64Array.from([L / 6 + sgn * 1e-3, 0, 0]);
      for (let s = 0; s < 40000; s++) {
        prov.compute(x, f, pe);
        const fn = Math.hypot(f[0], f[1], f[2]);
        if (fn < 1e-4) break;
        for (let d = 0; d < 3; d++) x[d] += (1e-4 * f[d]) / fn;
        if (s % 10 === 0) curve.push([x[0], x[1]]);
      }
    }
    for (let i = 1; i < 10; i++) {
      const p = r.images.framePositions(i);
      const dist = Math.min(...curve.map(([x, y]) => Math.hypot(p[0] - x, p[1] - y)));
      // Chord tangents of a 9-image band on a curved path: images off the MEP by ≤ 0.05 Å (largest next to the
      // minima, where the path bends most); the climbing image sits on the saddle.
      expect(dist).toBeLessThan(i === 5 ? 0.002 : 0.05);
    }
    expect(Math.abs(r.images.framePositions(2)[1])).toBeGreaterThan(0.2); // not the straight line y = 0
    expect(r.energies_eV[0]).toBe(0);
    expect(r.images.nFrames).toBe(11);
    expect(r.potential).toBe('analytic curved-path surface');
  });
});
