/**
 * Interstitial sites from the host sublattice (METHODS §3): a site template (an ideal fcc/bcc/hcp host
 * lattice, the argyrodite template of Morgan 2021, or one derived from a reference structure) matched
 * ONCE to the host points of the first frame, its sites then recomputed every frame as centroids of the
 * instantaneous hosts (Kweon 2017 SI). Hosts are read the 'named' way (src/sites/hostSublattice.ts):
 * species mean their atoms, formulas the centres of those polyanions. Used by `superionic sites`,
 * `superionic jumps` and `si.analyse`.
 */
import { InputErrorLocation } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import type { Topology } from '../core/topology.js';
import { argyroditeTemplate } from './argyroditeTemplate.js';
import { HostGroupSummary, hostSublattice, referenceWithCentres } from './hostSublattice.js';
import { ReferenceStructure, ReferenceTemplateOptions, templateFromReferenceStructure } from './referenceTemplate.js';
import { buildSiteNetwork, SiteNetworkSource } from './siteNetwork.js';
import { IdealLattice, idealLatticeTemplate, SiteTemplate } from './siteTemplate.js';

/** Where the sites come from: an ideal host lattice, the argyrodite template, or a reference structure. */
export type SiteTemplateChoice =
  | { lattice: IdealLattice }
  | { reference: 'argyrodite' }
  | { reference: ReferenceStructure; siteSpecies?: string[]; nVertices?: number; searchOrigin?: boolean };

/** The site template of a choice; polyanion hosts of a reference are replaced by their centres first. */
export function siteTemplateFor(choice: SiteTemplateChoice, host: readonly string[]): SiteTemplate {
  if ('lattice' in choice) return idealLatticeTemplate(choice.lattice);
  if (choice.reference === 'argyrodite') return argyroditeTemplate();
  const opts: ReferenceTemplateOptions = {
    host: [...host],
    siteSpecies: choice.siteSpecies,
    nVertices: choice.nVertices,
    searchOrigin: choice.searchOrigin,
  };
  return templateFromReferenceStructure(referenceWithCentres(choice.reference, host), opts);
}

export interface SitesFromHostsOptions {
  /** Host names: species (their atoms) and/or polyanion formulas (their centres of mass). */
  host: string[];
  /** The site template (siteTemplateFor). */
  template: SiteTemplate;
  /** Largest host displacement from the ideal position, Å (buildSiteNetwork's default when absent). */
  matchTolerance_A?: number;
  /** Largest normalised-metric deviation of the cell shape from the template's. */
  maxShapeDeviation?: number;
  /** Where errors point (file). */
  where?: InputErrorLocation;
}

export interface SitesFromHosts {
  /** The site network, or its recipe when every host is an atom (the occupancy analysis then follows the host atoms itself). */
  source: SiteNetworkSource;
  /** Host points per frame when some hosts are polyanion centres (else undefined: the network's host atoms). */
  hostPositions?: (frame: Frame) => Float64Array;
  /** What each host name resolved to ("atoms" or "molecules", with counts). */
  hostCentres: HostGroupSummary[];
}

/**
 * Sites of a trajectory from its host sublattice.
 * @param topology the trajectory's topology
 * @param frame0   its first frame (the network is matched to it)
 */
export function sitesFromHosts(topology: Topology, frame0: Pick<Frame, 'positions' | 'cell'>, opts: SitesFromHostsOptions): SitesFromHosts {
  const where = opts.where ?? {};
  const hosts = hostSublattice(opts.host, topology, frame0, { reading: 'named', where });
  const { template, host, matchTolerance_A, maxShapeDeviation } = opts;
  if (!hosts.moleculeCentres) {
    return { source: { template, host, matchTolerance_A, maxShapeDeviation }, hostCentres: hosts.groups };
  }
  // Polyanion centres as hosts: the network is built on frame 0's centres and fed centres every frame.
  const hostPositions = (fr: Frame) => hosts.positions(fr);
  const network = buildSiteNetwork(template, hosts.positions({ ...frame0, index: 0 }), frame0.cell!, {
    matchTolerance_A,
    maxShapeDeviation,
    where: { ...where, frame: 0 },
    hostAtoms: null,
  });
  return { source: network, hostPositions, hostCentres: hosts.groups };
}
