/**
 * The notebook display layer without a kernel: MIME bundle builders (src/display/show.ts) and the
 * server-side Vega-Lite → SVG render (src/display/render.ts).
 */
import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { topologyFromSymbols } from '../../src/core/topology';
import { Trajectory } from '../../src/core/trajectory';
import { vegaLiteToSVG } from '../../src/display/render';
import {
  MIME_SUPERIONIC_PLOT, MIME_SUPERIONIC_TRAJECTORY, MIME_VEGALITE_V6, isVegaLiteSpec, plotBundle, progressBundle,
  tableBundle, trajectoryBundle, vegaLiteBundle,
} from '../../src/display/show';
import { vegaLiteSpec } from '../../src/display/spec';

function smallTrajectory(): Trajectory {
  // 3 atoms (Li, Li, S) × 4 frames; position of atom i, frame f, axis k = 10f + i + 0.25k (+0.1 so not integer).
  const top = topologyFromSymbols(['Li', 'Li', 'S']);
  const nf = 4, n = 3;
  const positions = new Float64Array(nf * 3 * n);
  for (let f = 0; f < nf; f++) for (let i = 0; i < n; i++) for (let k = 0; k < 3; k++) positions[f * 9 + 3 * i + k] = 10 * f + i + 0.25 * k + 0.1;
  const cells = new Float64Array(9 * nf);
  for (let f = 0; f < nf; f++) cells.set([5 + f, 0, 0, 0, 6, 0, 0, 0, 7], 9 * f); // a variable cell
  return new Trajectory({ topology: top, nFrames: nf, positions, cells, times_fs: Float64Array.from([0, 2, 4, 6]), info: { source: 'mem', unwrapped: true } });
}

describe('trajectoryBundle', () => {
  it('writes header-less little-endian Float32, frame-major, and names it by content hash', () => {
    const t = smallTrajectory();
    const d = trajectoryBundle(t, { title: 'tiny' });
    expect(d.bytes.byteLength).toBe(4 * 3 * 12);
    const dv = new DataView(d.bytes.buffer, d.bytes.byteOffset, d.bytes.byteLength);
    for (let f = 0; f < 4; f++) for (let i = 0; i < 3; i++) for (let k = 0; k < 3; k++) {
      // Float32 rounding of values < 40: ≤ 2^-24 relative.
      expect(dv.getFloat32((f * 3 + i) * 12 + 4 * k, true)).toBeCloseTo(10 * f + i + 0.25 * k + 0.1, 5);
    }
    const b = d.bundle.data[MIME_SUPERIONIC_TRAJECTORY] as any;
    expect(b).toMatchObject({ version: 1, path: d.path, nAtoms: 3, nFrames: 4, symbols: ['Li', 'S'], species: [0, 0, 1], times_fs: [0, 2, 4, 6], title: 'tiny' });
    expect(b.cells.slice(9, 18)).toEqual([6, 0, 0, 0, 6, 0, 0, 0, 7]);
    expect(d.path).toMatch(/^superionic-frames\/traj-[0-9a-f]{16}\.f32$/);
    expect(trajectoryBundle(t).path).toBe(d.path); // same frames → same file
    expect(String(d.bundle.data['image/svg+xml'])).toMatch(/^<svg[\s\S]*<circle/);
    expect(d.bundle.data['text/plain']).toContain('Li2 S1, 4 frames');
  });

  it('selects frames with a stride and wraps into each frame’s cell when asked', () => {
    const t = smallTrajectory();
    const d = trajectoryBundle(t, { frames: { start: 1, stride: 2 }, wrap: true, snapshot: false });
    const b = d.bundle.data[MIME_SUPERIONIC_TRAJECTORY] as any;
    expect(b.nFrames).toBe(2);
    expect(b.times_fs).toEqual([2, 6]);
    const dv = new DataView(d.bytes.buffer, d.bytes.byteOffset, d.bytes.byteLength);
    // frame 1, atom 0: x = 10.1 in a cell with a = 6 → wrapped 4.1
    expect(dv.getFloat32(0, true)).toBeCloseTo(new Cell([6, 0, 0, 0, 6, 0, 0, 0, 7]).wrap([10.1, 10.35, 10.6])[0], 5);
    expect(dv.getFloat32(0, true)).toBeCloseTo(4.1, 5);
    expect(d.bundle.data['image/svg+xml']).toBeUndefined();
  });

  it('rejects an empty frame selection and mismatched sites with an InputError', () => {
    const t = smallTrajectory();
    expect(() => trajectoryBundle(t, { frames: { start: 4 } })).toThrow(/select no frame of 4/);
    expect(() => trajectoryBundle(t, { sites: { positions: [0, 0, 0, 1, 1], types: ['T2', 'T5'] } })).toThrow(/expected 3 per site/);
  });

  it('carries sites and a density grid per the contract', () => {
    const t = smallTrajectory();
    const d = trajectoryBundle(t, {
      sites: { positions: [0, 0, 0, 1, 1, 1], types: ['T2', 'T5'], occupancy: [0.5, 0.1] },
      density: { shape: [1, 1, 2], cell: [5, 0, 0, 0, 6, 0, 0, 0, 7], values: [0.2, 0.4], isoLevel: 0.3 },
    });
    const b = d.bundle.data[MIME_SUPERIONIC_TRAJECTORY] as any;
    expect(b.sites).toEqual({ positions: [0, 0, 0, 1, 1, 1], types: ['T2', 'T5'], occupancy: [0.5, 0.1] });
    expect(b.density).toEqual({ shape: [1, 1, 2], cell: [5, 0, 0, 0, 6, 0, 0, 0, 7], values: [0.2, 0.4], isoLevel: 0.3 });
  });

  it('draws sites and the density in the static snapshot, and sizes it so a long title is not clipped', () => {
    const t = smallTrajectory();
    const title = 'Li6PS5Cl, 50 % S/Cl exchange, 500 K: Li with its Gaussian sites (T2, T5) and density';
    const d = trajectoryBundle(t, {
      title,
      sites: { positions: [0, 0, 0, 1, 1, 1, 2, 2, 2], types: ['T2', 'T5', 'T5'], occupancy: [0.5, 0.1, 1] },
      density: { shape: [2, 2, 2], cell: [5, 0, 0, 0, 6, 0, 0, 0, 7], values: [1, 0, 0, 0, 0, 0, 0, 3], isoLevel: 0.3 },
    });
    const svg = String(d.bundle.data['image/svg+xml']);
    expect((svg.match(/class="si-site"/g) ?? []).length).toBe(3);
    // density summed along c: (0,0) → 1, (1,1) → 3, others 0 (not drawn)
    expect((svg.match(/class="si-density"/g) ?? []).length).toBe(2);
    expect(svg).toContain('■ T2');
    expect(svg).toContain('■ T5');
    expect(svg).toContain(title.replace(/&/g, '&amp;'));
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    expect(width).toBeGreaterThanOrEqual(title.length * 6.3 * 1.12); // the bold title fits
  });
});

