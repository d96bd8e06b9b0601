/**
 * The trajectory browser widget: a MIME renderer for `application/vnd.superionic.trajectory+json`.
 *
 * It validates the bundle, resolves the frame file against the notebook's folder through the
 * renderer's URL resolver (→ the server's `/files/` endpoint), streams frames with HTTP Range
 * requests ({@link FrameSource}) and draws them with {@link CrystalScene} (three.js, loaded on
 * first use). Controls: play/pause, frame slider, time read-out, speed, species visibility,
 * cell / sites / density toggles, isosurface level, a density cross-section (lattice axis and grid plane: the
 * plane drawn in the view, its Vega-Lite heat map beside it), trail length; click an ion to follow it.
 * Keys on the stage: space plays/pauses, ←/→ one frame, PageUp/PageDown ten, Home/End the first/last
 * frame, Escape drops the followed ion. When the frame file is not on the server (a committed
 * notebook on a fresh clone) it shows the output's static snapshot and says to run the cell.
 */
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import { parseTrajectoryBundle, type TrajectoryBundle } from './bundle';
import type { CrystalScene } from './crystalScene';
import { contentsLister, frameFileOnServer, redactUrls } from './frameFile';
import { FrameSource } from './frameSource';
import { hex, siteTypeColor, speciesColor } from './palette';
import { AXIS_NAMES, densitySection, sectionHeatmapSpec, type SectionAxis } from './densitySection';
import { notebookFolder, refuseExternalLoad, relativeServerPath } from '../serverPath';

const FPS = 20;

export class TrajectoryWidget extends Widget implements IRenderMime.IRenderer {
  private readonly resolver: IRenderMime.IResolver | null;
  private readonly mimeType: string;
  private view: TrajectoryView | null = null;

  constructor(options: IRenderMime.IRendererOptions) {
    super();
    this.resolver = options.resolver;
    this.mimeType = options.mimeType;
    this.addClass('si-traj');
    this.node.dataset.mimeType = options.mimeType; // like JupyterLab's own renderers
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this.view?.dispose();
    this.view = null;
    this.node.textContent = '';
    let bundle: TrajectoryBundle;
    try {
      bundle = parseTrajectoryBundle(model.data[this.mimeType]);
      // Fetch only a relative path inside the server root (no URL, absolute path or `..` escape).
      if (this.resolver) relativeServerPath(bundle.path, await notebookFolder(this.resolver));
    } catch (e) {
      this.showError((e as Error).message);
      return;
    }
    let url: string;
    let serverPath: string;
    try {
      if (!this.resolver) throw new Error('no URL resolver (the output is not attached to a document on the server)');
      const resolved = await this.resolver.resolveUrl(bundle.path);
      serverPath = decodeURIComponent(resolved);
      url = await this.resolver.getDownloadUrl(resolved);
    } catch (e) {
      this.showFallback(
        model,
        bundle,
        `The frame file ${bundle.path} cannot be located (${redactUrls((e as Error).message)}). ` + 'Run this cell to browse the frames in 3D.',
        'unlocated',
      );
      return;
    }
    // Frame files are generated output (git-ignored): a committed notebook opened on a fresh clone
    // has none. Look before fetching, so that case shows the snapshot, not a failed request.
    const lister = contentsLister(url, serverPath);
    const found = lister ? await frameFileOnServer(serverPath, lister) : null;
    if (this.isDisposed) return;
    const expected = bundle.nFrames * bundle.nAtoms * 12;
    if (found && !found.exists) {
      this.showFallback(
        model,
        bundle,
        `The frames of this trajectory (${bundle.path}) are not on disk — they are written when the cell runs ` +
          'and are not kept in git. Run this cell to browse the frames in 3D.',
        'missing',
      );
      return;
    }
    if (found && found.size !== undefined && found.size !== expected) {
      this.showFallback(
        model,
        bundle,
        `The frame file ${bundle.path} has ${found.size} bytes, not the ${expected} this output expects ` +
          `(${bundle.nFrames} frames × ${bundle.nAtoms} atoms): it belongs to another run. Run this cell again to browse the frames in 3D.`,
        'stale',
      );
      return;
    }
    const { CrystalScene } = await import('./crystalScene');
    if (this.isDisposed) return;
    this.view = new TrajectoryView(this.node, bundle, url, CrystalScene);
    await this.view.start();
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.view?.dispose();
    this.view = null;
    super.dispose();
  }

