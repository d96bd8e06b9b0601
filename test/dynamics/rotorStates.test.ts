// Rotor-level orientation states and entropy, pointer-length check, reorientation detection limit.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { Random } from '../../src/core/random';
import { anionRotation } from '../../src/dynamics/anionRotation';
import { orientationStates } from '../../src/dynamics/orientationStates';
import { orientationVectors } from '../../src/dynamics/orientationVectors';
import { reorientationEvents } from '../../src/dynamics/reorientationEvents';
import { rotorOrientationStates } from '../../src/dynamics/rotorOrientationStates';
import { anionRotationWithHopping } from '../../src/dynamics/rotationAndHopping';
import { exclusiveStateEntropy } from '../../src/sites/exclusiveStateEntropy';
import { makeTrajectory } from './synthetic';

const s3 = 2.05 / Math.sqrt(3);
const TET_A = [
  [1, 1, 1],
  [1, -1, -1],
  [-1, 1, -1],
  [-1, -1, 1],
].map((v) => v.map((x) => x * s3));
const TET_B = TET_A.map((v) => v.map((x) => -x)); // the other tetrahedron of the cube corners

/**
 * R PS4 rotors on a 2×2×(R/4) grid 7.5 Å apart in a 30 Å box, T frames; rotor q in frame f uses
 * orientation A or B as `inB(q, f)` says, atoms jittered by Gaussian noise of `noise` Å per component.
 */
function ps4Crystal(R: number, T: number, dt: number, inB: (q: number, f: number) => boolean, noise = 0.04, seed = 5) {
  const rng = new Random(seed);
  const n = 5 * R,
    pos = new Float64Array(T * 3 * n);
  const symbols: string[] = [];
  for (let q = 0; q < R; q++) symbols.push('P', 'S', 'S', 'S', 'S');
  for (let f = 0; f < T; f++) {
    for (let q = 0; q < R; q++) {
      const c = [3.75 + 7.5 * (q % 4), 3.75 + 7.5 * (Math.floor(q / 4) % 4), 3.75 + 7.5 * Math.floor(q / 16)];
      const body = inB(q, f) ? TET_B : TET_A;
      for (let a = 0; a < 5; a++) {
        const v = a === 0 ? [0, 0, 0] : body[a - 1];
        for (let k = 0; k < 3; k++) pos[f * 3 * n + 3 * (5 * q + a) + k] = c[k] + v[k] + noise * rng.normal();
      }
    }
  }
  return makeTrajectory(symbols, T, dt, pos, { box: 30 });
}

