/**
 * `show(x)` and its helpers: the display layer every notebook cell has in scope as `show`.
 * They pick the view by what `x` is — an analysis result (its card and default plot, by its
 * `kind` or its fields: resultCard.ts), a Trajectory or a stream (the 3D browser), a Vega-Lite
 * spec (a plot with a static SVG fallback rendered here with vega), a danfojs DataFrame or named
 * columns (a table), a MIME bundle — and send the bundles of src/display/show.ts through the
 * display channel (displayChannel.ts). No `await` needed in a cell.
 */
import { InputError } from '../../core/errors.js';
import type { FrameStream } from '../../core/frame.js';
import type { Trajectory } from '../../core/trajectory.js';
import { vegaLiteToSVG } from '../render.js';
import { cardBundle, resultCard, type ResultKind } from '../resultCard.js';
import {
  dataFrameBundle,
  isDanfoDataFrame,
  isVegaLiteSpec,
  plotBundle,
  tableBundle,
  vegaLiteBundle,
  type MimeBundle,
  type TableOptions,
  type TrajectoryDisplayOptions,
} from '../show.js';
import { withNumericCategoryOrder } from '../spec.js';
import { currentWriter, display, isShown, send, shown, track } from './displayChannel.js';
import { progress, type Progress, type ProgressOptions } from './progressDisplay.js';
import { isFrameStream, showTrajectory, type TrajectoryShown } from './trajectoryFrames.js';

/** Options of `show(x)` and `show.card(x)`. */
export interface ShowOptions {
  /** Force the result type instead of recognising it by its `kind` or fields. */
  kind?: ResultKind;
  /** Add the default plot after the card (default true). */
  plot?: boolean;
  /** Render the static SVG fallback of the plot (default true). */
  svg?: boolean;
}

type Spec = Record<string, unknown>;

/** Categories such as "0 %, 50 %, 100 %" in numeric order (Vega-Lite sorts them as text). */
function numericOrder(spec: Spec): Spec {
  try {
    return withNumericCategoryOrder(spec);
  } catch {
    return spec;
  }
}

async function withSVG(spec: Spec, build: (svg: string | null) => MimeBundle, opts?: { svg?: boolean }): Promise<MimeBundle> {
  let svg: string | null = null;
  let note: string | null = null;
  if (!opts || opts.svg !== false) {
    try {
      svg = await vegaLiteToSVG(spec);
    } catch (e) {
      note = `(static SVG fallback not rendered: ${e instanceof Error ? e.message : String(e)})`;
    }
  }
  const bundle = build(svg);
  if (note) bundle.data['text/plain'] += ' ' + note;
  return bundle;
}

/**
 * A Vega-Lite v6 spec as a plot: the spec, a static SVG rendered here with vega, and text.
 * Returns a promise of the bundle; the cell does not finish before it is displayed.
 */
export function vegaLite(spec0: Spec, opts?: { svg?: boolean }): Promise<MimeBundle> {
  const spec = numericOrder(spec0);
  const w = currentWriter();
  return track(withSVG(spec, (svg) => vegaLiteBundle(spec, svg), opts).then((b) => send(w, b)));
}

/** An interactive superionic plot (rendered by our extension), with Vega-Lite and SVG fallbacks. */
export function plot(spec0: Spec, title?: string, opts?: { svg?: boolean }): Promise<MimeBundle> {
  const spec = numericOrder(spec0);
  const w = currentWriter();
  return track(withSVG(spec, (svg) => plotBundle(spec, svg, title), opts).then((b) => send(w, b)));
}

/** A table: a danfojs DataFrame or named columns, as an HTML table. */
export function table(x: Record<string, ArrayLike<unknown>> | { columns: string[]; values: unknown[][] }, opts?: TableOptions): MimeBundle {
  const bundle = isDanfoDataFrame(x) ? dataFrameBundle(x, opts) : tableBundle(x as Record<string, ArrayLike<unknown>>, opts);
  return display(bundle);
}

export function html(s: string): MimeBundle {
  return display({ data: { 'text/html': String(s), 'text/plain': String(s).replace(/<[^>]*>/g, '') }, metadata: {} });
}

export function markdown(s: string): MimeBundle {
  return display({ data: { 'text/markdown': String(s), 'text/plain': String(s) }, metadata: {} });
}

