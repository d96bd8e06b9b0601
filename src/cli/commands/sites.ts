/**
 * `superionic sites FILE --mobile Li --host S,Cl (--lattice fcc|bcc|hcp | --reference FILE|argyrodite)`
 * — interstitial sites recomputed every frame from the host atoms, Gaussian-weighted occupancy
 * (Kweon 2017 SI), P1/P2 per site type and the configurational entropy S̃ per cation (METHODS §3).
 */
import { InputError } from '../../core/errors.js';
import { analyseFrames } from '../../core/frameAnalysis.js';
import { openTrajectory, readReferenceStructure, readTrajectory } from '../../io/index.js';
import { peekFirstFrame } from '../../core/firstFrame.js';
import type { FrameStream } from '../../core/frame.js';
import type { Trajectory } from '../../core/trajectory.js';
import { GaussianSiteOccupancy, type GaussianOccupancyResult } from '../../sites/gaussianSiteOccupancy.js';
import type { HostGroupSummary } from '../../sites/hostSublattice.js';
import { SiteTemplateChoice, siteTemplateFor, SitesFromHosts } from '../../sites/sitesFromHosts.js';
import type { IdealLattice, SiteTemplate } from '../../sites/siteTemplate.js';
import type { Args } from '../args.js';
import { defineCommand, jsonFields, type OptionSpec } from '../command.js';
import { bounds } from '../optionRanges.js';
import { formatNumber, printResult, progress, textTable } from '../output.js';
import { readerOptions } from '../readerOptions.js';
import { readFileSync } from 'node:fs';
import type { Frame } from '../../core/frame.js';
import type { Topology } from '../../core/topology.js';
import { parseDiscoveredSites } from '../../sites/pointSiteNetwork.js';
import { bindSites, type SiteBinding } from '../../sites/siteBinding.js';
import { analyseFileParallel, defaultThreads } from '../../analyse/frameParallel.js';
import type { BoundSiteOccupancy, SplitAnalysisSpec } from '../../analyse/splitAnalyses.js';
import type { ReadOptions } from '../../io/readOptions.js';

/** A text file, or one clear line naming it. */
function readTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read the sites file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file: path });
  }
}

/** The options siteSetupFromArgs reads: the mobile species, the host and how sites are made from it; shared by sites, jumps and transitions. */
export const SITE_SETUP_OPTIONS: Record<string, OptionSpec> = {
  mobile: { kind: 'list' },
  host: { kind: 'list' },
  lattice: { kind: 'string', choices: ['fcc', 'bcc', 'hcp'] },
  reference: { kind: 'string', expected: 'a structure file of the ideal phase (CIF, POSCAR, extxyz) or argyrodite' },
  'site-file': { kind: 'string', expected: 'a JSON file of discovered sites (a list with cartesian_A in Å)' },
  'site-species': { kind: 'list' },
  vertices: { kind: 'number' },
  'search-origin': { kind: 'flag' },
  'match-tolerance': { kind: 'number' },
  'shape-tolerance': { kind: 'number' },
};

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

/** Parsed site options shared by `sites` and `jumps`. */
export interface SiteCliSetup extends SitesFromHosts {
  file: string;
  mobile: string[];
  host: string[];
  /** The trajectory as a stream (frame 0, already read for the set-up, comes first again): never held whole (unless wholeTrajectory). */
  stream: FrameStream | Trajectory;
  /** Whether progress goes to stderr (not with --json). */
  showProgress: boolean;
  /** The sites as a plain-data recipe (worker threads rebuild the network from it). */
  binding: SiteBinding;
  /** The reader options the stream was opened with. */
  read: ReadOptions;
}

/**
 * The site-template options (--lattice fcc|bcc|hcp | --reference FILE|argyrodite, --site-species, --vertices,
 * --search-origin), read now; `resolve(host)` builds the template (reading a reference file) and is called
 * after the command has rejected unknown options.
 */
export function siteTemplateOptions(args: Args): { resolve(host: string[]): Promise<SiteTemplate> } {
  const lattice = args.string('lattice');
  const reference = args.string('reference');
  if ((lattice === undefined) === (reference === undefined))
    throw new InputError('give exactly one of --lattice fcc|bcc|hcp or --reference FILE|argyrodite');
  const referenceOpts = { siteSpecies: args.list('site-species'), nVertices: args.number('vertices'), searchOrigin: args.flag('search-origin') };
  return {
    async resolve(host) {
      let choice: SiteTemplateChoice;
      if (lattice !== undefined) {
        choice = { lattice: lattice as IdealLattice };
      } else if (reference === 'argyrodite') {
        choice = { reference: 'argyrodite' };
      } else {
        choice = { reference: await readReferenceStructure(reference!), ...referenceOpts };
      }
      return siteTemplateFor(choice, host);
    },
  };
}

/**
 * Open FILE as a stream, read its first frame and build the site network from the options
 * (src/sites/sitesFromHosts.ts). Rejects unknown options before reading anything, so the calling
 * command must read all of its own options first.
 */
