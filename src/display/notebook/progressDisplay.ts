/**
 * A progress display that updates ONE notebook output in place (display_id + update_display_data).
 */
import { randomBytes } from 'node:crypto';
import { progressBundle } from '../show.js';
import { currentWriter, send, shown } from './displayChannel.js';

/** What the readers' (`{frames, bytes, totalBytes}`) and analyses' (`{done, total}`) onProgress callbacks pass. */
export interface ProgressEvent {
  frames?: number;
  bytes?: number;
  totalBytes?: number;
  done?: number;
  total?: number | null;
  note?: string;
}

/** A progress display: see {@link progress}. */
export interface Progress {
  readonly displayId: string;
  /** Set the count (and optionally the total and a note); throttled. */
  update(done: number, total?: number | null, note?: string): void;
  /** Pass as `onProgress` to readers (`{frames, bytes, totalBytes}`) and analyses (`{done, total}`). */
  onProgress(ev: ProgressEvent): void;
  /** Show the final state. */
  done(note?: string): void;
}

/** Options of {@link progress}. */
export interface ProgressOptions {
  /** The count at completion, if known. */
  total?: number;
  /** At most one update per this many ms (default 250). */
  every_ms?: number;
  /** Unit of the count ("frames", "MB"). */
  unit?: string;
}

/**
 * A progress display: `p.update(done, total?, note?)`, `p.onProgress` (for the readers' and
 * analyses' onProgress callbacks), `p.done(note?)`. Updates are throttled to one per `every_ms`.
 * A display message that cannot be sent is dropped (the next update or `done` sends the state
 * again): a progress display never throws into the computation it reports on.
 */
export function progress(label: string, opts: ProgressOptions = {}): Progress {
  const w = currentWriter();
  const id = `superionic-progress-${randomBytes(6).toString('hex')}`;
  const every = opts.every_ms === undefined ? 250 : opts.every_ms;
  let total: number | null = opts.total === undefined ? null : opts.total;
  let unit = opts.unit;
  let last = 0;
  let count = 0;
  const trySend = (bundle: ReturnType<typeof progressBundle>, update: boolean) => {
    try {
      send(w, bundle, id, update);
    } catch {
      /* output channel busy or gone: drop this state */
    }
  };
  trySend(progressBundle(label, 0, total, undefined, unit), false);
  const p: Progress = {
    displayId: id,
    update(done, newTotal, note) {
      count = done;
      if (newTotal !== undefined && newTotal !== null) total = newTotal;
      const now = Date.now();
      if (now - last < every) return;
      last = now;
      trySend(progressBundle(label, done, total, note, unit), true);
    },
    onProgress(ev) {
      if (ev && typeof ev.done === 'number') p.update(ev.done, ev.total, ev.note);
      else if (ev && typeof ev.bytes === 'number' && ev.totalBytes) {
        unit = 'MB';
        const mb = (b: number) => Math.round(b / 1e5) / 10;
        p.update(mb(ev.bytes), mb(ev.totalBytes), `${ev.frames} frames`);
      } else if (ev && typeof ev.frames === 'number') {
        unit = 'frames';
        p.update(ev.frames);
      }
    },
    done(note) {
      const final = total === null ? count : total;
      trySend(progressBundle(label, final, final, note || 'done', unit), true);
    },
  };
  p.onProgress = p.onProgress.bind(p);
  return shown(p);
}