export function svg(s: string): MimeBundle {
  return display({ data: { 'image/svg+xml': String(s), 'text/plain': '<SVG image>' }, metadata: {} });
}

/**
 * The card of an analysis result (headline numbers with errors and units, flags in words, an
 * expandable table of its fields) followed by its default plot. Returns the plot's promise (or
 * the card bundle when the result has no plot); null when `value` is not a result we know.
 */
export function card(value: unknown, opts: ShowOptions = {}): Promise<MimeBundle> | MimeBundle | null {
  const c = resultCard(value, opts.kind);
  if (!c) return null;
  const w = currentWriter();
  const b = send(w, cardBundle(c));
  if (!c.plot || opts.plot === false) return b;
  const spec = numericOrder(c.plot as Spec);
  const build = (s: string | null) => (c.interactive ? plotBundle(spec, s) : vegaLiteBundle(spec, s));
  return track(withSVG(spec, build, opts).then((x) => send(w, x)));
}

/**
 * Rich display of a cell's last value, if we know how: an analysis result (card + plot), a
 * Vega-Lite spec, a danfojs DataFrame, an object with `toMimeBundle()`, or a display promise of
 * ours (already shown). Returns true when displayed.
 */
export function auto(value: unknown): boolean {
  if (value === null || value === undefined || typeof value !== 'object') return false;
  if (isShown(value)) return true; // already displayed by a helper
  if (isVegaLiteSpec(value)) {
    vegaLite(value as Spec);
    return true;
  }
  if (isDanfoDataFrame(value)) {
    table(value);
    return true;
  }
  const withBundle = value as { toMimeBundle?: () => MimeBundle | Promise<MimeBundle> };
  if (typeof withBundle.toMimeBundle === 'function') {
    const b = withBundle.toMimeBundle();
    if (b && typeof (b as Promise<MimeBundle>).then === 'function') track((b as Promise<MimeBundle>).then((x) => display(x)));
    else display(b as MimeBundle);
    return true;
  }
  return card(value) !== null;
}

/**
 * `show(x)` displays anything the lab knows, picking the view by what `x` is — no `await` needed:
 * - an analysis result (analyseDiffusion, radialDistribution, sites, jumps, VDOS, rotation, van
 *   Hove, DOAS, an MD run): a card with the headline numbers (± errors, units), flags in words and
 *   an expandable table of all fields, then its default plot (`{kind}` forces the type);
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
  progress(label: string, opts?: ProgressOptions): Progress;
  /** Rich display of a value if we know how (Vega-Lite spec, DataFrame, toMimeBundle()); true if shown. */
  auto(value: unknown): boolean;
}

function showAny(x: unknown, opts?: ShowOptions & TableOptions & TrajectoryDisplayOptions): unknown {
  if (x && typeof x === 'object') {
    const r = x as Record<string, unknown>;
    const traj = typeof r.framePositions === 'function' || isFrameStream(x);
    if (traj && !(opts && opts.kind)) return showTrajectory(x as Trajectory | FrameStream, opts);
    const c = card(x, opts);
    if (c !== null) return c;
    if (isVegaLiteSpec(x)) return vegaLite(x as Spec, opts);
    if (isDanfoDataFrame(x)) return table(x, opts);
    if (r.data && typeof r.data === 'object' && !Array.isArray(r.data)) return display(x as MimeBundle);
    if (typeof r.toMimeBundle === 'function') return auto(x) && shown({});
    const vals = Object.values(r);
    if (vals.length && vals.every((v) => Array.isArray(v) || ArrayBuffer.isView(v))) return table(x as Record<string, ArrayLike<unknown>>, opts);
  }
  if (typeof x === 'string') return markdown(x);
  throw new InputError(
    `show: do not know how to display ${x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x}; ` +
      'expected an analysis result, a Trajectory, a Vega-Lite spec, a table (named columns or a DataFrame) or a MIME bundle',
  );
}

/** The `show` of every notebook cell (see {@link Show}). */
export const show: Show = Object.assign(showAny as Show, {
  display,
  vegaLite,
  plot,
  table,
  html,
  markdown,
  svg,
  trajectory: showTrajectory as Show['trajectory'],
  progress,
  auto,
  card,
});
