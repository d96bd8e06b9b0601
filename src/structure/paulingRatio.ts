/**
 * Pauling radius ratio R₊/R₋ and the interstitial site it predicts (Kweon 2017).
 *
 * R₋ comes from hard-sphere packing of the measured anion lattice: touching anions at the
 * nearest-neighbour distance d_nn give R₋ = d_nn / 2, i.e. fcc a/(2√2), bcc a√3/4, hcp a/2.
 * Lower limits of R₊/R₋ for a cation to touch all its anion neighbours: 0.155 trigonal (CN 3),
 * 0.225 tetrahedral (CN 4), 0.414 octahedral (CN 6), 0.732 cubic (CN 8); below 0.155 linear (CN 2).
 * The predicted site is the highest-coordinated one whose limit the ratio reaches.
 */
import { InputError } from '../core/errors.js';
import type { AnionPacking } from './referenceAngles.js';

/** Lower radius-ratio limits by site (Pauling's rules). */
export const PAULING_LIMITS: readonly { site: 'trigonal' | 'tetrahedral' | 'octahedral' | 'cubic'; coordination: number; minRatio: number }[] = [
  { site: 'trigonal', coordination: 3, minRatio: 0.155 },
  { site: 'tetrahedral', coordination: 4, minRatio: 0.225 },
  { site: 'octahedral', coordination: 6, minRatio: 0.414 },
  { site: 'cubic', coordination: 8, minRatio: 0.732 },
];

export interface PaulingRatioResult {
  lattice: AnionPacking;
  a_A: number;
  /** Hard-sphere anion radius, Å. */
  anionRadius_A: number;
  cationRadius_A: number;
  ratio: number;
  /** Predicted site type and its coordination number. */
  predictedSite: 'linear' | 'trigonal' | 'tetrahedral' | 'octahedral' | 'cubic';
  coordination: number;
}

/** Hard-sphere anion radius R₋ (Å) of an ideal lattice with cubic (fcc, bcc) or hexagonal (hcp) constant a. */
export function hardSphereAnionRadius(lattice: AnionPacking, a_A: number): number {
  if (!(a_A > 0) || !Number.isFinite(a_A)) throw new InputError(`lattice constant must be a positive number of Å, got ${a_A}`);
  if (lattice === 'fcc') return a_A / (2 * Math.SQRT2);
  if (lattice === 'bcc') return (a_A * Math.sqrt(3)) / 4;
  if (lattice === 'hcp') return a_A / 2;
  throw new InputError(`lattice must be fcc, bcc or hcp, got "${lattice}"`);
}

/**
 * Pauling ratio from the cation radius (e.g. Shannon radius, IONIC_RADII_A) and the measured lattice.
 * @param lattice anion packing
 * @param a_A lattice constant of the anion sublattice (for molecular anions: of their COM lattice)
 * @param cationRadius_A cation radius, Å
 */
export function paulingRatio(lattice: AnionPacking, a_A: number, cationRadius_A: number): PaulingRatioResult {
  if (!(cationRadius_A > 0) || !Number.isFinite(cationRadius_A))
    throw new InputError(`cation radius must be a positive number of Å, got ${cationRadius_A}`);
  const R = hardSphereAnionRadius(lattice, a_A);
  const ratio = cationRadius_A / R;
  let predictedSite: PaulingRatioResult['predictedSite'] = 'linear',
    coordination = 2;
  for (const l of PAULING_LIMITS)
    if (ratio >= l.minRatio) {
      predictedSite = l.site;
      coordination = l.coordination;
    }
  return { lattice, a_A, anionRadius_A: R, cationRadius_A, ratio, predictedSite, coordination };
}

/** Lattice constant from the anion–anion nearest-neighbour distance (e.g. the first RDF peak). */
export function latticeConstantFromNearestNeighbour(lattice: AnionPacking, dnn_A: number): number {
  if (!(dnn_A > 0) || !Number.isFinite(dnn_A)) throw new InputError(`nearest-neighbour distance must be a positive number of Å, got ${dnn_A}`);
  if (lattice === 'fcc') return dnn_A * Math.SQRT2;
  if (lattice === 'bcc') return (2 * dnn_A) / Math.sqrt(3);
  if (lattice === 'hcp') return dnn_A;
  throw new InputError(`lattice must be fcc, bcc or hcp, got "${lattice}"`);
}

/**
 * Pauling ratio from a measured anion–anion RDF: its first peak is the nearest-neighbour distance
 * d_nn of the anion lattice (for molecular anions, the COM–COM RDF), so R₋ = d_nn / 2.
 */
export function paulingRatioFromRdf(
  lattice: AnionPacking,
  anionAnionRdf: { first_peak_A: number | null; pair?: string },
  cationRadius_A: number,
): PaulingRatioResult {
  if (anionAnionRdf.first_peak_A === null) {
    throw new InputError(`the anion–anion RDF${anionAnionRdf.pair ? ` ${anionAnionRdf.pair}` : ''} has no first peak; cannot measure the lattice`);
  }
  return paulingRatio(lattice, latticeConstantFromNearestNeighbour(lattice, anionAnionRdf.first_peak_A), cationRadius_A);
}
