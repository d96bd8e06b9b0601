/**
 * Free-energy landscape of a mobile ion from its time-averaged density (Boltzmann inversion; the
 * "free energy felt by a cation" of Wang 2023 Fig. 1b / S15 and GEMDAT's energy landscape):
 *
 *   F(r) = −k_B T ln( ρ(r) / ρ_max ),   F ≥ 0, F = 0 at the most populated voxel.
 *
 * Empty voxels have no finite F; they get the floor F_floor = −k_B T ln(ρ_floor/ρ_max) with ρ_floor
 * the density of `floorCounts` counts in one voxel (default 0.5: half of the least that was ever seen),
 * so they sit above every visited voxel and are flagged in `empty`. With Gaussian smearing first,
 * F is finite wherever the smeared density is.
 */
import { InputError } from '../core/errors.js';
import { KB_EV_PER_K } from '../core/units.js';
import type { ProbabilityDensityResult, VolumetricGrid } from './probabilityDensity.js';

export interface FreeEnergyOptions {
  /** Temperature of the run, K. */
  temperature_K: number;
  /** Counts per voxel that an empty voxel is given for its F (default 0.5). */
  floorCounts?: number;
}

export interface FreeEnergyLandscape extends VolumetricGrid {
  /** F per grid point, eV (0 at the maximum density). */
  values: Float64Array;
  /** 1 where the voxel had no density (F set to the floor). */
  empty: Uint8Array;
  /** F given to empty voxels, eV. */
  floor_eV: number;
  temperature_K: number;
}

/** F = −k_B T ln(ρ/ρ_max) on the density's grid, with a floor for empty voxels. */
export function freeEnergyLandscape(d: ProbabilityDensityResult, opts: FreeEnergyOptions): FreeEnergyLandscape {
  const T = opts.temperature_K;
  if (!(T > 0) || !Number.isFinite(T)) throw new InputError(`free energy needs a temperature > 0 K, got ${T}`);
  const floorCounts = opts.floorCounts ?? 0.5;
  if (!(floorCounts > 0) || !Number.isFinite(floorCounts)) throw new InputError(`floor counts must be > 0, got ${opts.floorCounts}`);
  const c = d.counts;
  let cmax = 0,
    cminPos = Infinity;
  for (let v = 0; v < c.length; v++) {
    if (c[v] > cmax) cmax = c[v];
    if (c[v] > 0 && c[v] < cminPos) cminPos = c[v];
  }
  if (!(cmax > 0)) throw new InputError(`free energy: the density of ${d.species.join(', ')} is empty (no atoms counted)`);
  const kT = KB_EV_PER_K * T;
  const floorC = Math.min(floorCounts, cminPos);
  const floor = -kT * Math.log(floorC / cmax);
  const F = new Float64Array(c.length),
    empty = new Uint8Array(c.length);
  for (let v = 0; v < c.length; v++) {
    if (c[v] > 0) F[v] = c[v] === cmax ? 0 : -kT * Math.log(c[v] / cmax);
    else {
      F[v] = floor;
      empty[v] = 1;
    }
  }
  return { shape: d.shape, cell: d.cell, values: F, empty, floor_eV: floor, temperature_K: T };
}
