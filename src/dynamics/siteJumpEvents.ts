/**
 * Adapter from the sites area's jump records (src/sites/siteJumps.ts: t_fs, ion, site indices and
 * the centres of the old and new site, the new one as the image nearest the old) to the
 * `JumpEvent {t_fs, ion, from, to}` of the jump-correlation analysis (Wood 2021 Fig. 6), where
 * from/to are positions in Å. A jump vector is then to − from = the site-to-site vector.
 */
import { InputError } from '../core/errors.js';
import type { Cell } from '../core/cell.js';
import type { SiteJumpEvent, SiteJumpResult } from '../sites/siteJumps.js';
import { jumpCorrelation, JumpCorrelationOptions, JumpCorrelationResult, JumpEvent } from './jumpCorrelation.js';

/** Site jumps → jump events with positions (site centres, Å). */
export function jumpEventsFromSiteJumps(jumps: SiteJumpResult | SiteJumpEvent[]): JumpEvent[] {
  const list = Array.isArray(jumps) ? jumps : jumps.jumps;
  return list.map((j, k) => {
    if (!j.fromCentre_A || !j.toCentre_A) throw new InputError(`site jump ${k} (ion ${j.ion} at ${j.t_fs} fs) has no site centres`);
    return {
      t_fs: j.t_fs,
      ion: j.ion,
      from: [j.fromCentre_A[0], j.fromCentre_A[1], j.fromCentre_A[2]],
      to: [j.toCentre_A[0], j.toCentre_A[1], j.toCentre_A[2]],
    };
  });
}

/**
 * Jump–jump correlation g(Δt, r) and jump-vector angles straight from a site-jump analysis: the run
 * duration comes from the analysis, the cell is the caller's (e.g. `traj.cell(0)`).
 */
export function siteJumpCorrelation(
  jumps: SiteJumpResult,
  cell: Cell,
  opts: Omit<JumpCorrelationOptions, 'duration_fs' | 'cell'> = {},
): JumpCorrelationResult {
  return jumpCorrelation(jumpEventsFromSiteJumps(jumps), { ...opts, duration_fs: jumps.duration_fs, cell });
}
