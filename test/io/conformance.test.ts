// Conformance with the reference readers on other people's files (issue #13): MDAnalysis 2.11.0's test
// data (MDAnalysisTests, LGPL-2.1+/LGPLv3+) and files written by ASE 3.25.0. The peers' numbers were
// computed once by test/fixtures/conformance/make_reference.py into reference.json; here every file is
// read by us and compared: atoms, frames, species, cell, positions, velocities (max abs difference).
//
// Conventions named and tested:
//  - LAMMPS box origin: we return positions relative to (xlo, ylo, zlo) for data files and dumps.
//    MDAnalysis returns data-file positions absolute (ours + origin) and unscaled-dump (x y z)
//    positions relative to the origin (as ours), but scaled-dump (xs ys zs) positions as s·H − origin
//    (ours − origin: the origin is subtracted from already origin-relative positions; a MDAnalysis
//    quirk on boxes whose origin is not 0). ASE's dump reader is relative to the origin, as ours.
//  - LAMMPS velocities: MDAnalysis's data reader assumes real units and reports Å/ps (×1000 of the
//    file); its dump reader passes them through. We convert by the unit style (default metal).
//  - ASE constraints (FixAtoms): ignored, with a note; forces compared raw (ASE get_forces(apply_constraint=False)).
//  - DCD: positions as written; unit cell from [A, cos γ, B, cos β, cos α, C] as libdcd.
//  - MDAnalysis stores dimensions in float32, so its cells and positions agree with ours to ~1e-5
//    relative; tolerances below say so.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lammpsDataText, readTrajectory, sniffFormat, writeExtxyz } from '../../src/io';
import type { ReadOptions } from '../../src/io/readOptions';
import { tmpFile } from './helpers';

const DIR = path.resolve(__dirname, '../fixtures/conformance');
const REF = JSON.parse(readFileSync(path.join(DIR, 'reference.json'), 'utf8')) as {
  peers: Record<string, string>;
  cases: {
    name: string;
    peer: string;
    n_atoms: number;
    symbols?: string[];
    elements?: string[];
    frames: {
      positions: number[];
      cell?: number[];
      velocities?: number[];
      velocities_raw?: number[];
      forces?: number[];
      forces_raw?: number[];
      time_ps?: number;
      energy?: number;
    }[];
  }[];
};
const ref = (name: string, peer: string) => {
  const c = REF.cases.find((x) => x.name === name && x.peer === peer);
  if (!c) throw new Error(`no reference for ${name}/${peer}`);
  return c;
};
const M = (f: string) => path.join(DIR, 'mdanalysis', f);
const A = (f: string) => path.join(DIR, 'ase', f);
const V = (f: string) => path.join(DIR, 'vasp', f);

interface Case {
  file: string;
  name: string;
  peer: 'MDAnalysis' | 'ase';
  format: string;
  opts?: ReadOptions;
  /** Added to our positions to get the peer's (the LAMMPS box origin where the peer keeps it). */
  origin?: number[];
  /** peer velocity = ours × this (Å/fs → the peer's unit). */
  velScale?: number;
  velKey?: 'velocities' | 'velocities_raw';
  /** peer force (forces_raw, kJ/(mol·Å) for MDAnalysis) = ours (eV/Å) × this. */
  forceScale?: number;
  /** Max abs tolerances: positions / cell (Å), velocities (peer units). */
  tol: number;
  vtol?: number;
  symbols?: string[];
}

const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>, shift?: number[]) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] + (shift ? shift[i % 3] : 0) - b[i]));
  return m;
};

