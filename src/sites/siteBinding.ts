/**
 * A site binding: the recipe that turns a trajectory's first frame into its site network, as plain data
 * (so that worker threads can rebuild the very same network, src/analyse/frameParallel.ts). Three kinds:
 * sites of a template matched to the host sublattice (sitesFromHosts.ts; Morgan 2021 for argyrodite),
 * discovered sites each following its nearest hosts (pointSiteNetwork.ts), and sites fixed at their
 * fractional coordinates of the cell (fixedSiteNetwork.ts, GEMDAT's and pymatgen's convention).
 */
import { Cell } from '../core/cell.js';
import type { InputErrorLocation } from '../core/errors.js';
import { InputError } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import type { Topology } from '../core/topology.js';
import { fixedSiteNetwork } from './fixedSiteNetwork.js';
import { sitesAsFractional, sitesFromDiscovered, type SitePointInput } from './pointSiteNetwork.js';
import { sitesFromHosts, type SitesFromHosts } from './sitesFromHosts.js';
import type { SiteTemplate } from './siteTemplate.js';

/** How the sites of a trajectory are made from its first frame (plain data). */
export type SiteBinding =
  | { kind: 'template'; host: string[]; template: SiteTemplate; matchTolerance_A?: number; maxShapeDeviation?: number }
  | { kind: 'discovered'; host: string[]; sites: SitePointInput[]; nVertices?: number }
  | { kind: 'fixed'; sites: SitePointInput[]; name: string };

/** The binding with its template's cell as a plain 3×3 array (it can cross to a worker thread). */
export function portableSiteBinding(b: SiteBinding): SiteBinding {
  if (b.kind !== 'template') return b;
  const m = b.template.cell.matrix;
  const rows = [Array.from(m.subarray(0, 3)), Array.from(m.subarray(3, 6)), Array.from(m.subarray(6, 9))];
  return { ...b, template: { ...b.template, cell: rows as unknown as Cell } };
}

/**
 * The site network of `binding` on the first frame `f0` (and the host groups it resolved).
 * @param where file for error messages
 */
export function bindSites(binding: SiteBinding, topology: Topology, f0: Frame, where: InputErrorLocation = {}): SitesFromHosts {
  if (binding.kind === 'template') {
    const t = binding.template;
    const template = t.cell instanceof Cell ? t : { ...t, cell: new Cell(t.cell as unknown as number[][]) };
    return sitesFromHosts(topology, f0, {
      host: binding.host,
      template,
      matchTolerance_A: binding.matchTolerance_A,
      maxShapeDeviation: binding.maxShapeDeviation,
      where,
    });
  }
  if (binding.kind === 'discovered')
    return sitesFromDiscovered(binding.sites, topology, f0, { host: binding.host, nVertices: binding.nVertices, where });
  if (!f0.cell) throw new InputError('sites need a periodic cell; the frame has none', { ...where, frame: 0 });
  const { frac, type, names } = sitesAsFractional(binding.sites, f0.cell);
  return { ...fixedSiteNetwork(frac, type, names, { name: binding.name, where }), hostCentres: [] };
}
