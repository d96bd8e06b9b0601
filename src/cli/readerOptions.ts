/**
 * The reader options every trajectory command accepts (one place): --format, --types (LAMMPS type →
 * element, or species of a VASP 4 XDATCAR), --md-dt (LAMMPS MD step, fs), --cell-file (CP2K .cell).
 * openTrajectory refuses the ones the file's format would ignore.
 */
import { InputError } from '../core/errors.js';
import { TRAJECTORY_FORMATS, type ReadOptions, type TrajectoryFormat } from '../io/readOptions.js';
import type { Args } from './args.js';
import { lammpsUnitFactors } from '../io/lammpsUnits.js';
import { FORMAT_REGISTRY } from '../io/formatRegistry.js';

/** Usage line appended to the help of every trajectory command. */
export const READER_OPTIONS_USAGE = `  reader options: [--format ${TRAJECTORY_FORMATS.join('|')}] [--types A,B,... (LAMMPS type 1, 2, ...)] [--md-dt FS (LAMMPS/DCD step)] [--cell-file RUN.cell (CP2K)] [--lammps-units metal|real|si|cgs|electron|micro|nano (LAMMPS; default metal)] [--topology DATA (LAMMPS data file for DCD/dump)] [--qe-input IN (cp.x input: species of PREFIX.pos)]
  formats: ${FORMAT_REGISTRY.map((f) => `${f.name} (${f.description}; ${f.extensions.join(' ')})`).join('; ')}`;

/** Names of the reader options (for the command-line check). */
export const READER_OPTION_NAMES = ['format', 'types', 'md-dt', 'cell-file', 'lammps-units', 'topology', 'qe-input'];

/** Read the reader options from the command line (marks them used). */
export function readerOptions(
  args: Args,
): Pick<ReadOptions, 'format' | 'typeMap' | 'mdTimestep_fs' | 'cellFile' | 'lammpsUnits' | 'topologyFile' | 'qeInput'> {
  const format = args.string('format');
  if (format !== undefined && !TRAJECTORY_FORMATS.includes(format as TrajectoryFormat)) {
    throw new InputError(`--format "${format}"; expected one of ${TRAJECTORY_FORMATS.join(', ')}`);
  }
  const types = args.list('types');
  const out: Pick<ReadOptions, 'format' | 'typeMap' | 'mdTimestep_fs' | 'cellFile' | 'lammpsUnits' | 'topologyFile' | 'qeInput'> = {};
  if (format !== undefined) out.format = format as TrajectoryFormat;
  if (types.length) out.typeMap = types;
  const mdDt = args.number('md-dt');
  if (mdDt !== undefined) out.mdTimestep_fs = mdDt;
  const cellFile = args.string('cell-file');
  if (cellFile !== undefined) out.cellFile = cellFile;
  const qe = args.string('qe-input');
  if (qe !== undefined) out.qeInput = qe;
  const topo = args.string('topology');
  if (topo !== undefined) out.topologyFile = topo;
  const units = args.string('lammps-units');
  if (units !== undefined) {
    lammpsUnitFactors(units);
    out.lammpsUnits = units;
  }
  return out;
}

/** The frame selection from --frames START:END and --stride N (undefined when neither is given). */
export function frameRange(args: Args): { start?: number; end?: number; stride?: number } | undefined {
  const r = args.range('frames');
  const stride = args.number('stride');
  if (!r && stride === undefined) return undefined;
  return { start: r?.[0], end: r?.[1], stride };
}
