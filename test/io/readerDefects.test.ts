// Issue #13 defects, each failing before the fix: CIF type symbols, extxyz ASE momenta, LAMMPS dump
// unit styles, upper-case symbols, mass-only dumps, dummy species X.
import { describe, expect, it } from 'vitest';
import { parseCif, readTrajectory } from '../../src/io';
import { ASE_FS } from '../../src/io/extxyz';
import { tmpFile } from './helpers';

const cif = (rows: string) => `data_t
_cell_length_a 10
_cell_length_b 10
_cell_length_c 10
_symmetry_space_group_name_H-M 'P 1'
loop_
_atom_site_label
_atom_site_type_symbol
_atom_site_fract_x
_atom_site_fract_y
_atom_site_fract_z
${rows}
`;

describe('CIF species from _atom_site_type_symbol', () => {
  it('Wyckoff-labelled sites ("48h", "4a") take their species from the type symbol', () => {
    const s = parseCif(cif('48h Li+ 0.1 0.2 0.3\n4a S2- 0.5 0.5 0.5\n'));
    expect(s.topology.symbols).toEqual(['Li', 'S']);
    expect(s.labels).toEqual(['48h', '4a']);
  });
  it('a site labelled Sn1 with type Si4+ is Si (the label was used before)', () => {
    const s = parseCif(cif('Sn1 Si4+ 0 0 0\n'));
    expect(s.topology.symbols).toEqual(['Si']);
  });
  it('"?" as type symbol falls back to the label', () => {
    expect(parseCif(cif('Cl1 ? 0 0 0\n')).topology.symbols).toEqual(['Cl']);
  });
});

describe('extended XYZ with ASE momenta', () => {
  // ASE: momenta = m v in amu·(Å / ASE time); ASE time unit = 1/units.fs fs.
  const vLi = [0.01, -0.02, 0.03],
    vS = [0.004, 0.0, -0.001]; // Å/fs
  const mLi = 6.94,
    mS = 32.06;
  const p = (m: number, v: number[]) => v.map((x) => ((m * x) / ASE_FS).toPrecision(17)).join(' ');
  it('velocities = momenta / mass × ASE fs (standard masses and a masses column)', async () => {
    expect(ASE_FS).toBeCloseTo(0.09822694788464063, 15); // ase.units.fs (CODATA 2014)
    const text = `2\nLattice="5 0 0 0 5 0 0 0 5" Properties=species:S:1:pos:R:3:momenta:R:3 pbc="T T T"\nLi 0 0 0 ${p(mLi, vLi)}\nS 1 1 1 ${p(mS, vS)}\n`;
    const t = await readTrajectory(tmpFile('mom.extxyz', text));
    expect(t.velocities).toBeDefined();
    const want = [...vLi, ...vS];
    for (let k = 0; k < 6; k++) expect(Math.abs(t.velocities![k] - want[k])).toBeLessThan(1e-15);
    const m2 = 7.016;
    const text2 = `1\nProperties=species:S:1:pos:R:3:momenta:R:3:masses:R:1\nLi 0 0 0 ${p(m2, vLi)} ${m2}\n`;
    const t2 = await readTrajectory(tmpFile('mom2.extxyz', text2));
    for (let k = 0; k < 3; k++) expect(Math.abs(t2.velocities![k] - vLi[k])).toBeLessThan(1e-15);
  });
});

describe('species as ASE accepts them', () => {
  it('upper-case symbols (LI, CL, CA) in XYZ', async () => {
    const t = await readTrajectory(tmpFile('uc.xyz', '3\nupper\nLI 0 0 0\nCL 1 1 1\nCA 2 2 2\n3\nupper\nLI 0 0 0.1\nCL 1 1 1\nCA 2 2 2\n'));
    expect(t.topology.symbols).toEqual(['Li', 'Cl', 'Ca']);
    expect(t.nFrames).toBe(2);
  });
  it('dummy species X (mass 1.0 as ASE)', async () => {
    const t = await readTrajectory(tmpFile('x.xyz', '2\n\nX 0 0 0\nLi 1 1 1\n'));
    expect(t.topology.symbols).toEqual(['X', 'Li']);
    expect(t.topology.masses[0]).toBe(1.0);
  });
});

const dump = (cols: string, rows: string) =>
  `ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n2\nITEM: BOX BOUNDS pp pp pp\n0 10\n0 10\n0 10\nITEM: ATOMS ${cols}\n${rows}`;

