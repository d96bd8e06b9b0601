'use strict';
/**
 * Display helpers of the superionic notebook kernel: `show` is in scope in every cell.
 *
 * They send multi-MIME bundles (built by the library, src/display/show.ts) through tslab's
 * display channel, `require("tslab/dist/jupyter").lastWriteDisplayData`, which tslab points at
 * the output of the cell being executed. The writer is captured synchronously when a helper is
 * called, so an asynchronous render (the SVG fallback of a plot) still lands in its own cell;
 * the kernel (launch.js) waits for every pending display before it reports the cell finished.
 *
 * Outside the kernel (plain node, tests) the helpers print the text/plain part and return the
 * bundle, so notebook code also runs as a script.
 */
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const root = path.resolve(__dirname, '..');
const lib = require(path.join(root, 'dist', 'display', 'show.js'));
const { vegaLiteToSVG } = require(path.join(root, 'dist', 'display', 'render.js'));

/** Categories such as "0 %, 50 %, 100 %" in numeric order (Vega-Lite sorts them as text). */
function numericOrder(spec) {
  try {
    return require(path.join(root, 'dist', 'display', 'spec.js')).withNumericCategoryOrder(spec);
  } catch (_) {
    return spec;
  }
}

/** Displays whose bundle is still being rendered. launch.js awaits them before execute_reply. */
const pending = new Set();

function track(promise) {
  pending.add(promise);
  const done = () => pending.delete(promise);
  promise.then(done, done);
  // A cell ending with `show.vegaLite(spec)` (not awaited) must not also print `Promise { <pending> }`.
  return shown(promise);
}

/** Wait until every pending display has been sent. */
async function flush() {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}

/** The display writer of the current cell, or a console fallback outside the kernel. */
function currentWriter() {
  let w = null;
  try {
    w = require('tslab/dist/jupyter').lastWriteDisplayData;
  } catch (_) {
    w = null;
  }
  if (w) return w;
  return (msg) => {
    const text = msg.data && msg.data['text/plain'];
    if (text !== undefined) process.stdout.write(String(text) + '\n');
  };
}

/** Marks values returned by the helpers: as a cell's last value they print nothing more. */
const SHOWN = Symbol.for('superionic.shown');

function shown(x) {
  Object.defineProperty(x, SHOWN, { value: true, enumerable: false });
  return x;
}

function send(writer, bundle, displayId, update) {
  writer({ data: bundle.data, metadata: bundle.metadata || {}, transient: displayId ? { display_id: displayId } : {} }, !!update);
  return shown(bundle);
}

/** Display a bundle `{data, metadata}` as it is. */
function display(bundle) {
  return send(currentWriter(), bundle);
}