  private showError(message: string): void {
    const div = document.createElement('div');
    div.className = 'si-error';
    div.textContent = redactUrls(message);
    this.node.appendChild(div);
  }

  /**
   * The static picture of the output (its image/svg+xml snapshot: first frame, sites and density)
   * with a note saying why there is no 3D view and what to do.
   */
  private showFallback(model: IRenderMime.IMimeModel, bundle: TrajectoryBundle, note: string, reason: string): void {
    this.node.dataset.fallback = reason;
    if (bundle.title) {
      const t = document.createElement('div');
      t.className = 'si-traj-title';
      t.textContent = bundle.title;
      this.node.appendChild(t);
    }
    const msg = document.createElement('div');
    msg.className = 'si-traj-note';
    msg.textContent = note;
    this.node.appendChild(msg);
    const svg = model.data['image/svg+xml'];
    if (typeof svg === 'string' && svg.startsWith('<svg')) {
      const img = document.createElement('img');
      img.className = 'si-traj-snapshot';
      img.alt = `static snapshot of ${bundle.title ?? 'the trajectory'}`;
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
      this.node.appendChild(img);
    }
  }
}

/** Format a time in fs as fs / ps / ns with sensible precision. */
export function formatTime(t_fs: number): string {
  const a = Math.abs(t_fs);
  if (a >= 1e6) return `${(t_fs / 1e6).toFixed(3)} ns`;
  if (a >= 1e3) return `${(t_fs / 1e3).toFixed(3)} ps`;
  return `${t_fs.toFixed(1)} fs`;
}

class TrajectoryView {
  private readonly source: FrameSource;
  private readonly scene: CrystalScene;
  private readonly stage: HTMLDivElement;
  private readonly status: HTMLDivElement;
  private readonly slider: HTMLInputElement;
  private readonly playButton: HTMLButtonElement;
  private readonly readout: HTMLSpanElement;
  private readonly info: HTMLSpanElement;
  private readonly speed: HTMLSelectElement;
  private readonly trail: HTMLSelectElement;
  private readonly resizeObserver: ResizeObserver;
  private frame = 0;
  private shown = -1;
  private readonly t0 = performance.now();
  private readonly firstLoad: Promise<Float32Array>;
  private playing = false;
  private playHandle = 0;
  private lastTick = 0;
  private disposed = false;
  private sectionPanel: HTMLDivElement | null = null;
  private sectionAxis: HTMLSelectElement | null = null;
  private sectionPlane: HTMLInputElement | null = null;
  private sectionText: HTMLSpanElement | null = null;
  private sectionTimer = 0;
  private sectionView: { finalize: () => void } | null = null;
  private isoLevel = 0;
  private readonly frameAt = (g: number): Float32Array | null => this.source.frame(g);

  constructor(
    private readonly root: HTMLElement,
    private readonly bundle: TrajectoryBundle,
    url: string,
    SceneClass: typeof CrystalScene,
  ) {
    const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, parent: HTMLElement, text?: string) => {
      const e = document.createElement(tag);
      e.className = cls;
      if (text !== undefined) e.textContent = text;
      parent.appendChild(e);
      return e;
    };
    const b = bundle;
    if (b.title) el('div', 'si-traj-title', root, b.title);
    const main = el('div', 'si-traj-main', root);
    this.stage = el('div', 'si-traj-stage', main);
    this.stage.tabIndex = 0;
    this.stage.title =
      'Drag to rotate, scroll to zoom, click an ion to follow it. Keys: space play/pause, ←/→ one frame, PageUp/PageDown ten, Home/End first/last frame';
    this.status = el('div', 'si-traj-status', this.stage, 'loading frames…');

    const bar = el('div', 'si-traj-controls', root);
    this.playButton = el('button', 'si-traj-play', bar, '▶');
    this.playButton.title = 'Play / pause (space)';
    this.slider = el('input', 'si-traj-slider', bar);
    Object.assign(this.slider, { type: 'range', min: '0', max: String(b.nFrames - 1), step: '1', value: '0' });
    this.slider.title = 'Frame';
    this.readout = el('span', 'si-traj-frame', bar);
    el('label', 'si-traj-label', bar, 'speed');
    this.speed = el('select', 'si-traj-speed', bar);
    for (const s of [1, 2, 5, 10, 25]) this.speed.add(new Option(`${s}×`, String(s)));
    this.speed.title = 'Frames advanced per step (20 steps/s)';

