/**
 * `superionic info FILE` — what a trajectory file holds: format, frames, atoms per species, frame
 * interval, first cell, and which per-atom quantities (velocities, forces, energies) it carries.
 */
import { Cell } from '../../core/cell.js';
import { InputError } from '../../core/errors.js';
import { TRAJECTORY_FORMATS } from '../../io/readOptions.js';
import { scanTrajectory } from '../../io/scanTrajectory.js';
import type { Args } from '../args.js';
import { defineCommand, jsonFields } from '../command.js';
import { formatNumber, printResult } from '../output.js';
import { readerOptions } from '../readerOptions.js';

export const spec = defineCommand({
  name: 'info',
  summary: 'What a trajectory file holds: format, frames, species, time step, cell, velocities/forces/energies',
  synopsis: `FILE [--dt FS] [--types Li,S,...] [--md-dt FS] [--format F] [--cell-file F] [--json]`,
  positionals: { max: 1, noun: 'trajectory file' },
  readsTrajectory: true,
  options: {
    dt: { kind: 'number' },
  },
  notes: `  FILE: extended XYZ, VASP XDATCAR/POSCAR, LAMMPS dump, CP2K -pos-1.xyz (gzip read transparently).
  --dt FS        frame interval in fs, for files without frame times (XDATCAR, plain XYZ)
  --types A,B    LAMMPS type → element (type 1 = A, type 2 = B, ...)
  --md-dt FS     LAMMPS MD time step in fs (frame time = TIMESTEP × FS)
  --format F     one of ${TRAJECTORY_FORMATS.join(', ')} (default: sniffed)
  --cell-file F  CP2K .cell file
  JSON: {format, frames, atoms, species: {Li: 20, ...}, time_step_fs (null if unknown), cell_A (rows a, b, c of the
        first frame's cell, Å; also as cell), volume_A3 (null if non-periodic), has: {velocities, forces, energies}}`,
  output: jsonFields({
    file: 'string',
    format: 'string',
    frames: 'number',
    atoms: 'number',
    species: 'object',
    time_step_fs: 'number',
    time_step_source: 'string',
    cell: 'array',
    cell_A: 'array',
    volume_A3: 'number?',
    has: 'object',
    unwrapped: 'boolean?',
  }),
});
export const { summary, usage } = spec;

export async function run(args: Args): Promise<void> {
  const file = args.positionals[0];
  if (!file) throw new InputError('no file given; expected superionic info FILE');
  const json = args.flag('json');
  const dt = args.number('dt');
  const reader = readerOptions(args);
  args.rejectUnknownOptions('info');
  const s = await scanTrajectory(file, { ...reader, timestep_fs: dt });
  const volume = s.cell ? new Cell(s.cell.flat(), { file }).volume : null;
  const result = {
    file: s.file,
    format: s.format,
    frames: s.frames,
    atoms: s.atoms,
    species: s.species,
    time_step_fs: s.time_step_fs,
    time_step_source: s.time_step_source,
    cell: s.cell,
    cell_A: s.cell,
    volume_A3: volume,
    has: { velocities: s.has.velocities, forces: s.has.forces, energies: s.has.energies },
    unwrapped: s.unwrapped,
  };
  printResult(result, json, () => {
    const species = Object.entries(s.species)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    const yn = (b: boolean) => (b ? 'yes' : 'no');
    const lines = [
      `file        ${s.file}`,
      `format      ${s.format}`,
      `frames      ${s.frames}`,
      `atoms       ${s.atoms} (${species})`,
      `time step   ${s.time_step_fs === null ? `unknown — ${s.time_step_source}` : `${formatNumber(s.time_step_fs)} fs (${s.time_step_source})`}`,
      s.cell
        ? `cell (Å)    a = ${s.cell[0].map((x) => formatNumber(x, 6)).join(' ')}\n            b = ${s.cell[1].map((x) => formatNumber(x, 6)).join(' ')}\n            c = ${s.cell[2].map((x) => formatNumber(x, 6)).join(' ')}`
        : 'cell        none (non-periodic)',
      ...(volume === null ? [] : [`volume      ${formatNumber(volume, 6)} Å³`]),
      `has         velocities ${yn(s.has.velocities)}, forces ${yn(s.has.forces)}, per-atom energies ${yn(s.has.energies)}`,
      `positions   ${s.unwrapped === null ? 'not determined without reading all frames' : s.unwrapped ? 'unwrapped (continuous)' : 'wrapped into the cell (unwrap before an MSD)'}`,
    ];
    return lines.join('\n') + '\n';
  });
}
