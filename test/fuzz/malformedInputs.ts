// The seeded generator of malformed inputs for the CLI fuzz (issue #12): every reader's real files
// (the repo's published trajectories and the peers' conformance files) cut at frame boundaries and at
// random bytes, bit-flipped, given absurd numbers, counts and cells, re-encoded (CRLF, BOM, tabs, NUL),
// gzipped and corrupted, plus special files (FIFO, socket, symlinks to devices, directories, empty
// files) and absurd values of every numeric option of every command. A case is a command line; the
// watchdog (cliWatchdog.ts) runs it and outcome.ts judges it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Random } from '../../src/core/random';

const ROOT = path.resolve(__dirname, '../..');
const DATA = path.join(ROOT, 'data');
const CONF = path.join(ROOT, 'test/fixtures/conformance');
const IO = path.join(ROOT, 'test/fixtures/io');

/** A valid input file and the command lines that analyse it (FILE stands for the file). */
export interface FuzzSource {
  name: string;
  /** File name suffix that lets the format sniffer see the format (kept on mutated copies). */
  fileName: string;
  bytes: Buffer;
  /** Text formats are mutated line by line; binary ones byte by byte. */
  text: boolean;
  /** Command lines (without the file) that succeed on the intact file. */
  commands: string[][];
  /** Line-number ranges of frame boundaries, for truncation at every frame (text formats). */
  frameLines?: number;
  headerLines?: number;
}

/** One fuzz case: the argv (file paths already substituted) and how it was made. */
export interface FuzzCase {
  id: number;
  argv: string[];
  kind: string;
  /** The intact source and command it came from (for the silent-wrong oracle), when a mutation of a file. */
  source?: string;
  baseArgv?: string[];
  /** Positions were not changed by the mutation (re-encodings): the result must equal the intact one. */
  sameNumbers?: boolean;
}

const lines = (b: Buffer) => b.toString('latin1').split('\n');
const join = (ls: string[]) => Buffer.from(ls.join('\n') + '\n', 'latin1');

