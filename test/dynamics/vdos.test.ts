import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { Random } from '../../src/core/random';
import { vectorAutocorrelation } from '../../src/dynamics/vectorAutocorrelation';
import { vibrationalDensityOfStates } from '../../src/dynamics/vibrationalDensityOfStates';
import { correlationSpectrum } from '../../src/dynamics/correlationSpectrum';
import { phononBandCentre } from '../../src/dynamics/phononBandCentre';
import { makeTrajectory } from './synthetic';

/** Direct O(T²) all-origins oracle. */
function directAcf(x: Float64Array, T: number, n: number, w?: number[]): Float64Array {
  const out = new Float64Array(T);
  const wsum = w ? w.reduce((a, b) => a + b, 0) : n;
  for (let m = 0; m < T; m++) {
    let s = 0;
    for (let i = 0; i < n; i++)
      for (let t = 0; t + m < T; t++)
        for (let k = 0; k < 3; k++) {
          s += (w ? w[i] : 1) * x[t * 3 * n + 3 * i + k] * x[(t + m) * 3 * n + 3 * i + k];
        }
    out[m] = s / ((T - m) * wsum);
  }
  return out;
}

/**
 * Harmonic oscillators: atom i moves as x = A_i sin(2πf_i t + φ) per component with seeded phases,
 * velocity amplitude 2πf_i A_i = 1 Å/fs·1e-2 for all, so each contributes equal weight at f_i.
 */
function oscillators(freqs_THz: number[], T: number, dt: number, seed: number) {
  const n = freqs_THz.length,
    rng = new Random(seed);
  const pos = new Float64Array(T * 3 * n),
    vel = new Float64Array(T * 3 * n);
  for (let i = 0; i < n; i++) {
    const w = 2 * Math.PI * freqs_THz[i] * 1e-3; // rad/fs
    const A = 0.01 / w;
    for (let k = 0; k < 3; k++) {
      const ph = 2 * Math.PI * rng.uniform();
      for (let f = 0; f < T; f++) {
        pos[f * 3 * n + 3 * i + k] = 10 + 3 * i + A * Math.sin(w * f * dt + ph);
        vel[f * 3 * n + 3 * i + k] = A * w * Math.cos(w * f * dt + ph);
      }
    }
  }
  return { pos, vel, n };
}

function peaks(freq: Float64Array, s: Float64Array, minRel = 0.2): number[] {
  const top = Math.max(...s);
  const out: number[] = [];
  for (let k = 1; k < s.length - 1; k++) if (s[k] > s[k - 1] && s[k] >= s[k + 1] && s[k] > minRel * top) out.push(freq[k]);
  return out;
}

describe('vector autocorrelation', () => {
  it('FFT all-origins sum equals the direct sum (weighted)', () => {
    const rng = new Random(11);
    const T = 57,
      n = 4;
    const x = Float64Array.from({ length: T * 3 * n }, () => rng.normal());
    const w = [1, 2.5, 0.5, 7];
    const fast = vectorAutocorrelation({ values: x, nFrames: T, nItems: n }, { weights: w });
    const slow = directAcf(x, T, n, w);
    // round-off of two FFTs of length 128: ~1e-13 relative to C(0)
    for (let m = 0; m < T; m++) expect(fast[m]).toBeCloseTo(slow[m], 11);
  });
  it('rejects empty input', () => {
    expect(() => vectorAutocorrelation({ values: new Float64Array(0), nFrames: 0, nItems: 0 })).toThrow(InputError);
  });
});