describe('exclusive-state entropy (Wood 2021 eq. 3.1, chain form)', () => {
  it('equals −Σ p ln p: 0 for one state, ln 2 for two halves, ln n for n equal states, any p', () => {
    expect(exclusiveStateEntropy([1])).toBe(0);
    expect(exclusiveStateEntropy([1, 0, 0])).toBe(0);
    expect(exclusiveStateEntropy([0.5, 0.5])).toBeCloseTo(Math.log(2), 14);
    expect(exclusiveStateEntropy([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(Math.log(4), 14);
    // hand-worked: p = (0.5, 0.3, 0.2): −(0.5 ln 0.5 + 0.3 ln 0.3 + 0.2 ln 0.2) = 1.0296530140645737
    expect(exclusiveStateEntropy([0.5, 0.3, 0.2])).toBeCloseTo(1.0296530140645737, 13);
    const rng = new Random(3);
    const p = Array.from({ length: 7 }, () => rng.uniform());
    const s = p.reduce((a, b) => a + b, 0);
    const q = p.map((x) => x / s);
    expect(exclusiveStateEntropy(q)).toBeCloseTo(-q.reduce((a, x) => a + x * Math.log(x), 0), 12);
    expect(() => exclusiveStateEntropy([0.5, 0.4])).toThrow(/sum to 1/);
    expect(() => exclusiveStateEntropy([1.5, -0.5])).toThrow(InputError);
  });
});

describe('rotor-level orientation entropy', () => {
  const dt = 10,
    T = 200,
    R = 16;

  it('a crystal whose PS4 rotors all sit in one orientation: entropy 0 (per-S occupancy is 1/4 each by symmetry)', () => {
    const traj = ps4Crystal(R, T, dt, () => false);
    const r = anionRotation(traj, { anion: 'PS4' });
    expect(r.n_rotors).toBe(R);
    expect(r.state_vectors_per_rotor).toBe(4);
    expect(r.states.occupancy.length).toBe(4);
    for (const p of r.states.occupancy) expect(p).toBeCloseTo(0.25, 12); // 4 S per rotor, one in each state
    // the former per-vector number: 4 × H(1/4) = 2.2493 k_B, the maximum for 4 states, although nothing is disordered
    expect(r.states.entropy_kB!).toBeCloseTo(-4 * (0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)), 12);
    expect(r.rotor_states.states).toEqual([[0, 1, 2, 3]]);
    expect(r.rotor_states.assigned_fraction).toBe(1);
    expect(r.orientation_entropy_kB).toBe(0);
    // no reorientation: rate 0, detection limit 1/(R · (T − 1)Δt) = 1e6/(16 · 1990) ns⁻¹ = 31.407 ns⁻¹
    expect(r.reorientation_per_ns).toBe(0);
    expect(r.reorientation_per_ns_upper_bound!).toBeCloseTo(1e6 / (R * (T - 1) * dt), 9);
    expect(r.reorientation_per_ns_upper_bound!).toBeCloseTo(31.407, 3);
  });

  it('rotors flipping equally between the two tetrahedral orientations: ln 2 per rotor', () => {
    // rotor q is in B during alternate 10-frame blocks, phase by q: exactly 100 frames in each orientation
    const traj = ps4Crystal(R, T, dt, (q, f) => Math.floor(f / 10) % 2 === q % 2);
    const r = anionRotation(traj, { anion: 'PS4' });
    expect(r.states.occupancy.length).toBe(8); // the 8 cube corners
    for (const p of r.states.occupancy) expect(p).toBeCloseTo(1 / 8, 12);
    expect(r.rotor_states.states.length).toBe(2);
    expect(r.rotor_states.occupancy[0]).toBeCloseTo(0.5, 14);
    expect(r.orientation_entropy_kB!).toBeCloseTo(Math.log(2), 12);
    // the two orientations are disjoint sets of 4 corner states
    expect(new Set([...r.rotor_states.states[0], ...r.rotor_states.states[1]]).size).toBe(8);
    // events were seen: no upper bound
    expect(r.reorientation_per_ns).toBeGreaterThan(0);
    expect(r.reorientation_per_ns_upper_bound).toBeNull();
  });

  it('rotors with one pointer atom: rotor states are the per-vector states; entropy −Σ p ln p', () => {
    // 100 rotors × 20 frames, one pointer vector each; every 4th rotor along +x, the others along +z, 2° jitter
    const rng = new Random(11),
      T1 = 20,
      R1 = 100;
    const u = new Float64Array(3 * T1 * R1);
    for (let f = 0; f < T1; f++)
      for (let q = 0; q < R1; q++) {
        const v = q % 4 === 3 ? [1, 0, 0] : [0, 0, 1];
        const w = v.map((x) => x + 0.035 * rng.normal()),
          n = Math.hypot(w[0], w[1], w[2]);
        for (let k = 0; k < 3; k++) u[3 * (f * R1 + q) + k] = w[k] / n;
      }
    const series = { values: u, nFrames: T1, nItems: R1 };
    const st = orientationStates(series);
    const rs = rotorOrientationStates(series, 1, st);
    expect(rs.states).toEqual(st.occupancy.map((_, k) => [k]).sort((a, b) => st.occupancy[b[0]] - st.occupancy[a[0]]));
    expect(rs.occupancy[0]).toBeCloseTo(0.75, 12);
    expect(rs.occupancy[1]).toBeCloseTo(0.25, 12);
    expect(rs.entropy_kB!).toBeCloseTo(st.gibbs_entropy_kB!, 12);
    expect(rs.entropy_kB!).toBeCloseTo(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)), 12);
    // eq. 3.1 with independent classes, as per-vector states report it (unchanged for one pointer)
    expect(rs.independent_entropy_kB!).toBeCloseTo(st.entropy_kB!, 12);
  });

  it('the ratio to the hop rate gets the detection limit as an upper bound when no rotor reorients', async () => {
    // the static crystal plus two Li that swap their frame-0 positions (3.65 Å apart) at frame 100: two hops
    const base = ps4Crystal(R, T, dt, () => false);
    const nAll = 5 * R + 2,
      pos = new Float64Array(T * 3 * nAll);
    for (let f = 0; f < T; f++) {
      pos.set(base.positions.subarray(f * 15 * R, (f + 1) * 15 * R), f * 3 * nAll);
      const o = f * 3 * nAll + 15 * R;
      // Li 0 at (0,0,0) then (0, 0, 3.75) after frame 100; Li 1 at (0, 0, 3.75) then (0,0,0): one hop each
      const swap = f >= 100;
      pos.set([0.1, 0.1, swap ? 3.75 : 0.1, 0.1, 0.1, swap ? 0.1 : 3.75], o);
    }
    const symbols = [...Array.from(base.topology.species, (s) => base.topology.symbols[s]), 'Li', 'Li'];
    const traj = makeTrajectory(symbols, T, dt, pos, { box: 30 });
    const r = await anionRotationWithHopping(traj, { anion: 'PS4' }, { mobile: 'Li' });
    expect(r.hopping.n_hops).toBe(2);
    expect(r.reorientation_to_hop_ratio).toBe(0);
    const hop = r.hopping.hop_per_ns;
    expect(r.reorientation_to_hop_ratio_upper_bound!).toBeCloseTo(1e6 / (R * (T - 1) * dt) / hop, 9);
  });
});

