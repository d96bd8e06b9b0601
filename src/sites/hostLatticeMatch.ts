/**
 * Which ideal lattice (fcc, bcc, hcp) a host sublattice is, taken in the trajectory's OWN cell setting:
 * the template cell is the trajectory cell divided by the replication n_i (n_i from the host count and
 * the cell lengths, n1·n2·n3 = N_hosts / hosts per template cell), so a slightly tilted or strained box
 * (the Na3PS4 AIMD cell is tilted by ~3°) still matches. The deviation of the reduced cell from the ideal
 * shape is the largest difference of the normalised metrics g_ij = a_i·a_j / V^(2/3), which must stay
 * below the shared lattice-shape tolerance (DEFAULT_LATTICE_SHAPE_TOLERANCE, src/sites/siteNetwork.ts).
 * Among the candidates that match, the one with the smallest host displacement wins.
 */
import { Cell } from '../core/cell.js';
import { InputError, InputErrorLocation } from '../core/errors.js';
import { buildSiteNetwork, DEFAULT_LATTICE_SHAPE_TOLERANCE, SiteNetwork } from './siteNetwork.js';
import { IdealLattice, idealLatticeTemplate, SiteTemplate } from './siteTemplate.js';

/** The template in the trajectory's own cell setting: cell = trajectory cell / replication. Null if no replication fits. */
export function templateInCell(t: SiteTemplate, nHosts: number, cell: Cell): { template: SiteTemplate; deviation: number } | null {
  const T = t.hostFrac.length;
  if (nHosts % T !== 0) return null;
  const nCells = nHosts / T;
  const tm = t.cell.matrix,
    cm = cell.matrix;
  const len = (m: Float64Array, r: number) => Math.hypot(m[3 * r], m[3 * r + 1], m[3 * r + 2]);
  const s = Math.cbrt(cell.volume / (nCells * t.cell.volume));
  const n = [0, 1, 2].map((r) => Math.round(len(cm, r) / (s * len(tm, r))));
  if (n.some((x) => x < 1) || n[0] * n[1] * n[2] !== nCells) return null;
  const rows: number[][] = [0, 1, 2].map((r) => [cm[3 * r] / n[r], cm[3 * r + 1] / n[r], cm[3 * r + 2] / n[r]]);
  const metric = (m: ArrayLike<number>, vol: number) => {
    const g: number[] = [];
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) g.push((m[3 * i] * m[3 * j] + m[3 * i + 1] * m[3 * j + 1] + m[3 * i + 2] * m[3 * j + 2]) / Math.pow(vol, 2 / 3));
    return g;
  };
  const gR = metric(rows.flat(), cell.volume / nCells),
    gT = metric(tm, t.cell.volume);
  const deviation = Math.max(...gR.map((g, i) => Math.abs(g - gT[i])));
  return { template: { ...t, cell: new Cell(rows) }, deviation };
}

export interface HostLatticeMatchOptions {
  /** Candidate lattices (default 'auto': bcc, fcc, hcp). */
  lattice?: IdealLattice | 'auto';
  /** Largest normalised-metric deviation of the reduced cell from the ideal shape (default DEFAULT_LATTICE_SHAPE_TOLERANCE). */
  maxShapeDeviation?: number;
  /** Trajectory atom index of each host point (stored in the network), or null for molecule centres. */
  hostAtoms?: Int32Array | null;
  /** The hosts in words, for the error when nothing matches ("atoms of I"). */
  describeHosts?: string;
  /** Where errors point (file). */
  where?: InputErrorLocation;
}

export interface HostLatticeMatch {
  /** The site network of the best-matching lattice. */
  network: SiteNetwork;
  /** Its name. */
  lattice: IdealLattice;
  /** Normalised-metric deviation of the reduced cell from its ideal shape. */
  shapeDeviation: number;
}

/**
 * The interstitial-site network of the ideal lattice that the host points of the first frame match best.
 * Throws an InputError naming every candidate's failure when none matches.
 * @param hostPositions0 host points of the first frame, Å (3 per point)
 * @param cell0          the first frame's cell
 */
export function matchHostLattice(hostPositions0: Float64Array, cell0: Cell, opts: HostLatticeMatchOptions = {}): HostLatticeMatch {
  const where = opts.where ?? {};
  const candidates: IdealLattice[] = !opts.lattice || opts.lattice === 'auto' ? ['bcc', 'fcc', 'hcp'] : [opts.lattice];
  const maxDev = opts.maxShapeDeviation ?? DEFAULT_LATTICE_SHAPE_TOLERANCE;
  let best: { net: SiteNetwork; dev: number; name: IdealLattice } | null = null;
  const failures: string[] = [];
  for (const name of candidates) {
    const adapted = templateInCell(idealLatticeTemplate(name), hostPositions0.length / 3, cell0);
    if (!adapted) {
      failures.push(`${name}: ${hostPositions0.length / 3} host centres do not tile the cell as ${name}`);
      continue;
    }
    if (adapted.deviation > maxDev) {
      failures.push(`${name}: cell shape deviates from ideal by ${adapted.deviation.toFixed(3)} > ${maxDev}`);
      continue;
    }
    try {
      const net = buildSiteNetwork(adapted.template, hostPositions0, cell0, {
        where: { ...where, frame: 0 },
        hostAtoms: opts.hostAtoms ?? null,
        maxShapeDeviation: maxDev,
      });
      if (!best || net.maxMatchDisplacement_A < best.net.maxMatchDisplacement_A) best = { net, dev: adapted.deviation, name };
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      failures.push(`${name}: ${e.message}`);
    }
  }
  if (!best)
    throw new InputError(
      `the host sublattice (${opts.describeHosts ?? 'host points'}) matches no ${candidates.join('/')} lattice: ${failures.join('; ')}`,
      where,
    );
  return { network: best.net, lattice: best.name, shapeDeviation: best.dev };
}
