/**
 * Unwrapping: continuous ("unwrapped") positions from positions wrapped into the periodic cell,
 * as an MSD needs (METHODS §1: r(t) must not jump by a lattice vector when an ion crosses the
 * cell boundary).
 *
 * Frame to frame with each frame's own cell M_t (rows a, b, c):
 *   r_u(0) = w(0),   r_u(t) = w(t) + n·M_t,   n = round((r_u(t−1) − w(t)) · M_t⁻¹),
 * i.e. the periodic image of w(t) nearest to r_u(t−1) (for strongly skewed cells the 26
 * neighbouring images of that n are also compared, so the nearest image is exact). Correct as
 * long as no atom moves more than half the cell's smallest perpendicular width between frames.
 * When the source has LAMMPS image flags, r_u(t) = w(t) + images(t)·M_t instead (exact for any
 * displacement). Unwrapped input (`info.unwrapped`) is returned unchanged.
 */
import type { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import type { Frame, FrameStream, SourceInfo } from '../core/frame.js';
import { Trajectory } from '../core/trajectory.js';

/**
 * Unwrap one frame in place: `w` (wrapped positions, 3N) becomes continuous with `prev`
 * (the previous unwrapped positions) using the frame's cell (the 26 neighbouring images are
 * compared where Cell says plain rounding is not exact). Returns the number of atoms that were
 * moved by a lattice vector.
 */
export function unwrapFrameNearest(w: Float64Array, prev: ArrayLike<number>, cell: Cell): number {
  const m = cell.matrix,
    inv = cell.inverse,
    skewed = !cell.roundingIsExact;
  let moved = 0;
  for (let i = 0; i < w.length; i += 3) {
    const dx = prev[i] - w[i],
      dy = prev[i + 1] - w[i + 1],
      dz = prev[i + 2] - w[i + 2];
    let na = Math.round(dx * inv[0] + dy * inv[3] + dz * inv[6]);
    let nb = Math.round(dx * inv[1] + dy * inv[4] + dz * inv[7]);
    let nc = Math.round(dx * inv[2] + dy * inv[5] + dz * inv[8]);
    if (skewed) {
      let best = Infinity,
        ba = na,
        bb = nb,
        bc = nc;
      for (let p = -1; p <= 1; p++)
        for (let q = -1; q <= 1; q++)
          for (let s = -1; s <= 1; s++) {
            const a = na + p,
              b = nb + q,
              c = nc + s;
            const rx = dx - (a * m[0] + b * m[3] + c * m[6]);
            const ry = dy - (a * m[1] + b * m[4] + c * m[7]);
            const rz = dz - (a * m[2] + b * m[5] + c * m[8]);
            const d2 = rx * rx + ry * ry + rz * rz;
            if (d2 < best) {
              best = d2;
              ba = a;
              bb = b;
              bc = c;
            }
          }
      na = ba;
      nb = bb;
      nc = bc;
    }
    if (na === 0 && nb === 0 && nc === 0) continue;
    moved++;
    w[i] += na * m[0] + nb * m[3] + nc * m[6];
    w[i + 1] += na * m[1] + nb * m[4] + nc * m[7];
    w[i + 2] += na * m[2] + nb * m[5] + nc * m[8];
  }
  return moved;
}

/**
 * Refuse a displacement between consecutive frames of more than half the cell along any cell
 * vector (|Δf| > ½ in fractional coordinates) in positions a file gives as unwrapped (extxyz,
 * CP2K, LAMMPS xu without image flags): unwrapping wrapped positions by the nearest image could not
 * have produced it, so it means a corrupted frame (or frames too far apart to follow the ions);
 * averaged into an MSD it would pass for fast diffusion. InputError naming file, frame, atom.
 * (Image flags are exact for any displacement and are not checked; wrapped input is unwrapped by
 * the nearest image, which never steps more than half the cell.)
 */
export function checkFrameDisplacement(prev: ArrayLike<number>, cur: ArrayLike<number>, cell: Cell, where: { file?: string; frame?: number }): void {
  const v = cell.inverse;
  for (let i = 0; i < cur.length; i += 3) {
    const dx = cur[i] - prev[i],
      dy = cur[i + 1] - prev[i + 1],
      dz = cur[i + 2] - prev[i + 2];
    const a = dx * v[0] + dy * v[3] + dz * v[6],
      b = dx * v[1] + dy * v[4] + dz * v[7],
      c = dx * v[2] + dy * v[5] + dz * v[8];
    if (a > 0.5 || a < -0.5 || b > 0.5 || b < -0.5 || c > 0.5 || c < -0.5) {
      const d = Math.hypot(dx, dy, dz);
      throw new InputError(
        `atom ${i / 3} of those analysed moves ${d.toPrecision(4)} Å since the previous frame, more than half the cell (fractional step ${[a, b, c].map((x) => x.toFixed(2)).join(', ')}); a corrupted frame, two runs in one file, or frames too far apart to follow the ions. The MSD would count it as diffusion`,
        where,
      );
    }
  }
}

/** Add image-flag lattice translations in place: r += images · M. */
export function applyImageFlags(w: Float64Array, images: ArrayLike<number>, m: ArrayLike<number>): void {
  for (let i = 0; i < w.length; i += 3) {
    const na = images[i],
      nb = images[i + 1],
      nc = images[i + 2];
    w[i] += na * m[0] + nb * m[3] + nc * m[6];
    w[i + 1] += na * m[1] + nb * m[4] + nc * m[7];
    w[i + 2] += na * m[2] + nb * m[5] + nc * m[8];
  }
}

/**
 * Continuous positions for an in-memory trajectory (new Trajectory with `info.unwrapped = true`,
 * image flags dropped). Unwrapped input is returned unchanged. InputError if there is no cell.
 */
export function unwrapTrajectory(traj: Trajectory): Trajectory {
  if (traj.info.unwrapped) {
    if (traj.cells && !traj.images) {
      const n3 = 3 * traj.nAtoms;
      for (let f = 1; f < traj.nFrames; f++) {
        checkFrameDisplacement(traj.positions.subarray((f - 1) * n3, f * n3), traj.positions.subarray(f * n3, (f + 1) * n3), traj.cell(f), {
          file: traj.info.source,
          frame: f,
        });
      }
    }
    return traj;
  }
  if (!traj.cells)
    throw new InputError('cannot unwrap: the trajectory has no periodic cell; expected a cell (Lattice=, a cell option or a .cell file)', {
      file: traj.info.source,
    });
  const n3 = 3 * traj.nAtoms,
    nf = traj.nFrames;
  const out = new Float64Array(traj.positions);
  for (let f = 0; f < nf; f++) {
    const cell = traj.cell(f); // validates the cell (singular → InputError naming the frame)
    const cur = out.subarray(f * n3, (f + 1) * n3);
    if (traj.images) applyImageFlags(cur, traj.images.subarray(f * n3, (f + 1) * n3), cell.matrix);
    else if (f > 0) unwrapFrameNearest(cur, out.subarray((f - 1) * n3, f * n3), cell);
  }
  return new Trajectory({
    topology: traj.topology,
    nFrames: nf,
    positions: out,
    cells: traj.cells,
    times_fs: traj.times_fs,
    velocities: traj.velocities,
    forces: traj.forces,
    energies: traj.energies,
    frameEnergies_eV: traj.frameEnergies_eV,
    info: { ...traj.info, unwrapped: true },
  });
}

/** An unwrapped stream passed through, with consecutive frames checked by {@link checkFrameDisplacement}. */
function checkedStream(stream: FrameStream): FrameStream {
  async function* gen(): AsyncGenerator<Frame> {
    let prev: Float64Array | null = null;
    for await (const fr of stream) {
      if (fr.cell && prev && !fr.images) checkFrameDisplacement(prev, fr.positions, fr.cell, { file: stream.info.source, frame: fr.index });
      prev = fr.positions;
      yield fr;
    }
  }
  return { topology: stream.topology, info: stream.info, [Symbol.asyncIterator]: () => gen() };
}

/**
 * Unwrap a frame stream on the fly (bounded memory: keeps one previous frame). Frames are
 * modified copies; image flags are used when a frame has them. Unwrapped streams pass through,
 * also from the frame on which the source finds out that it is unwrapped (extxyz sets
 * `info.unwrapped` once positions span more than one cell) provided no atom has been moved by a
 * lattice vector so far (then the unwrapped frames equal the source's frames and nothing changes).
 */
export function unwrapStream(stream: FrameStream): FrameStream {
  if (stream.info.unwrapped) return checkedStream(stream);
  const info = { ...stream.info, unwrapped: true };
  async function* gen(): AsyncGenerator<Frame> {
    const unwrapper = new FrameUnwrapper(stream.info);
    for await (const fr of stream) yield unwrapper.next(fr);
  }
  return { topology: stream.topology, info, [Symbol.asyncIterator]: () => gen() };
}

/**
 * The frame-by-frame step of {@link unwrapStream} for a pass that also feeds wrapped frames to other
 * analyses (`analyse`): give it each frame of a wrapped source in order; it returns the continuous
 * frame (a modified copy, or the frame itself once the source turns out to be unwrapped). `info` is
 * the source's live info (extxyz sets `unwrapped` mid-stream). Keeps one previous frame.
 */
export class FrameUnwrapper {
  private prev: Float64Array | null = null;
  private shifted = false;
  private passThrough = false;
  constructor(private readonly info: SourceInfo) {}

  next(fr: Frame): Frame {
    const prev = this.prev;
    if (this.passThrough) {
      if (fr.cell && prev) checkFrameDisplacement(prev, fr.positions, fr.cell, { file: this.info.source, frame: fr.index });
      this.prev = fr.positions;
      return fr;
    }
    if (!fr.cell) throw new InputError('cannot unwrap: frame has no periodic cell', { file: this.info.source, frame: fr.index });
    if (!fr.images && !this.shifted && this.info.unwrapped) {
      this.passThrough = true;
      if (prev) checkFrameDisplacement(prev, fr.positions, fr.cell, { file: this.info.source, frame: fr.index });
      this.prev = fr.positions;
      return fr;
    }
    const cur = Float64Array.from(fr.positions);
    if (fr.images) {
      applyImageFlags(cur, fr.images, fr.cell.matrix);
      this.shifted = true;
    } else if (prev && unwrapFrameNearest(cur, prev, fr.cell) > 0) this.shifted = true;
    this.prev = cur;
    const { images: _drop, ...rest } = fr;
    return { ...rest, positions: cur };
  }
}
