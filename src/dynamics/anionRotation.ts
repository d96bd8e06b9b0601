/**
 * Anion rotation analysis of a trajectory, end to end (METHODS §4; Kweon 2017 Figs 6–7, Li 2025
 * Fig. 2, Wood 2021 Fig. 5): find the polyanions (bonded clusters of the given formula in frame 0,
 * src/geometry/molecules.ts), orient each by COM → a constituent atom, then
 *   - orientation ACF ⟨r̂(t0)·r̂(t0+t)⟩ over all origins and its spectrum;
 *   - θa/θb/θc projections on the lattice axes vs time;
 *   - reorientation events at the threshold angle (default 70°) and their rate per rotor (ns⁻¹),
 *     beside the cation hop rate per cation when the caller supplies it (from the site jumps);
 *   - angular velocities from rigid-body fits of consecutive frames, their normalised ACF and spectrum;
 *   - the polar orientation map, discrete orientation states (20° window) and their Shannon entropy,
 *     both from the COM → atom vectors of EVERY atom of the pointer species in each rotor (all four
 *     S of a PS4): the map then shows the anion's symmetry-equivalent orientations and does not depend
 *     on which S happened to be listed first. The entropy is that of the ROTOR-level states (the set
 *     of states its pointer vectors fill in a frame, rotorOrientationStates.ts): per-vector
 *     occupancies of equivalent atoms are uniform by symmetry and are kept only as `states`;
 *   - with no reorientation event, the detection limit 1/(N_rotors · run) as an upper bound.
 */
import { InputError } from '../core/errors.js';
import type { Trajectory } from '../core/trajectory.js';
import { findMolecules, parseFormula, selectMolecules } from '../geometry/molecules.js';
import { rotorAngularVelocities } from './angularVelocity.js';
import { correlationSpectrum } from './correlationSpectrum.js';
import type { CorrelationWindow } from './correlationWindow.js';
import { latticeAngleProjections } from './latticeAngleProjections.js';
import { OrientationMap, orientationMap } from './orientationMap.js';
import { OrientationStates, orientationStates } from './orientationStates.js';
import { Rotor, orientationVectors } from './orientationVectors.js';
import { RotorOrientationStates, rotorOrientationStates } from './rotorOrientationStates.js';
import { ReorientationEvents, reorientationEvents } from './reorientationEvents.js';
import { vectorAutocorrelation } from './vectorAutocorrelation.js';
import { withKind } from '../core/resultKind.js';

export interface AnionRotationOptions {
  /** Formula of the rotor, e.g. "PS4", "B12H12", "BH4". */
  anion: string;
  /** Species of the atom the orientation points to; default the most numerous non-root species. */
  atom?: string;
  /** Bond cutoffs by pair ("P-S": 2.5), else covalent radii × 1.2. */
  cutoffs?: Record<string, number>;
  dt_fs?: number;
  /** Reorientation threshold, degrees (default 70, Li 2025). */
  threshold_deg?: number;
  /** Longest ACF lag (fs); default half the run. */
  maxLag_fs?: number;
  window?: CorrelationWindow;
  /** Orientation state window, degrees (default 20, Wood 2021). */
  stateWindow_deg?: number;
  /** Kernel bandwidth of the smoothed orientation map, degrees (default window/2). */
  stateBandwidth_deg?: number;
  /** Largest false-alarm probability of a state against isotropic orientations (default 1e-3; orientationStates.ts). */
  stateMaxFalseAlarm?: number;
  /** Map bins (θ × φ), default 36 × 72. */
  mapBins?: [number, number];
  /** Cation hop frequency per cation (ns⁻¹) from the site jumps, shown beside the reorientation rate. */
  hop_per_ns?: number | null;
  /** Why `hop_per_ns` is null, if it is. */
  hop_reason?: string;
}

export interface AnionRotationResult {
  /** What this result is ('rotation'): `show(result)` draws its card and plot by it. Non-enumerable: not in JSON or spreads (core/resultKind.ts). */
  readonly kind?: 'rotation';
  anion: string;
  pointer_species: string;
  n_rotors: number;
  /** Atoms of each rotor (first = root). */
  rotor_atoms: number[][];
  dt_fs: number;
  acf_t_fs: Float64Array;
  acf: Float64Array;
  acf_spectrum: { freq_THz: Float64Array; spectrum: Float64Array };
  /** Frame times (fs) and θa, θb, θc per frame per rotor (degrees), theta_deg[f·3R + 3q + axis]. */
  t_fs: Float64Array;
  theta_deg: Float64Array;
  reorientation: ReorientationEvents;
  /** Mean reorientation frequency per rotor, ns⁻¹. */
  reorientation_per_ns: number;
  /** With no event: the detection limit 1/(N_rotors · run) per rotor, ns⁻¹ (the rate is below it); null otherwise. */
  reorientation_per_ns_upper_bound: number | null;
  hop_per_ns: number | null;
  hop_reason?: string;
  angular_velocity: { t_fs: Float64Array; acf: Float64Array; acf0_rad2_fs2: number; freq_THz: Float64Array; spectrum: Float64Array };
  /**
   * Orientation map and per-vector states of all pointer-species vectors (`state_vectors_per_rotor` per
   * rotor). `states.occupancy` and `states.entropy_kB` are per pointer VECTOR (symmetry-equivalent atoms
   * pooled): not the rotors' entropy.
   */
  map: OrientationMap;
  states: OrientationStates;
  state_vectors_per_rotor: number;
  /** Rotor-level orientation states, occupancy and entropy (rotorOrientationStates.ts). */
  rotor_states: RotorOrientationStates;
  /** Orientation entropy per rotor (k_B) of the rotor-level states (= rotor_states.entropy_kB); null with `rotor_states.entropy_reason`. */
  orientation_entropy_kB: number | null;
}