const F32 = 2e-5; // float32 storage of the peer (relative), times lengths up to ~100 Å
const CASES: Case[] = [
  {
    file: M('albite_triclinic.data'),
    name: 'albite_triclinic.data',
    peer: 'MDAnalysis',
    format: 'lammps-data',
    origin: [-0.32115478301032807, -0.12372358703610897, -0.045447071698045266],
    tol: 1e-5,
    symbols: ['Al'],
  },
  {
    file: M('image_vf.data'),
    name: 'image_vf.data',
    peer: 'MDAnalysis',
    format: 'lammps-data',
    opts: { lammpsUnits: 'real' },
    origin: [0, 0, 0],
    velScale: 1000,
    velKey: 'velocities_raw',
    tol: 1e-5,
    vtol: 1e-3,
    symbols: ['H'],
  },
  { file: M('mini.data'), name: 'mini.data', peer: 'MDAnalysis', format: 'lammps-data', opts: { typeMap: ['H'] }, origin: [0, -10, -15], tol: 1e-5 },
  {
    file: M('albite_triclinic.dump'),
    name: 'albite_triclinic.dump',
    peer: 'MDAnalysis',
    format: 'lammps-dump',
    opts: { topologyFile: M('albite_triclinic.data') },
    origin: [0.32115478301032807, 0.12372358703610897, 0.045447071698045266],
    tol: 1e-5,
    symbols: ['Al'],
  },
  {
    file: M('image_vf.lammpstrj'),
    name: 'image_vf.lammpstrj',
    peer: 'MDAnalysis',
    format: 'lammps-dump',
    opts: { topologyFile: M('image_vf.data'), lammpsUnits: 'real' },
    velScale: 1,
    velKey: 'velocities_raw',
    tol: 1e-5,
    vtol: 1e-6,
  },
  { file: M('mass_q_elem.lammpstrj'), name: 'mass_q_elem.lammpstrj', peer: 'MDAnalysis', format: 'lammps-dump', tol: 1e-5 },
  { file: M('nomass_elemx.lammpstrj'), name: 'nomass_elemx.lammpstrj', peer: 'MDAnalysis', format: 'lammps-dump', tol: 1e-5 },
  { file: M('watdyn.dcd'), name: 'watdyn.dcd', peer: 'MDAnalysis', format: 'dcd', opts: { typeMap: Array(15).fill('X') }, tol: 1e-5 },
  {
    file: M('tip125_tric_C36.dcd'),
    name: 'tip125_tric_C36.dcd',
    peer: 'MDAnalysis',
    format: 'dcd',
    opts: { typeMap: Array(375).fill('X') },
    tol: F32 * 40,
  },
  { file: M('test.dcd'), name: 'test.dcd', peer: 'MDAnalysis', format: 'dcd', opts: { typeMap: Array(5).fill('X') }, tol: F32 * 100 },
  {
    file: M('test.h5md'),
    name: 'test.h5md',
    peer: 'MDAnalysis',
    format: 'h5md',
    opts: { typeMap: Array(5).fill('X') },
    velScale: 1000,
    velKey: 'velocities_raw',
    forceScale: 96.48533212331,
    tol: 1e-5,
    vtol: 1e-4,
  },
  {
    file: M('cu.h5md'),
    name: 'cu.h5md',
    peer: 'MDAnalysis',
    format: 'h5md',
    opts: { frames: { end: 5 } },
    forceScale: 96.48533212331,
    tol: 1e-5,
    symbols: ['Cu'],
  },
  { file: M('test.xyz'), name: 'test.xyz', peer: 'MDAnalysis', format: 'extxyz', tol: 1e-5 },
  { file: M('test.xyz'), name: 'test.xyz', peer: 'ase', format: 'extxyz', tol: 1e-12 },
  { file: A('momenta.extxyz'), name: 'momenta.extxyz', peer: 'ase', format: 'extxyz', velScale: 1, velKey: 'velocities', tol: 1e-12, vtol: 4e-7 }, // ASE's masses (IUPAC 2016, P 30.973761998) vs ours (P 30.974): ≤ 1e-5 relative of |v| ≤ 0.04 Å/fs
  {
    file: A('Li2S_metal.data'),
    name: 'Li2S_metal.data',
    peer: 'ase',
    format: 'lammps-data',
    opts: { lammpsUnits: 'metal' },
    origin: [0, 0, 0],
    velScale: 1,
    velKey: 'velocities',
    tol: 1e-12,
    vtol: 1e-6 * 0.03,
  },
  { file: A('md.traj'), name: 'md.traj', peer: 'ase', format: 'ase-traj', velScale: 1, velKey: 'velocities', tol: 1e-12, vtol: 4e-7 },
  { file: A('OUTCAR_example_1'), name: 'OUTCAR_example_1', peer: 'ase', format: 'outcar', tol: 1e-12, symbols: ['Ni'] },
  // pw.x: both use QE's CODATA 2006 constants (ASE create_units('2006'))
  { file: path.join(DIR, 'qe', 'pw_scf.out'), name: 'pw_scf.out', peer: 'ase', format: 'qe-pw', tol: 1e-12 },
  { file: path.join(DIR, 'qe', 'pw_vcrelax.out'), name: 'pw_vcrelax.out', peer: 'ase', format: 'qe-pw', tol: 1e-12 },
  { file: V('vasprun_md.xml'), name: 'vasprun_md.xml', peer: 'ase', format: 'vasprun', tol: 1e-12 },
];

