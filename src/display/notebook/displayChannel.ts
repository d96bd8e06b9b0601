/**
 * The display channel of a notebook: where the display helpers send their MIME bundles.
 *
 * A kernel adapter (kernel/show.js for tslab) installs the source of the current cell's writer
 * with {@link setDisplayWriterSource}. The writer is captured synchronously when a helper is
 * called, so an asynchronous render (the SVG fallback of a plot) still lands in its own cell;
 * {@link flush} waits for every pending display, and the kernel awaits it before it reports the
 * cell finished. Outside a kernel (plain node, tests) the helpers print the `text/plain` part and
 * return the bundle, so notebook code also runs as a script.
 */
import type { MimeBundle } from '../show.js';

/** A Jupyter `display_data` content, sent as `update_display_data` when `update` is true. */
export interface DisplayMessage {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  /** `{display_id}` for a display updated in place (progress), else empty. */
  transient: { display_id?: string };
}

/** Sends one display message to the front end. */
export type DisplayWriter = (msg: DisplayMessage, update: boolean) => void;

let writerSource: () => DisplayWriter | null | undefined = () => null;

/** Install where the current cell's writer comes from (null: print text/plain to stdout). Returns the previous source. */
export function setDisplayWriterSource(source: (() => DisplayWriter | null | undefined) | null): () => DisplayWriter | null | undefined {
  const prev = writerSource;
  writerSource = source ?? (() => null);
  return prev;
}

/** The display writer of the current cell, or a console fallback outside a kernel. */
export function currentWriter(): DisplayWriter {
  let w: DisplayWriter | null | undefined = null;
  try {
    w = writerSource();
  } catch {
    w = null;
  }
  if (w) return w;
  return (msg) => {
    const text = msg.data && msg.data['text/plain'];
    if (text !== undefined) process.stdout.write(String(text) + '\n');
  };
}

/** Marks values returned by the helpers: as a cell's last value they print nothing more. */
export const SHOWN = Symbol.for('superionic.shown');

/** Mark `x` as already displayed (see {@link SHOWN}). */
export function shown<T extends object>(x: T): T {
  Object.defineProperty(x, SHOWN, { value: true, enumerable: false });
  return x;
}

/** True when `x` was returned by a display helper (already displayed). */
export function isShown(x: unknown): boolean {
  return !!x && typeof x === 'object' && (x as Record<symbol, unknown>)[SHOWN] === true;
}

/** Send `bundle` through `writer` (with a display id: one output updated in place). */
export function send(writer: DisplayWriter, bundle: MimeBundle, displayId?: string, update?: boolean): MimeBundle {
  writer({ data: bundle.data, metadata: bundle.metadata || {}, transient: displayId ? { display_id: displayId } : {} }, !!update);
  return shown(bundle);
}

/** Display a bundle `{data, metadata}` as it is. */
export function display(bundle: MimeBundle): MimeBundle {
  return send(currentWriter(), bundle);
}

/** Displays whose bundle is still being rendered; the kernel awaits them (flush) before execute_reply. */
export const pending = new Set<Promise<unknown>>();

/** Register a display still being rendered; the promise is marked shown (a cell's last value prints nothing more). */
export function track<T>(promise: Promise<T>): Promise<T> {
  pending.add(promise);
  const done = () => pending.delete(promise);
  promise.then(done, done);
  return shown(promise);
}

/** Wait until every pending display has been sent. */
export async function flush(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}
