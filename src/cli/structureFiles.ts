/**
 * Structure files for the `build`, `relax` and `neb` commands: one frame read from any trajectory format the
 * readers know (POSCAR, extxyz, CIF through the sniffer, …) as an MDSystem, and a structure written as POSCAR
 * or extended XYZ (chosen by --format or the file name).
 */
import { InputError } from '../core/errors.js';
import { Trajectory } from '../core/trajectory.js';
import { readTrajectory } from '../io/openTrajectory.js';
import { writeExtxyz } from '../io/writeExtxyz.js';
import { writePoscar } from '../io/writePoscar.js';
import type { MDSystem } from '../simulate/mdSystem.js';

export type StructureFormat = 'poscar' | 'extxyz';

/** The output format from --format or the file name (POSCAR, CONTCAR, *.vasp, *.poscar; *.extxyz, *.xyz[.gz]). */
export function structureFormat(path: string, format?: string): StructureFormat {
  if (format !== undefined) {
    if (format === 'poscar' || format === 'extxyz') return format;
    throw new InputError(`--format expects poscar or extxyz, got "${format}"`);
  }
  const base = path.split(/[\\/]/).pop() ?? path;
  if (/^(POSCAR|CONTCAR)/i.test(base) || /\.(vasp|poscar)$/i.test(base)) return 'poscar';
  if (/\.(extxyz|xyz)(\.gz)?$/i.test(base)) return 'extxyz';
  throw new InputError(`cannot tell the format of ${path} from its name; give --format poscar|extxyz (or name it POSCAR, *.vasp, *.extxyz)`);
}

/** Read frame `frame` (negative counts from the end) of a structure/trajectory file as a system. */
export async function readStructure(path: string, frame = 0): Promise<MDSystem> {
  const traj = await readTrajectory(path);
  const f = frame < 0 ? traj.nFrames + frame : frame;
  if (!(Number.isInteger(f) && f >= 0 && f < traj.nFrames))
    throw new InputError(`--frame ${frame}: the file has ${traj.nFrames} frame(s)`, { file: path });
  if (!traj.cells)
    throw new InputError('the structure has no periodic cell; relaxations and NEB need one (a POSCAR, or an extxyz with Lattice=)', { file: path });
  return { topology: traj.topology, cell: traj.cell(f), positions: traj.framePositions(f).slice() };
}

/** Write one structure (optionally with per-atom energies and forces in extxyz). */
export async function writeStructure(
  path: string,
  format: StructureFormat,
  system: MDSystem,
  extra: { energy_eV?: number; energies?: Float64Array; forces?: Float64Array; comment?: string } = {},
): Promise<void> {
  if (format === 'poscar') {
    writePoscar(path, system.topology, system.cell, system.positions, extra.comment);
    return;
  }
  const n = system.topology.species.length;
  const traj = new Trajectory({
    topology: system.topology,
    nFrames: 1,
    positions: system.positions,
    cells: system.cell.matrix.slice(),
    times_fs: Float64Array.of(0),
    energies: extra.energies,
    forces: extra.forces,
    frameEnergies_eV: extra.energy_eV !== undefined ? Float64Array.of(extra.energy_eV) : undefined,
    info: { source: path, format: 'extxyz', unwrapped: true },
  });
  if (traj.nAtoms !== n) throw new InputError(`internal: ${traj.nAtoms} atoms written for ${n}`);
  await writeExtxyz(path, traj);
}

/** "2" → [2, 2, 2]; "2,2,1" or "2x2x1" → [2, 2, 1] (positive integers ≤ 16). */
export function parseSupercell(v: string | undefined): [number, number, number] | undefined {
  if (v === undefined) return undefined;
  const parts = v.split(/[,x×]/i).map((s) => s.trim());
  const nums = parts.map(Number);
  if (!((parts.length === 1 || parts.length === 3) && nums.every((k) => Number.isInteger(k) && k >= 1 && k <= 16))) {
    throw new InputError(`--supercell expects N or A,B,C (integers 1–16), got "${v}"`);
  }
  return parts.length === 1 ? [nums[0], nums[0], nums[0]] : [nums[0], nums[1], nums[2]];
}