describe('LAMMPS dump unit styles, masses and element case', () => {
  const text = dump('id type x y z vx vy vz fx fy fz', '1 1 1 2 3 10 20 30 1 1 1\n2 2 4 5 6 -10 0 5 2 2 2\n');
  it('metal (default) velocities are Å/ps → × 1e-3 Å/fs, and the assumption is reported', async () => {
    const warnings: string[] = [];
    const t = await readTrajectory(tmpFile('m.lammpstrj', text), { typeMap: ['Li', 'S'], onWarning: (w) => warnings.push(w) });
    expect(Array.from(t.velocities!)).toEqual([10e-3, 20e-3, 30e-3, -10e-3, 0, 5e-3]);
    expect(t.info.units).toMatch(/LAMMPS metal/);
    expect(warnings.join('\n')).toMatch(/metal units .*Å\/ps/);
  });
  it('real: velocities Å/fs kept, forces kcal/mol/Å → eV/Å; si: lengths m → Å', async () => {
    const warnings: string[] = [];
    const t = await readTrajectory(tmpFile('r.lammpstrj', text), { typeMap: ['Li', 'S'], lammpsUnits: 'real', onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([]);
    expect(Array.from(t.velocities!)).toEqual([10, 20, 30, -10, 0, 5]);
    expect(t.forces![0]).toBeCloseTo(0.0433641043, 9);
    const si = dump('id type x y z vx vy vz', '1 1 1e-10 2e-10 3e-10 1000 0 0\n2 2 4e-10 5e-10 6e-10 0 0 0\n')
      .replace(/\n0 10\n/g, '\n0 1e-9\n')
      .replace(/\n0 10\n/g, '\n0 1e-9\n');
    const ts = await readTrajectory(tmpFile('si.lammpstrj', si), { typeMap: ['Li', 'S'], lammpsUnits: 'si' });
    expect(ts.cells![0]).toBeCloseTo(10, 12);
    expect(ts.positions[2]).toBeCloseTo(3, 12);
    expect(ts.velocities![0]).toBeCloseTo(0.01, 15); // 1000 m/s = 0.01 Å/fs
    await expect(readTrajectory(tmpFile('lj.lammpstrj', text), { typeMap: ['Li', 'S'], lammpsUnits: 'lj' })).rejects.toThrow(/lj \(reduced\) units/);
  });
  it('a dump with masses and neither type nor element names elements by mass', async () => {
    const t = await readTrajectory(tmpFile('mass.lammpstrj', dump('id mass x y z', '1 6.94 1 1 1\n2 32.06 2 2 2\n')));
    expect(t.topology.symbols).toEqual(['Li', 'S']);
    await expect(readTrajectory(tmpFile('mass2.lammpstrj', dump('id mass x y z', '1 6.5 1 1 1\n2 32.06 2 2 2\n')))).rejects.toThrow(
      /line 10: mass 6.5 amu is no element/,
    );
  });
  it('upper-case element column', async () => {
    const t = await readTrajectory(
      tmpFile('el.lammpstrj', dump('id element x y z', '1 LI 1 1 1\n2 CL 2 2 2\n') + dump('id element x y z', '1 LI 1 1 1\n2 CL 2 2 2\n')),
    );
    expect(t.topology.symbols).toEqual(['Li', 'Cl']);
    expect(t.nFrames).toBe(2);
  });
});

describe('DCD byte order and units', () => {
  it('a big-endian copy of a DCD reads the same; --lammps-units nano scales nm → Å', async () => {
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const f = path.resolve(__dirname, '../fixtures/conformance/mdanalysis/watdyn.dcd');
    const le = readFileSync(f);
    // swap every 4-byte word except the "CORD" tag, the title text and the float64 unit cell (8-byte words)
    const be = Buffer.from(le);
    const swap4 = (o: number) => {
      be[o] = le[o + 3];
      be[o + 1] = le[o + 2];
      be[o + 2] = le[o + 1];
      be[o + 3] = le[o];
    };
    const swap8 = (o: number) => {
      for (let k = 0; k < 8; k++) be[o + k] = le[o + 7 - k];
    };
    let off = 0;
    const rec = (body: (start: number, len: number) => void) => {
      const len = le.readInt32LE(off);
      swap4(off);
      body(off + 4, len);
      swap4(off + 4 + len);
      off += len + 8;
    };
    rec((s, len) => {
      for (let o = s + 4; o < s + len; o += 4) swap4(o);
    }); // header (after CORD)
    rec((s) => swap4(s)); // title: NTITLE only
    rec((s) => swap4(s)); // atom count
    while (off < le.length) {
      rec((s, len) => {
        if (len === 48) for (let o = s; o < s + 48; o += 8) swap8(o);
        else for (let o = s; o < s + len; o += 4) swap4(o);
      });
    }
    const types = Array(15).fill('X');
    const a = await readTrajectory(f, { typeMap: types });
    const b = await readTrajectory(tmpFile('be.dcd', be), { typeMap: types, format: 'dcd' });
    expect(b.nFrames).toBe(a.nFrames);
    expect(Array.from(b.positions)).toEqual(Array.from(a.positions));
    expect(Array.from(b.cells!)).toEqual(Array.from(a.cells!));
    const nano = await readTrajectory(f, { typeMap: types, lammpsUnits: 'nano' });
    expect(nano.positions[3] / a.positions[3]).toBeCloseTo(10, 12);
    expect(nano.cells![0] / a.cells![0]).toBeCloseTo(10, 12);
  });
});

describe('compressed files other than gzip', () => {
  it('bzip2 and xz say what they are and how to read them', async () => {
    const bz = tmpFile('t.xyz.bz2', Buffer.concat([Buffer.from('BZh91AY&SY'), Buffer.alloc(40)]));
    await expect(readTrajectory(bz)).rejects.toThrow(
      /t\.xyz\.bz2: the file is bzip2-compressed, which is not read; decompress it first \(bunzip2 FILE\)/,
    );
    const xz = tmpFile('t.xyz.xz', Buffer.concat([Buffer.from([0xfd]), Buffer.from('7zXZ'), Buffer.alloc(40)]));
    await expect(readTrajectory(xz)).rejects.toThrow(/xz-compressed, which is not read; decompress it first \(unxz FILE\)/);
  });
});