describe(`conformance with ${Object.entries(REF.peers)
  .map(([k, v]) => `${k} ${v}`)
  .join(', ')}`, () => {
  const report: string[] = [];
  for (const c of CASES) {
    it(`${c.name} vs ${c.peer}: atoms, frames, cell, positions${c.velKey ? ', velocities' : ''}`, async () => {
      const r = ref(c.name, c.peer);
      expect(await sniffFormat(c.file)).toBe(c.format);
      const t = await readTrajectory(c.file, { ...c.opts, onWarning: () => undefined });
      expect(t.nAtoms).toBe(r.n_atoms);
      expect(t.nFrames).toBe(r.frames.length);
      if (c.symbols) expect(t.topology.symbols).toEqual(c.symbols);
      if (r.symbols) expect(Array.from(t.topology.species, (s) => t.topology.symbols[s])).toEqual(r.symbols);
      if (r.elements) expect(Array.from(t.topology.species, (s) => t.topology.symbols[s])).toEqual(r.elements.map((e) => (e === '' ? 'X' : e)));
      let dp = 0,
        dc = 0,
        dv = 0,
        df = 0;
      r.frames.forEach((fr, k) => {
        dp = Math.max(dp, maxAbs(t.framePositions(k), fr.positions, c.origin));
        if (fr.cell && t.cells) dc = Math.max(dc, maxAbs(t.cells.subarray(9 * k, 9 * k + 9), fr.cell));
        else expect(!fr.cell || fr.cell.every((x) => x === 0)).toBe(true);
        if (c.velKey) {
          const pv = fr[c.velKey]!;
          const ours = Array.from(t.velocities!.subarray(3 * t.nAtoms * k, 3 * t.nAtoms * (k + 1)), (v) => v * c.velScale!);
          dv = Math.max(dv, maxAbs(ours, pv));
        }
        if (fr.forces_raw && c.forceScale) {
          const ours = Array.from(t.forces!.subarray(3 * t.nAtoms * k, 3 * t.nAtoms * (k + 1)), (f) => f * c.forceScale!);
          df = Math.max(df, maxAbs(ours, fr.forces_raw));
        }
        if (fr.time_ps !== undefined) expect(Math.abs(t.times_fs![k] - 1000 * fr.time_ps)).toBeLessThan(1e-6 * Math.max(1, Math.abs(t.times_fs![k])));
        if (fr.forces) {
          expect(maxAbs(t.forces!.subarray(3 * t.nAtoms * k, 3 * t.nAtoms * (k + 1)), fr.forces)).toBeLessThan(1e-9);
          expect(Math.abs(t.frameEnergies_eV![k] - fr.energy!)).toBeLessThan(1e-9);
        }
      });
      report.push(
        `${c.name} vs ${c.peer}: ${t.nAtoms} atoms × ${t.nFrames} frames, max |Δr| ${dp.toExponential(1)} Å, max |Δcell| ${dc.toExponential(1)} Å${c.velKey ? `, max |Δv| ${dv.toExponential(1)}` : ''}${c.forceScale ? `, max |ΔF| ${df.toExponential(1)} kJ/(mol·Å)` : ''}`,
      );
      if (c.forceScale) expect(df).toBeLessThan(1e-3);
      expect(dp).toBeLessThan(c.tol);
      expect(dc).toBeLessThan(c.tol);
      if (c.velKey) expect(dv).toBeLessThan(c.vtol!);
    });
  }
  it('reports', () => {
    console.log(report.join('\n'));
  });
});

describe('conventions the peers differ on', () => {
  it('ASE reads a LAMMPS dump relative to the box origin like us; its triclinic cell matches ours', async () => {
    const r = ref('albite_triclinic.dump', 'ase');
    const t = await readTrajectory(M('albite_triclinic.dump'), { topologyFile: M('albite_triclinic.data') });
    expect(maxAbs(t.cells!, r.frames[0].cell!)).toBeLessThan(1e-9);
    // ASE sorts by id as we do
    expect(maxAbs(t.positions, r.frames[0].positions)).toBeLessThan(1e-9);
  });
});