export async function siteSetupFromArgs(
  args: Args,
  command: string,
  opts: { wholeTrajectory: true; fixedSites?: boolean },
): Promise<SiteCliSetup & { traj: Trajectory }>;
export async function siteSetupFromArgs(args: Args, command: string, opts?: { wholeTrajectory?: false; fixedSites?: boolean }): Promise<SiteCliSetup>;
export async function siteSetupFromArgs(
  args: Args,
  command: string,
  opts: { wholeTrajectory?: boolean; fixedSites?: boolean } = {},
): Promise<SiteCliSetup & { traj?: Trajectory }> {
  const file = args.positionals[0];
  if (!file) throw new InputError(`no trajectory given; expected superionic ${command} FILE --mobile Li --host S`);
  const mobile = args.list('mobile');
  if (mobile.length === 0) throw new InputError('missing --mobile: expected the mobile species, e.g. --mobile Li');
  const host = args.list('host');
  // fixedSites (--fixed-sites, with --site-file): the sites stay at their fractional coordinates of the cell (GEMDAT's
  // and pymatgen's convention) instead of following their nearest hosts; no --host needed then.
  const fixed = opts.fixedSites === true;
  if (fixed && args.string('site-file') === undefined) throw new InputError('--fixed-sites needs --site-file FILE.json (the site positions)');
  if (host.length === 0 && !fixed) throw new InputError('missing --host: expected the host species or polyanions, e.g. --host S,Cl or --host PS4');
  // --site-file FILE.json: sites discovered from the density (a list with cartesian_A, e.g. discoverSites' output) instead of a template.
  const sitesFile = args.string('site-file');
  if (sitesFile !== undefined && (args.string('lattice') !== undefined || args.string('reference') !== undefined))
    throw new InputError('give one of --lattice, --reference or --site-file FILE.json, not several');
  const discovered = sitesFile === undefined ? null : parseDiscoveredSites(readTextFile(sitesFile), sitesFile);
  const nVertices = sitesFile === undefined ? undefined : args.number('vertices');
  const templateOpts = sitesFile === undefined ? siteTemplateOptions(args) : null;
  const tol = args.number('match-tolerance');
  const shapeTol = args.number('shape-tolerance');
  const dt = args.number('dt');
  const json = args.flag('json');
  const reader = readerOptions(args);
  args.rejectUnknownOptions(command); // the caller reads its own options before calling
  const template = templateOpts ? await templateOpts.resolve(host) : null;
  const binding: SiteBinding = template
    ? { kind: 'template', host, template, matchTolerance_A: tol, maxShapeDeviation: shapeTol }
    : fixed
      ? { kind: 'fixed', sites: discovered!, name: `fixed sites from ${sitesFile}` }
      : { kind: 'discovered', host, sites: discovered!, nVertices };
  const bind = (topology: Topology, f0: Frame): SitesFromHosts => bindSites(binding, topology, f0, { file });
  if (opts.wholeTrajectory) {
    // Commands that need every frame at once (e.g. transitions with a VDOS attempt frequency) read the file whole.
    const traj = await readTrajectory(file, {
      ...reader,
      timestep_fs: dt,
      onProgress: json
        ? undefined
        : (p) => {
            if (p.frames % 200 === 0) progress(`read ${p.frames} frames`);
          },
    });
    const sites = bind(traj.topology, traj.frame(0));
    return { file, mobile, host, stream: traj, showProgress: !json, traj, binding, read: { ...reader, timestep_fs: dt }, ...sites };
  }
  const { first, stream } = await peekFirstFrame(await openTrajectory(file, { ...reader, timestep_fs: dt }));
  const sites = bind(stream.topology, first);
  return { file, mobile, host, stream, showProgress: !json, binding, read: { ...reader, timestep_fs: dt }, ...sites };
}

/** Progress of a site pass on stderr every 200 frames (none with --json). */
export function siteProgress(setup: SiteCliSetup): ((frames: number) => void) | undefined {
  return setup.showProgress
    ? (n) => {
        if (n % 200 === 0) progress(`read ${n} frames`);
      }
    : undefined;
}

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

/** The JSON of `superionic sites` (without `file`) for an occupancy result (also used by `superionic analyse`). */
export function sitesJson(r: GaussianOccupancyResult, hostCentres: HostGroupSummary[]): Record<string, unknown> {
  return {
    template: r.network.template,
    replication: r.network.replication,
    n_frames: r.nFrames,
    n_mobile: r.nMobile,
    sigma2_A2: r.sigma2_A2,
    rmax_A: r.rmax_A,
    types: Object.fromEntries(r.types.map((t) => [t.name, { kind: t.kind, sites: t.sites, occupancy: t.occupancy, P1: t.P1, P2: t.P2 }])),
    entropy_kB: r.entropy_kB,
    entropy_note: r.entropyNote,
    unassigned_fraction: r.unassignedFraction,
    max_match_displacement_A: r.network.maxMatchDisplacement_A,
    host_centres: hostCentres,
    site_occupancy: r.siteOccupancy,
  };
}
