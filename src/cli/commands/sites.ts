/**
 * `superionic sites FILE --mobile Li --host S,Cl (--lattice fcc|bcc|hcp | --reference FILE|argyrodite)`
 * — interstitial sites recomputed every frame from the host atoms, Gaussian-weighted occupancy
 * (Kweon 2017 SI), P1/P2 per site type and the configurational entropy S̃ per cation (METHODS §3).
 */
import { analyseFrames } from '../../core/frameAnalysis.js';
import { GaussianSiteOccupancy, type GaussianOccupancyResult } from '../../sites/gaussianSiteOccupancy.js';
import { analyseFileParallel, defaultThreads } from '../../analyse/frameParallel.js';
import type { BoundSiteOccupancy, SplitAnalysisSpec } from '../../analyse/splitAnalyses.js';
import type { Args } from '../args.js';
import { defineCommand, jsonFields } from '../command.js';
import { bounds } from '../optionRanges.js';
import { formatNumber, printResult, textTable } from '../output.js';
import { sitesJson } from '../json/sitesJson.js';
import { SITE_SETUP_OPTIONS, siteProgress, siteSetupFromArgs } from '../siteOptions.js';

export const spec = defineCommand({
  name: 'sites',
  summary: 'interstitial sites, Gaussian site occupancy P1/P2 per site type, configurational entropy',
  synopsis: `FILE --mobile Li --host SPECIES|ANION[,..] (--lattice fcc|bcc|hcp | --reference FILE|argyrodite | --site-file FILE.json)
         [--sigma2 0.1] [--rmax 4] [--dt FS] [--site-species X[,..]] [--vertices 4] [--search-origin]
         [--match-tolerance A] [--shape-tolerance 0.15] [--threads N] [--json]`,
  positionals: { max: 1, noun: 'trajectory file' },
  readsTrajectory: true,
  options: {
    ...SITE_SETUP_OPTIONS,
    sigma2: { kind: 'number' },
    rmax: { kind: 'number', range: bounds(0.1, 20, 'Å') },
    dt: { kind: 'number' },
    threads: { kind: 'number' },
  },
  renamed: { sites: 'site-file' },
  notes: `  --threads N: worker threads, each reading every N-th frame (default: all cores for a file of ≥ 64 MB,
  .gz counted 4×; 1 below, where starting the workers costs more than they save); the result is bit for bit
  the one-thread result.
  --site-file FILE.json: sites discovered from the density (JSON list of {cartesian_A, polyhedron}, e.g. discoverSites()), each
  following its --vertices (default 4) nearest hosts, typed by its polyhedron (instead of --lattice/--reference).
  Sites are defined once on the first frame (host atoms matched to the ideal lattice or reference) and
  recomputed every frame as centroids of the hosts. --host takes species (S,Cl: their atoms) and/or
  polyanion formulas (PS4, BH4, B12H12: the centres of mass of those bonded clusters, found in frame 0
  and followed whole across boundaries). --lattice: tetrahedral, octahedral, trigonal and linear sites
  of an ideal fcc/bcc/hcp host lattice (the cell must be a supercell of the conventional cell, its shape
  within --shape-tolerance in the normalised metric; --match-tolerance: largest host displacement, Å).
  --reference argyrodite: the six tetrahedral types of F-43m Li6PS5X (Morgan 2021; host = S and X).
  --reference FILE: a structure of the ideal phase (CIF with its symmetry operations, POSCAR, extxyz)
  in the trajectory's setting. With --site-species, the atoms of those species mark site centres, each
  the polyhedron of its --vertices nearest hosts; without, the sites are the tetrahedral interstices
  of the host framework (empty-sphere tetrahedra), typed by the CIF's symmetry (else by geometry) and
  named after the reference atoms inside them (e.g. Li1, P1) or their vertex labels.
  JSON: {types: {NAME: {kind, sites, occupancy, P1, P2}}, entropy_kB, entropy_note, unassigned_fraction,
         site_occupancy, replication, max_match_displacement_A, host_centres, n_frames, n_mobile, sigma2_A2, rmax_A}`,
  output: jsonFields({
    file: 'string',
    template: 'string',
    replication: 'number[]',
    n_frames: 'number',
    n_mobile: 'number',
    sigma2_A2: 'number',
    rmax_A: 'number',
    types: 'object',
    entropy_kB: 'number',
    unassigned_fraction: 'number',
    max_match_displacement_A: 'number',
    host_centres: 'array',
    site_occupancy: 'number[]',
  }),
});
export const { summary, usage } = spec;

export async function run(args: Args): Promise<void> {
  const json = args.flag('json');
  const sigma2 = args.number('sigma2', 0.1)!;
  const rmax = args.number('rmax', 4)!;
  const setup = await siteSetupFromArgs(args, 'sites');
  const threads = args.number('threads') ?? defaultThreads(setup.file);
  const occOpts = { mobile: setup.mobile, sigma2_A2: sigma2, rmax_A: rmax, file: setup.file };
  let r: GaussianOccupancyResult;
  if (threads > 1) {
    const spec: SplitAnalysisSpec = { kind: 'sites', options: occOpts, binding: setup.binding };
    const par = await analyseFileParallel<BoundSiteOccupancy>(setup.file, setup.read, [spec], threads, siteProgress(setup));
    r = par.analyses[0].result().occupancy;
  } else {
    const occ = new GaussianSiteOccupancy(setup.source, { ...occOpts, hostPositions: setup.hostPositions });
    await analyseFrames(setup.stream, [occ], { onProgress: siteProgress(setup) });
    r = occ.result();
  }
  const out = { file: setup.file, ...sitesJson(r, setup.hostCentres) };
  printResult(out, json, () => {
    const rows = r.types.map((t) => [t.name, t.kind, t.sites, t.occupancy, t.P1, t.P2]);
    return (
      `${setup.file}: ${r.nFrames} frames, ${r.nMobile} mobile ions, sites from ${r.network.template} (${r.network.replication.join('×')} cells, max host displacement ${formatNumber(r.network.maxMatchDisplacement_A)} Å)\n` +
      textTable(['site type', 'kind', 'N_i', 'n_i', 'P1', 'P2'], rows) +
      `S̃ per cation: ${r.entropy_kB === null ? `— (${r.entropyNote})` : formatNumber(r.entropy_kB) + ' k_B'}; unassigned ${formatNumber(r.unassignedFraction)}\n`
    );
  });
}
