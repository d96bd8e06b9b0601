// Transition network: a seeded kinetic Monte Carlo jump process with known per-pair rates on a small
// periodic site ring → rate matrix, residence, occupancy, attempt frequency and activation energies recovered.
import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { Random } from '../../src/core/random';
import { topologyFromSymbols } from '../../src/core/topology';
import { KB_EV_PER_K } from '../../src/core/units';
import { collectiveJumps } from '../../src/sites/collectiveJumps';
import { siteNetworkFromPoints } from '../../src/sites/pointSiteNetwork';
import { siteCentres } from '../../src/sites/siteNetwork';
import { resultCard } from '../../src/display/resultCard';
import {
  activationEnergyFromRate_eV,
  harmonicAttemptFrequency_THz,
  rateMatrix,
  TransitionNetworkAnalysis,
  transitionNetworkFromJumps,
  TransitionNetworkResult,
} from '../../src/sites/transitionNetwork';

const T_K = 600,
  NU0_THZ = 5,
  kT = KB_EV_PER_K * T_K;
// Ring of 4 sites along x (3 Å apart, periodic 12 Å): types A B A B; directed barriers, eV.
const E: Record<string, number> = { '0-1': 0.14, '0-3': 0.18, '1-0': 0.12, '1-2': 0.16, '2-1': 0.2, '2-3': 0.13, '3-2': 0.15, '3-0': 0.17 };
const rateOf = (e: number) => NU0_THZ * 1000 * Math.exp(-e / kT); // ns⁻¹
const MASS = 6.94; // Li
/** Per-component σ of a harmonic well with ν = ν₀ at T: σ² = k_B T / (m ω²). */
const SIGMA_A = (() => {
  const omega_fs = (2 * Math.PI * NU0_THZ) / 1000;
  return Math.sqrt(kT / (MASS * omega_fs * omega_fs * 103.6427));
})();

interface Kmc {
  result: TransitionNetworkResult;
  nFrames: number;
  dt: number;
}

function runKmc(seed: number, nIons: number, nFrames: number, dt: number, opts: { attempt?: number; window?: number } = {}): Kmc {
  const rng = new Random(seed);
  const cell = Cell.orthorhombic(12, 8, 8);
  const pts = new Float64Array([0, 4, 4, 3, 4, 4, 6, 4, 4, 9, 4, 4]);
  const net = siteNetworkFromPoints(pts, [0, 1, 0, 1], ['A', 'B'], pts, cell, { nVertices: 1, hostAtoms: Int32Array.from([0, 1, 2, 3]) });
  const out: { to: number; k: number }[][] = [0, 1, 2, 3].map((i) =>
    Object.entries(E)
      .filter(([key]) => +key[0] === i)
      .map(([key, e]) => ({ to: +key[2], k: rateOf(e) * 1e-6 })),
  );
  const exit = out.map((o) => o.reduce((a, b) => a + b.k, 0)); // fs⁻¹
  const site = Int32Array.from({ length: nIons }, (_, c) => c % 4);
  const next = Float64Array.from(site, (s) => -Math.log(1 - rng.uniform()) / exit[s]);
  const top = topologyFromSymbols([...Array(4).fill('Ar'), ...Array(nIons).fill('Li')]);
  const an = new TransitionNetworkAnalysis(net, {
    mobile: 'Li',
    temperature_K: T_K,
    attemptFrequency_THz: opts.attempt,
    collectiveWindow_fs: opts.window ?? 100,
  });
  const pos = new Float64Array(3 * (4 + nIons));
  pos.set(pts);
  for (let f = 0; f < nFrames; f++) {
    const t = f * dt;
    for (let c = 0; c < nIons; c++) {
      while (next[c] <= t) {
        let u = rng.uniform() * exit[site[c]];
        let dest = out[site[c]][out[site[c]].length - 1].to;
        for (const o of out[site[c]]) {
          if (u < o.k) {
            dest = o.to;
            break;
          }
          u -= o.k;
        }
        site[c] = dest;
        next[c] += -Math.log(1 - rng.uniform()) / exit[dest];
      }
      const o = 3 * (4 + c),
        s = site[c];
      for (let a = 0; a < 3; a++) pos[o + a] = pts[3 * s + a] + SIGMA_A * rng.normal();
    }
    an.addFrame({ index: f, time_fs: t, cell, positions: pos }, top);
  }
  return { result: an.result(), nFrames, dt };
}

