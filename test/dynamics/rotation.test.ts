import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { Random } from '../../src/core/random';
import { orientationVectors } from '../../src/dynamics/orientationVectors';
import { wholeRotorInFrame } from '../../src/dynamics/wholeRotor';
import { symmetricEigen, symmetricEigen3 } from '../../src/geometry/symmetricEigen';
import { Trajectory } from '../../src/core/trajectory';
import { topologyFromSymbols } from '../../src/core/topology';
import { vectorAutocorrelation } from '../../src/dynamics/vectorAutocorrelation';
import { correlationSpectrum } from '../../src/dynamics/correlationSpectrum';
import { rotorAngularVelocities } from '../../src/dynamics/angularVelocity';
import { bestRotationVector } from '../../src/dynamics/rigidBodyRotation';
import { reorientationEvents } from '../../src/dynamics/reorientationEvents';
import { latticeAngleProjections } from '../../src/dynamics/latticeAngleProjections';
import { orientationMap } from '../../src/dynamics/orientationMap';
import { orientationStates } from '../../src/dynamics/orientationStates';
import { lnFactorial, poissonUpperTail } from '../../src/dynamics/poissonTail';
import { fibonacciSphere, poolDirections, vmfConcentration, vmfKernel, vmfKernelDensity } from '../../src/dynamics/sphericalKernelDensity';
import { makeTrajectory } from './synthetic';

/** A planar P + 3 S rotor (centre at the origin shift c) rotated about z by angle(t). */
function rotatingRotor(T: number, dt: number, angle: (t: number) => number, box = 30) {
  const body = [
    [0, 0, 0],
    [2, 0, 0],
    [-1, 1.7, 0],
    [-1, -1.7, 0.3],
  ];
  const n = body.length,
    c = [box - 1, 5, 5]; // near the boundary: S atoms cross it
  const pos = new Float64Array(T * 3 * n);
  for (let f = 0; f < T; f++) {
    const a = angle(f * dt),
      co = Math.cos(a),
      si = Math.sin(a);
    for (let i = 0; i < n; i++) {
      const [x, y, z] = body[i];
      let px = c[0] + co * x - si * y;
      if (px >= box) px -= box; // wrapped
      pos[f * 3 * n + 3 * i] = px;
      pos[f * 3 * n + 3 * i + 1] = c[1] + si * x + co * y;
      pos[f * 3 * n + 3 * i + 2] = c[2] + z;
    }
  }
  return makeTrajectory(['P', 'S', 'S', 'S'], T, dt, pos, { box, unwrapped: false });
}