describe('reorientation detection limit', () => {
  it('no event: rate 0 and bound 1/(R·(T−1)Δt); one event: bound null', () => {
    const T = 11,
      R = 4,
      u = new Float64Array(3 * T * R);
    for (let s = 0; s < T * R; s++) u[3 * s + 2] = 1;
    const none = reorientationEvents({ values: u, nFrames: T, nItems: R }, 50);
    expect(none.n_events).toBe(0);
    expect(none.mean_rate_per_ns).toBe(0);
    expect(none.rate_upper_bound_per_ns!).toBeCloseTo(1e6 / (4 * 500), 12); // 500 ns⁻¹
    const v = u.slice();
    v[3 * (5 * R + 2)] = 1;
    v[3 * (5 * R + 2) + 2] = 0; // rotor 2 turns to +x at frame 5 (90°)
    for (let f = 6; f < T; f++) {
      v[3 * (f * R + 2)] = 1;
      v[3 * (f * R + 2) + 2] = 0;
    }
    const one = reorientationEvents({ values: v, nFrames: T, nItems: R }, 50);
    expect(one.n_events).toBe(1);
    expect(one.rate_upper_bound_per_ns).toBeNull();
    expect(one.mean_rate_per_ns).toBeCloseTo(1e6 / 500 / 4, 12);
  });
});

describe('pointer atom at the centre of mass', () => {
  it('PS4 oriented by P (on the COM) is refused with the atom, its mean distance and the expected minimum', () => {
    const traj = ps4Crystal(4, 20, 10, () => false, 0.05);
    expect(() => anionRotation(traj, { anion: 'PS4', atom: 'P' })).toThrow(InputError);
    expect(() => anionRotation(traj, { anion: 'PS4', atom: 'P' })).toThrow(
      /pointer atom P \(atom 0\) lies on average 0\.\d+ Å from the rotor's centre of mass \(mean COM–atom distance 1\.\d+ Å\).*expected at least 0\.3\d Å/,
    );
    // by S it works, and the mean pointer length is the P–S bond less the small COM offset
    const { pointerLength_A, meanAtomDistance_A } = orientationVectors(traj, [{ atoms: [0, 1, 2, 3, 4], pointer: 1 }]);
    expect(pointerLength_A![0]).toBeGreaterThan(2.0);
    expect(pointerLength_A![0]).toBeLessThan(2.1);
    expect(meanAtomDistance_A[0]).toBeCloseTo((4 * pointerLength_A![0] + 0) / 5, 1);
  });
});
