/**
 * The 3D trajectory browser from a notebook: writes the frames as little-endian Float32 to
 * `superionic-frames/traj-<hash>.f32` beside the notebook (the kernel's working directory) and
 * displays the `application/vnd.superionic.trajectory+json` bundle (notebookContract.ts) that
 * points at it. The file is named by its content, so the same frames shown twice, from memory or
 * streamed, reuse one file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../../core/errors.js';
import type { FrameStream } from '../../core/frame.js';
import type { Trajectory } from '../../core/trajectory.js';
import {
  FRAME_FOLDER,
  frameFloat32Bytes,
  frameSnapshotSVG,
  selectedFrames,
  trajectoryBundle,
  trajectoryFileName,
  trajectoryMetadataBundle,
  type TrajectoryDisplayOptions,
} from '../show.js';
import { currentWriter, display, send, shown, track, type DisplayWriter } from './displayChannel.js';

/** What `show.trajectory` wrote: the frame file (relative to the notebook) and its shape. */
export interface TrajectoryShown {
  path: string;
  nAtoms: number;
  nFrames: number;
  bytes: number;
}

/** True for a frame stream (si.openTrajectory) as opposed to an in-memory Trajectory. */
export function isFrameStream(x: unknown): x is FrameStream {
  const r = x as Record<string | symbol, unknown> | null;
  return !!r && typeof r === 'object' && typeof r[Symbol.asyncIterator] === 'function' && !!r.topology && typeof r.framePositions !== 'function';
}

/**
 * The 3D trajectory browser:
 * - an in-memory Trajectory: returns `{path, nAtoms, nFrames, bytes}` at once;
 * - a FrameStream (si.openTrajectory): frames are written one at a time (bounded memory, any size);
 *   returns a promise of the same record. Both give the same file for the same frames.
 */
export function showTrajectory(source: Trajectory, opts?: TrajectoryDisplayOptions): TrajectoryShown;
export function showTrajectory(source: FrameStream, opts?: TrajectoryDisplayOptions): Promise<TrajectoryShown>;
export function showTrajectory(source: Trajectory | FrameStream, opts?: TrajectoryDisplayOptions): TrajectoryShown | Promise<TrajectoryShown>;
export function showTrajectory(source: Trajectory | FrameStream, opts: TrajectoryDisplayOptions = {}): TrajectoryShown | Promise<TrajectoryShown> {
  if (isFrameStream(source)) return track(trajectoryFromStream(source, opts, currentWriter()));
  const traj = source as Trajectory;
  const t = trajectoryBundle(traj, opts);
  writeOnce(resolve(process.cwd(), t.path), (tmp) => writeFileSync(tmp, t.bytes), t.bytes.byteLength);
  display(t.bundle);
  return shown({ path: t.path, nAtoms: traj.nAtoms, nFrames: t.bytes.byteLength / (12 * traj.nAtoms), bytes: t.bytes.byteLength });
}

/** Write a content-named file unless it is already there (same name and size = same content). */
function writeOnce(file: string, write: (tmp: string) => void, size: number): void {
  mkdirSync(dirname(file), { recursive: true });
  try {
    if (statSync(file).size === size) return;
  } catch {
    /* not there yet */
  }
  const tmp = `${file}.${process.pid}.tmp`;
  write(tmp);
  renameSync(tmp, file);
}

async function trajectoryFromStream(stream: FrameStream, o: TrajectoryDisplayOptions, writer: DisplayWriter): Promise<TrajectoryShown> {
  const source = stream.info ? stream.info.source : undefined;
  const { start, end, stride } = selectedFrames(o.frames, Infinity, source);
  const top = stream.topology;
  const n = top.species.length;
  const folder = o.folder || FRAME_FOLDER;
  const dir = resolve(process.cwd(), folder);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.stream-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'w');
  const hash = createHash('sha256');
  const picked: number[] = [];
  const times: number[] = [];
  const cells: number[] = [];
  let timesKnown = true;
  let cellsKnown = true;
  let snapshot: string | null = null;
  let index = -1;
  try {
    for await (const frame of stream) {
      index++;
      if (index >= end) break;
      if (index < start || (index - start) % stride !== 0) continue;
      if (frame.positions.length !== 3 * n) {
        throw new InputError(`has ${frame.positions.length / 3} atoms; expected ${n}`, { file: source, frame: index });
      }
      const bytes = frameFloat32Bytes(frame.positions, o.wrap && frame.cell ? frame.cell : null);
      writeSync(fd, bytes);
      hash.update(bytes);
      if (frame.time_fs === undefined) timesKnown = false;
      else times.push(frame.time_fs);
      if (!frame.cell) cellsKnown = false;
      else for (const v of frame.cell.matrix) cells.push(v);
      if (picked.length === 0 && o.snapshot !== false) {
        snapshot = frameSnapshotSVG(frame.positions, frame.cell ? frame.cell.matrix : null, top, `frame ${index}`, o.title, o);
      }
      picked.push(index);
    }
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  if (picked.length === 0) {
    rmSync(tmp, { force: true });
    throw new InputError(`trajectory display: no frame of the stream is in the selection {start: ${start}, end: ${end}, stride: ${stride}}`, {
      file: source,
    });
  }
  const nFrames = picked.length;
  const rel = trajectoryFileName(n, nFrames, hash.digest('hex'), folder);
  renameSync(tmp, resolve(process.cwd(), rel));
  const dt = stream.info ? stream.info.timestep_fs : undefined;
  const times_fs = timesKnown ? times : dt !== undefined ? picked.map((f) => f * dt) : null;
  const bundle = trajectoryMetadataBundle(
    { path: rel, nAtoms: n, nFrames, symbols: top.symbols, species: top.species, times_fs, cells: cellsKnown ? cells : null },
    o,
    snapshot,
  );
  send(writer, bundle);
  return shown({ path: rel, nAtoms: n, nFrames, bytes: nFrames * 12 * n });
}
