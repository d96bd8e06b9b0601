import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { Random } from '../../src/core/random';
import { orientationVectors } from '../../src/dynamics/orientationVectors';
import { vectorAutocorrelation } from '../../src/dynamics/vectorAutocorrelation';
import { correlationSpectrum } from '../../src/dynamics/correlationSpectrum';
import { rotorAngularVelocities } from '../../src/dynamics/angularVelocity';
import { bestRotationVector } from '../../src/dynamics/rigidBodyRotation';
import { reorientationEvents } from '../../src/dynamics/reorientationEvents';
import { latticeAngleProjections } from '../../src/dynamics/latticeAngleProjections';
import { orientationMap } from '../../src/dynamics/orientationMap';
import { orientationStates } from '../../src/dynamics/orientationStates';
import { makeTrajectory } from './synthetic';

/** A planar P + 3 S rotor (centre at the origin shift c) rotated about z by angle(t). */
function rotatingRotor(T: number, dt: number, angle: (t: number) => number, box = 30) {
  const body = [[0, 0, 0], [2, 0, 0], [-1, 1.7, 0], [-1, -1.7, 0.3]];
  const n = body.length, c = [box - 1, 5, 5]; // near the boundary: S atoms cross it
  const pos = new Float64Array(T * 3 * n);
  for (let f = 0; f < T; f++) {
    const a = angle(f * dt), co = Math.cos(a), si = Math.sin(a);
    for (let i = 0; i < n; i++) {
      const [x, y, z] = body[i];
      let px = c[0] + co * x - si * y;
      if (px >= box) px -= box; // wrapped
      pos[f * 3 * n + 3 * i] = px; pos[f * 3 * n + 3 * i + 1] = c[1] + si * x + co * y; pos[f * 3 * n + 3 * i + 2] = c[2] + z;
    }
  }
  return makeTrajectory(['P', 'S', 'S', 'S'], T, dt, pos, { box, unwrapped: false });
}

describe('rigid rotor at constant angular velocity', () => {
  const dt = 5, T = 1200, f0 = 1; // THz
  const omega = 2 * Math.PI * f0 * 1e-3; // rad/fs
  const traj = rotatingRotor(T, dt, (t) => omega * t);
  const rotors = [{ atoms: [0, 1, 2, 3], pointer: 1 }];

  it('orientation ACF is cos(ωt) and its spectrum peaks at ω/2π', () => {
    const { orientations } = orientationVectors(traj, rotors);
    // the COM is off the rotation axis's plane only along z (S3 at z = 0.3), so r̂ has a constant z part:
    // r̂·r̂' = ρ² cos(ωt) + z², with ρ² + z² = 1
    const u0 = orientations.values;
    const z2 = u0[2] * u0[2];
    const acf = vectorAutocorrelation(orientations, { maxLag: 600 });
    for (let m = 0; m <= 600; m += 37) expect(acf[m]).toBeCloseTo((1 - z2) * Math.cos(omega * m * dt) + z2, 10);
    const s = correlationSpectrum(acf.map((x) => x - z2), dt, 'hann');
    let best = 1;
    for (let k = 1; k < s.spectrum.length; k++) if (s.spectrum[k] > s.spectrum[best]) best = k;
    expect(Math.abs(s.freq_THz[best] - f0)).toBeLessThanOrEqual(s.freq_THz[1] - s.freq_THz[0]); // one grid step
  });

  it('the rigid-body fit recovers ω = (0, 0, ω) in every frame, across the boundary', () => {
    const w = rotorAngularVelocities(traj, rotors, dt);
    expect(w.nFrames).toBe(T - 1);
    for (let f = 0; f < T - 1; f += 50) {
      expect(w.values[3 * f]).toBeCloseTo(0, 12);
      expect(w.values[3 * f + 1]).toBeCloseTo(0, 12);
      expect(w.values[3 * f + 2] / omega).toBeCloseTo(1, 9);
    }
  });
});