describe('rigid rotor at constant angular velocity', () => {
  const dt = 5,
    T = 1200,
    f0 = 1; // THz
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
    const s = correlationSpectrum(
      acf.map((x) => x - z2),
      dt,
      'hann',
    );
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
    const dt = 5,
      T = 1600,
      fl = 2; // THz
    const traj = rotatingRotor(T, dt, (t) => 0.3 * Math.sin(2 * Math.PI * fl * 1e-3 * t));
    const w = rotorAngularVelocities(traj, [{ atoms: [0, 1, 2, 3] }], dt);
    const acf = vectorAutocorrelation(w, { maxLag: 800 });
    const s = correlationSpectrum(
      acf.map((x) => x / acf[0]),
      dt,
      'hann',
    );
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
      for (let i = 0; i < 5; i++) {
        // Rodrigues
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
    const T = 60,
      dt = 10;
    const flips = [12, 30, 48]; // even frames: the flip frame itself is not wobbled
    const dirs = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [1, 0, 0],
    ];
    const u = new Float64Array(T * 3);
    for (let f = 0; f < T; f++) {
      const d = dirs[flips.filter((x) => f >= x).length];
      // plus a 30° wobble every other frame that must not count at the 70° threshold
      const wob = f % 2 ? Math.PI / 6 : 0;
      const v = [
        d[0] * Math.cos(wob) + d[1] * Math.sin(wob),
        d[1] * Math.cos(wob) + d[2] * Math.sin(wob),
        d[2] * Math.cos(wob) + d[0] * Math.sin(wob),
      ];
      const L = Math.hypot(...v);
      u.set(
        v.map((x) => x / L),
        3 * f,
      );
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
    const S = 200000,
      u = new Float64Array(3 * S);
    for (let s = 0; s < S; s++) {
      const v = [rng.normal(), rng.normal(), rng.normal()],
        L = Math.hypot(...v);
      u[3 * s] = v[0] / L;
      u[3 * s + 1] = v[1] / L;
      u[3 * s + 2] = v[2] / L;
    }
    const map = orientationMap({ values: u, nFrames: S, nItems: 1 }, 12, 24);
    // each bin holds ≥ ~200 samples at the poles: 5σ relative ≈ 0.35; the mean over bins is exact
    let sum = 0;
    for (let i = 0; i < map.density_per_sr.length; i++) {
      expect(Math.abs(map.density_per_sr[i] * 4 * Math.PI - 1)).toBeLessThan(0.35);
      sum += map.density_per_sr[i] * 4 * Math.PI;
    }
    // Σ density·ΔΩ = 1 exactly
    const dth = Math.PI / 12,
      dph = (2 * Math.PI) / 24;
    let total = 0;
    for (let i = 0; i < 12; i++)
      for (let j = 0; j < 24; j++) total += map.density_per_sr[i * 24 + j] * (Math.cos(i * dth) - Math.cos((i + 1) * dth)) * dph;
    expect(total).toBeCloseTo(1, 12);
    expect(sum / map.density_per_sr.length).toBeGreaterThan(0.9);
  });

  it('orientations around the six ±x, ±y, ±z directions give six states and S = ln 6', () => {
    const series = spreadAround(
      [
        [1, 0, 0],
        [-1, 0, 0],
        [0, 1, 0],
        [0, -1, 0],
        [0, 0, 1],
        [0, 0, -1],
      ],
      [1, 1, 1, 1, 1, 1],
      60000,
      5,
      2,
    );
    const st = orientationStates(series, { window_deg: 20 });
    expect(st.occupancy.length).toBe(6);
    expect(st.assigned_fraction).toBeGreaterThan(0.999); // 20° = 4σ of the 5° spread
    // occupancies 1/6 each up to multinomial noise: 60000 samples, σ(p) = √(p(1−p)/N) = 0.0015; 5σ ≈ 0.008
    expect(st.gibbs_entropy_kB!).toBeCloseTo(Math.log(6), 3);
    // Wood 2021 eq. 3.1 with six classes of P = 1/6: 6·[−(1/6)ln(1/6) − (5/6)ln(5/6)]
    expect(st.entropy_kB!).toBeCloseTo(-6 * ((1 / 6) * Math.log(1 / 6) + (5 / 6) * Math.log(5 / 6)), 3);
    // two exact states only → ln 2
    const two = Float64Array.from({ length: 3 * 1000 }, (_, i) => (i % 3 === 0 ? (Math.floor(i / 3) % 2 ? 1 : -1) : 0));
    const s2 = orientationStates({ values: two, nFrames: 1000, nItems: 1 });
    expect(s2.occupancy.length).toBe(2);
    expect(s2.gibbs_entropy_kB!).toBeCloseTo(Math.log(2), 12);
    expect(s2.entropy_kB!).toBeCloseTo(2 * Math.log(2), 12);
  });

  it('8 body diagonals with 10° spread → exactly those 8 states, centres within 1.5°, equal occupancy', () => {
    const diag: number[][] = [];
    for (const x of [-1, 1]) for (const y of [-1, 1]) for (const z of [-1, 1]) diag.push([x, y, z].map((c) => c / Math.sqrt(3)));
    const st = orientationStates(
      spreadAround(
        diag,
        diag.map(() => 1),
        16000,
        10,
        11,
      ),
    );
    expect(st.occupancy.length).toBe(8);
    expect(st.bandwidth_deg).toBe(10);
    // each state centre sits on its own diagonal: mode of 2000 samples of 10° spread smoothed by 10°;
    // standard error of a mean direction ≈ 10°/√2000 = 0.22°, so 1.5° is ~7 standard errors
    const matched = new Set<number>();
    for (const c of st.direction) {
      const k = nearest(diag, c);
      matched.add(k);
      expect(angleDeg(diag[k], c)).toBeLessThan(1.5);
    }
    expect(matched.size).toBe(8);
    // a 2-D Gaussian of σ = 10° keeps 1 − e^{−2} = 86.5 % within 20° (the window); the rest is unassigned
    expect(st.assigned_fraction).toBeCloseTo(1 - Math.exp(-2), 1);
    // occupancy 1/8 each: σ(p) = √(p(1−p)/13800) = 0.0028, 5σ = 0.014
    for (const p of st.occupancy) expect(Math.abs(p - 1 / 8)).toBeLessThan(0.014);
    expect(st.gibbs_entropy_kB!).toBeCloseTo(Math.log(8), 2);
    for (const p of st.false_alarm_probability) expect(p).toBeLessThan(1e-100); // 1730 in a cap expecting 480
  });

  it('4 + 4 diagonals at 5 : 1 population → 8 states with the right occupancies; isotropic → no state, null entropy', () => {
    const diag: number[][] = [];
    for (const x of [-1, 1]) for (const y of [-1, 1]) for (const z of [-1, 1]) diag.push([x, y, z].map((c) => c / Math.sqrt(3)));
    // tetrahedral set A (x·y·z > 0) 5× as populated as set B: the minority states hold 1/24 of the samples
    // each — the former "≥ 25 % of the top density" rule would have dropped them
    const w = diag.map((d) => (d[0] * d[1] * d[2] > 0 ? 5 : 1));
    const st = orientationStates(spreadAround(diag, w, 24000, 8, 5));
    expect(st.occupancy.length).toBe(8);
    const byDiag = new Array(8).fill(0);
    st.direction.forEach((c, i) => {
      byDiag[nearest(diag, c)] = st.occupancy[i];
    });
    // expected 5/24 and 1/24; multinomial σ ≤ 0.0027 with ~23000 assigned samples, 5σ = 0.014
    diag.forEach((_, k) => expect(Math.abs(byDiag[k] - w[k] / 24)).toBeLessThan(0.014));

    const rng = new Random(4);
    const S = 20000,
      u = new Float64Array(3 * S);
    for (let s = 0; s < S; s++) {
      const v = [rng.normal(), rng.normal(), rng.normal()],
        L = Math.hypot(...v);
      u.set(
        v.map((x) => x / L),
        3 * s,
      );
    }
    const iso = orientationStates({ values: u, nFrames: S, nItems: 1 });
    // isotropic: the densest 20° cap of 20000 independent vectors is a false alarm with p ≫ 10⁻³
    expect(iso.occupancy.length).toBe(0);
    expect(iso.entropy_kB).toBeNull();
    expect(iso.gibbs_entropy_kB).toBeNull();
    expect(iso.entropy_reason).toMatch(/no orientation state/);
    expect(iso.assigned_fraction).toBe(0);
    expect(iso.n_effective).toBeGreaterThan(S / 2); // independent frames: τ ≈ 1

    // 30 frozen vectors (isotropic directions, 3° libration, 400 frames each): every vector makes a sharp
    // peak, but 30 directions carry only 30 independent samples; N_eff = 30 and no peak is significant
    // (this seed puts 4 of them within 20° of one direction: λ = 0.9 per cap, 33 caps, p ≈ 0.45)
    const R = 30,
      T = 400,
      fz = new Float64Array(3 * R * T),
      dirs: number[][] = [];
    for (let q = 0; q < R; q++) {
      const v = [rng.normal(), rng.normal(), rng.normal()],
        L = Math.hypot(...v);
      dirs.push(v.map((x) => x / L));
    }
    const lib = (3 * Math.PI) / 180;
    for (let f = 0; f < T; f++)
      for (let q = 0; q < R; q++) {
        const v = dirs[q].map((x) => x + lib * rng.normal()),
          L = Math.hypot(...v);
        fz.set(
          v.map((x) => x / L),
          3 * (f * R + q),
        );
      }
    const frozen = orientationStates({ values: fz, nFrames: T, nItems: R });
    expect(frozen.n_effective).toBe(R);
    expect(frozen.occupancy.length).toBe(0);
  });

  it('the smoothed density is normalised and matches the isotropic value', () => {
    // Σ f̂ · 4π/M over the equal-area lattice ≈ ∫ f̂ dΩ = 1 (quadrature error of a σ/3 lattice ≪ 1 %)
    const rng = new Random(8);
    const S = 3000,
      u = new Float64Array(3 * S);
    for (let s = 0; s < S; s++) {
      const v = [1 + 0.2 * rng.normal(), 0.2 * rng.normal(), 0.2 * rng.normal()],
        L = Math.hypot(...v);
      u.set(
        v.map((x) => x / L),
        3 * s,
      );
    }
    const M = 4000,
      grid = fibonacciSphere(M),
      kappa = vmfConcentration(10);
    const f = vmfKernelDensity(poolDirections(u, S), grid, kappa);
    expect((f.reduce((a, b) => a + b, 0) * (4 * Math.PI)) / M).toBeCloseTo(1, 3);
    // pooling moves samples by < 0.6°: against the direct unpooled kernel sum the density differs by < 1 %
    // of the peak (κ·δθ·sinθ ≤ 33 · 0.01 · 0.2 at the kernel's width)
    let peak = 0,
      maxDiff = 0;
    for (let i = 0; i < M; i += 7) {
      let d = 0;
      for (let s = 0; s < S; s++) d += vmfKernel(grid[3 * i] * u[3 * s] + grid[3 * i + 1] * u[3 * s + 1] + grid[3 * i + 2] * u[3 * s + 2], kappa);
      d /= S;
      peak = Math.max(peak, d);
      maxDiff = Math.max(maxDiff, Math.abs(d - f[i]));
    }
    expect(maxDiff / peak).toBeLessThan(0.01);
  });
});

