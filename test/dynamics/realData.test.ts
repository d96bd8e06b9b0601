// End-to-end runs on the real AIMD trajectories of data (pymatgen-analysis-diffusion test data).
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { readTrajectory } from '../../src/io';
import { vibrationalDensityOfStates } from '../../src/dynamics/vibrationalDensityOfStates';
import { anionRotation } from '../../src/dynamics/anionRotation';
import { vanHoveCorrelation } from '../../src/dynamics/vanHoveCorrelation';

const DATA = path.resolve(__dirname, '../../data');
const NA3PS4 = path.join(DATA, 'Na3PS4_cubic_800K_AIMD.extxyz.gz');
const LGPS = path.join(DATA, 'Li10GeP2S12_600K_AIMD.extxyz.gz');
const ARGYRODITE = path.join(DATA, 'Li6PS5Cl_0pct_500K_XDATCAR.gz');

describe('Na3PS4 800 K (100 frames, 20 fs)', async () => {
  const traj = await readTrajectory(NA3PS4);
  it('Na VDOS from positions: warning, physical band centre', () => {
    const r = vibrationalDensityOfStates(traj, { species: 'Na' });
    expect(r.velocity_source).toBe('central-difference');
    expect(r.nyquist_THz).toBeCloseTo(25, 10);
    expect(r.warning).toMatch(/20 fs/);
    console.log(
      `Na3PS4 800K Na band centre ${r.band_centre_THz!.toFixed(3)} THz = ${r.band_centre_meV!.toFixed(2)} meV (window hann, maxLag ${r.t_fs[r.t_fs.length - 1]} fs)`,
    );
    // Na rattling in sulfides: band centre between 1 and 8 THz (Li 2025 Fig. 3 scale); a sanity window, not a reference value
    expect(r.band_centre_THz!).toBeGreaterThan(1);
    expect(r.band_centre_THz!).toBeLessThan(8);
  });
  it('PS4 rotation: 16 rotors, ACF decays from 1, finite rates and entropy', () => {
    const r = anionRotation(traj, { anion: 'PS4' });
    expect(r.n_rotors).toBe(16);
    expect(r.rotor_atoms.every((a) => a.length === 5)).toBe(true);
    expect(r.acf[0]).toBeCloseTo(1, 12);
    expect(r.acf[r.acf.length - 1]).toBeLessThan(1);
    console.log(
      `Na3PS4 800K PS4: ACF(${r.acf_t_fs[r.acf.length - 1]} fs) = ${r.acf[r.acf.length - 1].toFixed(3)}, reorientation ${r.reorientation_per_ns.toFixed(2)} /ns ` +
        `(${r.reorientation.frames.reduce((a, b) => a + b.length, 0)} events), states ${r.states.occupancy.length}, entropy ${r.orientation_entropy_kB!.toFixed(3)} kB, ` +
        `assigned ${r.states.assigned_fraction.toFixed(3)}, ⟨ω²⟩ ${r.angular_velocity.acf0_rad2_fs2.toExponential(3)} rad²/fs²`,
    );
    expect(r.reorientation_per_ns).toBeGreaterThanOrEqual(0);
    // States from all four P→S vectors of each PS4: cubic Na3PS4 (I-43m) holds every PS4 in one orientation,
    // S along the four body diagonals with x·y·z > 0 (±0.577 each component); no PS4 flips to the other
    // tetrahedral set in 2 ps, so exactly 4 states, each holding one S of every PS4 (occupancy 1/4).
    expect(r.state_vectors_per_rotor).toBe(4);
    expect(r.states.occupancy.length).toBe(4);
    for (const d of r.states.direction) {
      // within 5° of a body diagonal (mode of 16 librating S; the cell is 5 % non-orthogonal in a–c, ~3°)
      const diag = d.map((c) => Math.sign(c) / Math.sqrt(3));
      expect((Math.acos(d[0] * diag[0] + d[1] * diag[1] + d[2] * diag[2]) * 180) / Math.PI).toBeLessThan(5);
      expect(Math.sign(d[0] * d[1] * d[2])).toBe(1);
    }
    // each S stays within 20° of its diagonal in (almost) every frame: 1 − assigned ≤ 1 % of samples
    expect(r.states.assigned_fraction).toBeGreaterThan(0.99);
    for (const p of r.states.occupancy) expect(Math.abs(p - 0.25)).toBeLessThan(0.01);
    expect(r.states.gibbs_entropy_kB!).toBeCloseTo(Math.log(4), 3);
    // ...which is symmetry, not disorder: every PS4 fills the same set of 4 states, one rotor state, entropy 0
    expect(r.rotor_states.states).toEqual([[0, 1, 2, 3]]);
    expect(r.rotor_states.assigned_fraction).toBeGreaterThan(0.95);
    expect(r.orientation_entropy_kB).toBe(0);
    // no reorientation in 16 rotors × 1.98 ps: rate below 1/(16 × 1980 fs) = 31.57 ns⁻¹
    expect(r.reorientation.n_events).toBe(0);
    expect(r.reorientation_per_ns_upper_bound!).toBeCloseTo(1e6 / (16 * 1980), 6);
    expect(r.states.n_effective).toBe(64); // 64 S vectors that never leave their state: each counts once
    // |θ| projections are angles
    expect(Math.max(...r.theta_deg)).toBeLessThanOrEqual(180);
  });
  it('Na van Hove: G_s normalised, G_d → ρ', () => {
    const r = vanHoveCorrelation(traj, { species: 'Na', lags_fs: [100, 500, 1000] });
    expect(r.lag_frames).toEqual([5, 25, 50]);
    for (const g of r.self) {
      let s = 0;
      for (let k = 0; k < g.length; k++) s += g[k] * ((4 * Math.PI) / 3) * (((k + 1) * r.dr_A) ** 3 - (k * r.dr_A) ** 3);
      expect(s).toBeCloseTo(1, 2); // all Na move < r_max (7 Å) in 1 ps at 800 K except a few
    }
    const gd = r.distinct![2];
    let tail = 0,
      c = 0;
    for (let k = 0; k < gd.length; k++)
      if (r.r_A[k] > 5) {
        tail += gd[k];
        c++;
      }
    // 48 Na, 51 origins: the outer shells average to ρ within 10 %
    expect(Math.abs(tail / c / r.density_A3! - 1)).toBeLessThan(0.1);
  });
});

