// `superionic analyse` (one pass feeding MSD, RDF, sites, VDOS and van Hove; src/analyse/analyse.ts) against
// the separate commands on real files: every number of each part equals the separate command's JSON exactly.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analyse/analyse';
import { COMMAND_MODULES } from '../../src/cli/registry';
import { vanHoveCorrelation } from '../../src/dynamics/vanHoveCorrelation';
import { vibrationalDensityOfStates } from '../../src/dynamics/vibrationalDensityOfStates';
import { readTrajectory } from '../../src/io/openTrajectory';
import { argyroditeTemplate } from '../../src/sites/argyroditeTemplate';
import { runMain } from './runMain';
import { validate } from './validateJson';

const FILE = path.resolve(__dirname, '../../data/Li6PS5Cl_50pct_500K_XDATCAR.gz');
const NA = path.resolve(__dirname, '../../data/Na3PS4_cubic_800K_AIMD.extxyz.gz');
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

  // The VDOS of these files comes from positions (no velocities in them): the separate command warns about the
  // sampling, and analyse gives the same warning, named "vdos:".
  const withWarnings = async (argv: string[]) => {
    const r = await runMain(argv);
    expect(r.code, r.stderr).toBe(0);
    return { out: JSON.parse(r.stdout), stderr: r.stderr };
  };

  it('--vdos and --vanhove equal vdos and vanhove, bit for bit (one species shared, and two species)', async () => {
    // Na3PS4: VDOS and van Hove of Na from one shared history.
    const na = await withWarnings(['analyse', NA, '--vdos', 'Na', '--vanhove', 'Na', '--vanhove-lags', '200,600', '--temperature', '800', '--json']);
    const vdos = await withWarnings(['vdos', NA, '--species', 'Na', '--temperature', '800', '--json']);
    const vh = await withWarnings(['vanhove', NA, '--species', 'Na', '--lags', '200,600', '--json']);
    expect(na.out.n_frames).toBe(100);
    const { file: _f1, ...vdosOut } = vdos.out;
    const { file: _f2, ...vhOut } = vh.out;
    expect(na.out.vdos).toEqual(vdosOut);
    expect(na.out.vanhove).toEqual(vhOut);
    expect(na.out.vdos.band_centre_THz).toBeGreaterThan(0);
    expect(na.stderr).toBe(vdos.stderr.replace('warning: ', 'warning: vdos: '));
    expect(vh.stderr).toBe('');
    // Li6PS5Cl: VDOS of Li and van Hove of S (two histories) with the MSD and an RDF over two threads,
    // each with the separate command's options.
    const x = await withWarnings([
      'analyse',
      FILE,
      '--dt',
      '10',
      '--msd',
      'Li',
      '--rdf',
      'Li-S',
      '--threads',
      '2',
      '--vdos',
      'Li',
      '--vdos-window',
      'blackman',
      '--vdos-max-lag',
      '500',
      '--mass-weighted',
      '--vanhove',
      'S',
      '--vanhove-rmax',
      '6',
      '--vanhove-dr',
      '0.1',
      '--vanhove-stride',
      '2',
      '--no-distinct',
      '--json',
    ]);
    const xv = await withWarnings([
      'vdos',
      FILE,
      '--dt',
      '10',
      '--species',
      'Li',
      '--window',
      'blackman',
      '--max-lag',
      '500',
      '--mass-weighted',
      '--json',
    ]);
    const xh = await withWarnings([
      'vanhove',
      FILE,
      '--dt',
      '10',
      '--species',
      'S',
      '--rmax',
      '6',
      '--dr',
      '0.1',
      '--stride',
      '2',
      '--no-distinct',
      '--json',
    ]);
    const { file: _f3, ...xvOut } = xv.out;
    const { file: _f4, ...xhOut } = xh.out;
    expect(x.out.vdos).toEqual(xvOut);
    expect(x.out.vanhove).toEqual(xhOut);
    expect(x.out.vanhove.distinct).toBeNull();
    const { file: _f5, ...msd } = await json(['msd', FILE, '--species', 'Li', '--dt', '10', '--json']);
    expect(x.out.msd).toEqual(msd);
    // the output schema (--json-schema) holds for both runs
    for (const r of [na.out, x.out]) expect(validate(COMMAND_MODULES.analyse.spec!.output!, r)).toEqual([]);
  }, 120_000);

  it('si.analyse({vdos, vanhove}): the functions on the whole file read into memory, one progress report per frame', async () => {
    for (const threads of [1, 2]) {
      const seen: number[] = [];
      const r = await analyse(FILE, {
        vdos: { species: 'Li', dt_fs: 10 },
        vanhove: { species: 'Li', lags_fs: [100, 400], dt_fs: 10 },
        rdf: [{ a: 'Li', b: 'S' }],
        threads,
        read: { timestep_fs: 10 },
        onProgress: (n) => seen.push(n),
      });
      expect(seen).toEqual(Array.from({ length: 140 }, (_, i) => i + 1));
      const whole = await readTrajectory(FILE, { timestep_fs: 10 });
      const vdos = vibrationalDensityOfStates(whole, { species: 'Li', dt_fs: 10 });
      expect(r.vdos!.pdos).toEqual(vdos.pdos);
      expect(r.vdos!.band_centre_THz).toBe(vdos.band_centre_THz);
      const vh = vanHoveCorrelation(whole, { species: 'Li', lags_fs: [100, 400], dt_fs: 10 });
      expect(r.vanhove!.self).toEqual(vh.self);
      expect(r.vanhove!.distinct).toEqual(vh.distinct);
      expect(r.vanhove!.density_A3).toBe(vh.density_A3);
    }
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
