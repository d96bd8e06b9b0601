/**
 * The browser-independent parts of the JupyterLab extension (extension/src): bundle validation,
 * the Range-request frame streamer, the recent-path unwrapping, the periodic isosurface and the
 * interactive-parameter injection for Vega-Lite specs. Fast; no JupyterLab needed.
 */
import { describe, expect, it } from 'vitest';
import { BundleError, parseTrajectoryBundle } from '../../extension/src/trajectory/bundle';
import { cellEdges, recentPath } from '../../extension/src/trajectory/cellGeometry';
import { frameFileOnServer, redactUrls } from '../../extension/src/trajectory/frameFile';
import { FrameFileError, FrameSource } from '../../extension/src/trajectory/frameSource';
import { periodicIsosurface } from '../../extension/src/trajectory/isosurface';
import { interactiveParamsFor, withInteractiveParams } from '../../extension/src/plot/interactiveParams';

const bundle = (over: Record<string, unknown> = {}) => ({
  version: 1,
  path: 'superionic-frames/traj-x.f32',
  nAtoms: 3,
  nFrames: 2,
  symbols: ['Li', 'S'],
  species: [0, 0, 1],
  times_fs: [0, 10],
  cells: [5, 0, 0, 0, 5, 0, 0, 0, 5, 5, 0, 0, 0, 5, 0, 0, 0, 5],
  ...over,
});

describe('trajectory bundle contract', () => {
  it('accepts a valid bundle and keeps its fields', () => {
    const b = parseTrajectoryBundle(bundle({ title: 't', sites: { positions: [1, 2, 3], types: ['T'], occupancy: [0.5] } }));
    expect(b.nAtoms).toBe(3);
    expect(b.sites?.occupancy).toEqual([0.5]);
    expect(parseTrajectoryBundle(bundle({ times_fs: null, cells: null })).cells).toBeNull();
  });

  it('names the field and the expectation for bad bundles', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ version: 2 }, /unsupported version 2, expected 1/],
      [{ species: [0, 0, 2] }, /'species\[2\]' = 2 is not an index into 'symbols' \(0\.\.1\)/],
      [{ cells: [1, 2, 3] }, /'cells' has 3 entries, expected 18/],
      [{ times_fs: [0, NaN] }, /'times_fs\[1\]' is null, expected a finite number/],
      [{ nFrames: 0 }, /'nFrames' must be a positive integer/],
      [{ density: { shape: [2, 2], cell: [], values: [], isoLevel: 1 } }, /'density.shape' must be \[nx, ny, nz\]/],
    ];
    for (const [over, msg] of bad) {
      // JSON round trip: bundles arrive as JSON (NaN becomes null).
      expect(() => parseTrajectoryBundle(JSON.parse(JSON.stringify(bundle(over))))).toThrow(msg);
    }
    expect(() => parseTrajectoryBundle(null)).toThrow(BundleError);
  });
});

/** A fake /files/ endpoint over an in-memory file that honours (or ignores) Range headers. */
function fakeServer(bytes: Uint8Array, honourRange = true) {
  const requests: string[] = [];
  const fetchFn = (async (_url: unknown, init?: RequestInit) => {
    const range = (init?.headers as Record<string, string>)?.Range ?? '';
    requests.push(range);
    const m = /^bytes=(\d+)-(\d+)$/.exec(range);
    if (!honourRange || !m) return new Response(bytes.slice(), { status: 200 });
    const a = Number(m[1]),
      b = Math.min(Number(m[2]), bytes.length - 1);
    return new Response(bytes.slice(a, b + 1), { status: 206, headers: { 'Content-Range': `bytes ${a}-${b}/${bytes.length}` } });
  }) as typeof fetch;
  return { fetchFn, requests };
}

function frameFile(nAtoms: number, nFrames: number): Float32Array {
  const x = new Float32Array(nAtoms * nFrames * 3);
  for (let i = 0; i < x.length; i++) x[i] = i * 0.25; // exact in float32
  return x;
}