/** The sources: slices of real files small enough that one CLI run takes well under a second. */
export function fuzzSources(): FuzzSource[] {
  const x = lines(gunzipSync(readFileSync(path.join(DATA, 'Li6PS5Cl_0pct_500K_XDATCAR.gz'))));
  const xdat = join(x.slice(0, 7 + 417 * 10));
  const l = lines(gunzipSync(readFileSync(path.join(DATA, 'Li10GeP2S12_600K_AIMD.extxyz.gz'))));
  const lgps = join(l.slice(0, 52 * 30));
  const n = lines(gunzipSync(readFileSync(path.join(DATA, 'Na3PS4_cubic_800K_AIMD.extxyz.gz'))));
  const nat = Number(n[0].trim());
  const na3ps4 = join(n.slice(0, (nat + 2) * 20));
  const f = (p: string) => readFileSync(p);
  const argyrodite = ['--mobile', 'Li', '--host', 'S,Cl', '--reference', 'argyrodite', '--dt', '100'];
  return [
    {
      name: 'xdatcar',
      fileName: 'XDATCAR',
      bytes: xdat,
      text: true,
      headerLines: 7,
      frameLines: 417,
      commands: [
        ['info'],
        ['msd', '--species', 'Li', '--dt', '100'],
        ['rdf', '--pair', 'Li-S', '--dt', '100', '--bins', '50'],
        ['sites', ...argyrodite],
        ['jumps', ...argyrodite],
        ['density', '--species', 'Li', '--spacing', '0.5'],
        ['coordination', '--center', 'P', '--neighbor', 'S', '--cutoff', '2.5', '--dt', '100'],
      ],
    },
    {
      name: 'lgps',
      fileName: 'lgps.extxyz',
      bytes: lgps,
      text: true,
      headerLines: 0,
      frameLines: 52,
      commands: [
        ['info'],
        ['msd', '--species', 'Li'],
        ['vdos', '--species', 'Li'],
        ['vanhove', '--species', 'Li', '--dr', '0.2'],
        ['rdf', '--pair', 'Li-S', '--bins', '50'],
      ],
    },
    {
      name: 'na3ps4',
      fileName: 'na3ps4.extxyz',
      bytes: na3ps4,
      text: true,
      headerLines: 0,
      frameLines: nat + 2,
      commands: [
        ['info'],
        ['msd', '--species', 'Na'],
        ['rotation', '--anion', 'PS4', '--max-lag', '200'],
        ['paths', '--species', 'Na', '--temperature', '800', '--spacing', '0.5'],
      ],
    },
    { name: 'poscar', fileName: 'POSCAR', bytes: f(path.join(IO, 'POSCAR')), text: true, commands: [['info']] },
    { name: 'xdatcar-varcell', fileName: 'XDATCAR_varcell', bytes: f(path.join(IO, 'XDATCAR_varcell')), text: true, commands: [['info']] },
    {
      name: 'lammpstrj',
      fileName: 'mass_q_elem.lammpstrj',
      bytes: f(path.join(CONF, 'mdanalysis/mass_q_elem.lammpstrj')),
      text: true,
      commands: [['info']],
    },
    {
      name: 'triclinic-dump',
      fileName: 'triclinic.dump',
      bytes: f(path.join(IO, 'triclinic.dump')),
      text: true,
      commands: [['info', '--types', 'Li,S,P,Cl,Na']],
    },
    {
      name: 'lammps-data',
      fileName: 'Li2S_metal.data',
      bytes: f(path.join(CONF, 'ase/Li2S_metal.data')),
      text: true,
      commands: [['info', '--format', 'lammps-data']],
    },
    {
      name: 'albite-data',
      fileName: 'albite.data',
      bytes: f(path.join(CONF, 'mdanalysis/albite_triclinic.data')),
      text: true,
      commands: [['info', '--format', 'lammps-data']],
    },
    {
      name: 'momenta-extxyz',
      fileName: 'momenta.extxyz',
      bytes: f(path.join(CONF, 'ase/momenta.extxyz')),
      text: true,
      commands: [['info'], ['vdos', '--species', 'Li', '--dt', '1']],
    },
    {
      name: 'cp2k',
      fileName: 'proj-pos-1.xyz',
      bytes: f(path.join(IO, 'proj-pos-1.xyz')),
      text: true,
      commands: [['info', '--cell-file', path.join(IO, 'proj-1.cell')]],
    },
    { name: 'vasprun', fileName: 'vasprun.xml', bytes: f(path.join(CONF, 'vasp/vasprun_md.xml')), text: true, commands: [['info']] },
    { name: 'outcar', fileName: 'OUTCAR', bytes: f(path.join(CONF, 'ase/OUTCAR_example_1')), text: true, commands: [['info']] },
    {
      name: 'qe-pw',
      fileName: 'pw_vcrelax.out',
      bytes: f(path.join(CONF, 'qe/pw_vcrelax.out')),
      text: true,
      commands: [['info', '--format', 'qe-pw']],
    },
    {
      name: 'cif',
      fileName: 'ref.cif',
      bytes: f(path.join(ROOT, 'test/fixtures/sites/Li6PS5Cl_F-43m.cif')),
      text: true,
      commands: [] /* used as the --reference of `sites` on the XDATCAR slice, see caseFor */,
    },
    {
      name: 'dcd',
      fileName: 'test.dcd',
      bytes: f(path.join(CONF, 'mdanalysis/test.dcd')),
      text: false,
      commands: [['info', '--types', 'X,X,X,X,X']],
    },
    {
      name: 'dcd-tric',
      fileName: 'watdyn.dcd',
      bytes: f(path.join(CONF, 'mdanalysis/watdyn.dcd')),
      text: false,
      commands: [['info', '--types', Array(15).fill('H').join(',')]],
    },
    {
      name: 'h5md',
      fileName: 'test.h5md',
      bytes: f(path.join(CONF, 'mdanalysis/test.h5md')),
      text: false,
      commands: [['info', '--types', 'X,X,X,X,X']],
    },
    {
      name: 'h5md-cu',
      fileName: 'cu.h5md',
      bytes: f(path.join(CONF, 'mdanalysis/cu.h5md')),
      text: false,
      commands: [['info'], ['msd', '--species', 'Cu', '--dt', '1'], ['rdf', '--pair', 'Cu-Cu', '--bins', '50']],
    },
    {
      name: 'ase-traj',
      fileName: 'md.traj',
      bytes: f(path.join(CONF, 'ase/md.traj')),
      text: false,
      commands: [['info'], ['msd', '--species', 'Li', '--dt', '1', '--fit', '0:3']],
    },
  ];
}

