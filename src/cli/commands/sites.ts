/**
 * `superionic sites FILE --mobile Li --host S,Cl (--lattice fcc|bcc|hcp | --reference FILE|argyrodite)`
 * — interstitial sites recomputed every frame from the host atoms, Gaussian-weighted occupancy
 * (Kweon 2017 SI), P1/P2 per site type and the configurational entropy S̃ per cation (METHODS §3).
 */
import { InputError } from '../../core/errors.js';
import { analyseFrames } from '../../core/frameAnalysis.js';
import { readTrajectory } from '../../io/index.js';
import { argyroditeTemplate } from '../../sites/argyroditeTemplate.js';
import { GaussianSiteOccupancy } from '../../sites/gaussianSiteOccupancy.js';
import { templateFromReferenceStructure } from '../../sites/referenceTemplate.js';
import type { SiteNetworkSource } from '../../sites/siteNetwork.js';
import { IdealLattice, idealLatticeTemplate, SiteTemplate } from '../../sites/siteTemplate.js';
import type { Trajectory } from '../../core/trajectory.js';
import type { Args } from '../args.js';
import { formatNumber, printResult, progress, textTable } from '../output.js';

export const summary = 'interstitial sites, Gaussian site occupancy P1/P2 per site type, configurational entropy';
export const usage = `usage: superionic sites FILE --mobile Li --host SPECIES[,..] (--lattice fcc|bcc|hcp | --reference FILE|argyrodite)
         [--sigma2 0.1] [--rmax 4] [--dt FS] [--site-species X[,..]] [--vertices 4] [--search-origin]
         [--match-tolerance A] [--json]
  Sites are defined once on the first frame (host atoms matched to the ideal lattice or reference) and
  recomputed every frame as centroids of the host atoms. --lattice: tetrahedral, octahedral, trigonal
  and linear sites of an ideal fcc/bcc/hcp host lattice (the cell must be a supercell of the conventional
  cell). --reference argyrodite: the six tetrahedral types of F-43m Li6PS5X (Morgan 2021; host = S and X).
  --reference FILE: a structure of the ideal phase (POSCAR, extxyz) whose --site-species atoms mark site
  centres, each the polyhedron of its --vertices nearest hosts.
  JSON: {types: {NAME: {kind, sites, occupancy, P1, P2}}, entropy_kB, entropy_note, unassigned_fraction,
         site_occupancy, replication, max_match_displacement_A, n_frames, n_mobile, sigma2_A2, rmax_A}`;

/** Parsed site options shared by `sites` and `jumps`. */
export interface SiteCliSetup {
  file: string;
  mobile: string[];
  host: string[];
  source: SiteNetworkSource;
  traj: Trajectory;
}

/** Read FILE and build the site-network recipe from the options. */
export async function siteSetupFromArgs(args: Args, command: string): Promise<SiteCliSetup> {
  const file = args.positionals[0];
  if (!file) throw new InputError(`no trajectory given; expected superionic ${command} FILE --mobile Li --host S`);
  const mobile = args.list('mobile');
  if (mobile.length === 0) throw new InputError('missing --mobile: expected the mobile species, e.g. --mobile Li');
  const host = args.list('host');
  if (host.length === 0) throw new InputError('missing --host: expected the host species, e.g. --host S,Cl');
  const lattice = args.string('lattice');
  const reference = args.string('reference');
  if ((lattice === undefined) === (reference === undefined)) throw new InputError('give exactly one of --lattice fcc|bcc|hcp or --reference FILE|argyrodite');
  const tol = args.number('match-tolerance');
  const dt = args.number('dt');
  let template: SiteTemplate;
  if (lattice !== undefined) {
    if (!['fcc', 'bcc', 'hcp'].includes(lattice)) throw new InputError(`--lattice expects fcc, bcc or hcp, got "${lattice}"`);
    template = idealLatticeTemplate(lattice as IdealLattice);
  } else if (reference === 'argyrodite') {
    template = argyroditeTemplate();
  } else {
    const siteSpecies = args.list('site-species');
    if (siteSpecies.length === 0) throw new InputError('--reference FILE needs --site-species: the species whose atoms mark site centres in the reference');
    const ref = await readTrajectory(reference!);
    const f0 = ref.frame(0);
    if (!f0.cell) throw new InputError('the reference structure has no cell', { file: reference });
    template = templateFromReferenceStructure(
      { topology: ref.topology, positions: f0.positions, cell: f0.cell, source: reference },
      { host, siteSpecies, nVertices: args.number('vertices', 4), searchOrigin: args.flag('search-origin') },
    );
  }
  const json = args.flag('json');
  const traj = await readTrajectory(file, {
    timestep_fs: dt,
    onProgress: json ? undefined : (p) => { if (p.frames % 200 === 0) progress(`read ${p.frames} frames`); },
  });
  return { file, mobile, host, source: { template, host, matchTolerance_A: tol }, traj };
}

export async function run(args: Args): Promise<void> {
  const json = args.flag('json');
  const sigma2 = args.number('sigma2', 0.1)!;
  const rmax = args.number('rmax', 4)!;
  const setup = await siteSetupFromArgs(args, 'sites');
  const unknown = args.unknownOptions();
  if (unknown.length) throw new InputError(`unknown option(s) ${unknown.map((u) => '--' + u).join(', ')}; see superionic sites --help`);
  const occ = new GaussianSiteOccupancy(setup.source, { mobile: setup.mobile, sigma2_A2: sigma2, rmax_A: rmax, file: setup.file });
  await analyseFrames(setup.traj, [occ]);
  const r = occ.result();
  const out = {
    file: setup.file, template: r.network.template, replication: r.network.replication, n_frames: r.nFrames, n_mobile: r.nMobile,
    sigma2_A2: r.sigma2_A2, rmax_A: r.rmax_A,
    types: Object.fromEntries(r.types.map((t) => [t.name, { kind: t.kind, sites: t.sites, occupancy: t.occupancy, P1: t.P1, P2: t.P2 }])),
    entropy_kB: r.entropy_kB, entropy_note: r.entropyNote, unassigned_fraction: r.unassignedFraction,
    max_match_displacement_A: r.network.maxMatchDisplacement_A, site_occupancy: r.siteOccupancy,
  };
  printResult(out, json, () => {
    const rows = r.types.map((t) => [t.name, t.kind, t.sites, t.occupancy, t.P1, t.P2]);
    return `${setup.file}: ${r.nFrames} frames, ${r.nMobile} mobile ions, sites from ${r.network.template} (${r.network.replication.join('×')} cells, max host displacement ${formatNumber(r.network.maxMatchDisplacement_A)} Å)\n`
      + textTable(['site type', 'kind', 'N_i', 'n_i', 'P1', 'P2'], rows)
      + `S̃ per cation: ${r.entropy_kB === null ? `— (${r.entropyNote})` : formatNumber(r.entropy_kB) + ' k_B'}; unassigned ${formatNumber(r.unassignedFraction)}\n`;
  });
}