describe('FrameSource (HTTP Range streaming)', () => {
  it('returns every frame exactly, in ~chunkBytes Range requests, and streams the rest', async () => {
    const nAtoms = 7,
      nFrames = 50;
    const data = frameFile(nAtoms, nFrames);
    const srv = fakeServer(new Uint8Array(data.buffer));
    const src = new FrameSource('/files/x.f32', nAtoms, nFrames, { chunkBytes: 10 * nAtoms * 12, fetch: srv.fetchFn });
    expect(src.framesPerChunk).toBe(10);
    const f7 = await src.load(7);
    expect(Array.from(f7)).toEqual(Array.from(data.subarray(7 * nAtoms * 3, 8 * nAtoms * 3)));
    expect(srv.requests[0]).toBe(`bytes=0-${10 * nAtoms * 12 - 1}`);
    await expect.poll(() => src.cachedFrames()).toBe(nFrames);
    for (let f = 0; f < nFrames; f++) {
      expect(Array.from(src.frame(f)!)).toEqual(Array.from(data.subarray(f * nAtoms * 3, (f + 1) * nAtoms * 3)));
    }
    expect(srv.requests.length).toBe(5); // one request per chunk, none repeated
  });

  it('keeps within the cache budget, evicting chunks behind the current frame', async () => {
    const nAtoms = 4,
      nFrames = 100,
      fb = nAtoms * 12;
    const data = frameFile(nAtoms, nFrames);
    const srv = fakeServer(new Uint8Array(data.buffer));
    const src = new FrameSource('/f', nAtoms, nFrames, { chunkBytes: 10 * fb, cacheBytes: 30 * fb, fetch: srv.fetchFn });
    await src.load(55);
    await new Promise((r) => setTimeout(r, 20));
    expect(src.cachedFrames()).toBeLessThanOrEqual(30);
    expect(src.isCached(55)).toBe(true);
    expect(src.isCached(5)).toBe(false);
    const f95 = await src.load(95);
    expect(f95[0]).toBe(data[95 * nAtoms * 3]);
    expect(src.cachedFrames()).toBeLessThanOrEqual(30);
  });

  it('works with a server that ignores Range, and reports a file of the wrong size', async () => {
    const data = frameFile(2, 6);
    const plain = fakeServer(new Uint8Array(data.buffer), false);
    const src = new FrameSource('/f', 2, 6, { chunkBytes: 2 * 24, fetch: plain.fetchFn });
    expect((await src.load(5))[0]).toBe(data[5 * 6]);
    const short = fakeServer(new Uint8Array(data.buffer).slice(0, 100));
    const bad = new FrameSource('/files/superionic-frames/t.f32', 2, 6, { fetch: short.fetchFn });
    await expect(bad.load(0)).rejects.toThrow(FrameFileError);
    await expect(new FrameSource('/files/superionic-frames/t.f32', 2, 6, { fetch: short.fetchFn }).load(0)).rejects.toThrow(
      /\/files\/superionic-frames\/t\.f32 has 100 bytes, expected 144 \(6 frames × 2 atoms/,
    );
  });
});

describe("recentPath (minimum-image unwrapping in each frame's cell)", () => {
  /** Atom 1 moves ~0.55 Å per frame, crossing the faces of a triclinic cell many times; stored wrapped. */
  function wrappedTrajectory(breathing: number) {
    const nFrames = 60;
    const cells: number[] = [];
    const cont: number[][] = []; // continuous positions of atom 1
    const frames: Float32Array[] = [];
    for (let f = 0; f < nFrames; f++) {
      const L = 6 * (1 + breathing * Math.sin(f / 7)); // Å
      cells.push(L, 0, 0, 0.5, L, 0, 0, 0.3, L);
      const p = [1 + 0.45 * f, 2 - 0.3 * f, 0.7 + 0.2 * Math.sin(f)];
      cont.push(p);
      const c = cells.slice(9 * f); // rows a, b, c (lower-triangular matrix): solve for fractional
      const fc = p[2] / c[8];
      const fb = (p[1] - fc * c[7]) / c[4];
      const fa = (p[0] - fb * c[3] - fc * c[6]) / c[0];
      const w = [fa, fb, fc].map((u) => u - Math.floor(u));
      frames.push(new Float32Array([0, 0, 0, ...[0, 1, 2].map((d) => w[0] * c[d] + w[1] * c[3 + d] + w[2] * c[6 + d])]));
    }
    return { cells, cont, frames };
  }

  it('equals the continuous path shifted onto the current wrapped position (fixed triclinic cell)', () => {
    const { cells, cont, frames } = wrappedTrajectory(0);
    const out = new Float32Array(3 * 40);
    const n = recentPath((g) => frames[g] ?? null, 1, 50, 40, cells, out, new Float64Array(9));
    expect(n).toBe(40);
    const cur = frames[50].subarray(3, 6);
    for (let k = 0; k < n; k++) {
      const g = 50 - (n - 1) + k;
      // float32 positions (~1e-6 relative on ~10 Å) summed over ≤ 40 steps: 1e-3 Å is ample
      for (let d = 0; d < 3; d++) expect(Math.abs(out[3 * k + d] - (cont[g][d] - cont[50][d] + cur[d]))).toBeLessThan(1e-3);
    }
    // Stops at the first frame that is not loaded yet.
    expect(recentPath((g) => (g >= 45 ? frames[g] : null), 1, 50, 40, cells, out, new Float64Array(9))).toBe(6);
  });

  it('stays continuous in a breathing cell (no jumps across the box; ends at the current position)', () => {
    // With a cell that changes every frame, wrapped positions no longer determine the continuous path
    // exactly (image shifts scale with the cell); the display only needs it continuous.
    const { cells, cont, frames } = wrappedTrajectory(0.02);
    const out = new Float32Array(3 * 50);
    const n = recentPath((g) => frames[g] ?? null, 1, 55, 50, cells, out, new Float64Array(9));
    expect(n).toBe(50);
    expect(Array.from(out.subarray(3 * (n - 1), 3 * n))).toEqual(Array.from(frames[55].subarray(3, 6)));
    for (let k = 1; k < n; k++) {
      const g = 55 - (n - 1) + k;
      const step = Math.hypot(...[0, 1, 2].map((d) => out[3 * k + d] - out[3 * (k - 1) + d]));
      const trueStep = Math.hypot(...[0, 1, 2].map((d) => cont[g][d] - cont[g - 1][d]));
      expect(Math.abs(step - trueStep)).toBeLessThan(0.5); // true steps ≈ 0.55 Å; a box jump would be ≈ 6 Å
    }
  });

  it('draws the 12 cell edges from the origin', () => {
    const out = new Float32Array(72);
    cellEdges([2, 0, 0, 0, 3, 0, 0, 0, 4], 0, out);
    const pts = new Set<string>();
    for (let k = 0; k < 24; k++) pts.add(Array.from(out.subarray(3 * k, 3 * k + 3)).join(','));
    expect(pts.size).toBe(8); // 8 corners, each on 3 edges
    let total = 0;
    for (let e = 0; e < 12; e++) total += Math.hypot(out[6 * e + 3] - out[6 * e], out[6 * e + 4] - out[6 * e + 1], out[6 * e + 5] - out[6 * e + 2]);
    expect(total).toBeCloseTo(4 * (2 + 3 + 4), 5);
  });
});

describe('periodicIsosurface (marching tetrahedra)', () => {
  const N = 32,
    L = 10,
    R = 3;
  const sphereField = (c: number[]) => {
    const v = new Float64Array(N * N * N);
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++)
        for (let k = 0; k < N; k++) {
          let r2 = 0;
          for (const [u, cu] of [
            [i, c[0]],
            [j, c[1]],
            [k, c[2]],
          ]) {
            let d = (u * L) / N - cu;
            d -= L * Math.round(d / L);
            r2 += d * d;
          }
          v[(i * N + j) * N + k] = -r2; // inside (≥ level) near the centre
        }
    return v;
  };
  const cell = [L, 0, 0, 0, L, 0, 0, 0, L];
  const minImage = (d: number) => d - L * Math.round(d / L);

  for (const [name, c] of [
    ['inside the cell', [5.1, 4.9, 5.05]],
    ['across the periodic boundary', [0.2, 9.9, 5]],
  ] as const) {
    it(`reproduces a sphere of radius ${R} Å ${name}: radius, area, outward normals`, () => {
      const tri = periodicIsosurface(sphereField([...c]), [N, N, N], cell, -R * R);
      const nTri = tri.length / 9;
      expect(nTri).toBeGreaterThan(1000);
      let area = 0,
        maxRadiusError = 0,
        inward = 0;
      for (let t = 0; t < nTri; t++) {
        const p = [0, 1, 2].map((v) => [0, 1, 2].map((d) => tri[9 * t + 3 * v + d]));
        // Work in the minimum image around the centre (the surface may be split across faces).
        const q = p.map((x) => x.map((u, d) => c[d] + minImage(u - c[d])));
        for (const x of q) maxRadiusError = Math.max(maxRadiusError, Math.abs(Math.hypot(x[0] - c[0], x[1] - c[1], x[2] - c[2]) - R));
        const u = [0, 1, 2].map((d) => q[1][d] - q[0][d]),
          w = [0, 1, 2].map((d) => q[2][d] - q[0][d]);
        const n = [u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]];
        area += 0.5 * Math.hypot(n[0], n[1], n[2]);
        const centroid = [0, 1, 2].map((d) => (q[0][d] + q[1][d] + q[2][d]) / 3 - c[d]);
        if (n[0] * centroid[0] + n[1] * centroid[1] + n[2] * centroid[2] <= 0) inward++;
      }
      // Linear interpolation of r² along edges ≤ h√3 (h = 0.3125 Å) misplaces the crossing by
      // at most ≈ (h√3)²/(8R) ≈ 0.012 Å; 0.02 Å leaves margin for float32.
      expect(maxRadiusError).toBeLessThan(0.02);
      expect(inward).toBe(0); // every triangle faces outward (from high to low values)
      // A polyhedral surface through points on the sphere: area within 2 % of 4πR² (chords fall inside).
      expect(Math.abs(area / (4 * Math.PI * R * R) - 1)).toBeLessThan(0.02);
    });
  }

  it('is closed: every edge is shared by exactly two triangles', () => {
    const tri = periodicIsosurface(sphereField([5.1, 4.9, 5.05]), [N, N, N], cell, -R * R);
    const key = (t: number, v: number) => [0, 1, 2].map((d) => tri[9 * t + 3 * v + d].toFixed(4)).join(',');
    const edges = new Map<string, number>();
    for (let t = 0; t < tri.length / 9; t++) {
      for (const [a, b] of [
        [0, 1],
        [1, 2],
        [2, 0],
      ]) {
        const e = [key(t, a), key(t, b)].sort().join('|');
        edges.set(e, (edges.get(e) ?? 0) + 1);
      }
    }
    const counts = new Set(edges.values());
    expect([...counts]).toEqual([2]);
  });
});