describe('transition network from a kinetic Monte Carlo jump process with known rates', () => {
  // 32 independent ions, 40 000 frames of 10 fs (0.4 ns): ≈ 5 400 jumps, 300–1 200 per directed pair.
  const kmc = runKmc(20261205, 32, 40000, 10, { attempt: NU0_THZ });
  const r = kmc.result;

  it('recovers every per-pair rate k_ij within 4 Poisson standard errors (and 10 %)', () => {
    // Two jumps within a frame or two (i → i±1 → i±2) are seen as one i → i±2 jump: a few per mille.
    const ring = r.edges.filter((e) => E[`${e.from}-${e.to}`] !== undefined);
    const spurious = r.edges.filter((e) => E[`${e.from}-${e.to}`] === undefined).reduce((a, e) => a + e.count, 0);
    expect(ring.length).toBe(8);
    if (process.env.SHOW_KMC)
      console.log(
        ring
          .map(
            (e) =>
              `${e.from}→${e.to} N=${e.count} k=${e.rate_per_ns.toFixed(1)}±${e.rate_error_per_ns.toFixed(1)} true=${rateOf(E[`${e.from}-${e.to}`]).toFixed(1)} Ea=${e.activation_energy_eV!.toFixed(4)}±${e.activation_energy_error_eV!.toFixed(4)} true=${E[`${e.from}-${e.to}`]}`,
          )
          .join('\n'),
        r.vibration,
        r.collective.nPairs,
        r.collective.expectedPairsByChance,
        spurious,
      );
    expect(spurious / r.jumps.jumps.length).toBeLessThan(0.005);
    for (const e of ring) {
      const k = rateOf(E[`${e.from}-${e.to}`]);
      expect(Math.abs(e.rate_per_ns - k)).toBeLessThan(4 * e.rate_error_per_ns);
      expect(Math.abs(e.rate_per_ns / k - 1)).toBeLessThan(0.1);
      expect(e.count).toBeGreaterThan(250);
      expect(e.distance_A).toBeCloseTo(3, 6);
    }
  });

  it('rate matrix: off-diagonal k_ij, rows sum to zero; residence = 1/exit rate', () => {
    const Q = rateMatrix(r);
    for (let i = 0; i < 4; i++) {
      let row = 0;
      for (let j = 0; j < 4; j++) row += Q[4 * i + j];
      expect(Math.abs(row)).toBeLessThan(1e-9);
      const exitTrue = Object.entries(E)
        .filter(([k]) => +k[0] === i)
        .reduce((a, [, e]) => a + rateOf(e), 0);
      const s = r.sites[i];
      expect(Math.abs(-Q[5 * i] / exitTrue - 1)).toBeLessThan(0.06);
      // mean of complete visits vs 1/Σk: exponential residence, σ = τ/√n
      const tau = 1e6 / exitTrue;
      expect(Math.abs(s.mean_residence_fs! - tau)).toBeLessThan((4 * tau) / Math.sqrt(s.complete_visits) + kmc.dt);
    }
  });

  it('occupancy equals the stationary distribution of the true rate matrix (32 ions)', () => {
    // Solve πQ = 0, Σπ = 1 by power iteration on the embedded uniformised chain.
    const Qt = new Float64Array(16);
    for (const [k, e] of Object.entries(E)) {
      const i = +k[0],
        j = +k[2];
      Qt[4 * i + j] += rateOf(e);
      Qt[5 * i] -= rateOf(e);
    }
    const lam = 2 * Math.max(...[0, 1, 2, 3].map((i) => -Qt[5 * i]));
    let p = [0.25, 0.25, 0.25, 0.25];
    for (let it = 0; it < 20000; it++) p = [0, 1, 2, 3].map((j) => p.reduce((a, pi, i) => a + pi * ((i === j ? 1 : 0) + Qt[4 * i + j] / lam), 0));
    for (let i = 0; i < 4; i++) expect(Math.abs(r.sites[i].occupancy / (32 * p[i]) - 1)).toBeLessThan(0.05);
  });

  it('activation energies from the given ν₀ within 4 σ and 0.01 eV of the true barriers', () => {
    for (const e of r.edges.filter((x) => E[`${x.from}-${x.to}`] !== undefined)) {
      const truth = E[`${e.from}-${e.to}`];
      expect(Math.abs(e.activation_energy_eV! - truth)).toBeLessThan(Math.max(4 * e.activation_energy_error_eV!, 0.002));
      expect(Math.abs(e.activation_energy_eV! - truth)).toBeLessThan(0.01);
    }
    expect(r.attempt_frequency_source).toBe('given');
  });

  it('site vibration: RMS amplitude √3 σ and the harmonic attempt frequency ν₀ within 2 %', () => {
    for (const v of r.vibration) {
      expect(Math.abs(Math.sqrt(v.variance_A2!) / SIGMA_A - 1)).toBeLessThan(0.01);
      expect(Math.abs(v.rms_A! / (Math.sqrt(3) * SIGMA_A) - 1)).toBeLessThan(0.01);
      expect(Math.abs(v.harmonic_attempt_frequency_THz! / NU0_THZ - 1)).toBeLessThan(0.02);
    }
    for (const s of r.sites) expect(Math.abs(s.vibration_rms_A! / (Math.sqrt(3) * SIGMA_A) - 1)).toBeLessThan(0.02);
  });

  it('independent ions: collective pairs ≈ the number expected by chance', () => {
    const c = r.collective;
    expect(c.nPairs).toBeGreaterThan(1000);
    expect(c.ratioToChance!).toBeGreaterThan(0.9);
    expect(c.ratioToChance!).toBeLessThan(1.1);
  });

  it('without ν₀: activation energies from the harmonic ν₀ of the site vibration within 0.01 eV', () => {
    const k2 = runKmc(7, 16, 20000, 10);
    expect(k2.result.attempt_frequency_source).toBe('site vibration (harmonic)');
    for (const e of k2.result.edges.filter((x) => E[`${x.from}-${x.to}`] !== undefined))
      expect(Math.abs(e.activation_energy_eV! - E[`${e.from}-${e.to}`])).toBeLessThan(4 * e.activation_energy_error_eV! + 0.003);
    for (const t of k2.result.typeRates) expect(t.attempt_frequency_THz! / NU0_THZ).toBeCloseTo(1, 1);
  });
});