    const opts = el('div', 'si-traj-options', root);
    const legend = el('span', 'si-traj-legend', opts);
    b.symbols.forEach((sym, k) => {
      const n = 0 + this.countSpecies(k);
      const lab = el('label', 'si-traj-species', legend);
      const box = el('input', '', lab);
      box.type = 'checkbox';
      box.checked = true;
      box.dataset.species = sym;
      box.addEventListener('change', () => this.scene.setSpeciesVisible(k, box.checked));
      const sw = el('span', 'si-swatch', lab);
      sw.style.background = hex(speciesColor(sym, k));
      el('span', '', lab, `${sym} (${n})`);
    });
    const toggle = (name: string, on: boolean, apply: (v: boolean) => void): HTMLInputElement => {
      const lab = el('label', 'si-traj-toggle', opts);
      const box = el('input', '', lab);
      box.type = 'checkbox';
      box.checked = on;
      box.dataset.toggle = name;
      box.addEventListener('change', () => apply(box.checked));
      el('span', '', lab, name);
      return box;
    };
    if (b.cells) toggle('cell', true, (v) => this.scene.setCellVisible(v));
    if (b.sites) {
      toggle('sites', true, (v) => this.scene.setSitesVisible(v));
      const types = [...new Set(b.sites.types)];
      types.forEach((t, i) => {
        const sw = el('span', 'si-swatch si-site-swatch', opts);
        sw.style.background = hex(siteTypeColor(i));
        el('span', 'si-site-type', opts, t);
      });
    }
    if (b.density) {
      const d = b.density;
      toggle('density', true, (v) => this.scene.setDensityVisible(v));
      let lo = Infinity,
        hi = -Infinity;
      for (const v of d.values) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      const iso = el('input', 'si-traj-iso', opts);
      Object.assign(iso, { type: 'range', min: String(lo), max: String(hi), step: String((hi - lo) / 200 || 1), value: String(d.isoLevel) });
      iso.title = 'Isosurface level';
      const isoText = el('span', 'si-traj-iso-value', opts, `iso ${d.isoLevel.toPrecision(3)}`);
      this.isoLevel = d.isoLevel;
      iso.addEventListener('change', () => {
        const level = Number(iso.value);
        this.scene.setIsoLevel(level);
        isoText.textContent = `iso ${level.toPrecision(3)}`;
        this.isoLevel = level;
        this.updateSection();
      });
      // Cross-section: a lattice axis and one grid plane normal to it; the plane in the view, its heat map beside it.
      el('label', 'si-traj-label', opts, 'section');
      const axisSel = el('select', 'si-traj-section-axis', opts);
      axisSel.title = 'Cross-section plane: normal to lattice axis a, b or c (off: none)';
      for (const [value, text] of [
        ['', 'off'],
        ['0', 'a'],
        ['1', 'b'],
        ['2', 'c'],
      ])
        axisSel.add(new Option(text, value));
      const plane = el('input', 'si-traj-section-plane', opts);
      Object.assign(plane, { type: 'range', min: '0', max: '0', step: '1', value: '0' });
      plane.title = 'Grid plane of the cross-section';
      plane.disabled = true;
      this.sectionText = el('span', 'si-traj-section-value', opts, '');
      this.sectionAxis = axisSel;
      this.sectionPlane = plane;
      this.sectionPanel = el('div', 'si-traj-section', main);
      this.sectionPanel.hidden = true;
      if (d.section) {
        axisSel.value = String(d.section.axis);
        Object.assign(plane, { max: String(d.shape[d.section.axis] - 1), value: String(d.section.index), disabled: false });
      }
      axisSel.addEventListener('change', () => {
        if (axisSel.value !== '') {
          const n = d.shape[Number(axisSel.value)];
          const keep = Math.min(Number(plane.value), n - 1);
          Object.assign(plane, { max: String(n - 1), value: String(plane.max === '0' ? Math.floor(n / 2) : keep) });
        }
        plane.disabled = axisSel.value === '';
        this.updateSection();
      });
      plane.addEventListener('input', () => this.updateSection());
    }
    el('label', 'si-traj-label', opts, 'size');
    const size = el('input', 'si-traj-size', opts);
    Object.assign(size, { type: 'range', min: '0.4', max: '2.5', step: '0.1', value: '1' });
    size.title = 'Ball size';
    size.addEventListener('input', () => this.scene.setAtomScale(Number(size.value)));
    el('label', 'si-traj-label', opts, 'trail');
    this.trail = el('select', 'si-traj-trail', opts);
    for (const s of [25, 100, 400, 1000]) this.trail.add(new Option(`${s} frames`, String(s)));
    this.trail.value = '100';
    this.trail.addEventListener('change', () => this.redraw());
    this.info = el('span', 'si-traj-info', opts, 'click an ion to follow it');

