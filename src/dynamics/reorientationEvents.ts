/**
 * Reorientation events of rotors (Li 2025 Fig. 2, threshold 70°): a rotor reorients at frame t when
 * its orientation r̂(t) has moved by more than the threshold angle from its orientation at the last
 * event (at the start, frame 0); r̂(t) then becomes the new reference. The reorientation frequency per
 * rotor is the number of events divided by the observed time (T − 1)Δt, in ns⁻¹.
 *
 * When no rotor reorients, the rate is 0 but the run only says it is below its detection limit:
 * one event in R rotors × (T − 1)Δt would have been a rate of 1/(R·(T − 1)Δt) per rotor.
 * That limit is `rate_upper_bound_per_ns` (null when at least one event was seen).
 */
import { InputError } from '../core/errors.js';
import type { VectorSeries } from './vectorAutocorrelation.js';

export interface ReorientationEvents {
  /** Frame index of each event, per rotor. */
  frames: number[][];
  /** Events per rotor per ns, per rotor. */
  rate_per_ns: Float64Array;
  /** Mean over rotors, ns⁻¹. */
  mean_rate_per_ns: number;
  threshold_deg: number;
  /** Observed time per rotor, fs. */
  duration_fs: number;
  /** Number of events over all rotors. */
  n_events: number;
  /** Number of rotors. */
  n_rotors: number;
  /** With no event: the detection limit 1/(R·duration) per rotor, ns⁻¹ (the rate is below it); null otherwise. */
  rate_upper_bound_per_ns: number | null;
}

/** Detect reorientation events (see file header). */
export function reorientationEvents(orientations: VectorSeries, dt_fs: number, threshold_deg = 70): ReorientationEvents {
  const { values: u, nFrames: T, nItems: R } = orientations;
  if (T < 2 || R < 1) throw new InputError(`reorientation events need ≥ 2 frames and ≥ 1 rotor; got ${T} frames, ${R} rotors`);
  if (!(threshold_deg > 0 && threshold_deg < 180)) throw new InputError(`threshold angle must be in (0°, 180°), got ${threshold_deg}`);
  if (!(dt_fs > 0)) throw new InputError(`time step must be > 0 fs, got ${dt_fs}`);
  const cosT = Math.cos((threshold_deg * Math.PI) / 180);
  const frames: number[][] = [];
  const rate = new Float64Array(R);
  const duration = (T - 1) * dt_fs;
  let total = 0,
    nEvents = 0;
  for (let q = 0; q < R; q++) {
    const ev: number[] = [];
    let rx = u[3 * q],
      ry = u[3 * q + 1],
      rz = u[3 * q + 2];
    for (let f = 1; f < T; f++) {
      const o = f * 3 * R + 3 * q;
      if (u[o] * rx + u[o + 1] * ry + u[o + 2] * rz < cosT) {
        ev.push(f);
        rx = u[o];
        ry = u[o + 1];
        rz = u[o + 2];
      }
    }
    frames.push(ev);
    nEvents += ev.length;
    rate[q] = (ev.length / duration) * 1e6;
    total += rate[q];
  }
  return {
    frames,
    rate_per_ns: rate,
    mean_rate_per_ns: total / R,
    threshold_deg,
    duration_fs: duration,
    n_events: nEvents,
    n_rotors: R,
    rate_upper_bound_per_ns: nEvents === 0 ? 1e6 / (R * duration) : null,
  };
}