/** Values no physical input or sensible option has, and the spellings readers must not misread. */
export const ABSURD_NUMBERS = [
  '1e300',
  '1D300',
  '-1e308',
  '0x1',
  'nan',
  'NaN',
  'inf',
  '-Infinity',
  '1e15',
  '-0',
  '1e-300',
  '99999999999999999999',
  '',
  '1e',
  '--1',
  '1,5',
  '١٢',
  '0b11',
  '1_000',
  '\u00a01',
];

/** Mutations that keep every number of a text file. */
export const SAME_NUMBERS = new Set(['crlf', 'bom', 'tabs']);

type Mutation = (s: FuzzSource, r: Random) => Buffer;
const pick = <T>(a: readonly T[], r: Random): T => a[r.int(a.length)];

/** Mutations of a file's bytes; the name says what was done (reported per case). */
export const MUTATIONS: Record<string, Mutation> = {
  'truncate-at-frame': (s, r) => {
    if (!s.text || !s.frameLines) return s.bytes.subarray(0, r.int(s.bytes.length));
    const ls = lines(s.bytes),
      frames = Math.floor((ls.length - (s.headerLines ?? 0)) / s.frameLines);
    const cut = (s.headerLines ?? 0) + r.int(Math.max(1, frames)) * s.frameLines + r.int(3) - 1; // at, just before or after a boundary
    return join(ls.slice(0, Math.max(0, cut)));
  },
  'truncate-random-byte': (s, r) => s.bytes.subarray(0, r.int(s.bytes.length)),
  'bit-flips': (s, r) => {
    const c = Buffer.from(s.bytes);
    for (let k = 0; k < 1 + r.int(6); k++) c[r.int(c.length)] ^= 1 << r.int(8);
    return c;
  },
  'absurd-number': (s, r) => {
    if (!s.text) {
      // binary: an 8-byte word (HDF5 addresses, lengths and dims; DCD/ULM doubles) made absurd
      const c = Buffer.from(s.bytes),
        at = 8 * r.int(c.length >> 3);
      c.writeBigUInt64LE(pick([2n ** 64n - 1n, 2n ** 63n, 2n ** 40n, BigInt(c.length) + 1n, BigInt(c.length) * 16n, 0n], r), at);
      return c;
    }
    const ls = lines(s.bytes),
      j = r.int(ls.length),
      t = ls[j].split(/(\s+)/);
    const numeric = t.map((w, k) => (/^[-+]?[\d.]/.test(w) ? k : -1)).filter((k) => k >= 0);
    const k = numeric.length > 0 ? pick(numeric, r) : 2 * r.int(Math.ceil(t.length / 2));
    t[k] = pick(ABSURD_NUMBERS, r);
    ls[j] = t.join('');
    return join(ls);
  },
  'absurd-count-or-cell': (s, r) => {
    if (!s.text) {
      // binary: overwrite a 4-byte word near the start (DCD/HDF5/ULM headers hold counts and offsets there)
      const c = Buffer.from(s.bytes),
        at = 4 * r.int(Math.min(64, c.length >> 2));
      c.writeUInt32LE(pick([0, 1, 0x7fffffff, 0xffffffff, 1e9, 3], r) >>> 0, at);
      return c;
    }
    const ls = lines(s.bytes),
      header = Math.min(ls.length, Math.max(12, (s.headerLines ?? 0) + 10)),
      j = r.int(header);
    ls[j] = ls[j].replace(/-?\d+(\.\d+)?(e[-+]?\d+)?/i, pick(['1000000000000', '0', '-5', '1e-8', '2147483648', '1e9', '4294967297'], r));
    return join(ls);
  },
  'duplicate-frames': (s, r) =>
    s.text && s.frameLines
      ? join([...lines(s.bytes).slice(0, -1), ...lines(s.bytes).slice(s.headerLines ?? 0, -1)])
      : Buffer.concat([s.bytes, s.bytes.subarray(0, r.int(s.bytes.length))]),
  'drop-line': (s, r) => {
    if (!s.text) return MUTATIONS['truncate-random-byte'](s, r);
    const ls = lines(s.bytes);
    ls.splice(r.int(ls.length), 1);
    return join(ls);
  },
  // Re-encodings that keep every number: an accepted result must equal the intact file's.
  crlf: (s, r) => (s.text ? Buffer.from(s.bytes.toString('latin1').replace(/\n/g, '\r\n'), 'latin1') : MUTATIONS['bit-flips'](s, r)),
  bom: (s, r) => (s.text ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), s.bytes]) : MUTATIONS['bit-flips'](s, r)),
  tabs: (s, r) => (s.text ? Buffer.from(s.bytes.toString('latin1').replace(/ +/g, '\t'), 'latin1') : MUTATIONS['bit-flips'](s, r)),
  'nul-byte': (s, r) => {
    const at = r.int(s.bytes.length);
    return Buffer.concat([s.bytes.subarray(0, at), Buffer.from([0]), s.bytes.subarray(at)]);
  },
  'gzip-corrupt': (s, r) => {
    const z = gzipSync(s.bytes),
      what = r.int(4);
    if (what === 0) {
      z[10 + r.int(z.length - 10)] ^= 0xff;
      return z;
    }
    if (what === 1) return z.subarray(0, r.int(z.length));
    if (what === 2) return Buffer.concat([z, Buffer.from('trailing junk\n')]);
    return Buffer.concat([z, gzipSync(s.bytes.subarray(0, r.int(s.bytes.length)))]); // concatenated members (valid gzip)
  },
};