/** `n` unit vectors around `dirs` (chosen with weights `w`), Gaussian tangent spread of `spread_deg`, seeded. */
function spreadAround(dirs: number[][], w: number[], n: number, spread_deg: number, seed: number) {
  const rng = new Random(seed),
    u = new Float64Array(3 * n),
    total = w.reduce((a, b) => a + b, 0);
  const s = (spread_deg * Math.PI) / 180;
  for (let k = 0; k < n; k++) {
    // deterministic stratified choice of the direction keeps the counts exactly proportional to w
    let r = ((k + 0.5) / n) * total,
      d = 0;
    while (r > w[d]) {
      r -= w[d];
      d++;
    }
    const v = dirs[d].map((x) => x + s * rng.normal()),
      L = Math.hypot(...v);
    u.set(
      v.map((x) => x / L),
      3 * k,
    );
  }
  return { values: u, nFrames: 1, nItems: n }; // independent samples: one frame of n items
}
function angleDeg(a: number[], b: number[]) {
  const d = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  return (Math.acos(Math.max(-1, Math.min(1, d / Math.hypot(...a) / Math.hypot(...b)))) * 180) / Math.PI;
}
function nearest(dirs: number[][], c: number[]) {
  let best = 0;
  dirs.forEach((d, k) => {
    if (angleDeg(d, c) < angleDeg(dirs[best], c)) best = k;
  });
  return best;
}

