/**
 * Look at the first frame of a stream without losing it: set-ups that need the first frame before the
 * analyses exist (site networks matched to the hosts, polyanions found as bonded clusters) read it,
 * then iterate the returned stream, which yields that frame again followed by the rest. The first
 * frame is copied (streaming readers reuse their arrays); nothing else is held.
 */
import { InputError } from './errors.js';
import type { Frame, FrameStream } from './frame.js';

/** A deep copy of a frame (typed arrays copied; the cell is immutable and shared). */
export function copyFrame(frame: Frame): Frame {
  const out: Frame = { ...frame, positions: frame.positions.slice() };
  for (const k of ['velocities', 'forces', 'energies', 'charges', 'images'] as const) {
    const a = frame[k];
    if (a) (out as unknown as Record<string, unknown>)[k] = a.slice();
  }
  if (frame.properties) out.properties = Object.fromEntries(Object.entries(frame.properties).map(([k, v]) => [k, v.slice()]));
  return out;
}

/**
 * The first frame of `stream` (a copy) and a stream that yields it again and then the remaining frames.
 * Throws an InputError when the stream has no frame. Iterate the returned stream once, and not the original.
 */
export async function peekFirstFrame(stream: FrameStream): Promise<{ first: Frame; stream: FrameStream }> {
  const it = stream[Symbol.asyncIterator]();
  const r = await it.next();
  if (r.done) throw new InputError('the trajectory has no frames', { file: stream.info.source });
  const first = copyFrame(r.value);
  let replayed = false;
  const rest: FrameStream = {
    topology: stream.topology,
    get info() {
      return stream.info;
    },
    async *[Symbol.asyncIterator]() {
      if (replayed) throw new Error('peekFirstFrame: the stream can be iterated only once');
      replayed = true;
      let done = false;
      try {
        yield first;
        for (let n = await it.next(); !(done = !!n.done); n = await it.next()) yield n.value;
      } finally {
        if (!done) await it.return?.(); // the consumer stopped early: let the reader close its file
      }
    },
  };
  return { first, stream: rest };
}
