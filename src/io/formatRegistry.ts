/**
 * The one list of trajectory formats: name, file-name patterns, content sniff, reader, and which
 * format-specific reader options apply. `openTrajectory`, `sniffFormat`, the CLI's `--format`
 * and its help text all read it.
 */
import { InputError } from '../core/errors.js';
import { AseTrajReader, isUlmMagic } from './aseTraj.js';
import { Cp2kXyzReader } from './cp2kXyz.js';
import { DcdReader, isDcdMagic } from './dcd.js';
import { ExtxyzReader } from './extxyz.js';
import { H5mdReader, isHdf5Magic } from './h5md.js';
import { LammpsDataReader } from './lammpsData.js';
import { LammpsDumpReader } from './lammpsDump.js';
import { OutcarReader } from './outcar.js';
import { QeCpReader } from './qeCp.js';
import { QePwReader } from './qePw.js';
import type { FormatReader, ReadOptions, TrajectoryFormat } from './readOptions.js';
import type { ByteInput } from './byteSource.js';
import { sniffText } from './sniffText.js';
import { VasprunReader } from './vasprun.js';
import { XdatcarReader } from './xdatcar.js';

/** Reader options that only some formats read (the others refuse them rather than ignore them). */
export type FormatOption = 'typeMap' | 'mdTimestep_fs' | 'cellFile' | 'lammpsUnits' | 'topologyFile' | 'qeInput';

/** How each format-specific option is named in messages. */
export const FORMAT_OPTION_NAMES: Record<FormatOption, string> = {
  typeMap: 'a type → element map (--types)',
  mdTimestep_fs: 'the MD time step (--md-dt)',
  cellFile: 'a CP2K .cell file (--cell-file)',
  lammpsUnits: 'a LAMMPS unit style (--lammps-units)',
  topologyFile: 'a LAMMPS data file as topology (--topology)',
  qeInput: 'a Quantum ESPRESSO input file (--qe-input)',
};

export interface FormatSpec {
  name: TrajectoryFormat;
  /** One line for help texts. */
  description: string;
  /** Typical file names / extensions (for help and the README table). */
  extensions: string[];
  /** True if the first bytes (decompressed) and the upper-cased file name (without .gz) say it is this format. */
  sniff(head: Uint8Array, text: string, nameU: string): boolean;
  /** Open the reader on a path or on the bytes themselves ({@link ByteInput}); the topology is known on return. */
  open(input: ByteInput, opts: ReadOptions): Promise<FormatReader>;
  /** Format-specific options this format reads. */
  options: FormatOption[];
}

const textIs = (f: TrajectoryFormat) => (_h: Uint8Array, text: string, nameU: string) => sniffText(text, nameU) === f;