describe('orientation bad input', () => {
  it('a molecule with fewer atoms than an orientation needs, or no rotors', () => {
    const traj = makeTrajectory(
      ['P', 'S'],
      2,
      1,
      new Float64Array(12).map((_, i) => i),
    );
    expect(() => orientationVectors(traj, [{ atoms: [0] }])).toThrow(/has 1 atom\(s\).*needs at least 2/);
    expect(() => orientationVectors(traj, [])).toThrow(InputError);
    expect(() => rotorAngularVelocities(traj, [{ atoms: [1] }], 1)).toThrow(InputError);
  });
  it('a principal axis of a spherical top is refused', () => {
    const tet = [
      [0, 0, 0],
      [1, 1, 1],
      [1, -1, -1],
      [-1, 1, -1],
      [-1, -1, 1],
    ]
      .flat()
      .map((x) => x + 5);
    const traj = makeTrajectory(['P', 'S', 'S', 'S', 'S'], 1, 1, new Float64Array(tet));
    expect(() => orientationVectors(traj, [{ atoms: [0, 1, 2, 3, 4] }], { kind: 'principal' })).toThrow(/degenerate/);
  });
  it('the principal (long) axis of a linear molecule', () => {
    const traj = makeTrajectory(['S', 'P', 'S'], 1, 1, new Float64Array([4, 5, 5, 5, 5, 5, 6, 5, 5]));
    const { orientations } = orientationVectors(traj, [{ atoms: [0, 1, 2] }], { kind: 'principal' });
    expect(Math.abs(orientations.values[0])).toBeCloseTo(1, 12);
  });
});

