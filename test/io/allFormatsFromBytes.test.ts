/**
 * Every format of the registry reads from a path and from its bytes (`{bytes, name}`: a Uint8Array
 * and a Blob) with the format sniffed from the content and the name, and gives the same trajectory
 * bit for bit: positions, cells, times, velocities, forces, energies, image flags, species.
 * A format added to the registry without a fixture here fails the first test.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FORMAT_REGISTRY } from '../../src/io/formatRegistry';
import { readTrajectory, scanTrajectory, sniffFormat } from '../../src/io/index';
import type { ReadOptions, TrajectoryFormat } from '../../src/io/readOptions';
import type { Trajectory } from '../../src/core/trajectory';

const FIX = path.resolve(__dirname, '../fixtures');
const M = (f: string) => path.join(FIX, 'conformance', 'mdanalysis', f);
const A = (f: string) => path.join(FIX, 'conformance', 'ase', f);
const IO = (f: string) => path.join(FIX, 'io', f);

const tmp = mkdtempSync(path.join(tmpdir(), 'superionic-bytes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
/** cp.x's .pos alone (its .cel/.vel/.for/.evp companions are read beside a path only, never for bytes). */
const posAlone = () => {
  const p = path.join(tmp, 'run.pos');
  copyFileSync(IO('qe/run.pos'), p);
  return p;
};

const quiet: ReadOptions = { onWarning: () => undefined };
const FIXTURES: Record<TrajectoryFormat, { file: () => string; opts?: ReadOptions }> = {
  dcd: { file: () => M('watdyn.dcd'), opts: { typeMap: Array(15).fill('O') } },
  'ase-traj': { file: () => A('md.traj') },
  h5md: { file: () => M('test.h5md'), opts: { typeMap: Array(5).fill('Ar') } },
  'lammps-dump': { file: () => M('image_vf.lammpstrj'), opts: { topologyFile: M('image_vf.data'), lammpsUnits: 'real' } },
  'lammps-data': { file: () => A('Li2S_metal.data') },
  vasprun: { file: () => path.join(FIX, 'conformance', 'vasp', 'vasprun_md.xml') },
  outcar: { file: () => A('OUTCAR_example_1') },
  xdatcar: { file: () => IO('XDATCAR_varcell') },
  extxyz: { file: () => A('momenta.extxyz') },
  'cp2k-xyz': { file: () => IO('proj-pos-1.xyz'), opts: { cellFile: IO('proj-1.cell') } },
  'qe-pw': { file: () => path.join(FIX, 'conformance', 'qe', 'pw_vcrelax.out') },
  'qe-cp': { file: posAlone, opts: { qeInput: IO('qe/cp.in') } },
  poscar: { file: () => IO('POSCAR') },
};

/** The options with the companion files (topology, .cell, cp.x input) given as bytes too. */
function companionsAsBytes(o: ReadOptions, blob: boolean): ReadOptions {
  const out = { ...o };
  for (const k of ['topologyFile', 'cellFile', 'qeInput'] as const) {
    const p = o[k];
    if (typeof p !== 'string') continue;
    const buf = readFileSync(p);
    out[k] = { bytes: blob ? new Blob([buf]) : new Uint8Array(buf), name: path.basename(p) };
  }
  return out;
}

function arrays(t: Trajectory): Record<string, number[] | string[] | null> {
  const a = (x: ArrayLike<number> | null | undefined) => (x ? Array.from(x) : null);
  return {
    symbols: t.topology.symbols,
    positions: a(t.positions),
    cells: a(t.cells),
    times_fs: a(t.times_fs),
    velocities: a(t.velocities),
    forces: a(t.forces),
    energies: a(t.energies),
    images: a(t.images),
    frameEnergies_eV: a(t.frameEnergies_eV),
  };
}

describe('every format from a path and from its bytes', () => {
  it('each format of the registry has a fixture here', () => {
    expect(Object.keys(FIXTURES).sort()).toEqual(FORMAT_REGISTRY.map((f) => f.name).sort());
  });

  for (const spec of FORMAT_REGISTRY) {
    it(`${spec.name}: sniffed from the bytes, the same frames bit for bit (Uint8Array and Blob)`, async () => {
      const { file: fileOf, opts = {} } = FIXTURES[spec.name];
      const file = fileOf();
      const name = path.basename(file);
      const o = { ...quiet, ...opts };
      const byPath = await readTrajectory(file, o);
      expect(byPath.info.format).toBe(spec.name === 'poscar' ? 'poscar' : spec.name);
      const buf = readFileSync(file);
      for (const bytes of [new Uint8Array(buf), new Blob([buf])]) {
        expect(await sniffFormat({ bytes, name })).toBe(spec.name);
        const t = await readTrajectory({ bytes, name }, companionsAsBytes(o, bytes instanceof Blob));
        expect(t.nFrames).toBe(byPath.nFrames);
        expect(arrays(t)).toEqual(arrays(byPath));
        expect({ ...t.info, source: undefined }).toEqual({ ...byPath.info, source: undefined });
        expect(t.info.source).toBe(name);
      }
      // and the survey
      const s = await scanTrajectory({ bytes: buf, name }, o);
      expect(s.frames).toBe(byPath.nFrames);
    });
  }

  it('companion files given as gzip bytes: a CP2K .cell and a cp.x input', async () => {
    const { gzipSync } = await import('node:zlib');
    const byPath = await readTrajectory(IO('proj-pos-1.xyz'), { cellFile: IO('proj-1.cell') });
    const t = await readTrajectory(
      { bytes: readFileSync(IO('proj-pos-1.xyz')), name: 'proj-pos-1.xyz' },
      { cellFile: { bytes: gzipSync(readFileSync(IO('proj-1.cell'))), name: 'proj-1.cell.gz' } },
    );
    expect(arrays(t)).toEqual(arrays(byPath));
    const cut = gzipSync(readFileSync(IO('qe/cp.in')));
    await expect(
      readTrajectory(
        { bytes: readFileSync(IO('qe/run.pos')), name: 'run.pos' },
        { qeInput: { bytes: cut.subarray(0, cut.length - 8), name: 'cp.in.gz' } },
      ),
    ).rejects.toThrow(/^cp\.in\.gz: gzip data is corrupt or cut short .*; expected a Quantum ESPRESSO input file/);
  });

  it('the atom and frame selections apply to bytes as to the path (DCD, H5MD, .traj)', async () => {
    for (const f of ['dcd', 'h5md', 'ase-traj'] as const) {
      const { file: fileOf, opts = {} } = FIXTURES[f];
      const file = fileOf();
      const o: ReadOptions = { ...quiet, ...opts, atoms: [3, 1], frames: { start: 1, stride: 2 } };
      const byPath = await readTrajectory(file, o);
      const t = await readTrajectory({ bytes: readFileSync(file), name: path.basename(file) }, o);
      expect(arrays(t)).toEqual(arrays(byPath));
      expect(t.nAtoms).toBe(2);
    }
  });
});