describe('transition network formulas and inputs', () => {
  it('E_a = −k_B T ln(k/ν₀) and ν₀ = (1/2π)√(k_B T/(m σ²)) invert each other', () => {
    expect(activationEnergyFromRate_eV(rateOf(0.2), NU0_THZ, T_K)).toBeCloseTo(0.2, 12);
    expect(harmonicAttemptFrequency_THz(SIGMA_A ** 2, MASS, T_K)).toBeCloseTo(NU0_THZ, 3);
    expect(() => activationEnergyFromRate_eV(0, 5, 600)).toThrow(/positive rate/);
  });

  it('bad options are refused with one clear line', () => {
    const cell = Cell.orthorhombic(6, 6, 6);
    const net = siteNetworkFromPoints([1, 1, 1, 4, 4, 4], [0, 0], ['A'], [1, 1, 1, 4, 4, 4], cell, { nVertices: 1 });
    expect(() => new TransitionNetworkAnalysis(net, { mobile: 'Li', temperature_K: -3 })).toThrow(/temperature must be a positive/);
    expect(() => new TransitionNetworkAnalysis(net, { mobile: 'Li', attemptFrequency_THz: 0 })).toThrow(/attempt frequency/);
    expect(() => new TransitionNetworkAnalysis(net, { mobile: 'Li', collectiveWindow_fs: NaN })).toThrow(/window/);
    expect(() => siteNetworkFromPoints([1, 1, 1], [0], ['A'], [1, 1, 1], cell, { nVertices: 4 })).toThrow(/only 1 host/);
  });

  it('without temperature the activation energies are null with a note', () => {
    const k = runKmc(3, 4, 2000, 10, {});
    expect(k.result.edges.every((e) => e.activation_energy_eV !== null)).toBe(true);
    const noT = transitionNetworkFromJumps(k.result.jumps, {});
    expect(noT.edges.length).toBe(k.result.edges.length);
    expect(noT.edges.every((e) => e.activation_energy_eV === null && e.rate_per_ns > 0)).toBe(true);
    expect(noT.activation_energy_note).toMatch(/no temperature/);
  });
});

