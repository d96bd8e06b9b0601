/**
 * The interval between stored frames, in fs — one rule for every analysis that needs time.
 *
 * The user's value wins; else the source's frame times, which must increase evenly (every interval equal
 * to the first one, frames 0 → 1, to 1e-6 relative); else the source's own time step. Nothing is
 * guessed: with none of these an InputError asks for --dt. A time that goes backwards (frames out of
 * order, or a restarted run appended with overlapping times) is named as such at the frame where it happens.
 */
import { InputError } from './errors.js';
import type { SourceInfo } from './frame.js';

/** Frame intervals accepted, fs: 1 as to 100 ns (the same bounds as src/io/plausibleInput.ts). */
export const FRAME_INTERVAL_RANGE_FS: [number, number] = [1e-3, 1e8];

function checkInterval(dt: number, what: string, where: { file?: string }): number {
  if (!(Number.isFinite(dt) && dt > 0)) throw new InputError(`${what} must be a positive number of fs, got ${dt}`, where);
  const [lo, hi] = FRAME_INTERVAL_RANGE_FS;
  if (dt < lo || dt > hi)
    throw new InputError(`${what} ${dt} fs is outside [${lo}, ${hi}] fs; expected an MD frame interval in fs (not ps or s)`, where);
  return dt;
}

/**
 * @param times_fs frame times from the source (null/undefined if it has none)
 * @param info the source (file name for messages, its `timestep_fs` if known)
 * @param userDt_fs the interval the user gave (--dt), fs
 */
export function frameInterval(times_fs: ArrayLike<number> | null | undefined, info: SourceInfo, userDt_fs?: number): number {
  const where = { file: info.source };
  if (userDt_fs !== undefined) {
    return checkInterval(userDt_fs, 'time step (--dt)', where);
  }
  const t = times_fs;
  if (t && t.length >= 2) {
    const dt0 = t[1] - t[0];
    for (let f = 1; f < t.length; f++) {
      const d = t[f] - t[f - 1];
      if (!(d > 0)) {
        throw new InputError(
          `Time = ${t[f]} fs is not after frame ${f - 1} (${t[f - 1]} fs); frames out of order or a restart appended? Remove the overlap, or give --dt to ignore the file's times`,
          { ...where, frame: f },
        );
      }
      if (Math.abs(d - dt0) > 1e-6 * dt0 + 1e-9) {
        throw new InputError(
          `frame times are not evenly spaced: Time = ${t[f]} fs is ${d} fs after frame ${f - 1} (${t[f - 1]} fs), but frames 0 → 1 are ${dt0} fs apart; give --dt or resample`,
          { ...where, frame: f },
        );
      }
    }
    return checkInterval((t[t.length - 1] - t[0]) / (t.length - 1), "interval between the file's frame times", where);
  }
  if (info.timestep_fs !== undefined && info.timestep_fs > 0) return checkInterval(info.timestep_fs, 'time step', where);
  throw new InputError('time step missing: the file gives no frame times; pass the frame interval in fs (--dt)', where);
}