    this.source = new FrameSource(url, b.nAtoms, b.nFrames, {
      onProgress: ({ cachedFrames, nFrames }) => {
        this.root.dataset.cachedFrames = String(cachedFrames);
        if (cachedFrames === nFrames && !this.root.dataset.cachedMs) this.root.dataset.cachedMs = (performance.now() - this.t0).toFixed(0);
        this.status.textContent = cachedFrames < nFrames ? `streaming: ${cachedFrames} / ${nFrames} frames cached` : '';
        this.status.hidden = cachedFrames >= nFrames;
      },
    });
    // Ask for the first chunk before building the scene, so the download overlaps the set-up.
    this.firstLoad = this.source.load(0);
    this.firstLoad.catch(() => undefined); // reported by start()
    this.scene = new SceneClass(b, this.stage);
    this.slider.addEventListener('input', () => this.goTo(Number(this.slider.value)));
    this.playButton.addEventListener('click', () => this.setPlaying(!this.playing));
    this.stage.addEventListener('keydown', (e) => this.onKey(e));
    let down: { x: number; y: number } | null = null;
    this.stage.addEventListener('pointerdown', (e) => (down = { x: e.clientX, y: e.clientY }));
    this.stage.addEventListener('pointerup', (e) => {
      if (down && Math.hypot(e.clientX - down.x, e.clientY - down.y) < 4) this.select(this.scene.pick(e.clientX, e.clientY));
      down = null;
    });
    this.resizeObserver = new ResizeObserver(() => this.scene.resize(this.stage.clientWidth, this.stage.clientHeight));
    this.resizeObserver.observe(this.stage);
    this.updateReadout(0);
  }

  async start(): Promise<void> {
    try {
      await this.firstLoad;
      if (this.disposed) return;
      this.scene.resize(this.stage.clientWidth || 640, this.stage.clientHeight || 420);
      this.redraw();
      // The isosurface (marching tetrahedra over the whole grid) comes after the first picture.
      const d = this.bundle.density;
      if (d) setTimeout(() => !this.disposed && this.scene.setIsoLevel(d.isoLevel), 0);
      if (d?.section) this.updateSection();
    } catch (e) {
      if (!this.disposed) this.fail(e as Error);
    }
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.sectionTimer);
    this.sectionView?.finalize();
    this.sectionView = null;
    this.setPlaying(false);
    this.resizeObserver.disconnect();
    this.source.dispose();
    this.scene.dispose();
  }

  /** Apply the section controls: the plane in the view now, its heat map after a short pause (slider drags). */
  private updateSection(): void {
    const d = this.bundle.density,
      axisSel = this.sectionAxis,
      plane = this.sectionPlane,
      panel = this.sectionPanel;
    if (!d || !axisSel || !plane || !panel) return;
    if (axisSel.value === '') {
      this.scene.setSection(null);
      panel.hidden = true;
      this.root.dataset.section = '';
      this.sectionText!.textContent = '';
      return;
    }
    const axis = Number(axisSel.value) as SectionAxis;
    const sec = densitySection(d, axis, Number(plane.value));
    this.scene.setSection(axis, sec.fraction);
    const key = `${AXIS_NAMES[axis]}:${sec.index}`;
    this.root.dataset.section = key;
    this.sectionText!.textContent = `${AXIS_NAMES[axis]} = ${sec.fraction.toFixed(3)} (plane ${sec.index + 1}/${sec.planes})`;
    panel.hidden = false;
    clearTimeout(this.sectionTimer);
    this.sectionTimer = window.setTimeout(() => void this.renderSection(sec, key), 120);
  }

  private async renderSection(sec: ReturnType<typeof densitySection>, key: string): Promise<void> {
    const panel = this.sectionPanel!;
    try {
      const [{ default: embed }, { loader }] = await Promise.all([import('vega-embed'), import('vega')]);
      if (this.disposed || this.root.dataset.section !== key) return;
      const noUrls = loader();
      noUrls.sanitize = refuseExternalLoad;
      this.sectionView?.finalize();
      this.sectionView = null;
      panel.textContent = '';
      const host = document.createElement('div');
      host.className = 'si-traj-section-plot';
      panel.appendChild(host);
      const spec = sectionHeatmapSpec(sec, { isoLevel: this.isoLevel, label: this.bundle.density?.label });
      const result = await embed(host, spec as never, {
        loader: noUrls,
        mode: 'vega-lite',
        renderer: 'svg',
        actions: { export: true, source: false, compiled: false, editor: false },
        downloadFileName: `density-section-${key.replace(':', '-')}`,
      });
      if (this.disposed) {
        result.finalize();
        return;
      }
      this.sectionView = result;
      this.root.dataset.sectionRendered = key;
    } catch (e) {
      panel.textContent = '';
      const div = document.createElement('div');
      div.className = 'si-error';
      div.textContent = `cross-section: ${(e as Error).message}`;
      panel.appendChild(div);
    }
  }

  private countSpecies(k: number): number {
    let n = 0;
    for (const s of this.bundle.species) if (s === k) n++;
    return n;
  }

  private fail(e: Error): void {
    this.setPlaying(false);
    this.status.hidden = false;
    this.status.classList.add('si-error');
    this.status.textContent = redactUrls(e.message);
  }

  /** Show frame f now if cached, else load it and show it when it arrives (if still wanted). */
  private goTo(f: number): void {
    this.frame = f;
    if (this.source.isCached(f)) {
      this.redraw();
    } else {
      this.source.load(f).then(
        () => this.frame === f && this.redraw(),
        (e) => this.fail(e),
      );
    }
  }

  private redraw(): void {
    const f = this.frame;
    const pos = this.source.frame(f);
    if (!pos || this.disposed) return;
    const pathPoints = this.scene.setFrame(pos, f, this.frameAt, Number(this.trail.value));
    this.root.dataset.pathPoints = String(pathPoints);
    this.shown = f;
    this.root.dataset.frame = String(f);
    // Time from the bundle's arrival to the first picture (read by the browser test).
    if (!this.root.dataset.openMs) this.root.dataset.openMs = (performance.now() - this.t0).toFixed(0);
    if (Number(this.slider.value) !== f) this.slider.value = String(f);
    this.updateReadout(f);
    this.updateInfo(pos);
  }

  private updateReadout(f: number): void {
    const t = this.bundle.times_fs;
    const n = this.bundle.nFrames;
    this.readout.textContent = `frame ${f + 1} / ${n}` + (t ? ` · t = ${formatTime(t[f])}` : '');
  }

  private select(i: number): void {
    this.scene.select(i);
    this.root.dataset.selected = String(i);
    this.redraw();
  }

  private updateInfo(pos: Float32Array): void {
    const i = this.scene.selectedAtom;
    if (i < 0) {
      this.info.textContent = 'click an ion to follow it';
      return;
    }
    const sym = this.bundle.symbols[this.bundle.species[i]];
    const p = [pos[3 * i], pos[3 * i + 1], pos[3 * i + 2]].map((x) => x.toFixed(2)).join(', ');
    this.info.textContent = `${sym} #${i} at (${p}) Å`;
  }

  private setPlaying(on: boolean): void {
    if (on === this.playing) return;
    this.playing = on;
    this.playButton.textContent = on ? '⏸' : '▶';
    this.root.dataset.playing = String(on);
    if (on) {
      this.lastTick = performance.now();
      this.playHandle = requestAnimationFrame(this.tick);
    } else if (this.playHandle) {
      cancelAnimationFrame(this.playHandle);
      this.playHandle = 0;
    }
  }

  private readonly tick = (now: number): void => {
    if (!this.playing || this.disposed) return;
    this.playHandle = requestAnimationFrame(this.tick);
    if (now - this.lastTick < 1000 / FPS) return;
    this.lastTick = now;
    if (this.shown !== this.frame) return; // still waiting for the current frame's data
    const next = (this.frame + Number(this.speed.value)) % this.bundle.nFrames;
    this.goTo(next);
  };

  private onKey(e: KeyboardEvent): void {
    const step = (d: number) => this.goTo(Math.min(this.bundle.nFrames - 1, Math.max(0, this.frame + d)));
    if (e.key === ' ') this.setPlaying(!this.playing);
    else if (e.key === 'ArrowRight') step(1);
    else if (e.key === 'ArrowLeft') step(-1);
    else if (e.key === 'Home') this.goTo(0);
    else if (e.key === 'End') this.goTo(this.bundle.nFrames - 1);
    else if (e.key === 'PageUp') step(-10);
    else if (e.key === 'PageDown') step(10);
    else if (e.key === 'Escape') this.select(-1);
    else return;
    e.preventDefault();
    e.stopPropagation();
  }
}
