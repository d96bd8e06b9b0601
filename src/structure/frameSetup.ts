/**
 * Shared checks for the structural accumulators: option validation and per-frame sanity
 * (a periodic cell, the atom count of the topology), each failing with an InputError that says what
 * was expected.
 */
import type { Cell } from '../core/cell.js';
import { InputError, InputErrorLocation } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import type { Topology } from '../core/topology.js';

/** A positive finite length in Å, else an InputError naming the option. */
export function requirePositiveLength(x: number, name: string, where: InputErrorLocation = {}): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new InputError(`${name} must be a positive number of Å, got ${x}`, where);
  return x;
}

/** A whole number of bins ≥ 1. */
export function requireBins(x: number, name = 'bins', where: InputErrorLocation = {}): number {
  if (!Number.isInteger(x) || x < 1) throw new InputError(`${name} must be a whole number ≥ 1, got ${x}`, where);
  return x;
}

/** The frame's cell, checking it exists and the frame has the topology's atoms. */
export function frameCell(frame: Frame, topology: Topology, what: string, source?: string): Cell {
  const where = { file: source, frame: frame.index };
  if (frame.positions.length !== 3 * topology.species.length) {
    throw new InputError(`frame has ${frame.positions.length / 3} atoms; the topology has ${topology.species.length}`, where);
  }
  if (!frame.cell) throw new InputError(`${what} needs a periodic cell, but this frame has none (give the cell)`, where);
  return frame.cell;
}
