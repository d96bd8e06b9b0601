/**
 * Velocity autocorrelation and vibrational (phonon) density of states of a trajectory
 * (Li 2025 SI eq. 7):
 *
 *   VACF(t) = ⟨Σ_s w_s v_s(t0)·v_s(t0+t)⟩_{t0} / ⟨Σ_s w_s v_s(t0)·v_s(t0)⟩_{t0}
 *   PDOS(f) = 2 ∫₀^{t_max} W(t) VACF(t) cos(2πft) dt        (per THz; ∫ PDOS df = 1)
 *
 * over all atoms, a species, or the centres of mass of given molecules, with w_s = 1 or the mass
 * (`massWeighted`). Velocities come from the file, or by central differences of the positions
 * (see finiteDifferenceVelocities.ts, which also states the sampling rule). All time origins are
 * used (FFT); the correlation is kept to `maxLag_fs` (default half the run, where every lag still
 * has at least half the origins), tapered by a Hann (default) or Blackman window
 * (correlationWindow.ts) and cosine-transformed (correlationSpectrum.ts). Band centre: Li 2025 eq. 8.
 *
 * Equipartition check: the kinetic temperature of the velocities used (kineticTemperature.ts) is
 * reported; given the run's temperature, a ratio outside [½, 2] gets a caution, since the frequencies
 * scale with the same wrong factor (time stamps that are 10× too long give T_kin 100× too low and
 * frequencies 10× too low).
 */
import { InputError } from '../core/errors.js';
import type { Trajectory } from '../core/trajectory.js';
import { THZ_TO_INV_CM, THZ_TO_MEV } from '../core/units.js';
import { correlationSpectrum } from './correlationSpectrum.js';
import type { CorrelationWindow } from './correlationWindow.js';
import {
  DEFAULT_MIN_NYQUIST_THZ,
  assertResolvableSampling,
  centralDifferenceVelocities,
  finiteDifferenceWarning,
} from './finiteDifferenceVelocities.js';
import { kineticTemperature } from './kineticTemperature.js';
import { phononBandCentre } from './phononBandCentre.js';
import { vectorAutocorrelation } from './vectorAutocorrelation.js';
import { withKind } from '../core/resultKind.js';

export interface VdosOptions {
  /** Species to project on (e.g. "Li"); default all atoms. Ignored when `atoms` or `molecules` is given. */
  species?: string | string[];
  /** Explicit atom indices. */
  atoms?: ArrayLike<number>;
  /** Atom index groups: the VACF of their centres of mass (one item per molecule). */
  molecules?: ArrayLike<number>[];
  /** Frame interval (fs) when the file gives no times. */
  dt_fs?: number;
  /** Weight each item's v·v by its mass (molecule mass for COMs). Default false. */
  massWeighted?: boolean;
  /** Taper on the correlation before the transform. Default "hann". */
  window?: CorrelationWindow;
  /** Longest lag kept (fs). Default half the usable run. */
  maxLag_fs?: number;
  /** Where velocities come from: "auto" (file if present, else positions), "file", "positions". */
  velocitySource?: 'auto' | 'file' | 'positions';
  /** Lowest acceptable Nyquist frequency for velocities from positions (THz). Default 10. */
  minNyquist_THz?: number;
  /** Temperature of the run (K): the kinetic temperature of the velocities is checked against it (factor 2). */
  temperature_K?: number;
}

export interface VdosResult {
  /** What this result is ('vdos'): `show(result)` draws its card and plot by it. Non-enumerable: not in JSON or spreads (core/resultKind.ts). */
  readonly kind?: 'vdos';
  /** Lag times, fs. */
  t_fs: Float64Array;
  /** Normalised VACF (1 at t = 0). */
  vacf: Float64Array;
  /** ⟨w v·v⟩/⟨w⟩ at t = 0 in Å²/fs² (mass-weighted: amu·Å²/fs²). */
  vacf0: number;
  freq_THz: Float64Array;
  freq_meV: Float64Array;
  freq_cm1: Float64Array;
  /** PDOS per THz, ∫ pdos d(f/THz) ≈ 1. */
  pdos: Float64Array;
  band_centre_THz: number | null;
  band_centre_meV: number | null;
  band_centre_cm1: number | null;
  /** Why the band centre is null, if it is. */
  band_centre_reason?: string;
  velocity_source: 'file' | 'central-difference';
  dt_fs: number;
  nyquist_THz: number;
  resolution_THz: number;
  window: CorrelationWindow;
  mass_weighted: boolean;
  /** Atoms or molecules averaged over. */
  n_items: number;
  /** What was projected on: a species list, "all atoms", "N atoms" or "N molecule COMs". */
  selection: string;
  /** Caveat about the sampling when velocities came from positions. */
  warning?: string;
  /** Kinetic temperature m⟨v²⟩/(3k_B) of the selected atoms' velocities used (K). */
  kinetic_temperature_K: number;
  /** The run's temperature given for the check (K), or null. */
  temperature_K: number | null;
  /** kinetic_temperature_K / temperature_K, or null without a temperature. */
  kinetic_to_run_temperature: number | null;
  /** Set when the ratio is outside [½, 2]: the velocities (time stamps or units) are suspect. */
  temperature_caution?: string;
}

