// `superionic analyse` (one pass feeding MSD, RDF and sites; src/analyse/analyse.ts) against the separate
// commands on a real file: every number of each part equals the separate command's JSON exactly.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analyse/analyse';
import { argyroditeTemplate } from '../../src/sites/argyroditeTemplate';
import { runMain } from './runMain';

const FILE = path.resolve(__dirname, '../../data/Li6PS5Cl_50pct_500K_XDATCAR.gz');
const json = async (argv: string[]) => {
  const r = await runMain(argv);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};

describe("superionic analyse: one pass, the separate commands' results", () => {
  it('MSD (Li), RDFs (Li-S, Li-Cl) and sites (argyrodite) equal msd, rdf and sites', async () => {
    const one = await json([
      'analyse',
      FILE,
      '--msd',
      'Li',
      '--dt',
      '10',
      '--rdf',
      'Li-S,Li-Cl',
      '--rdf-rmax',
      '8',
      '--rdf-bins',
      '160',
      '--sites',
      'Li',
      '--host',
      'S,Cl',
      '--reference',
      'argyrodite',
      '--json',
    ]);
    expect(one.n_frames).toBe(140);
    const { file: _f1, ...msd } = await json(['msd', FILE, '--species', 'Li', '--dt', '10', '--json']);
    expect(one.msd).toEqual(msd);
    expect(one.msd.D_cm2_s).toBeGreaterThan(0);
    for (const pair of ['Li-S', 'Li-Cl']) {
      const { file: _f2, ...rdf } = await json(['rdf', FILE, '--pair', pair, '--rmax', '8', '--bins', '160', '--json']);
      expect(one.rdf[pair]).toEqual(rdf);
    }
    const { file: _f3, ...sites } = await json(['sites', FILE, '--mobile', 'Li', '--host', 'S,Cl', '--reference', 'argyrodite', '--json']);
    expect(one.sites).toEqual(sites);
  }, 120_000);

  it('si.analyse gives the same results as the command (library call)', async () => {
    const r = await analyse(FILE, {
      msd: { species: ['Li'], dt_fs: 10 },
      sites: { mobile: ['Li'], host: ['S', 'Cl'], template: argyroditeTemplate() },
      onProgress: () => {},
    });
    const one = await json(['analyse', FILE, '--msd', 'Li', '--dt', '10', '--sites', 'Li', '--host', 'S,Cl', '--reference', 'argyrodite', '--json']);
    expect(r.nFrames).toBe(140);
    expect(r.msd!.D_cm2_s).toBe(one.msd.D_cm2_s);
    expect(r.sites!.occupancy.entropy_kB).toBe(one.sites.entropy_kB);
  }, 120_000);

  it('nothing to analyse, or --sites without --host: one clear line, exit 2', async () => {
    const a = await runMain(['analyse', FILE]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/nothing to analyse/);
    const b = await runMain(['analyse', FILE, '--sites', 'Li', '--lattice', 'fcc']);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/--sites needs --host/);
  });
});