describe('collective jumps', () => {
  it('pairs, events and the chance baseline on a hand-made jump list', () => {
    const jumps = [
      { t_fs: 100, ion: 1, from: 0, to: 1 }, // 0
      { t_fs: 150, ion: 2, from: 1, to: 2 }, // 1: shares 1 with 0 (dt 50)
      { t_fs: 160, ion: 3, from: 5, to: 6 }, // 2: shares nothing
      { t_fs: 300, ion: 1, from: 1, to: 2 }, // 3: same ion as 0; shares with 1 but dt 150 > 100
      { t_fs: 240, ion: 4, from: 2, to: 3 }, // 4: shares 2 with 1 (dt 90) and with 3 (dt 60)
      { t_fs: 900, ion: 5, from: 6, to: 5 }, // 5: shares with 2 but dt 740
    ];
    const c = collectiveJumps(jumps, { window_fs: 100, duration_fs: 1000 });
    expect(c.nPairs).toBe(3);
    expect(c.events).toEqual([[0, 1, 3, 4]]);
    expect(c.eventSizes).toEqual({ 4: 1 });
    expect(c.collectiveFraction).toBeCloseTo(4 / 6, 12);
    // brute-force count of pairs of different ions sharing a site
    let M = 0;
    for (let i = 0; i < jumps.length; i++)
      for (let j = i + 1; j < jumps.length; j++) {
        const a = jumps[i],
          b = jumps[j];
        if (a.ion !== b.ion && [a.from, a.to].some((s) => s === b.from || s === b.to)) M++;
      }
    expect(c.sharingPairs).toBe(M);
    expect(c.expectedPairsByChance).toBeCloseTo(M * (0.2 - 0.01), 12);
  });
});

describe('sites given as points follow their hosts', () => {
  it('centre = the point on the reference frame, translated with the hosts', () => {
    const cell = Cell.orthorhombic(8, 8, 8);
    const hosts = new Float64Array([0, 0, 0, 4, 0, 0, 0, 4, 0, 0, 0, 4, 4, 4, 0, 4, 0, 4, 0, 4, 4, 4, 4, 4]);
    const pts = [1.9, 2.1, 2.0, 7.5, 0.3, 7.9];
    const net = siteNetworkFromPoints(pts, [0, 0], ['p'], hosts, cell, { nVertices: 4 });
    const c0 = siteCentres(net, hosts, cell);
    for (let k = 0; k < 6; k++) expect(c0[k]).toBeCloseTo(pts[k], 10);
    const moved = hosts.map((x, i) => x + [0.7, -0.4, 1.1][i % 3]);
    const c1 = siteCentres(net, moved, cell);
    const want = cell.wrap(pts.map((x, i) => x + [0.7, -0.4, 1.1][i % 3]));
    for (let k = 0; k < 6; k++) expect(c1[k]).toBeCloseTo(want[k], 10);
  });
});

describe('transition network result card', () => {
  it('is recognised and shows type rates with E_a and the network plot', () => {
    const k = runKmc(5, 8, 3000, 10, { attempt: NU0_THZ });
    const card = resultCard(k.result)!;
    expect(card.kind).toBe('transitions');
    expect(card.headline.some((h: { label: string; note?: string }) => h.label === 'A → B' && /E_a = /.test(h.note ?? ''))).toBe(true);
    expect((card.plot as unknown as { layer: unknown[] }).layer).toHaveLength(2);
  });
});
