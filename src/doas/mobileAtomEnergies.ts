/**
 * Per-atom energies of the mobile species from a trajectory (extxyz energies/energy/c_pe/atom_ener
 * columns, LAMMPS c_pe), pooled over frames: the input of the DOAS (Wang 2023).
 */
import { InputError } from '../core/errors.js';
import type { Trajectory } from '../core/trajectory.js';

/** Energies (eV) of the atoms of `species` in every frame, frame-major. Throws if the file has none. */
export function mobileAtomEnergies(traj: Trajectory, species: string): Float64Array {
  if (!traj.energies) {
    throw new InputError(
      'per-atom energies missing: the DOAS needs a per-atom energy column (extxyz energies/energy/c_pe/atom_ener, LAMMPS c_pe) or energies from the simulation engine after static relaxation',
      { file: traj.info.source },
    );
  }
  const idx = traj.indicesOf(species);
  const out = new Float64Array(idx.length * traj.nFrames);
  for (let f = 0; f < traj.nFrames; f++)
    for (let k = 0; k < idx.length; k++) {
      const e = traj.energies[f * traj.nAtoms + idx[k]];
      if (!Number.isFinite(e)) throw new InputError(`per-atom energy of atom ${idx[k]} is not finite (${e})`, { file: traj.info.source, frame: f });
      out[f * idx.length + k] = e;
    }
  return out;
}