describe('tables, plots and progress bundles', () => {
  it('tableBundle renders HTML and aligned text, eliding long tables', () => {
    const b = tableBundle({ x: [1, 2.5, 3e-5], name: ['a', '<b>', 'c'] });
    expect(b.data['text/html']).toContain('<td>&lt;b&gt;</td>');
    expect(b.data['text/html']).toContain('<td>3.0000e-5</td>');
    expect(String(b.data['text/plain']).split('\n')[0]).toMatch(/^\s+x\s+name$/);
    const long = tableBundle({ i: Array.from({ length: 100 }, (_, k) => k) }, { maxRows: 10 });
    expect(long.data['text/html']).toContain('100 rows × 1 columns (90 rows not shown)');
    expect(() => tableBundle({ a: [1, 2], b: [1] })).toThrow(/has 1 rows; expected 2/);
  });

  it('vegaLiteBundle and plotBundle carry spec, SVG and text', () => {
    const spec = vegaLiteSpec('T', { mark: 'point' });
    expect(isVegaLiteSpec(spec)).toBe(true);
    expect(isVegaLiteSpec({ mark: 'point' })).toBe(false);
    const v = vegaLiteBundle(spec, '<svg/>');
    expect(Object.keys(v.data)).toEqual([MIME_VEGALITE_V6, 'image/svg+xml', 'text/plain']);
    const p = plotBundle(spec, null, 'DOAS');
    expect(p.data[MIME_SUPERIONIC_PLOT]).toEqual({ version: 1, spec, title: 'DOAS' });
    expect(p.data['image/svg+xml']).toBeUndefined();
  });

  it('progressBundle reports count, percent and note', () => {
    expect(progressBundle('MSD', 3, 4, 'Li').data['text/plain']).toBe('MSD: 3 / 4 (75 %) — Li');
    expect(progressBundle('read', 0.3, 0.6, '500 frames', 'MB').data['text/plain']).toBe('read: 0.3 / 0.6 MB (50 %) — 500 frames');
    expect(progressBundle('read', 7).data['text/plain']).toBe('read: 7');
  });
});

describe('vegaLiteToSVG (vega + vega-lite 6, headless)', () => {
  it('renders marks at the data positions', async () => {
    const spec = vegaLiteSpec('line', {
      data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }, { x: 2, y: 4 }] },
      mark: 'point',
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
    }, 200, 100);
    const svg = await vegaLiteToSVG(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('line'); // the title
    // three point marks (vega draws points as paths with a transform per datum)
    expect((svg.match(/<path[^>]*transform="translate\(/g) ?? []).length).toBe(3);
  });

  it('names the spec when it does not compile', async () => {
    await expect(vegaLiteToSVG({ $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title: 'bad', mark: 'nonsense' }))
      .rejects.toThrow(/"bad"/);
  });
});
