/**
 * The command line is checked once, in main, before a command runs: extra positional arguments
 * (a shell glob) are an error naming them; unknown options are reported before a "missing --X"
 * with a "did you mean" suggestion; every option a command reads is listed in its usage (so that
 * check never rejects a valid option).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Args } from '../../src/cli/args';
import { run as coordinationRun } from '../../src/cli/commands/coordination';
import { closestName, editDistance } from '../../src/cli/didYouMean';
import { oneLine, runMain } from './runMain';

const DATA = path.resolve(__dirname, '../../data');
const NA = path.join(DATA, 'Na3PS4_cubic_800K_AIMD.extxyz.gz');
const LGPS = path.join(DATA, 'Li10GeP2S12_600K_AIMD.extxyz.gz');
const commandsDir = path.join(__dirname, '../../src/cli/commands');
const commands = readdirSync(commandsDir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

describe('extra positional arguments', () => {
  it('msd A B: rejected, naming both files (used to analyse A only)', async () => {
    const r = await runMain(['msd', NA, LGPS, '--species', 'Na']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(`superionic msd: msd takes one trajectory file; got 2: ${NA}, ${LGPS}; run it once per trajectory file`);
    expect(r.stdout).toBe('');
  });
  const oneFile = commands.filter((c) => !['doas', 'md', 'kernel', 'build', 'relax', 'neb'].includes(c));
  for (const name of oneFile) {
    it(`${name} takes one file`, async () => {
      const r = await runMain([name, 'a.extxyz', 'b.extxyz', 'c.extxyz']);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toMatch(
        new RegExp(`^superionic ${name}: ${name} takes one (trajectory|table) file; got 3: a\\.extxyz, b\\.extxyz, c\\.extxyz`),
      );
    });
  }
  it('md takes none', async () => {
    const r = await runMain(['md', 'traj.extxyz', '--steps', '10']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe('superionic md: md takes no positional arguments; got 1: traj.extxyz');
  });
  it('build takes one material, relax one structure file, neb two', async () => {
    expect(oneLine((await runMain(['build', 'li3ycl6', 'x', '--out', 'POSCAR'])).stderr)).toBe(
      'superionic build: build takes one material name; got 2: li3ycl6, x; run it once per material name',
    );
    expect(oneLine((await runMain(['relax', 'a.vasp', 'b.vasp', '--potential', 'chgnet'])).stderr)).toMatch(
      /^superionic relax: relax takes one structure file; got 2/,
    );
    expect(oneLine((await runMain(['neb', 'a.vasp', 'b.vasp', 'c.vasp', '--potential', 'chgnet'])).stderr)).toBe(
      'superionic neb: neb takes at most 2 structure files; got 3: a.vasp, b.vasp, c.vasp',
    );
  });
  it('doas takes several (not rejected by the positional check)', async () => {
    const r = await runMain(['doas', '/nonexistent/a_600K.extxyz', '/nonexistent/b_700K.extxyz', '--species', 'Li']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/takes/);
  });
});

describe('unknown options are reported before missing ones, with a suggestion', () => {
  it('coordination --centre --neighbour (used to say "missing --center")', async () => {
    const r = await runMain(['coordination', NA, '--centre', 'S', '--neighbour', 'Na']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(
      'superionic coordination: unknown option(s) --centre (did you mean --center?), --neighbour (did you mean --neighbor?); see superionic coordination --help',
    );
  });
  it('msd --specie', async () => {
    const r = await runMain(['msd', NA, '--specie', 'Na']);
    expect(oneLine(r.stderr)).toBe('superionic msd: unknown option(s) --specie (did you mean --species?); see superionic msd --help');
    expect(r.code).toBe(2);
  });
  it('no suggestion when nothing is close; help and json always known', async () => {
    const r = await runMain(['rdf', NA, '--pair', 'Na-S', '--bogus', '1']);
    expect(oneLine(r.stderr)).toBe('superionic rdf: unknown option(s) --bogus; see superionic rdf --help');
    const h = await runMain(['rdf', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/^usage: superionic rdf/);
  });
  it('calling a command directly (no main): a misspelt required option is still named', async () => {
    await expect(coordinationRun(new Args([NA, '--centre', 'S', '--neighbor', 'Na']))).rejects.toThrow(
      /^unknown option\(s\) --centre \(did you mean --center\?\)$/,
    );
  });
  it('edit distance counts a swap of adjacent letters as one edit', () => {
    expect(editDistance('centre', 'center')).toBe(1);
    expect(editDistance('neighbour', 'neighbor')).toBe(1);
    expect(editDistance('specie', 'species')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(closestName('temprature', ['temperature', 'dt'])).toBe('temperature');
    expect(closestName('bogus', ['species', 'dt', 'fit'])).toBeUndefined();
  });
});

describe('every option a command reads is in its usage text (main rejects options the usage does not list)', () => {
  const read = (file: string) =>
    new Set(
      [...readFileSync(file, 'utf8').matchAll(/args\.(?:has|flag|string|requireString|list|number|requireNumber|range)\('([a-z0-9-]+)'/g)].map(
        (m) => m[1],
      ),
    );
  const shared = read(path.join(commandsDir, 'sites.ts')); // siteSetupFromArgs is shared with jumps (and rotation reads its own)
  for (const name of commands) {
    it(name, async () => {
      const src = readFileSync(path.join(commandsDir, `${name}.ts`), 'utf8');
      const keys = read(path.join(commandsDir, `${name}.ts`));
      if (/siteSetupFromArgs\(/.test(src) && name !== 'sites') for (const k of shared) if (!['sigma2', 'rmax', 'threads'].includes(k)) keys.add(k); // read by sites' own run, not siteSetupFromArgs
      const { usage } = await import(path.join(commandsDir, `${name}.ts`));
      const known = Args.optionsInUsage(usage);
      expect([...keys].filter((k) => !known.has(k))).toEqual([]);
    });
  }
});

describe('boolean flags never swallow the file', () => {
  it('--mass-weighted / --no-distinct / --search-origin / --drift before FILE', () => {
    for (const f of ['mass-weighted', 'no-distinct', 'search-origin', 'drift', 'json']) {
      const a = new Args([`--${f}`, 'traj.extxyz', '--species', 'Li']);
      expect(a.positionals).toEqual(['traj.extxyz']);
      expect(a.flag(f)).toBe(true);
    }
    expect(new Args(['--drift=false']).flag('drift')).toBe(false);
  });
});