describe('interactive DOAS / entropy plots', () => {
  const rows = [];
  for (const T of [300, 600, 900])
    for (const cls of ['Li-rich', 'Li-poor']) for (const r of [1, 2, 3]) rows.push({ temperature_K: T, class: cls, r_A: r, S_kB: (r * T) / 1000 });
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values: rows },
    layer: [
      { mark: 'point', encoding: { x: { field: 'r_A', type: 'quantitative' }, y: { field: 'S_kB', type: 'quantitative' } } },
      { mark: 'rule', data: { values: [{ y: 0.5 }] }, encoding: { y: { field: 'y', type: 'quantitative' } } },
    ],
  };

  it('finds temperature and class fields in inline data', () => {
    const p = interactiveParamsFor(spec);
    expect(p.map((x) => [x.field, x.values])).toEqual([
      ['temperature_K', [300, 600, 900]],
      ['class', ['Li-poor', 'Li-rich']],
    ]);
    expect(interactiveParamsFor({ data: { values: [{ temperature_K: 300 }] }, mark: 'point' })).toEqual([]);
  });

  it('filters the rendered marks by the bound selects (compiled with vega-lite 6, run in vega 6)', async () => {
    const out = withInteractiveParams(spec).spec;
    expect(JSON.stringify(spec)).not.toContain('si_temperature_K'); // input untouched
    const { compile } = await import('vega-lite');
    const vega = await import('vega');
    const view = new vega.View(vega.parse(compile(out as never).spec), { renderer: 'none' });
    const count = async (marktype: string) => {
      await view.runAsync();
      let n = 0;
      const walk = (item: { marktype?: string; role?: string; items?: unknown[] }) => {
        if (item.marktype === marktype && item.role === 'mark') n += item.items?.length ?? 0;
        for (const child of item.items ?? []) walk(child as never);
      };
      walk((view.scenegraph() as unknown as { root: never }).root);
      return n;
    };
    const points = () => count('symbol');
    expect(await points()).toBe(18);
    view.signal('si_temperature_K', 600);
    expect(await points()).toBe(6);
    view.signal('si_class', 'Li-rich');
    expect(await points()).toBe(3);
    // The rule layer has no temperature/class fields: the filter keeps its datum.
    expect(await count('rule')).toBe(1);
    view.signal('si_temperature_K', null);
    expect(await points()).toBe(9);
    view.finalize();
  });

  it('a faceted DOAS filtered to one temperature shrinks to one panel (filter before faceting)', async () => {
    const rows = [300, 600, 900].flatMap((T) => [0, 1, 2].map((E) => ({ temperature_K: T, class: 'a', E_eV: E, density_per_eV: E + 1 })));
    const faceted = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      data: { values: rows },
      facet: { row: { field: 'temperature_K', type: 'ordinal' } },
      spec: {
        width: 200,
        height: 120,
        mark: 'line',
        encoding: { x: { field: 'E_eV', type: 'quantitative' }, y: { field: 'density_per_eV', type: 'quantitative' } },
      },
    };
    const out = withInteractiveParams(faceted).spec as any;
    expect(out.transform[0].filter).toContain('si_temperature_K');
    const { compile } = await import('vega-lite');
    const vega = await import('vega');
    const view = new vega.View(vega.parse(compile(out as never).spec), { renderer: 'none' });
    await view.runAsync();
    const all = view.height() || (await view.toSVG()).length;
    const h3 = Number(/height="(\d+)"/.exec(await view.toSVG())![1]);
    view.signal('si_temperature_K', 600);
    await view.runAsync();
    const h1 = Number(/height="(\d+)"/.exec(await view.toSVG())![1]);
    expect(all).toBeGreaterThan(0);
    // three 120 px rows → one: the plot loses at least 2 × 120 px
    expect(h3 - h1).toBeGreaterThanOrEqual(240);
    view.finalize();
  });

  it('adds data tooltips only when the spec has none', () => {
    expect((withInteractiveParams(spec).spec.config as { mark: { tooltip: unknown } }).mark.tooltip).toEqual({ content: 'data' });
    const withTip = { ...spec, layer: [{ ...spec.layer[0], encoding: { ...spec.layer[0].encoding, tooltip: { field: 'S_kB' } } }, spec.layer[1]] };
    expect(withInteractiveParams(withTip).spec.config).toBeUndefined();
  });
});

