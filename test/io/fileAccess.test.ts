/**
 * Opening input and output paths: a directory given as a trajectory (or reference, CIF, cell file) or an
 * output path that cannot be written is an InputError naming the path and what was expected, not Node's
 * raw EISDIR/ENOENT error (which the CLI printed as an internal error with a stack trace).
 */
import { mkdirSync, mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { topologyFromSymbols } from '../../src/core/topology';
import { checkOutputPath, openForReading, readErrorDetail } from '../../src/io/fileAccess';
import { openTrajectory, readTrajectory, scanTrajectory, writeExtxyz, readCif } from '../../src/io/index';
import { readCp2kCellFile } from '../../src/io/cp2kXyz';

const dir = mkdtempSync(path.join(tmpdir(), 'superionic-access-'));
const adir = path.join(dir, 'adir');
mkdirSync(adir);

describe('reading', () => {
  it('a directory as a trajectory: InputError "is a directory; expected a trajectory file" (used to be EISDIR)', async () => {
    for (const open of [
      () => openTrajectory(adir),
      () => readTrajectory(adir),
      () => scanTrajectory(adir),
      () => openTrajectory(adir, { format: 'xdatcar' }),
    ]) {
      const e = await open().then(
        () => null,
        (x) => x,
      );
      expect(e).toBeInstanceOf(InputError);
      expect(e.message).toBe(`${adir}: is a directory; expected a trajectory file`);
    }
  });
  it('a directory as a CIF or a CP2K cell file', async () => {
    expect(() => readCif(adir)).toThrow(new InputError(`cannot read the CIF file: is a directory; expected a CIF file`, { file: adir }).message);
    await expect(readCp2kCellFile(adir)).rejects.toThrow(`${adir}: is a directory; expected a CP2K .cell file`);
  });
  it('a missing file still says "file not found"', async () => {
    await expect(openTrajectory(path.join(dir, 'nope.extxyz'))).rejects.toThrow(`${path.join(dir, 'nope.extxyz')}: file not found`);
  });
  it('a missing relative path says which folder it was resolved against', async () => {
    const rel = path.relative(process.cwd(), path.join(dir, 'nope.extxyz'));
    await expect(openTrajectory(rel)).rejects.toThrow(`${rel}: file not found (relative path, resolved against ${process.cwd()})`);
    await expect(readCp2kCellFile('no-such.cell')).rejects.toThrow(`no-such.cell: file not found (relative path, resolved against ${process.cwd()})`);
  });
  it('openForReading returns a handle for a regular file; readErrorDetail words the codes', async () => {
    const f = path.join(dir, 'x.txt');
    writeFileSync(f, 'hi');
    const fh = await openForReading(f);
    expect(await fh.readFile('utf8')).toBe('hi');
    await fh.close();
    expect(readErrorDetail({ code: 'EACCES' }, 'a CIF file')).toBe('permission denied; cannot read a CIF file');
    expect(readErrorDetail({ code: 'ENOTDIR' })).toBe('a component of the path is not a directory; expected a trajectory file');
  });
});

describe('writing', () => {
  const top = topologyFromSymbols(['Li']);
  const frames = [{ index: 0, cell: null, positions: new Float64Array([0, 0, 0]) }];
  it('checkOutputPath: directory, missing directory, parent is a file; fine for a new file', () => {
    expect(() => checkOutputPath(adir)).toThrow(`cannot write ${adir}: is a directory; expected an output file`);
    expect(() => checkOutputPath('/nonexistent/dir/x.extxyz')).toThrow(
      'cannot write /nonexistent/dir/x.extxyz: directory /nonexistent/dir does not exist',
    );
    const file = path.join(dir, 'plain.txt');
    writeFileSync(file, '');
    expect(() => checkOutputPath(path.join(file, 'x.extxyz'))).toThrow(`cannot write ${path.join(file, 'x.extxyz')}: ${file} is not a directory`);
    expect(() => checkOutputPath('')).toThrow(InputError);
    const fresh = path.join(dir, 'fresh.extxyz');
    checkOutputPath(fresh);
    expect(existsSync(fresh)).toBe(false); // checks only, creates nothing
    checkOutputPath(file); // an existing writable file may be overwritten
  });
  it('writeExtxyz to a directory or a missing directory: InputError before writing', async () => {
    await expect(writeExtxyz(adir, frames, top)).rejects.toThrow(`cannot write ${adir}: is a directory`);
    await expect(writeExtxyz('/nonexistent/dir/x.extxyz', frames, top)).rejects.toThrow('directory /nonexistent/dir does not exist');
  });
});