/** The numeric options of every command, with a base command line on the XDATCAR slice (FILE). */
export const OPTION_TARGETS: { argv: string[]; options: string[] }[] = [
  { argv: ['msd', 'FILE', '--species', 'Li', '--dt', '100'], options: ['--dt', '--temperature', '--charge', '--volume', '--blocks', '--fit'] },
  {
    argv: ['rdf', 'FILE', '--pair', 'Li-S', '--dt', '100'],
    options: ['--rmax', '--bins', '--temperature', '--stride', '--frames', '--bond-tolerance'],
  },
  {
    argv: ['coordination', 'FILE', '--center', 'P', '--neighbor', 'S', '--dt', '100'],
    options: ['--cutoff', '--rmax', '--bins', '--stride', '--bond-tolerance'],
  },
  {
    argv: ['sites', 'FILE', '--mobile', 'Li', '--host', 'S,Cl', '--reference', 'argyrodite', '--dt', '100'],
    options: ['--sigma2', '--rmax', '--match-tolerance', '--shape-tolerance'],
  },
  {
    argv: ['jumps', 'FILE', '--mobile', 'Li', '--host', 'S,Cl', '--reference', 'argyrodite', '--dt', '100'],
    options: ['--r-in', '--min-residence', '--dt'],
  },
  { argv: ['density', 'FILE', '--species', 'Li', '--spacing', '0.5'], options: ['--spacing', '--sigma', '--grid', '--stride'] },
  {
    argv: ['paths', 'FILE', '--species', 'Li', '--temperature', '500', '--spacing', '0.5'],
    options: ['--temperature', '--spacing', '--floor-counts', '--sigma'],
  },
  { argv: ['vdos', 'FILE', '--species', 'Li', '--dt', '1'], options: ['--dt', '--max-lag', '--min-nyquist', '--temperature'] },
  { argv: ['vanhove', 'FILE', '--species', 'Li', '--dt', '100'], options: ['--lags', '--rmax', '--dr', '--stride'] },
  { argv: ['rotation', 'FILE', '--anion', 'PS4', '--dt', '100'], options: ['--threshold', '--window', '--max-lag'] },
  { argv: ['info', 'FILE'], options: ['--dt', '--md-dt', '--memory-budget'] },
  { argv: ['md', '--system', 'agi', '--steps', '3'], options: ['--supercell', '--temperature', '--dt', '--tau', '--every', '--seed'] },
  { argv: ['md', '--system', 'rotor', '--steps', '3'], options: ['--supercell', '--temperature', '--dt'] },
];