/** Run the anion rotation analysis (see the file header). */
export function anionRotation(traj: Trajectory, opts: AnionRotationOptions): AnionRotationResult {
  const where = { file: traj.info.source };
  if (traj.nFrames < 2) throw new InputError(`rotation analysis needs at least 2 frames, got ${traj.nFrames}`, where);
  const dt = traj.frameInterval_fs(opts.dt_fs);
  const comp = parseFormula(opts.anion, where);
  const species = Object.keys(comp);
  const mols = selectMolecules(
    findMolecules(traj.topology, traj.framePositions(0), traj.cell(0), { species, cutoffs: opts.cutoffs, where: { ...where, frame: 0 } }),
    opts.anion,
    where,
  );
  if (mols.count === 0)
    throw new InputError(`no ${opts.anion} molecules found in frame 0 (bond cutoffs from covalent radii × 1.2 unless given)`, where);
  const pointerSpecies = opts.atom ?? species.slice().sort((a, b) => comp[b] - comp[a])[0];
  const code = traj.topology.symbols.indexOf(pointerSpecies);
  if (!(pointerSpecies in comp)) throw new InputError(`atom species "${pointerSpecies}" is not in ${opts.anion}`, where);
  const rotors: Rotor[] = [];
  for (let m = 0; m < mols.count; m++) {
    const atoms = Array.from(mols.atoms.subarray(mols.offsets[m], mols.offsets[m + 1]));
    const pointer =
      atoms.slice(1).find((a) => traj.topology.species[a] === code) ??
      (atoms[0] !== undefined && traj.topology.species[atoms[0]] === code && atoms.length > 1 ? atoms[0] : undefined);
    if (pointer === undefined) throw new InputError(`${opts.anion} molecule ${m} has no ${pointerSpecies} atom to orient by`, where);
    rotors.push({ atoms, pointer, parents: mols.parents.subarray(mols.offsets[m], mols.offsets[m + 1]) });
  }
  const { orientations } = orientationVectors(traj, rotors, { kind: 'atom' });
  const T = traj.nFrames;
  let maxLag = opts.maxLag_fs !== undefined ? Math.round(opts.maxLag_fs / dt) : Math.floor((T - 1) / 2);
  maxLag = Math.max(1, Math.min(maxLag, T - 1));
  const acf = vectorAutocorrelation(orientations, { maxLag });
  const window = opts.window ?? 'hann';
  const acfSpec = correlationSpectrum(acf, dt, window);
  const theta = latticeAngleProjections(orientations, traj);
  const reo = reorientationEvents(orientations, dt, opts.threshold_deg ?? 70);
  const w = rotorAngularVelocities(traj, rotors, dt);
  const wLag = Math.max(1, Math.min(maxLag, w.nFrames - 1));
  const wAcfRaw = vectorAutocorrelation(w, { maxLag: wLag });
  const w0 = wAcfRaw[0];
  const wAcf = w0 > 0 ? wAcfRaw.map((x) => x / w0) : wAcfRaw;
  const wSpec = correlationSpectrum(wAcf, dt, window);
  // every pointer-species atom of each rotor (same count in each rotor of one formula)
  const stateRotors: Rotor[] = [];
  for (const r of rotors)
    for (let k = 0; k < r.atoms.length; k++)
      if (traj.topology.species[r.atoms[k]] === code) stateRotors.push({ atoms: r.atoms, pointer: r.atoms[k], parents: r.parents });
  const perRotor = stateRotors.length / rotors.length;
  const stateVectors = orientationVectors(traj, stateRotors, { kind: 'atom' }).orientations;
  const bins = opts.mapBins ?? [36, 72];
  const map = orientationMap(stateVectors, bins[0], bins[1]);
  const states = orientationStates(stateVectors, {
    window_deg: opts.stateWindow_deg ?? 20,
    bandwidth_deg: opts.stateBandwidth_deg,
    maxFalseAlarm: opts.stateMaxFalseAlarm,
  });
  const rotorStates = rotorOrientationStates(stateVectors, perRotor, states);
  const res: AnionRotationResult = {
    anion: opts.anion,
    pointer_species: pointerSpecies,
    n_rotors: rotors.length,
    rotor_atoms: rotors.map((r) => Array.from(r.atoms)),
    dt_fs: dt,
    acf_t_fs: Float64Array.from(acf, (_, m) => m * dt),
    acf,
    acf_spectrum: { freq_THz: acfSpec.freq_THz, spectrum: acfSpec.spectrum },
    t_fs: Float64Array.from({ length: T }, (_, f) => f * dt),
    theta_deg: theta,
    reorientation: reo,
    reorientation_per_ns: reo.mean_rate_per_ns,
    reorientation_per_ns_upper_bound: reo.rate_upper_bound_per_ns,
    hop_per_ns: opts.hop_per_ns ?? null,
    angular_velocity: {
      t_fs: Float64Array.from(wAcf, (_, m) => m * dt),
      acf: wAcf,
      acf0_rad2_fs2: w0,
      freq_THz: wSpec.freq_THz,
      spectrum: wSpec.spectrum,
    },
    map,
    states,
    state_vectors_per_rotor: perRotor,
    rotor_states: rotorStates,
    orientation_entropy_kB: rotorStates.entropy_kB,
  };
  if (res.hop_per_ns === null) res.hop_reason = opts.hop_reason ?? 'no cation hop frequency given (site jumps not computed)';
  return withKind(res, 'rotation');
}