describe('VDOS of harmonic oscillators', () => {
  const dt = 2,
    T = 4096;
  const freqs = [3, 3, 3, 3, 8, 8, 8, 8];
  const { pos, vel } = oscillators(freqs, T, dt, 5);
  const symbols = freqs.map(() => 'Li');

  it('has peaks at the oscillator frequencies and the band centre at their mean (file velocities)', () => {
    const traj = makeTrajectory(symbols, T, dt, pos, { velocities: vel, box: 100 });
    const r = vibrationalDensityOfStates(traj, { species: 'Li' });
    expect(r.velocity_source).toBe('file');
    expect(r.warning).toBeUndefined();
    expect(r.vacf[0]).toBe(1);
    const p = peaks(r.freq_THz, r.pdos);
    expect(p.length).toBe(2);
    // grid spacing 1000/(16384·2) ≈ 0.03 THz; Hann main lobe ±0.5 THz is symmetric about the mode
    expect(p[0]).toBeCloseTo(3, 1);
    expect(p[1]).toBeCloseTo(8, 1);
    // equal weights → centre (3 + 8)/2; tolerance 1 %: window leakage of the mirror peaks at −f
    expect(Math.abs(r.band_centre_THz! - 5.5) / 5.5).toBeLessThan(0.01);
    // normalised PDOS integrates to VACF(0) = 1 (trapezoid, 2 %)
    let integral = 0;
    for (let k = 1; k < r.freq_THz.length; k++) integral += 0.5 * (r.freq_THz[k] - r.freq_THz[k - 1]) * (r.pdos[k] + r.pdos[k - 1]);
    expect(integral).toBeCloseTo(1, 1);
    expect(r.band_centre_meV! / r.band_centre_THz!).toBeCloseTo(4.135667696, 6);
    expect(r.band_centre_cm1! / r.band_centre_THz!).toBeCloseTo(33.35640952, 6);
  });

  it('gives the same peaks from central differences of positions, with a sampling warning', () => {
    const traj = makeTrajectory(symbols, T, dt, pos, { box: 100 });
    const r = vibrationalDensityOfStates(traj, { species: 'Li' });
    expect(r.velocity_source).toBe('central-difference');
    expect(r.warning).toMatch(/central differences.*2 fs/);
    const p = peaks(r.freq_THz, r.pdos);
    expect(p[0]).toBeCloseTo(3, 1);
    expect(p[1]).toBeCloseTo(8, 1);
    // sinc² damping at 8 THz with Δt = 2 fs is 0.997: centre still within 1 %
    expect(Math.abs(r.band_centre_THz! - 5.5) / 5.5).toBeLessThan(0.01);
  });

  it('mass weighting weights each species by its mass', () => {
    // 3 THz oscillators are Li (6.94), 8 THz ones are Na (22.99): centre = Σ m f / Σ m
    const sym = freqs.map((f) => (f === 3 ? 'Li' : 'Na'));
    const traj = makeTrajectory(sym, T, dt, pos, { velocities: vel, box: 100 });
    const r = vibrationalDensityOfStates(traj, { massWeighted: true, window: 'blackman' });
    const expected = (6.94 * 3 + 22.99 * 8) / (6.94 + 22.99);
    expect(Math.abs(r.band_centre_THz! - expected) / expected).toBeLessThan(0.01);
    const li = vibrationalDensityOfStates(traj, { species: 'Li' });
    expect(li.band_centre_THz!).toBeCloseTo(3, 1);
  });

  it('COM VACF of a rigid pair vibrating together equals the atoms’ VACF', () => {
    // two atoms with identical motion: COM velocity = atom velocity
    const n = 2,
      T2 = 512;
    const p2 = new Float64Array(T2 * 6),
      v2 = new Float64Array(T2 * 6);
    const w = 2 * Math.PI * 5e-3;
    for (let f = 0; f < T2; f++)
      for (let i = 0; i < n; i++)
        for (let k = 0; k < 3; k++) {
          p2[f * 6 + 3 * i + k] = 5 + i + 0.01 * Math.sin(w * f * dt + k);
          v2[f * 6 + 3 * i + k] = 0.01 * w * Math.cos(w * f * dt + k);
        }
    const traj = makeTrajectory(['P', 'S'], T2, dt, p2, { velocities: v2 });
    const com = vibrationalDensityOfStates(traj, { molecules: [[0, 1]] });
    const atoms = vibrationalDensityOfStates(traj, {});
    expect(com.n_items).toBe(1);
    for (let m = 0; m < com.vacf.length; m++) expect(com.vacf[m]).toBeCloseTo(atoms.vacf[m], 12);
  });
});

describe('VDOS bad input', () => {
  it('refuses positions sampled too coarsely (no velocities, Nyquist < 10 THz)', () => {
    const T = 50,
      pos = Float64Array.from({ length: T * 3 }, (_, i) => i * 0.01);
    const traj = makeTrajectory(['Li'], T, 100, pos);
    expect(() => vibrationalDensityOfStates(traj, { species: 'Li' })).toThrow(InputError);
    expect(() => vibrationalDensityOfStates(traj, { species: 'Li' })).toThrow(/Nyquist frequency 5\.00 THz < 10 THz/);
  });
  it('names a missing species and refuses a still system and too few frames', () => {
    const T = 10,
      pos = new Float64Array(T * 3).fill(1);
    const traj = makeTrajectory(['Li'], T, 1, pos);
    expect(() => vibrationalDensityOfStates(traj, { species: 'Na' })).toThrow(/no atoms of species "Na"/);
    expect(() => vibrationalDensityOfStates(traj, { species: 'Li' })).toThrow(/do not move/);
    expect(() => vibrationalDensityOfStates(makeTrajectory(['Li'], 2, 1, new Float64Array(6)))).toThrow(InputError);
  });
  it('band centre of a zero spectrum is null with a reason', () => {
    const r = phononBandCentre([0, 1, 2], [0, 0, 0]);
    expect(r.centre).toBeNull();
    expect(r.reason).toMatch(/zero/);
  });
});

describe('correlation spectrum', () => {
  it('cos(2πf0 t) correlation peaks at f0 for each window', () => {
    const dt = 5,
      M = 800,
      f0 = 1; // THz
    const c = Float64Array.from({ length: M }, (_, m) => Math.cos(2 * Math.PI * f0 * 1e-3 * m * dt));
    for (const w of ['hann', 'blackman', 'none'] as const) {
      const s = correlationSpectrum(c, dt, w);
      let best = 0;
      for (let k = 1; k < s.spectrum.length; k++) if (s.spectrum[k] > s.spectrum[best]) best = k;
      // within one grid step (1000/(4096·5 fs) = 0.0488 THz): the tail of the mirror peak at −f0
      // (width ≈ 1/(MΔt) = 0.25 THz) tilts the peak by less than a step
      expect(Math.abs(s.freq_THz[best] - f0)).toBeLessThanOrEqual(s.freq_THz[1] - s.freq_THz[0]);
    }
  });
});