/** Absurd option values: out of range, non-numbers, huge, tiny, negative. */
export const ABSURD_OPTION_VALUES = [
  '0',
  '-1',
  '1e-300',
  '1e300',
  '1e9',
  '1e12',
  'NaN',
  'Infinity',
  '-Infinity',
  'abc',
  '',
  '1e',
  '0x10',
  '2.5.1',
  '1:',
  ':',
  '5:1',
  '-3:-1',
  '1,2,',
  '1e308',
  '4294967297',
  '0.000001',
];

/** Special files: the reader must refuse them (or read them) without blocking or growing. */
export function makeSpecialFiles(dir: string): { name: string; file: string; close?: () => void }[] {
  const out: { name: string; file: string; close?: () => void }[] = [];
  const fifo = path.join(dir, 'fifo.extxyz');
  try {
    execFileSync('mkfifo', [fifo]);
    out.push({ name: 'fifo', file: fifo });
  } catch {
    /* mkfifo missing: the test reports fewer cases */
  }
  const zero = path.join(dir, 'zero.extxyz');
  symlinkSync('/dev/zero', zero);
  out.push({ name: 'symlink-dev-zero', file: zero });
  const urandom = path.join(dir, 'urandom_XDATCAR');
  symlinkSync('/dev/urandom', urandom);
  out.push({ name: 'symlink-dev-urandom', file: urandom });
  const devnull = path.join(dir, 'null.extxyz');
  symlinkSync('/dev/null', devnull);
  out.push({ name: 'symlink-dev-null', file: devnull });
  const d = path.join(dir, 'dir.extxyz');
  mkdirSync(d);
  out.push({ name: 'directory', file: d });
  const dangling = path.join(dir, 'dangling.extxyz');
  symlinkSync(path.join(dir, 'nowhere'), dangling);
  out.push({ name: 'dangling-symlink', file: dangling });
  const loop = path.join(dir, 'loop.extxyz');
  symlinkSync(loop, loop);
  out.push({ name: 'symlink-loop', file: loop });
  const empty = path.join(dir, 'empty.extxyz');
  writeFileSync(empty, '');
  out.push({ name: 'empty', file: empty });
  const emptyGz = path.join(dir, 'empty.extxyz.gz');
  writeFileSync(emptyGz, '');
  out.push({ name: 'empty-gz', file: emptyGz });
  const blank = path.join(dir, 'blank_XDATCAR');
  writeFileSync(blank, '\n'.repeat(100000));
  out.push({ name: 'blank-lines', file: blank });
  const longLine = path.join(dir, 'longline.extxyz');
  writeFileSync(longLine, '1'.repeat(64 * 2 ** 20));
  out.push({ name: 'one-64MiB-line', file: longLine });
  const bomb = path.join(dir, 'bomb.extxyz.gz');
  writeFileSync(bomb, gzipSync(Buffer.alloc(256 * 2 ** 20, 0x20)));
  out.push({ name: 'gzip-of-256MiB-spaces', file: bomb });
  const sock = path.join(dir, 'sock.extxyz');
  const server = createServer();
  server.listen(sock);
  out.push({ name: 'socket', file: sock, close: () => server.close() });
  return out;
}

/**
 * The cases for a seed: mutated files (each source × mutation, drawn at random) run through the
 * source's commands, special files through `info`/`msd`, and absurd option values on valid input.
 */
