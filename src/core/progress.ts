/**
 * Default progress for long runs. A notebook kernel installs a factory (the superionic kernel
 * installs `show.progress`, one output updated in place); scripts and the CLI install none, so
 * the library stays silent there. Long operations (an MD run, a pass over the frames) that were
 * given no `onProgress` of their own ask for a reporter with {@link defaultProgress}; it appears
 * only once the operation has run for `after_ms` (default 2 s), so quick calls add no output.
 * A progress display never stops the work it reports on: if the display fails (a kernel whose
 * output channel is busy or gone), the error is dropped and the display goes quiet.
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
  let real: ProgressReporter | null = null,
    broken = false;
  const guard = (f: () => void) => {
    if (broken) return;
    try {
      f();
    } catch {
      broken = true;
    } // a failing display must not fail the simulation or analysis
  };
  return {
    update(done, newTotal, note) {
      if (!real && Date.now() - t0 < after_ms) return;
      guard(() => {
        real ??= make(label, newTotal ?? total);
        real.update(done, newTotal ?? total, note);
      });
    },
    done(note) {
      if (real) guard(() => real!.done(note));
    },
  };
}
