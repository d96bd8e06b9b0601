/**
 * The site options of `sites`, `jumps` and `transitions` (and the template options of `analyse --sites`):
 * the mobile species, the host (species or polyanion formulas) and how the sites are made from it
 * (--lattice, --reference, --site-file, --fixed-sites), read from the command line and handed to the library
 * (src/sites/sitesFromHosts.ts `siteTemplateFor`, src/sites/siteBinding.ts `bindSites`) on the first frame.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import { peekFirstFrame } from '../core/firstFrame.js';
import type { Frame, FrameStream } from '../core/frame.js';
import type { Topology } from '../core/topology.js';
import type { Trajectory } from '../core/trajectory.js';
import { openTrajectory, readReferenceStructure, readTrajectory } from '../io/index.js';
import type { ReadOptions } from '../io/readOptions.js';
import { parseDiscoveredSites } from '../sites/pointSiteNetwork.js';
import { bindSites, type SiteBinding } from '../sites/siteBinding.js';
import { SiteTemplateChoice, siteTemplateFor, SitesFromHosts } from '../sites/sitesFromHosts.js';
import type { IdealLattice, SiteTemplate } from '../sites/siteTemplate.js';
import type { Args } from './args.js';
import type { OptionSpec } from './command.js';
import { progress } from './output.js';
import { readerOptions } from './readerOptions.js';

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