describe('libration', () => {
  it('angular-velocity ACF spectrum peaks at the libration frequency', () => {
    const dt = 5, T = 1600, fl = 2; // THz
    const traj = rotatingRotor(T, dt, (t) => 0.3 * Math.sin(2 * Math.PI * fl * 1e-3 * t));
    const w = rotorAngularVelocities(traj, [{ atoms: [0, 1, 2, 3] }], dt);
    const acf = vectorAutocorrelation(w, { maxLag: 800 });
    const s = correlationSpectrum(acf.map((x) => x / acf[0]), dt, 'hann');
    let best = 1;
    for (let k = 1; k < s.spectrum.length; k++) if (s.spectrum[k] > s.spectrum[best]) best = k;
    expect(Math.abs(s.freq_THz[best] - fl)).toBeLessThanOrEqual(s.freq_THz[1] - s.freq_THz[0]);
  });
});

describe('best rotation', () => {
  it('recovers a random rotation vector of a random body', () => {
    const rng = new Random(4);
    for (let trial = 0; trial < 5; trial++) {
      const axis = [rng.normal(), rng.normal(), rng.normal()];
      const n = Math.hypot(...axis);
      const th = 2.5 * rng.uniform();
      const k = axis.map((x) => x / n);
      const p = Float64Array.from({ length: 15 }, () => rng.normal());
      const q = new Float64Array(15);
      for (let i = 0; i < 5; i++) { // Rodrigues
        const v = [p[3 * i], p[3 * i + 1], p[3 * i + 2]];
        const kv = k[0] * v[0] + k[1] * v[1] + k[2] * v[2];
        const c = [k[1] * v[2] - k[2] * v[1], k[2] * v[0] - k[0] * v[2], k[0] * v[1] - k[1] * v[0]];
        for (let j = 0; j < 3; j++) q[3 * i + j] = v[j] * Math.cos(th) + c[j] * Math.sin(th) + k[j] * kv * (1 - Math.cos(th));
      }
      const out = new Float64Array(3);
      bestRotationVector(p, q, [1, 2, 3, 4, 5], out);
      for (let j = 0; j < 3; j++) expect(out[j]).toBeCloseTo(th * k[j], 9);
    }
  });
});

describe('reorientation events', () => {
  it('an orientation flipping by 90° at known frames gives exactly those events', () => {
    const T = 60, dt = 10;
    const flips = [12, 30, 48]; // even frames: the flip frame itself is not wobbled
    const dirs = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]];
    const u = new Float64Array(T * 3);
    for (let f = 0; f < T; f++) {
      const d = dirs[flips.filter((x) => f >= x).length];
      // plus a 30° wobble every other frame that must not count at the 70° threshold
      const wob = f % 2 ? Math.PI / 6 : 0;
      const v = [d[0] * Math.cos(wob) + d[1] * Math.sin(wob), d[1] * Math.cos(wob) + d[2] * Math.sin(wob), d[2] * Math.cos(wob) + d[0] * Math.sin(wob)];
      const L = Math.hypot(...v);
      u.set(v.map((x) => x / L), 3 * f);
    }
    const ev = reorientationEvents({ values: u, nFrames: T, nItems: 1 }, dt, 70);
    expect(ev.frames[0]).toEqual(flips);
    expect(ev.rate_per_ns[0]).toBeCloseTo((3 / ((T - 1) * dt)) * 1e6, 9);
    expect(() => reorientationEvents({ values: u, nFrames: T, nItems: 1 }, dt, 0)).toThrow(InputError);
  });
});

