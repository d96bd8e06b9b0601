// Every trajectory command accepts the reader options (--types, --md-dt, --format, --cell-file) through one
// helper (src/cli/readerOptions.ts); before, a LAMMPS dump with numeric types could not be analysed from the CLI
// (the reader asked for --types and the command rejected it as unknown).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain, oneLine } from './runMain';

const FIX = path.resolve(__dirname, '../fixtures/io');
const DUMP = path.join(FIX, 'ortho.lammpstrj');

describe('reader options on every trajectory command', () => {
  it('a LAMMPS dump with numeric types: rdf and info run with --types (rdf fails without it, naming --types)', async () => {
    const without = await runMain(['rdf', DUMP, '--pair', 'Li-S', '--rmax', '2', '--bins', '10', '--json']);
    expect(without.code).toBe(2);
    expect(oneLine(without.stderr)).toMatch(/--types/);
    const rdf = await runMain(['rdf', DUMP, '--pair', 'Li-S', '--rmax', '2', '--bins', '10', '--types', 'Li,S', '--json']);
    expect(rdf.code, rdf.stderr).toBe(0);
    expect(JSON.parse(rdf.stdout).pair).toBe('Li-S');
    const info = await runMain(['info', DUMP, '--types', 'Li,S', '--json']);
    expect(info.code, info.stderr).toBe(0);
    expect(JSON.parse(info.stdout).species).toEqual({ Li: 2, S: 1 });
  });

  it('--help of a trajectory command lists the reader options; a reader option the format ignores is refused (also by info)', async () => {
    const h = await runMain(['vdos', '--help']);
    expect(h.stdout).toMatch(/reader options: \[--format .*\[--types A,B/);
    const r = await runMain(['info', path.join(FIX, 'quirks.extxyz'), '--types', 'Li,S']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(
      /--types\) applies to dcd \/ h5md \/ lammps-dump \/ lammps-data \/ xdatcar \/ qe-cp \/ poscar files only; this file is read as extxyz/,
    );
  });
});