async function withSVG(spec, build, opts) {
  let svg = null;
  let note = null;
  if (!opts || opts.svg !== false) {
    try {
      svg = await vegaLiteToSVG(spec);
    } catch (e) {
      note = `(static SVG fallback not rendered: ${e && e.message ? e.message : e})`;
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
function vegaLite(spec0, opts) {
  const spec = numericOrder(spec0);
  const w = currentWriter();
  return track(withSVG(spec, (svg) => lib.vegaLiteBundle(spec, svg), opts).then((b) => send(w, b)));
}

/** An interactive superionic plot (rendered by our extension), with Vega-Lite and SVG fallbacks. */
function plot(spec0, title, opts) {
  const spec = numericOrder(spec0);
  const w = currentWriter();
  return track(withSVG(spec, (svg) => lib.plotBundle(spec, svg, title), opts).then((b) => send(w, b)));
}

/** A table: a danfojs DataFrame or named columns, as an HTML table. */
function table(x, opts) {
  const bundle = lib.isDanfoDataFrame(x) ? lib.dataFrameBundle(x, opts) : lib.tableBundle(x, opts);
  return display(bundle);
}

function html(s) {
  return display({ data: { 'text/html': String(s), 'text/plain': String(s).replace(/<[^>]*>/g, '') }, metadata: {} });
}

function markdown(s) {
  return display({ data: { 'text/markdown': String(s), 'text/plain': String(s) }, metadata: {} });
}

function svg(s) {
  return display({ data: { 'image/svg+xml': String(s), 'text/plain': '<SVG image>' }, metadata: {} });
}

/**
 * The 3D trajectory browser: writes the frames as Float32 to `superionic-frames/traj-<hash>.f32`
 * beside the notebook (the kernel's working directory) and displays the
 * application/vnd.superionic.trajectory+json bundle that points at it.
 * - an in-memory Trajectory: returns `{path, nAtoms, nFrames, bytes}` at once;
 * - a FrameStream (si.openTrajectory): frames are written one at a time (bounded memory, any size);
 *   returns a promise of the same record. Both give the same file for the same frames.
 */
function trajectory(source, opts) {
  if (source && typeof source[Symbol.asyncIterator] === 'function' && source.topology && typeof source.framePositions !== 'function') {
    const w = currentWriter();
    return track(trajectoryFromStream(source, opts || {}, w));
  }
  const t = lib.trajectoryBundle(source, opts || {});
  writeOnce(path.resolve(process.cwd(), t.path), (tmp) => fs.writeFileSync(tmp, t.bytes), t.bytes.byteLength);
  display(t.bundle);
  return shown({ path: t.path, nAtoms: source.nAtoms, nFrames: t.bytes.byteLength / (12 * source.nAtoms), bytes: t.bytes.byteLength });
}

/** Write a content-named file unless it is already there (same name and size = same content). */
function writeOnce(file, write, size) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    if (fs.statSync(file).size === size) return;
  } catch (_) {
    /* not there yet */
  }
  const tmp = `${file}.${process.pid}.tmp`;
  write(tmp);
  fs.renameSync(tmp, file);
}

async function trajectoryFromStream(stream, o, writer) {
  const { InputError } = require(path.join(root, 'dist', 'core', 'errors.js'));
  const source = stream.info ? stream.info.source : undefined;
  const { start, end, stride } = lib.selectedFrames(o.frames, Infinity, source);
  const top = stream.topology;
  const n = top.species.length;
  const folder = o.folder || lib.FRAME_FOLDER;
  const dir = path.resolve(process.cwd(), folder);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.stream-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, 'w');
  const hash = crypto.createHash('sha256');
  const picked = [];
  const times = [];
  const cells = [];
  let timesKnown = true;
  let cellsKnown = true;
  let snapshot = null;
  let index = -1;
  try {
    for await (const frame of stream) {
      index++;
      if (index >= end) break;
      if (index < start || (index - start) % stride !== 0) continue;
      if (frame.positions.length !== 3 * n) {
        throw new InputError(`has ${frame.positions.length / 3} atoms; expected ${n}`, { file: source, frame: index });
      }
      const bytes = lib.frameFloat32Bytes(frame.positions, o.wrap && frame.cell ? frame.cell : null);
      fs.writeSync(fd, bytes);
      hash.update(bytes);
      if (frame.time_fs === undefined) timesKnown = false;
      else times.push(frame.time_fs);
      if (!frame.cell) cellsKnown = false;
      else for (const v of frame.cell.matrix) cells.push(v);
      if (picked.length === 0 && o.snapshot !== false) {
        snapshot = lib.frameSnapshotSVG(frame.positions, frame.cell ? frame.cell.matrix : null, top, `frame ${index}`, o.title, o);
      }
      picked.push(index);
    }
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  if (picked.length === 0) {
    fs.rmSync(tmp, { force: true });
    throw new InputError(`trajectory display: no frame of the stream is in the selection {start: ${start}, end: ${end}, stride: ${stride}}`, { file: source });
  }
  const nFrames = picked.length;
  const rel = lib.trajectoryFileName(n, nFrames, hash.digest('hex'), folder);
  const file = path.resolve(process.cwd(), rel);
  fs.renameSync(tmp, file);
  const dt = stream.info ? stream.info.timestep_fs : undefined;
  const times_fs = timesKnown ? times : dt !== undefined ? picked.map((f) => f * dt) : null;
  const bundle = lib.trajectoryMetadataBundle(
    { path: rel, nAtoms: n, nFrames, symbols: top.symbols, species: top.species, times_fs, cells: cellsKnown ? cells : null }, o, snapshot);
  send(writer, bundle);
  return shown({ path: rel, nAtoms: n, nFrames, bytes: nFrames * 12 * n });
}

/**
 * A progress display that updates ONE output in place (display_id + update_display_data).
 * `p.update(done, total?, note?)`, `p.onProgress` (for the readers' and analyses' onProgress
 * callbacks), `p.done(note?)`. Updates are throttled to one per `every_ms` (default 250 ms).
 */
function progress(label, opts) {
  const o = opts || {};
  const w = currentWriter();
  const id = `superionic-progress-${crypto.randomBytes(6).toString('hex')}`;
  const every = o.every_ms === undefined ? 250 : o.every_ms;
  let total = o.total === undefined ? null : o.total;
  let unit = o.unit;
  let last = 0;
  let count = 0;
  send(w, lib.progressBundle(label, 0, total, undefined, unit), id, false);
  const p = {
    displayId: id,
    update(done, newTotal, note) {
      count = done;
      if (newTotal !== undefined && newTotal !== null) total = newTotal;
      const now = Date.now();
      if (now - last < every) return;
      last = now;
      send(w, lib.progressBundle(label, done, total, note, unit), id, true);
    },
    /** Accepts `{frames, bytes, totalBytes}` (readers: compressed bytes read) or `{done, total}` (analyses, simulations). */
    onProgress(ev) {
      if (ev && typeof ev.done === 'number') p.update(ev.done, ev.total, ev.note);
      else if (ev && typeof ev.bytes === 'number' && ev.totalBytes) {
        unit = 'MB';
        const mb = (b) => Math.round(b / 1e5) / 10;
        p.update(mb(ev.bytes), mb(ev.totalBytes), `${ev.frames} frames`);
      } else if (ev && typeof ev.frames === 'number') {
        unit = 'frames';
        p.update(ev.frames);
      }
    },
    done(note) {
      const final = total === null ? count : total;
      send(w, lib.progressBundle(label, final, final, note || 'done', unit), id, true);
    },
  };
  p.onProgress = p.onProgress.bind(p);
  return shown(p);
}

/**
 * The card of an analysis result (headline numbers with errors and units, flags in words, an
 * expandable table of its fields) followed by its default plot. Returns the plot's promise (or
 * the card bundle when the result has no plot); null when `value` is not a result we know.
 */
function card(value, opts) {
  const o = opts || {};
  const c = lib2().resultCard(value, o.kind);
  if (!c) return null;
  const w = currentWriter();
  const b = send(w, lib2().cardBundle(c));
  if (!c.plot || o.plot === false) return b;
  const spec = numericOrder(c.plot);
  const build = (svg) => (c.interactive ? lib.plotBundle(spec, svg) : lib.vegaLiteBundle(spec, svg));
  return track(withSVG(spec, build, o).then((x) => send(w, x)));
}

let cards = null;
function lib2() {
  if (!cards) cards = require(path.join(root, 'dist', 'display', 'resultCard.js'));
  return cards;
}

/**
 * Rich display of a cell's last value, if we know how: an analysis result (card + plot), a
 * Vega-Lite spec, a danfojs DataFrame, an object with `toMimeBundle()`, or a display promise of
 * ours (already shown). Returns true when displayed.
 */
function auto(value) {
  if (value === null || value === undefined || typeof value !== 'object') return false;
  if (value[SHOWN]) return true; // already displayed by a helper
  if (lib.isVegaLiteSpec(value)) {
    vegaLite(value);
    return true;
  }
  if (lib.isDanfoDataFrame(value)) {
    table(value);
    return true;
  }
  if (typeof value.toMimeBundle === 'function') {
    const b = value.toMimeBundle();
    if (b && typeof b.then === 'function') track(b.then((x) => display(x)));
    else display(b);
    return true;
  }
  return card(value) !== null;
}

/**
 * `show(x)`: display anything we know, picking the view by what `x` is — an analysis result
 * (diffusion, RDF, sites, jumps, VDOS, rotation, van Hove, DOAS, MD run: its card and default
 * plot; `{kind}` forces the type), a Trajectory or a stream (the 3D browser), a Vega-Lite spec
 * (plot), a danfojs DataFrame or named columns (table), a MIME bundle. No `await` needed.
 */
function show(x, opts) {
  if (x && typeof x === 'object') {
    const traj = typeof x.framePositions === 'function' || (typeof x[Symbol.asyncIterator] === 'function' && x.topology);
    if (traj && !(opts && opts.kind)) return trajectory(x, opts);
    const c = card(x, opts);
    if (c !== null) return c;
    if (lib.isVegaLiteSpec(x)) return vegaLite(x, opts);
    if (lib.isDanfoDataFrame(x)) return table(x, opts);
    if (x.data && typeof x.data === 'object' && !Array.isArray(x.data)) return display(x);
    if (typeof x.toMimeBundle === 'function') return auto(x) && shown({});
    const vals = Object.values(x);
    if (vals.length && vals.every((v) => Array.isArray(v) || ArrayBuffer.isView(v))) return table(x, opts);
  }
  if (typeof x === 'string') return markdown(x);
  const { InputError } = require(path.join(root, 'dist', 'core', 'errors.js'));
  throw new InputError(`show: do not know how to display ${x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x}; ` +
    'expected an analysis result, a Trajectory, a Vega-Lite spec, a table (named columns or a DataFrame) or a MIME bundle');
}

Object.assign(show, { display, vegaLite, plot, table, html, markdown, svg, trajectory, progress, auto, card });

module.exports = { show, flush, pending };
