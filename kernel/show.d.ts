/**
 * Types of the display helpers (kernel/show.js) that every cell of the superionic kernel has
 * in scope as `show`. Kept to TypeScript 5.0 syntax (tslab compiles cells with TS 5.0.4).
 */
import type { FrameStream } from '../dist/core/frame.js';
import type { Trajectory } from '../dist/core/trajectory.js';
import type { MimeBundle, TableOptions, TrajectoryDisplayOptions } from '../dist/display/show.js';
import type { ResultKind } from '../dist/display/resultCard.js';

/** What `show.trajectory` wrote: the frame file (relative to the notebook) and its shape. */
export interface TrajectoryShown {
  path: string;
  nAtoms: number;
  nFrames: number;
  bytes: number;
}

export interface Progress {
  readonly displayId: string;
  /** Set the count (and optionally the total and a note); throttled. */
  update(done: number, total?: number | null, note?: string): void;
  /** Pass as `onProgress` to readers (`{frames, bytes, totalBytes}`) and analyses (`{done, total}`). */
  onProgress(ev: { frames?: number; bytes?: number; totalBytes?: number; done?: number; total?: number; note?: string }): void;
  /** Show the final state. */
  done(note?: string): void;
}

/** Options of `show(x)` and `show.card(x)`. */
export interface ShowOptions {
  /** Force the result type instead of recognising it by its fields. */
  kind?: ResultKind;
  /** Add the default plot after the card (default true). */
  plot?: boolean;
  /** Render the static SVG fallback of the plot (default true). */
  svg?: boolean;
}

/**
 * `show(x)` displays anything the lab knows, picking the view by what `x` is — no `await` needed:
 * - an analysis result (analyseDiffusion, radialDistribution, sites, jumps, VDOS, rotation, van
 *   Hove, DOAS, an MD run): a card with the headline numbers (± errors, units), flags in words and
 *   an expandable table of all fields, then its default plot;
 * - a Trajectory or a stream (`si.openTrajectory`): the 3D trajectory browser;
 * - a Vega-Lite spec: the plot; named columns or a danfojs DataFrame: a table; a MIME bundle as is.
 * A cell's last value that is a result shows the same card by itself.
 */
export interface Show {
  (x: Trajectory, opts?: TrajectoryDisplayOptions): TrajectoryShown;
  (x: FrameStream, opts?: TrajectoryDisplayOptions): Promise<TrajectoryShown>;
  (x: unknown, opts?: ShowOptions & TableOptions): unknown;
  /** The card (headline numbers, flags, expandable fields) and default plot of an analysis result; null if `x` is not one. */
  card(x: unknown, opts?: ShowOptions): Promise<MimeBundle> | MimeBundle | null;
  /** Display a MIME bundle as it is. */
  display(bundle: MimeBundle): MimeBundle;
  /** Vega-Lite v6 plot with a static SVG fallback (rendered with vega) and text. */
  vegaLite(spec: Record<string, unknown>, opts?: { svg?: boolean }): Promise<MimeBundle>;
  /** Interactive superionic plot (our extension) with Vega-Lite + SVG fallbacks. */
  plot(spec: Record<string, unknown>, title?: string, opts?: { svg?: boolean }): Promise<MimeBundle>;
  /** A danfojs DataFrame or named columns as an HTML table. */
  table(x: Record<string, ArrayLike<unknown>> | { columns: string[]; values: unknown[][] }, opts?: TableOptions): MimeBundle;
  html(s: string): MimeBundle;
  markdown(s: string): MimeBundle;
  svg(s: string): MimeBundle;
  /** The 3D trajectory browser (frames written as Float32 to superionic-frames/ beside the notebook; git-ignored). */
  trajectory(traj: Trajectory, opts?: TrajectoryDisplayOptions): TrajectoryShown;
  /** The same from a stream (si.openTrajectory): frames written one at a time, bounded memory. */
  trajectory(stream: FrameStream, opts?: TrajectoryDisplayOptions): Promise<TrajectoryShown>;
  /** A progress display that updates one output in place. */
  progress(label: string, opts?: { total?: number; every_ms?: number; unit?: string }): Progress;
  /** Rich display of a value if we know how (Vega-Lite spec, DataFrame, toMimeBundle()); true if shown. */
  auto(value: unknown): boolean;
}

export declare const show: Show;
export declare function flush(): Promise<void>;