describe('Poisson upper tail (significance of orientation states)', () => {
  it('matches the direct sum of the probability mass function', () => {
    // oracle: 1 − Σ_{j<k} e^{−λ}λ^j/j! with j! built by multiplication (exact to ~1e-15 relative for these sizes)
    const direct = (k: number, lam: number) => {
      let term = Math.exp(-lam),
        below = 0;
      for (let j = 0; j < k; j++) {
        below += term;
        term *= lam / (j + 1);
      }
      return 1 - below;
    };
    for (const [k, lam] of [
      [0, 0.5],
      [1, 0.5],
      [4, 0.9],
      [3, 0.48],
      [10, 12],
      [30, 20],
      [12, 12],
    ]) {
      expect(poissonUpperTail(k, lam)).toBeCloseTo(direct(k, lam), 12);
    }
    // deep tail, where 1 − Σ cancels: compare the first term e^{−λ}λ^k/k! (the tail is p_k·(1 + λ/(k+1) + …))
    const pk = Math.exp(-1 + 40 * Math.log(1) - lnFactorial(40));
    expect(poissonUpperTail(40, 1) / pk).toBeCloseTo(1 + 1 / 41 + 1 / (41 * 42), 4);
    // Stirling branch continues the exact sum: ln 300! vs Σ ln j
    let s = 0;
    for (let j = 2; j <= 300; j++) s += Math.log(j);
    expect(lnFactorial(300)).toBeCloseTo(s, 9);
  });
});

describe('whole rotors', () => {
  it('agree with Cell.minimumImage atom by atom in a skewed cell that changes every frame, long offsets included', () => {
    // oracle: each offset from the first atom through Cell.minimumImage (full neighbour-image search)
    const rng = new Random(21);
    const T = 40,
      nA = 6,
      pos = new Float64Array(T * 3 * nA),
      cells = new Float64Array(9 * T);
    for (let f = 0; f < T; f++) {
      const s = 1 + 0.02 * f; // cell changes every frame: no reuse
      cells.set([9 * s, 0, 0, 4.5 * s, 8 * s, 0, 3 * s, -2.5 * s, 7 * s], 9 * f); // strongly skewed (cos up to 0.5)
      for (let k = 0; k < 3 * nA; k++) pos[f * 3 * nA + k] = 30 * rng.uniform() - 10; // anywhere, many cells away
    }
    const traj = new Trajectory({
      topology: topologyFromSymbols(['P', 'S', 'S', 'S', 'S', 'Na']),
      nFrames: T,
      positions: pos,
      cells,
      times_fs: Float64Array.from({ length: T }, (_, f) => f),
      info: { source: 'synthetic', unwrapped: false },
    });
    const atoms = [0, 1, 2, 3, 4, 5],
      rel = new Float64Array(18),
      com = new Float64Array(3),
      d = new Float64Array(3);
    let fallbackUsed = 0;
    for (let f = 0; f < T; f++) {
      wholeRotorInFrame(traj, atoms, f, rel, com);
      const cell = traj.cell(f),
        x = traj.framePositions(f),
        w = Math.min(...cell.perpendicularWidths());
      const ref: number[] = [];
      for (const a of atoms) {
        cell.minimumImage(x[3 * a] - x[0], x[3 * a + 1] - x[1], x[3 * a + 2] - x[2], d);
        ref.push(d[0], d[1], d[2]);
        if (Math.hypot(d[0], d[1], d[2]) >= w / 2) fallbackUsed++;
      }
      let mt = 0;
      const c = [0, 0, 0];
      atoms.forEach((a, k) => {
        const m = traj.topology.masses[a];
        mt += m;
        for (let i = 0; i < 3; i++) c[i] += m * ref[3 * k + i];
      });
      for (let k = 0; k < 6; k++) for (let i = 0; i < 3; i++) expect(rel[3 * k + i]).toBeCloseTo(ref[3 * k + i] - c[i] / mt, 10); // round-off only
    }
    expect(fallbackUsed).toBeGreaterThan(0); // offsets beyond half a width occur (neighbour-image search)
  });

  it('follow the bond tree when the rotor has one: a chain longer than half the cell stays whole', () => {
    // 6-atom straight chain, bonds 1.5 Å along x (span 7.5 Å) in an 8 Å cube: from the first atom,
    // atoms 3..5 lie beyond half a width (4 Å) and fold back; along the bonds every step is 1.5 Å.
    const L = 8,
      nA = 6,
      T = 5,
      pos = new Float64Array(T * 3 * nA);
    for (let f = 0; f < T; f++)
      for (let k = 0; k < nA; k++) {
        const x = 6.5 + 1.5 * k + 0.3 * f; // crosses the boundary, shifted each frame
        pos.set([x - L * Math.floor(x / L), 4, 4], f * 3 * nA + 3 * k);
      }
    const traj = new Trajectory({
      topology: topologyFromSymbols(['C', 'C', 'C', 'C', 'C', 'C']),
      nFrames: T,
      positions: pos,
      cells: Float64Array.from({ length: 9 * T }, (_, i) => ([0, 4, 8].includes(i % 9) ? L : 0)),
      times_fs: Float64Array.from({ length: T }, (_, f) => f),
      info: { source: 'synthetic', unwrapped: false },
    });
    const atoms = [0, 1, 2, 3, 4, 5],
      parents = [-1, 0, 1, 2, 3, 4];
    const { orientations, com } = orientationVectors(traj, [{ atoms, pointer: 5, parents }]);
    for (let f = 0; f < T; f++) {
      // COM → last atom is +x̂ (exact geometry; rounding only), COM 3.75 Å past the first atom
      expect(orientations.values[3 * f]).toBeCloseTo(1, 12);
      expect(Math.hypot(orientations.values[3 * f + 1], orientations.values[3 * f + 2])).toBeCloseTo(0, 12);
      expect(com.values[3 * f]).toBeCloseTo(pos[f * 3 * nA] + 3.75, 10);
    }
    // the same rotor without its bonds folds (the star placement is only valid within half a width)
    const star = orientationVectors(traj, [{ atoms, pointer: 5 }], { minPointer_A: 0, minPointerFraction: 0 }).orientations; // (folded: the pointer check is off)
    expect(star.values[0]).toBeLessThan(0);
    expect(() => orientationVectors(traj, [{ atoms, pointer: 5, parents: [-1, 2, 1, 2, 3, 4] }])).toThrow(InputError);
  });
});