export function generateCases(seed: number, n: number, dir: string, only?: string[]): { cases: FuzzCase[]; close: () => void } {
  const r = new Random(seed);
  const sources = fuzzSources();
  // A focused campaign (`npm run fuzz -- --only h5md,h5md-cu`): every case a mutated file of these sources.
  const focus = only && only.length > 0 ? sources.filter((s) => only.includes(s.name) && s.commands.length > 0) : null;
  if (only && only.length > 0 && focus!.length === 0)
    throw new Error(
      `--only ${only.join(',')}: no fuzz source of that name (${sources
        .filter((s) => s.commands.length > 0)
        .map((s) => s.name)
        .join(', ')})`,
    );
  const bySource = new Map(sources.map((s) => [s.name, s]));
  const intact = new Map<string, string>();
  const intactFile = (s: FuzzSource) => {
    let p = intact.get(s.name);
    if (!p) {
      p = path.join(dir, `intact_${s.fileName}`);
      writeFileSync(p, s.bytes);
      intact.set(s.name, p);
    }
    return p;
  };
  const specials = makeSpecialFiles(dir);
  const cases: FuzzCase[] = [];
  const mutationNames = Object.keys(MUTATIONS);
  const xdat = bySource.get('xdatcar')!;
  for (let id = 0; cases.length < n; id++) {
    const u = focus ? 1 : r.uniform();
    if (u < 0.12) {
      // special file
      const sp = pick(specials, r);
      cases.push({
        id,
        kind: `special:${sp.name}`,
        argv: r.uniform() < 0.5 ? ['info', sp.file, '--json'] : ['msd', sp.file, '--species', 'Li', '--dt', '100', '--json'],
      });
    } else if (u < 0.3) {
      // absurd option value on valid input
      const t = pick(OPTION_TARGETS, r),
        opt = pick(t.options, r),
        val = pick(ABSURD_OPTION_VALUES, r);
      const src = t.argv[0] === 'rotation' ? bySource.get('na3ps4')! : t.argv[0] === 'vdos' ? bySource.get('lgps')! : xdat;
      const argv = t.argv.map((a) => (a === 'FILE' ? intactFile(src) : a));
      const at = argv.indexOf(opt);
      if (at >= 0) argv[at + 1] = val;
      else argv.push(opt, val);
      cases.push({ id, kind: `option:${t.argv[0]} ${opt} ${JSON.stringify(val)}`, argv: [...argv, '--json'] });
    } else if (u < 0.36) {
      // a mutated CIF as the sites reference
      const cif = bySource.get('cif')!,
        mname = pick(mutationNames, r);
      const gz = mname === 'gzip-corrupt';
      const file = path.join(dir, `case${id}_${mname}_ref.cif${gz ? '.gz' : ''}`);
      writeFileSync(file, MUTATIONS[mname](cif, r));
      cases.push({
        id,
        kind: `cif:${mname}`,
        argv: ['sites', intactFile(xdat), '--mobile', 'Li', '--host', 'S,Cl', '--reference', file, '--dt', '100', '--json'],
      });
    } else {
      // a mutated trajectory through one of its commands
      const withCommands = focus ?? sources.filter((s) => s.commands.length > 0);
      const s = pick(withCommands, r),
        mname = pick(mutationNames, r),
        cmd = pick(s.commands, r);
      const gz = mname === 'gzip-corrupt';
      const file = path.join(dir, `case${id}_${mname}_${s.fileName}${gz ? '.gz' : ''}`);
      writeFileSync(file, MUTATIONS[mname](s, r));
      const baseArgv = [cmd[0], intactFile(s), ...cmd.slice(1), '--json'];
      cases.push({
        id,
        kind: `${s.name}:${mname}`,
        argv: [cmd[0], file, ...cmd.slice(1), '--json'],
        source: s.name,
        baseArgv,
        sameNumbers: s.text && SAME_NUMBERS.has(mname),
      });
    }
  }
  return { cases, close: () => specials.forEach((s) => s.close?.()) };
}
