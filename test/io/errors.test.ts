import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readTrajectory, openTrajectory, sniffFormat } from '../../src/io';
import type { ReadOptions } from '../../src/io';
import { InputError } from '../../src/core/errors';
import { fixture, tmpFile } from './helpers';

/** Read and expect an InputError naming the file, the frame or line, and what was expected. */
async function fails(p: string, re: RegExp, where: { frame?: number; line?: number }, opts: ReadOptions = {}): Promise<InputError> {
  let err: unknown;
  try {
    await readTrajectory(p, opts);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InputError);
  const e = err as InputError;
  expect(e.message).toMatch(re);
  expect(e.file).toBe(p);
  if (where.frame !== undefined) expect(e.frame).toBe(where.frame);
  if (where.line !== undefined) expect(e.line).toBe(where.line);
  expect(e.message).not.toMatch(/NaN/);
  return e;
}

const XYZ = (n: number, comment: string, rows: string[]) => `${n}\n${comment}\n${rows.join('\n')}\n`;
const LAT = 'Lattice="5 0 0 0 5 0 0 0 5" Properties=species:S:1:pos:R:3';
const ROWS = ['Li 0 0 0', 'S 1 1 1'];

describe('bad input → InputError with file, frame/line and what was expected', () => {
  it('truncated frame', async () => {
    await fails(tmpFile('trunc.xyz', XYZ(2, LAT, ROWS) + XYZ(2, LAT, ROWS.slice(0, 1))), /truncated frame: expected 2 atom lines.*found 1/, {
      frame: 1,
      line: 5,
    });
    const xd = readFileSync(fixture('XDATCAR_varcell'), 'utf8').split('\n').slice(0, -3).join('\n');
    await fails(tmpFile('XDATCAR_trunc', xd), /truncated frame: 4 coordinate lines; expected 6/, { frame: 2 });
    const lmp = readFileSync(fixture('ortho.lammpstrj'), 'utf8').split('\n').slice(0, -2).join('\n');
    await fails(tmpFile('trunc.lammpstrj', lmp), /truncated frame: 2 atom lines; expected 3/, { frame: 1 }, { typeMap: ['Li', 'S'] });
  });

  it('atom-count mismatch between frames', async () => {
    await fails(tmpFile('count.xyz', XYZ(2, LAT, ROWS) + XYZ(1, LAT, ROWS.slice(0, 1))), /frame has 1 atoms; expected 2.*atom-count mismatch/, {
      frame: 1,
      line: 5,
    });
    await fails(tmpFile('species.xyz', XYZ(2, LAT, ROWS) + XYZ(2, LAT, ['S 0 0 0', 'Li 1 1 1'])), /atom 0 is "S"; expected "Li"/, {
      frame: 1,
      line: 7,
    });
  });

  it('non-numeric field', async () => {
    await fails(tmpFile('nan.xyz', XYZ(2, LAT, ['Li 0 abc 0', 'S 1 1 1'])), /"abc" in column 3 is not a number; expected a finite number/, {
      frame: 0,
      line: 3,
    });
    await fails(tmpFile('nan2.xyz', XYZ(2, LAT, ['Li 0 nan 0', 'S 1 1 1'])), /"nan".*not a number/, { line: 3 });
    await fails(tmpFile('short.xyz', XYZ(2, LAT, ['Li 0 0', 'S 1 1 1'])), /atom line has 3 columns; expected 4/, { line: 3 });
    const lat = XYZ(2, 'Lattice="5 0 0 0 5 x 0 0 5"', ROWS);
    await fails(tmpFile('lat.xyz', lat), /Lattice= contains "x"; expected a number/, { line: 2 });
  });

  it('missing or singular cell', async () => {
    const cp2k = tmpFile('alone-pos-1.xyz', readFileSync(fixture('proj-pos-1.xyz')));
    await fails(cp2k, /no cell \(missing cell\); expected the cell option .* or a CP2K \.cell file/, {});
    await fails(tmpFile('pbc.xyz', XYZ(2, 'pbc="T T T" Properties=species:S:1:pos:R:3', ROWS)), /no Lattice=; expected a Lattice=.*missing cell/, {
      line: 2,
    });
    await fails(tmpFile('sing.xyz', XYZ(2, 'Lattice="5 0 0 0 5 0 0 0 0"', ROWS)), /cell is singular/, { frame: 0, line: 2 });
    const xd = readFileSync(fixture('XDATCAR_varcell'), 'utf8').replace('0.000000    4.000000    0.000000', '4.000000    0.000000    0.000000');
    await fails(tmpFile('XDATCAR_sing', xd), /cell is singular/, { line: 3 });
    await fails(
      cp2k,
      /no cell for step 10/,
      { frame: 1 },
      { cellFile: tmpFile('one.cell', '# Step Time\n 0 0.0 5 0 0 0 5 0 0 0 5 125\n 5 2.5 5 0 0 0 5 0 0 0 5 125\n') },
    );
  });

  it('unknown or insufficient LAMMPS columns; types without a typeMap', async () => {
    const base = readFileSync(fixture('ortho.lammpstrj'), 'utf8');
    await fails(
      tmpFile('nopos.lammpstrj', base.replace(/type zu yu xu id/g, 'type zu yu q id')),
      /have no complete set of positions; expected x y z, xu yu zu/,
      { frame: 0, line: 9 },
      { typeMap: ['Li', 'S'] },
    );
    await fails(tmpFile('notype.lammpstrj', base.replace(/ type /g, ' mol ')), /neither "type", "element" nor "mass"/, { line: 9 });
    await fails(fixture('ortho.lammpstrj'), /numeric atom types \(1, 2\) and no element column; expected a typeMap/, { frame: 0 });
    await fails(fixture('ortho.lammpstrj'), /atom type 2 has no entry in typeMap/, {}, { typeMap: ['Li'] });
    await fails(
      tmpFile('nobox.lammpstrj', base.replace(/ITEM: BOX BOUNDS pp pp pp\n.*\n.*\n.*\n/, '')),
      /no ITEM: BOX BOUNDS; expected the box/,
      { frame: 0 },
      { typeMap: ['Li', 'S'] },
    );
  });

  it('empty file, missing file, unsupported format, corrupt gzip', async () => {
    await fails(tmpFile('empty.xyz', ''), /file is empty/, {});
    await fails(tmpFile('empty.xyz.gz', ''), /file is empty/, {});
    await fails('/nonexistent/dir/traj.extxyz', /file not found/, {});
    const odd = tmpFile('notes.txt', 'hello world\nthis is not a trajectory\n');
    await fails(odd, /unsupported format: .* not one of extxyz, xdatcar, poscar, lammps-dump, cp2k-xyz/, { line: 1 });
    await expect(sniffFormat(odd)).rejects.toThrow(InputError);
    await fails(odd, /unsupported format "pdb"/, {}, { format: 'pdb' as never });
    const gz = Buffer.from(readFileSync(tmpFile('ok.extxyz.gz', XYZ(2, LAT, ROWS).repeat(200))));
    await fails(tmpFile('cut.extxyz', gz.subarray(0, gz.length >> 1)), /gzip stream ends early|gzip data is corrupt|truncated frame/, {});
  });

  it('time step missing where needed: readers leave it undefined, frameInterval_fs refuses to guess', async () => {
    const x = await readTrajectory(fixture('XDATCAR_varcell'));
    expect(x.info.timestep_fs).toBeUndefined();
    expect(() => x.frameInterval_fs()).toThrow(/time step missing/);
    const l = await readTrajectory(fixture('ortho.lammpstrj'), { typeMap: ['Li', 'S'] });
    expect(l.times_fs).toBeUndefined();
    expect(() => l.frameInterval_fs()).toThrow(/time step missing/);
    await expect(openTrajectory(fixture('ortho.lammpstrj'), { timestep_fs: -1 })).rejects.toThrow(/timestep_fs must be a positive number/);
  });

  it('bad selections', async () => {
    await fails(fixture('quirks.extxyz'), /no atoms of species "Na"; the trajectory has Li, S, P/, {}, { atoms: 'Na' });
    await fails(fixture('quirks.extxyz'), /atom index 4 is out of range/, {}, { atoms: [0, 4] });
    await fails(fixture('quirks.extxyz'), /no frames in the requested range/, {}, { frames: { start: 5 } });
  });
});
