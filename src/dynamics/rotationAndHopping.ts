/**
 * Anion reorientation beside cation hopping, one call (Li 2025 Fig. 2; Kweon 2017 Fig. 7): the
 * anion rotation analysis (anionRotation.ts) with its `hop_per_ns` filled from the cation
 * site-to-site jumps (hopFrequency.ts), and the ratio ν_reor / ν_hop (rotor reorientations per ns
 * per rotor over cation hops per ns per cation; null with a reason when no cation hopped). With no
 * reorientation event the ratio is 0 and its detection limit is given as an upper bound.
 */
import type { Trajectory } from '../core/trajectory.js';
import { anionRotation, AnionRotationOptions, AnionRotationResult } from './anionRotation.js';
import { cationHopFrequency, CationHopOptions, CationHopResult } from './hopFrequency.js';
import { withKind } from '../core/resultKind.js';

export interface RotationAndHoppingResult {
  /** What this result is ('rotation-hopping'): `show(result)` draws its card and plot by it. Non-enumerable: not in JSON or spreads (core/resultKind.ts). */
  readonly kind?: 'rotation-hopping';
  rotation: AnionRotationResult;
  hopping: CationHopResult;
  /** ν_reor / ν_hop, or null when there were no hops. */
  reorientation_to_hop_ratio: number | null;
  /** With no reorientation event (and some hops): the detection limit of ν_reor over ν_hop (the ratio is below it); else null. */
  reorientation_to_hop_ratio_upper_bound: number | null;
  ratio_reason?: string;
}

/** Anion rotation with the cation hop frequency from the site jumps. */
export async function anionRotationWithHopping(
  traj: Trajectory,
  rotation: Omit<AnionRotationOptions, 'hop_per_ns' | 'hop_reason'>,
  hopping: CationHopOptions,
): Promise<RotationAndHoppingResult> {
  const hop = await cationHopFrequency(traj, { dt_fs: rotation.dt_fs, ...hopping });
  const rot = anionRotation(traj, { ...rotation, hop_per_ns: hop.hop_per_ns });
  const bound = rot.reorientation_per_ns_upper_bound;
  const out: RotationAndHoppingResult = {
    rotation: rot,
    hopping: hop,
    reorientation_to_hop_ratio: hop.hop_per_ns > 0 ? rot.reorientation_per_ns / hop.hop_per_ns : null,
    reorientation_to_hop_ratio_upper_bound: hop.hop_per_ns > 0 && bound !== null ? bound / hop.hop_per_ns : null,
  };
  if (out.reorientation_to_hop_ratio === null) out.ratio_reason = 'no cation hop in the run: the ratio is undefined';
  return withKind(out, 'rotation-hopping');
}