describe('angle projections, maps and states', () => {
  it('θ against the lattice axes', () => {
    const traj = makeTrajectory(['P', 'S'], 2, 1, new Float64Array([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]));
    const { orientations } = orientationVectors(traj, [{ atoms: [0, 1] }]);
    const th = latticeAngleProjections(orientations, traj);
    // COM sits between P and S on the bond; r̂ points to S: along x then along z
    expect(Array.from(th.subarray(0, 3)).map((x) => Math.round(x * 1e9) / 1e9)).toEqual([0, 90, 90]);
    expect(Array.from(th.subarray(3, 6)).map((x) => Math.round(x * 1e9) / 1e9)).toEqual([90, 90, 0]);
  });

  it('uniform orientations give the flat density 1/(4π) per steradian', () => {
    const rng = new Random(9);
    const S = 200000, u = new Float64Array(3 * S);
    for (let s = 0; s < S; s++) {
      const v = [rng.normal(), rng.normal(), rng.normal()], L = Math.hypot(...v);
      u[3 * s] = v[0] / L; u[3 * s + 1] = v[1] / L; u[3 * s + 2] = v[2] / L;
    }
    const map = orientationMap({ values: u, nFrames: S, nItems: 1 }, 12, 24);
    // each bin holds ≥ ~200 samples at the poles: 5σ relative ≈ 0.35; the mean over bins is exact
    let sum = 0;
    for (let i = 0; i < map.density_per_sr.length; i++) {
      expect(Math.abs(map.density_per_sr[i] * 4 * Math.PI - 1)).toBeLessThan(0.35);
      sum += map.density_per_sr[i] * 4 * Math.PI;
    }
    // Σ density·ΔΩ = 1 exactly
    const dth = Math.PI / 12, dph = (2 * Math.PI) / 24;
    let total = 0;
    for (let i = 0; i < 12; i++) for (let j = 0; j < 24; j++) total += map.density_per_sr[i * 24 + j] * (Math.cos(i * dth) - Math.cos((i + 1) * dth)) * dph;
    expect(total).toBeCloseTo(1, 12);
    expect(sum / map.density_per_sr.length).toBeGreaterThan(0.9);
  });

  it('orientations around the six ±x, ±y, ±z directions give six states and S = ln 6', () => {
    const rng = new Random(2);
    const dirs = [[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1]];
    const S = 60000, u = new Float64Array(3 * S);
    for (let s = 0; s < S; s++) {
      const d = dirs[s % 6]; // equal occupancy
      const v = d.map((x) => x + 0.06 * rng.normal()); // ~5° spread
      const L = Math.hypot(...v);
      u.set(v.map((x) => x / L), 3 * s);
    }
    const series = { values: u, nFrames: S, nItems: 1 };
    const st = orientationStates(series, orientationMap(series, 36, 72), { window_deg: 20 });
    expect(st.occupancy.length).toBe(6);
    expect(st.assigned_fraction).toBeGreaterThan(0.999); // 20° = 4σ of the spread
    expect(st.gibbs_entropy_kB).toBeCloseTo(Math.log(6), 6);
    // Wood 2021 eq. 3.1 with six classes of P = 1/6: 6·[−(1/6)ln(1/6) − (5/6)ln(5/6)]
    expect(st.entropy_kB).toBeCloseTo(-6 * ((1 / 6) * Math.log(1 / 6) + (5 / 6) * Math.log(5 / 6)), 6);
    // two states only → ln 2
    const two = Float64Array.from({ length: 3 * 1000 }, (_, i) => (i % 3 === 0 ? (Math.floor(i / 3) % 2 ? 1 : -1) : 0));
    const s2 = { values: two, nFrames: 1000, nItems: 1 };
    expect(orientationStates(s2, orientationMap(s2)).gibbs_entropy_kB).toBeCloseTo(Math.log(2), 12);
    expect(orientationStates(s2, orientationMap(s2)).entropy_kB).toBeCloseTo(2 * Math.log(2), 12);
  });
});

describe('orientation bad input', () => {
  it('a molecule with fewer atoms than an orientation needs, or no rotors', () => {
    const traj = makeTrajectory(['P', 'S'], 2, 1, new Float64Array(12).map((_, i) => i));
    expect(() => orientationVectors(traj, [{ atoms: [0] }])).toThrow(/has 1 atom\(s\).*needs at least 2/);
    expect(() => orientationVectors(traj, [])).toThrow(InputError);
    expect(() => rotorAngularVelocities(traj, [{ atoms: [1] }], 1)).toThrow(InputError);
  });
  it('a principal axis of a spherical top is refused', () => {
    const tet = [[0, 0, 0], [1, 1, 1], [1, -1, -1], [-1, 1, -1], [-1, -1, 1]].flat().map((x) => x + 5);
    const traj = makeTrajectory(['P', 'S', 'S', 'S', 'S'], 1, 1, new Float64Array(tet));
    expect(() => orientationVectors(traj, [{ atoms: [0, 1, 2, 3, 4] }], { kind: 'principal' })).toThrow(/degenerate/);
  });
  it('the principal (long) axis of a linear molecule', () => {
    const traj = makeTrajectory(['S', 'P', 'S'], 1, 1, new Float64Array([4, 5, 5, 5, 5, 5, 6, 5, 5]));
    const { orientations } = orientationVectors(traj, [{ atoms: [0, 1, 2] }], { kind: 'principal' });
    expect(Math.abs(orientations.values[0])).toBeCloseTo(1, 12);
  });
});
