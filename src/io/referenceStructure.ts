/**
 * A reference structure of an ideal phase read from a file, for site templates derived from it
 * (src/sites/referenceTemplate.ts; `superionic sites --reference FILE`): a CIF (by extension, with its
 * symmetry operations and atom-site labels) or the first frame of any trajectory format the readers know
 * (POSCAR, extxyz, …), which must have a cell.
 */
import type { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import type { Topology } from '../core/topology.js';
import { readCif, type CifStructure } from './cif.js';
import { readTrajectory } from './openTrajectory.js';

/** An ideal structure: atoms (Cartesian Å) in a cell; a CIF adds labels and symmetry operations. */
export type ReferenceStructureFile = CifStructure | { topology: Topology; positions: Float64Array; cell: Cell; source: string };

/** Read the reference structure in `path` (CIF by its extension `.cif[.gz]`, else any trajectory format; frame 0). */
export async function readReferenceStructure(path: string): Promise<ReferenceStructureFile> {
  if (/\.cif(\.gz)?$/i.test(path)) return readCif(path);
  const ref = await readTrajectory(path, { frames: { end: 1 } }); // the structure: frame 0 only, however long the file
  const f0 = ref.frame(0);
  if (!f0.cell) throw new InputError('the reference structure has no cell', { file: path });
  return { topology: ref.topology, positions: f0.positions, cell: f0.cell, source: path };
}