describe('vasprun.xml details', () => {
  it('frame times from POTIM (IBRION = 0); a file cut inside a calculation gives the complete frames and a warning', async () => {
    const t = await readTrajectory(V('vasprun_md.xml'));
    expect(Array.from(t.times_fs!)).toEqual([0, 2, 4]);
    expect(t.frameInterval_fs()).toBe(2);
    const text = readFileSync(V('vasprun_md.xml'), 'utf8');
    const cut = text.slice(0, text.lastIndexOf('<varray name="forces"'));
    const warnings: string[] = [];
    const t2 = await readTrajectory(tmpFile('vasprun_cut.xml.gz', cut), { onWarning: (w) => warnings.push(w) });
    expect(t2.nFrames).toBe(2);
    expect(warnings.join()).toMatch(/ends inside calculation 2 .*read the 2 complete frame/);
  });
});

describe('our writers, read by ASE', () => {
  // ours/written.* were made by make_ours.mjs with writeExtxyz / writeLammpsData and read by ASE in make_reference.py.
  const O = (f: string) => path.join(DIR, 'ours', f);
  it('writeExtxyz writes momenta ASE turns into our velocities; writeLammpsData (metal) reads back in ASE', async () => {
    const src = await readTrajectory(A('momenta.extxyz'));
    const p1 = tmpFile('written.extxyz', '');
    await writeExtxyz(p1, src);
    expect(readFileSync(p1, 'utf8')).toBe(readFileSync(O('written.extxyz'), 'utf8'));
    const r = ref('written.extxyz', 'ase');
    let dv = 0,
      dp = 0;
    r.frames.forEach((fr, k) => {
      dp = Math.max(dp, maxAbs(src.framePositions(k), fr.positions));
      dv = Math.max(dv, maxAbs(src.velocities!.subarray(36 * k, 36 * (k + 1)), fr.velocities!));
    });
    expect(dp).toBe(0);
    expect(dv).toBeLessThan(4e-7); // ASE divides our momenta by its own masses (IUPAC 2016; ours differ ≤ 1e-5 relative)
    const d = await readTrajectory(A('Li2S_metal.data'), { lammpsUnits: 'metal' });
    const text = lammpsDataText(d.topology, d.frame(0), { units: 'metal' });
    expect(text).toBe(readFileSync(O('written.data'), 'utf8'));
    const rd = ref('written.data', 'ase').frames[0];
    expect(maxAbs(d.positions, rd.positions)).toBeLessThan(1e-12);
    expect(maxAbs(d.velocities!, rd.velocities!)).toBeLessThan(1e-12);
    // and back through our own reader
    const back = await readTrajectory(tmpFile('back.data', text));
    expect(maxAbs(back.velocities!, d.velocities!)).toBeLessThan(1e-15);
    expect(back.topology.symbols).toEqual(['Li', 'S']);
  });
});

describe('ASE .traj details', () => {
  it('constraints are ignored with a note; a truncated file is an InputError naming it', async () => {
    const warnings: string[] = [];
    const t = await readTrajectory(A('md.traj'), { onWarning: (w) => warnings.push(w) });
    expect(t.nFrames).toBe(4);
    expect(warnings.join()).toMatch(/constraints .* are ignored/);
    expect(Array.from(t.frameEnergies_eV!)).toEqual([-50, -51, -52, -53]);
    const bytes = readFileSync(A('md.traj'));
    const cut = tmpFile('cut.traj', bytes.subarray(0, bytes.length - 200));
    await expect(readTrajectory(cut, { onWarning: () => undefined })).rejects.toThrow(/cut\.traj.*(truncated|beyond)/);
  });
});

describe('OUTCAR details', () => {
  it('every ionic step is a frame (the step section repeated); a table cut short names the frame and line', async () => {
    const text = readFileSync(A('OUTCAR_example_1'), 'utf8');
    const i0 = text.indexOf(' POSITION       '),
      i1 = text.indexOf('energy  without entropy=', i0);
    const section = text.slice(i0, text.indexOf('\n', i1) + 1);
    const two = text.slice(0, i0) + section + section.replace('-68.22868532', '-68.5') + text.slice(text.indexOf('\n', i1) + 1);
    const t = await readTrajectory(tmpFile('OUTCAR2', two));
    expect(t.nFrames).toBe(2);
    expect(Array.from(t.frameEnergies_eV!)).toEqual([-68.22868532, -68.5]);
    expect(Array.from(t.framePositions(1))).toEqual(Array.from(t.framePositions(0)));
    const cut = text.slice(0, text.indexOf('\n', i0 + 400) + 1);
    await expect(readTrajectory(tmpFile('OUTCAR_cut', cut))).rejects.toThrow(/OUTCAR_cut, frame 0, line \d+: truncated POSITION table/);
  });
});
