/**
 * Default progress for long runs. A notebook kernel installs a factory (the superionic kernel
 * installs `show.progress`, one output updated in place); scripts and the CLI install none, so
 * the library stays silent there. Long operations (an MD run, a pass over the frames) that were
 * given no `onProgress` of their own ask for a reporter with {@link defaultProgress}; it appears
 * only once the operation has run for `after_ms` (default 2 s), so quick calls add no output.
 */

/** Where progress goes: a count out of a total (when known), with a note. */
export interface ProgressReporter {
  update(done: number, total?: number | null, note?: string): void;
  done(note?: string): void;
}

/** Makes a reporter for an operation named `label` with `total` steps (null when unknown). */
export type ProgressFactory = (label: string, total: number | null) => ProgressReporter;

let factory: ProgressFactory | null = null;

/** Install (or with null remove) the factory of default progress displays. Returns the previous one. */
export function setDefaultProgress(f: ProgressFactory | null): ProgressFactory | null {
  const prev = factory;
  factory = f;
  return prev;
}

/**
 * A reporter for a long operation that was given no progress callback: null when no factory is
 * installed; otherwise one that creates the display only after `after_ms` of running.
 */
export function defaultProgress(label: string, total: number | null, after_ms = 2000): ProgressReporter | null {
  const make = factory;
  if (!make) return null;
  const t0 = Date.now();
  let real: ProgressReporter | null = null;
  return {
    update(done, newTotal, note) {
      if (!real) {
        if (Date.now() - t0 < after_ms) return;
        real = make(label, newTotal ?? total);
      }
      real.update(done, newTotal ?? total, note);
    },
    done(note) {
      real?.done(note);
    },
  };
}