/** All formats, in sniffing order (unambiguous content first). */
export const FORMAT_REGISTRY: FormatSpec[] = [
  {
    name: 'dcd',
    description: 'DCD (CHARMM/NAMD/LAMMPS dump dcd; species from --topology DATA or --types)',
    extensions: ['.dcd'],
    sniff: (h) => isDcdMagic(h),
    open: (p, o) => DcdReader.open(p, o),
    options: ['typeMap', 'mdTimestep_fs', 'topologyFile', 'lammpsUnits'],
  },
  {
    name: 'ase-traj',
    description: 'ASE trajectory (.traj, ULM binary; momenta, energies, forces)',
    extensions: ['.traj'],
    sniff: (h) => isUlmMagic(h),
    open: (p, o) => AseTrajReader.open(p, o),
    options: [],
  },
  {
    name: 'h5md',
    description: 'H5MD (HDF5; LAMMPS dump h5md, MDAnalysis; via h5wasm)',
    extensions: ['.h5md', '.h5'],
    sniff: (h) => isHdf5Magic(h),
    open: (p, o) => H5mdReader.open(p, o),
    options: ['typeMap'],
  },
  {
    name: 'lammps-dump',
    description: 'LAMMPS text dump (custom/atom)',
    extensions: ['.lammpstrj', '.dump'],
    sniff: textIs('lammps-dump'),
    open: (p, o) => LammpsDumpReader.open(p, o),
    options: ['typeMap', 'mdTimestep_fs', 'lammpsUnits', 'topologyFile'],
  },
  {
    name: 'lammps-data',
    description: 'LAMMPS data file (atomic/charge/full/molecular): topology and one frame',
    extensions: ['.data', '.lmp', 'data.*'],
    sniff: (_h, text, nameU) => looksLikeLammpsData(text) || (/\.DATA$|^DATA\./.test(nameU) && /\batoms\b/.test(text)),
    open: (p, o) => LammpsDataReader.open(p, o),
    options: ['typeMap', 'lammpsUnits'],
  },
  {
    name: 'vasprun',
    description: 'VASP vasprun.xml (positions, cell, forces, free energy per ionic step)',
    extensions: ['vasprun.xml'],
    sniff: (_h, text) => /^\s*(<\?xml[^>]*>\s*)?<modeling>/.test(text),
    open: (p, o) => VasprunReader.open(p, o),
    options: [],
  },
  {
    name: 'outcar',
    description: 'VASP OUTCAR (positions, forces, cell, free energy per ionic step)',
    extensions: ['OUTCAR'],
    sniff: (_h, text, nameU) => /^\s*vasp\.\d/.test(text) || (nameU.includes('OUTCAR') && /POTCAR:/.test(text)),
    open: (p, o) => OutcarReader.open(p, o),
    options: [],
  },
  {
    name: 'xdatcar',
    description: 'VASP XDATCAR',
    extensions: ['XDATCAR'],
    sniff: textIs('xdatcar'),
    open: (p, o) => XdatcarReader.open(p, o, false),
    options: ['typeMap'],
  },
  {
    name: 'extxyz',
    description: 'extended / plain XYZ (ASE, QUIP, GPUMD)',
    extensions: ['.xyz', '.extxyz'],
    sniff: textIs('extxyz'),
    open: (p, o) => ExtxyzReader.open(p, o),
    options: [],
  },
  {
    name: 'cp2k-xyz',
    description: 'CP2K -pos-1.xyz (with --cell-file RUN.cell)',
    extensions: ['-pos-1.xyz'],
    sniff: textIs('cp2k-xyz'),
    open: (p, o) => Cp2kXyzReader.open(p, o),
    options: ['cellFile'],
  },
  {
    name: 'qe-pw',
    description: 'Quantum ESPRESSO pw.x output (scf/relax/md: positions, cell, energy, forces per step)',
    extensions: ['.out', '.pwo'],
    sniff: (_h, text) => /Program PWSCF/.test(text),
    open: (p, o) => QePwReader.open(p, o),
    options: [],
  },
  {
    name: 'qe-cp',
    description: 'Quantum ESPRESSO cp.x PREFIX.pos (+ .cel .vel .for .evp beside it; species from --qe-input)',
    extensions: ['.pos'],
    sniff: (_h, text, nameU) => /\.POS$/.test(nameU) && /^\s*\d+\s+[-+\d.eEdD]+\s*\r?\n(\s*[-+\d.eEdD]+){3}\s*\r?\n/.test(text),
    open: (p, o) => QeCpReader.open(p, o),
    options: ['typeMap', 'qeInput'],
  },
  {
    name: 'poscar',
    description: 'VASP POSCAR/CONTCAR (one frame)',
    extensions: ['POSCAR', 'CONTCAR', '.vasp'],
    sniff: textIs('poscar'),
    open: (p, o) => XdatcarReader.open(p, o, true),
    options: ['typeMap'],
  },
];

/** A LAMMPS data file: a title line, then header lines such as "17 atoms" and "0 10 xlo xhi". */
function looksLikeLammpsData(text: string): boolean {
  const lines = text
    .split('\n', 40)
    .slice(1)
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
  return lines.some((l) => /^\d+\s+atoms$/.test(l)) && lines.some((l) => /^\S+\s+\S+\s+xlo\s+xhi$/.test(l));
}

/** The spec of a format (InputError naming the known ones if it is not one). */
export function formatSpec(name: string, file?: string): FormatSpec {
  const s = FORMAT_REGISTRY.find((f) => f.name === name);
  if (!s) throw new InputError(`unsupported format "${name}"; expected one of ${FORMAT_REGISTRY.map((f) => f.name).join(', ')}`, { file });
  return s;
}