describe('frame file check before fetching (fresh clone: no frame files)', () => {
  const tree: Record<string, { name: string; type: string; size?: number }[]> = {
    '': [
      { name: 'notebooks', type: 'directory' },
      { name: 'README.md', type: 'file', size: 10 },
    ],
    notebooks: [
      { name: '01.ipynb', type: 'notebook' },
      { name: 'superionic-frames', type: 'directory' },
    ],
    'notebooks/superionic-frames': [{ name: 'traj-a.f32', type: 'file', size: 144 }],
  };
  const asked: string[] = [];
  const list = async (dir: string) => {
    asked.push(dir);
    return tree[dir] ?? null;
  };

  it('finds a file by listing only folders that exist', async () => {
    asked.length = 0;
    expect(await frameFileOnServer('notebooks/superionic-frames/traj-a.f32', list)).toEqual({ exists: true, size: 144 });
    expect(asked).toEqual(['', 'notebooks', 'notebooks/superionic-frames']);
  });

  it('says missing (without listing the missing folder) when the file or its folder is not there', async () => {
    asked.length = 0;
    expect(await frameFileOnServer('notebooks/superionic-frames/traj-b.f32', list)).toEqual({ exists: false });
    expect(await frameFileOnServer('papers/superionic-frames/traj-a.f32', list)).toEqual({ exists: false });
    expect(asked).not.toContain('papers');
    expect(await frameFileOnServer('notebooks/01.ipynb/x', list)).toEqual({ exists: false });
  });

  it('gives up (null) when a listing is not available, so the widget just tries', async () => {
    expect(await frameFileOnServer('a/b.f32', async () => null)).toBeNull();
  });

  it('never shows a URL query (the _xsrf token) in a message', () => {
    const m = 'frame file http://127.0.0.1:8899/files/superionic-frames/traj-1.f32?_xsrf=2%7Cabc%7Cdef: HTTP 404 Not Found';
    expect(redactUrls(m)).toBe('frame file http://127.0.0.1:8899/files/superionic-frames/traj-1.f32: HTTP 404 Not Found');
    expect(new FrameFileError(m).message).not.toContain('_xsrf');
    expect(redactUrls('/files/x.f32?token=abc has 3 bytes')).toBe('/files/x.f32 has 3 bytes');
  });
});