/**
 * Velocity autocorrelation and vibrational density of states of a trajectory (METHODS §7; the band
 * centre of Li 2025): velocities from the file, else central differences (with a warning when the
 * frame interval is too coarse). Options ({@link VdosOptions}): `species` | `atoms` | `molecules`,
 * `window` ('hann' default | 'blackman' | 'none'), `massWeighted`, `temperature_K` (checks the
 * kinetic temperature of the velocities).
 * @returns a {@link VdosResult}: `freq_THz` (also `freq_meV`, `freq_cm1`), `pdos` (1/THz, normalised),
 *   `band_centre_THz`/`_meV`/`_cm1`, `vacf`, `nyquist_THz`, `resolution_THz`, `kinetic_temperature_K`.
 */
export function vibrationalDensityOfStates(traj: Trajectory, opts: VdosOptions = {}): VdosResult {
  const where = { file: traj.info.source };
  if (traj.nFrames < 3) throw new InputError(`a VDOS needs at least 3 frames, got ${traj.nFrames}`, where);
  if (opts.temperature_K !== undefined && !(opts.temperature_K > 0 && Number.isFinite(opts.temperature_K))) {
    throw new InputError(`temperature must be a positive number of K, got ${opts.temperature_K}`, where);
  }
  const dt = traj.frameInterval_fs(opts.dt_fs);
  // Which atoms
  let atoms: Int32Array;
  let selection: string;
  if (opts.molecules) {
    if (opts.molecules.length === 0) throw new InputError('no molecules given for a COM VDOS', where);
    const all: number[] = [];
    for (const m of opts.molecules) {
      if (m.length === 0) throw new InputError('a molecule with no atoms was given for a COM VDOS', where);
      for (let k = 0; k < m.length; k++) all.push(m[k]);
    }
    atoms = Int32Array.from(new Set(all));
    selection = `${opts.molecules.length} molecule COMs`;
  } else if (opts.atoms) {
    atoms = Int32Array.from(opts.atoms as ArrayLike<number>);
    selection = `${atoms.length} atoms`;
  } else if (opts.species !== undefined) {
    atoms = traj.indicesOf(opts.species);
    selection = Array.isArray(opts.species) ? opts.species.join('+') : opts.species;
  } else {
    atoms = Int32Array.from({ length: traj.nAtoms }, (_, i) => i);
    selection = 'all atoms';
  }
  if (atoms.length === 0) throw new InputError('no atoms selected for the VDOS', where);
  for (const i of atoms) if (!(i >= 0 && i < traj.nAtoms)) throw new InputError(`atom index ${i} out of range (0..${traj.nAtoms - 1})`, where);
  const sub = traj.selectAtoms(atoms);
  const local = new Map<number, number>();
  atoms.forEach((a, j) => local.set(a, j));

  // Velocities (frame-major, sub atoms)
  const srcPref = opts.velocitySource ?? 'auto';
  let vel: Float64Array, nFrames: number, source: 'file' | 'central-difference', warning: string | undefined;
  if (srcPref !== 'positions' && sub.velocities) {
    vel = sub.velocities;
    nFrames = sub.nFrames;
    source = 'file';
  } else {
    if (srcPref === 'file') throw new InputError('the file has no velocities (velocitySource "file" was asked)', where);
    assertResolvableSampling(dt, selection, opts.minNyquist_THz ?? DEFAULT_MIN_NYQUIST_THZ, where);
    const cells = traj.info.unwrapped || !traj.cells ? undefined : (f: number) => traj.cell(f);
    vel = centralDifferenceVelocities(sub.positions, sub.nFrames, sub.nAtoms, dt, cells);
    nFrames = sub.nFrames - 2;
    source = 'central-difference';
    warning = finiteDifferenceWarning(dt);
  }

  // Items: atoms, or molecule COMs
  let values = vel,
    nItems = sub.nAtoms;
  let weights: Float64Array | undefined = opts.massWeighted ? Float64Array.from(sub.topology.masses) : undefined;
  if (opts.molecules) {
    const mols = opts.molecules;
    nItems = mols.length;
    values = new Float64Array(nFrames * 3 * nItems);
    const molMass = new Float64Array(nItems);
    mols.forEach((m, q) => {
      for (let k = 0; k < m.length; k++) molMass[q] += traj.topology.masses[m[k]];
    });
    for (let f = 0; f < nFrames; f++) {
      const base = f * 3 * sub.nAtoms;
      mols.forEach((m, q) => {
        let x = 0,
          y = 0,
          z = 0;
        for (let k = 0; k < m.length; k++) {
          const j = local.get(m[k])!,
            mass = traj.topology.masses[m[k]];
          x += mass * vel[base + 3 * j];
          y += mass * vel[base + 3 * j + 1];
          z += mass * vel[base + 3 * j + 2];
        }
        const o = f * 3 * nItems + 3 * q;
        values[o] = x / molMass[q];
        values[o + 1] = y / molMass[q];
        values[o + 2] = z / molMass[q];
      });
    }
    weights = opts.massWeighted ? molMass : undefined;
  }

  let maxLag = opts.maxLag_fs !== undefined ? Math.round(opts.maxLag_fs / dt) : Math.floor((nFrames - 1) / 2);
  if (opts.maxLag_fs !== undefined && !(opts.maxLag_fs > 0)) throw new InputError(`maximum lag must be > 0 fs, got ${opts.maxLag_fs}`, where);
  maxLag = Math.max(1, Math.min(maxLag, nFrames - 1));
  const raw = vectorAutocorrelation({ values, nFrames, nItems }, { weights, maxLag });
  const c0 = raw[0];
  if (!(c0 > 0)) throw new InputError(`the ${selection} do not move (⟨v·v⟩ = 0): no vibrational spectrum`, where);
  const vacf = raw.map((x) => x / c0);
  const t_fs = Float64Array.from(vacf, (_, m) => m * dt);
  const window = opts.window ?? 'hann';
  const spec = correlationSpectrum(vacf, dt, window);
  const bc = phononBandCentre(spec.freq_THz, spec.spectrum);
  const Tkin = kineticTemperature(vel, sub.topology.masses, nFrames);
  const res: VdosResult = {
    t_fs,
    vacf,
    vacf0: c0,
    freq_THz: spec.freq_THz,
    freq_meV: spec.freq_THz.map((f) => f * THZ_TO_MEV),
    freq_cm1: spec.freq_THz.map((f) => f * THZ_TO_INV_CM),
    pdos: spec.spectrum,
    band_centre_THz: bc.centre,
    band_centre_meV: bc.centre === null ? null : bc.centre * THZ_TO_MEV,
    band_centre_cm1: bc.centre === null ? null : bc.centre * THZ_TO_INV_CM,
    velocity_source: source,
    dt_fs: dt,
    nyquist_THz: spec.nyquist_THz,
    resolution_THz: spec.resolution_THz,
    window,
    mass_weighted: !!opts.massWeighted,
    n_items: nItems,
    selection,
    kinetic_temperature_K: Tkin,
    temperature_K: opts.temperature_K ?? null,
    kinetic_to_run_temperature: opts.temperature_K !== undefined ? Tkin / opts.temperature_K : null,
  };
  if (bc.reason) res.band_centre_reason = bc.reason;
  if (warning) res.warning = warning;
  if (opts.temperature_K !== undefined && !(Tkin >= 0.5 * opts.temperature_K && Tkin <= 2 * opts.temperature_K)) {
    const f = Math.sqrt(opts.temperature_K / Tkin);
    res.temperature_caution =
      `the ${selection} velocities (${source === 'file' ? 'from the file' : `central differences over Δt = ${dt} fs`}) correspond to ` +
      `m⟨v²⟩/(3k_B) = ${Tkin.toPrecision(3)} K, not the ${opts.temperature_K} K given (factor ${(Tkin / opts.temperature_K).toPrecision(3)}): ` +
      (source === 'file'
        ? `the velocity units or the time stamps are likely wrong (velocities ${f.toPrecision(3)}× too ${f > 1 ? 'small' : 'large'} would explain it); if the time stamps are, every frequency is off by that factor`
        : `the time stamps are likely wrong (a frame interval ${f.toPrecision(3)}× too ${f > 1 ? 'long' : 'short'} would explain it), and every frequency is then ${f.toPrecision(3)}× too ${f > 1 ? 'low' : 'high'}`);
  }
  return withKind(res, 'vdos');
}