describe('Li10GeP2S12 600 K (1000 frames, 20 fs)', async () => {
  const traj = await readTrajectory(LGPS);
  it('Li VDOS and PS4 rotation run end to end', () => {
    const v = vibrationalDensityOfStates(traj, { species: 'Li' });
    const r = anionRotation(traj, { anion: 'PS4', atom: 'S' });
    expect(r.n_rotors).toBe(4);
    console.log(
      `LGPS 600K Li band centre ${v.band_centre_THz!.toFixed(3)} THz = ${v.band_centre_meV!.toFixed(2)} meV; PS4 reorientation ${r.reorientation_per_ns.toFixed(2)} /ns, ` +
        `ACF(${r.acf_t_fs[r.acf.length - 1]} fs) = ${r.acf[r.acf.length - 1].toFixed(3)}, states ${r.states.occupancy.length} (${r.states.entropy_reason ?? ''})`,
    );
    // The file's Time= says 20 fs per frame, but ⟨v²⟩ from central differences is 2.1e-6 Å²/fs², about
    // 1/100 of equipartition 3k_BT/m = 2.2e-4 Å²/fs² for Li at 600 K, while a 2 fs interval matches it:
    // the stored frames look 2 fs apart. So only check the band centre is positive and that it scales
    // exactly with the frame interval (frequencies ∝ 1/Δt).
    expect(v.band_centre_THz!).toBeGreaterThan(0);
    const v2 = vibrationalDensityOfStates(traj, { species: 'Li', dt_fs: 2, minNyquist_THz: 10 });
    expect(v2.band_centre_THz! / v.band_centre_THz!).toBeCloseTo(10, 9);
    console.log(`LGPS Li band centre if frames were 2 fs apart: ${v2.band_centre_THz!.toFixed(3)} THz`);
    expect(r.acf[0]).toBeCloseTo(1, 12);
    // 4 PS4 that never reorient: 16 S vectors = N_eff 16. The map has 8 maxima (3 PS4 share one
    // orientation, the fourth another), but 3 vectors in a 20° cap (λ = 0.48 expected) is a false alarm
    // with p ≈ 0.43 over the sphere: no significant state, entropy null with a reason.
    expect(r.states.n_effective).toBe(16);
    expect(r.states.occupancy.length).toBe(0);
    expect(r.orientation_entropy_kB).toBeNull();
    expect(r.states.entropy_reason).toMatch(/8 density maxima.*N_eff = 16\.0/);
    const any = anionRotation(traj, { anion: 'PS4', atom: 'S', stateMaxFalseAlarm: 1 });
    expect(any.states.occupancy.length).toBe(8);
    expect(any.states.occupancy.map((p) => Math.round(p * 16)).sort()).toEqual([1, 1, 1, 1, 3, 3, 3, 3]);
  });
});

describe('argyrodite XDATCAR sampled every 100 fs', async () => {
  it('refuses a VDOS from positions (Nyquist 5 THz)', async () => {
    const traj = await readTrajectory(ARGYRODITE, { timestep_fs: 100, atoms: 'Li' });
    expect(() => vibrationalDensityOfStates(traj, { species: 'Li' })).toThrow(InputError);
    expect(() => vibrationalDensityOfStates(traj, { species: 'Li' })).toThrow(/Nyquist frequency 5\.00 THz/);
  });
});
