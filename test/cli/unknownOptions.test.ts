/**
 * Every CLI command rejects an option it does not know (a typo such as --temprature must not be
 * silently ignored) and does so before any file is read or any work is done.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Args } from '../../src/cli/args';

const commandsDir = path.join(__dirname, '../../src/cli/commands');
const commands = readdirSync(commandsDir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

/** The smallest valid invocation of each command, with a file that does not exist. */
const minimal: Record<string, string[]> = {
  info: ['missing.extxyz'],
  msd: ['missing.extxyz', '--species', 'Li'],
  arrhenius: ['missing.csv'],
  rdf: ['missing.extxyz', '--pair', 'Li-S'],
  coordination: ['missing.extxyz', '--center', 'S', '--neighbor', 'Li', '--cutoff', '3'],
  angles: ['missing.extxyz', '--anion', 'PS4', '--cation', 'Li'],
  sites: ['missing.extxyz', '--mobile', 'Li', '--host', 'S', '--lattice', 'bcc'],
  analyse: ['missing.extxyz', '--msd', 'Li', '--rdf', 'Li-S'],
  volume: ['missing.extxyz'],
  jumps: ['missing.extxyz', '--mobile', 'Li', '--host', 'S', '--lattice', 'bcc'],
  transitions: ['missing.extxyz', '--mobile', 'Li', '--host', 'S', '--lattice', 'bcc'],
  density: ['missing.extxyz', '--species', 'Li'],
  paths: ['missing.extxyz', '--species', 'Li', '--temperature', '500'],
  vdos: ['missing.extxyz', '--species', 'Li'],
  rotation: ['missing.extxyz', '--anion', 'PS4'],
  vanhove: ['missing.extxyz', '--species', 'Li'],
  doas: ['missing_600K.extxyz', '--species', 'Li'],
  modes: ['missing.csv'],
  md: ['--system', 'agi', '--steps', '10', '--out', path.join(require('node:os').tmpdir(), 'never-written.extxyz')],
  build: ['li3ycl6', '--out', path.join(require('node:os').tmpdir(), 'never-written.vasp')],
  relax: ['missing.vasp', '--potential', 'chgnet'],
  neb: ['missing-a.vasp', 'missing-b.vasp', '--potential', 'chgnet'],
  kernel: ['install', '--prefix', path.join(require('node:os').tmpdir(), 'never-written-prefix')],
};

describe('CLI: unknown options are rejected before any work', () => {
  it('every command has a minimal invocation in this test', () => {
    expect(commands.filter((c) => !(c in minimal))).toEqual([]);
  });
  for (const name of commands) {
    it(`superionic ${name} --bogus 1`, async () => {
      const { run } = await import(path.join(commandsDir, `${name}.ts`));
      await expect(run(new Args([...minimal[name], '--bogus', '1']))).rejects.toThrow(
        new RegExp(`unknown option\\(s\\) --bogus; see superionic ${name} --help`),
      );
    });
  }
});