describe('symmetric eigen-decomposition (src/geometry/symmetricEigen.ts, Jacobi)', () => {
  it('4×4 (Horn quaternion size) and 3×3: A v = λ v, orthonormal, ascending; degenerate and diagonal-free input', () => {
    const rng = new Random(17);
    const check = (A: number[], n: number) => {
      const { values, vectors } = symmetricEigen(A, n);
      for (let k = 1; k < n; k++) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1]);
      for (let r = 0; r < n; r++)
        for (let i = 0; i < n; i++) {
          let Av = 0;
          for (let j = 0; j < n; j++) Av += A[n * i + j] * vectors[n * r + j];
          expect(Av).toBeCloseTo(values[r] * vectors[n * r + i], 9); // rounding of O(10) entries
        }
      for (let r = 0; r < n; r++)
        for (let s = 0; s < n; s++) {
          let d = 0;
          for (let i = 0; i < n; i++) d += vectors[n * r + i] * vectors[n * s + i];
          expect(d).toBeCloseTo(r === s ? 1 : 0, 12);
        }
    };
    for (const n of [3, 4])
      for (let t = 0; t < 10; t++) {
        const b = Array.from({ length: n * n }, () => rng.normal());
        check(
          Array.from({ length: n * n }, (_, k) => b[k] + b[(k % n) * n + Math.floor(k / n)]),
          n,
        );
      }
    check([0, 1, 0, 1, 0, 0, 0, 0, 0], 3); // zero diagonal: eigenvalues −1, 0, 1
    expect(Array.from(symmetricEigen([0, 1, 0, 1, 0, 0, 0, 0, 0], 3).values)).toEqual([-1, 0, 1].map((x) => expect.closeTo(x, 14)));
    check([2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 5], 4); // threefold degenerate
    const r3 = symmetricEigen3([2, 1, 0, 1, 2, 0, 0, 0, 1]);
    const v = r3.vectors;
    expect(v[0] * (v[4] * v[8] - v[5] * v[7]) - v[1] * (v[3] * v[8] - v[5] * v[6]) + v[2] * (v[3] * v[7] - v[4] * v[6])).toBeCloseTo(1, 12);
  });
});
