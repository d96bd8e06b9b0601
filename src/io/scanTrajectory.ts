/**
 * A quick survey of a trajectory file (what `superionic info` prints): format, frame count,
 * atoms per species, the first frame's cell, which per-atom quantities it carries, and the frame
 * interval. Only the first frame's atoms are parsed; later frames are skipped by their headers,
 * so a large file is surveyed at close to disk speed.
 */
import type { SourceInfo } from '../core/frame.js';
import { speciesCounts, Topology } from '../core/topology.js';
import type { Mat3 } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import { GzipStreamError } from './byteLineReader.js';
import { checkOptions, checkOptionsApply, openReader } from './openTrajectory.js';
import type { ReadOptions, TrajectoryFormat } from './readOptions.js';
import { sniffFormat } from './sniffFormat.js';
import { emitReadWarning, timestepDisagreement } from './timestepWarning.js';
import { type ByteInput, sourceName } from './byteSource.js';

export interface TrajectorySurvey {
  file: string;
  format: TrajectoryFormat;
  frames: number;
  atoms: number;
  species: Record<string, number>;
  /** Frame interval in fs: from the user (timestep_fs), else from evenly spaced file times; null if unknown. */
  time_step_fs: number | null;
  /** Why time_step_fs is null (or where it came from). */
  time_step_source: string;
  /** First frame's cell (rows a, b, c, Å), null if non-periodic. */
  cell: Mat3 | null;
  has: { velocities: boolean; forces: boolean; energies: boolean; times: boolean; images: boolean };
  /** True/false when the format says so (LAMMPS xu vs x, XDATCAR wrapped); null when only the positions could tell. */
  unwrapped: boolean | null;
  topology: Topology;
  info: SourceInfo;
}

/** Survey a trajectory file, by its path or from its bytes `{bytes, name}` (see {@link TrajectorySurvey}). */
export async function scanTrajectory(input: ByteInput, opts: ReadOptions = {}): Promise<TrajectorySurvey> {
  const path = sourceName(input);
  checkOptions(path, opts);
  const format = opts.format ?? (await sniffFormat(input));
  checkOptionsApply(path, format, opts);
  const reader = await openReader(format, input, opts);
  let n = 0; // frames read whole so far
  try {
    reader.setSelection(null);
    const first = await reader.readFrame(0);
    if (!first) throw new InputError('no frames found; expected at least one', { file: path });
    const times: number[] = [];
    let allTimes = first.time_fs !== undefined;
    if (allTimes) times.push(first.time_fs!);
    n = 1;
    for (;;) {
      const s = await reader.skipFrame(n);
      if (!s) break;
      if (s.time_fs === undefined) allTimes = false;
      else if (allTimes) times.push(s.time_fs);
      n++;
    }
    let dt: number | null = null,
      source: string;
    if (opts.timestep_fs !== undefined) {
      dt = opts.timestep_fs;
      source = 'given by the user';
      const m = allTimes && n >= 2 ? timestepDisagreement(path, dt, times[0], times[1]) : null;
      if (m) {
        emitReadWarning(m, opts.onWarning);
        source += ", overriding the file's frame times";
      }
    } else if (allTimes && n >= 2) {
      const mean = (times[n - 1] - times[0]) / (n - 1);
      const even = times.every((t, k) => k === 0 || Math.abs(t - times[k - 1] - mean) <= 1e-6 * Math.abs(mean) + 1e-9);
      if (even && mean > 0) {
        dt = mean;
        source = 'from the frame times in the file';
      } else source = 'frame times in the file are not evenly spaced';
    } else source = n < 2 ? 'only one frame' : 'the file has no frame times; give the frame interval (--dt)';
    const unwrapped =
      format === 'xdatcar' || format === 'poscar' || format === 'lammps-dump' ? reader.info.unwrapped : first.cell === null ? true : null;
    return {
      file: path,
      format,
      frames: n,
      atoms: reader.topology.species.length,
      species: speciesCounts(reader.topology),
      time_step_fs: dt,
      time_step_source: source,
      cell: first.cell ? first.cell.toArray() : null,
      has: { velocities: !!first.velocities, forces: !!first.forces, energies: !!first.energies, times: allTimes, images: !!first.images },
      unwrapped,
      topology: reader.topology,
      info: reader.info,
    };
  } catch (e) {
    // A truncated gzip file: frames 0 … n−1 were read whole.
    if (e instanceof GzipStreamError) throw e.atFrame(n, n > 0 ? reader.frameLabel?.(n - 1) : undefined);
    throw e;
  } finally {
    await reader.close();
  }
}
