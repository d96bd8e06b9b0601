/**
 * Notebook tests (issue 6): every notebook in notebooks/ runs headlessly on our `superionic`
 * kernel through the project .venv's nbclient and must finish without a cell error; chosen
 * outputs are checked against the library (kernel behaviour itself: kernel.test.ts). Needs `npm run setup` (scripts/test.mjs runs it before vitest).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTrajectory } from '../../src/io/index';
import { analyseDiffusion } from '../../src/transport/index';
import { LGPS, Notebook, allOutputs, execute, join, notebooksDir, requireEnvironment, streamText } from './helpers';

beforeAll(requireEnvironment);

const notebookFiles = readdirSync(notebooksDir).filter((f) => f.endsWith('.ipynb')).sort();

describe('every notebook in notebooks/ runs on the superionic kernel without a cell error', () => {
  it('there is at least one notebook', () => {
    expect(notebookFiles.length).toBeGreaterThan(0);
  });
  const executed = new Map<string, Notebook>();
  for (const f of notebookFiles) {
    it(f, () => {
      const { nb, status, log } = execute(path.join(notebooksDir, f));
      const errors = allOutputs(nb).filter((o) => o.output_type === 'error');
      expect(errors.map((e) => `${e.ename}: ${e.evalue}`), log).toEqual([]);
      expect(status, log).toBe(0);
      expect(nb.metadata.kernelspec?.name).toBe('superionic');
      executed.set(f, nb);
    }, 900_000);
  }

  describe('01-getting-started: chosen outputs', () => {
    const get = () => {
      const nb = executed.get('01-getting-started.ipynb');
      if (!nb) throw new Error('01-getting-started.ipynb did not execute (see the test above)');
      return nb;
    };

    it('prints the Li10GeP2S12 tracer D that the library computes', async () => {
      const text = get().cells.map(streamText).join('');
      const m = /D\*\(Li\) = ([0-9.]+e[-+]?\d+) ± ([0-9.]+e[-+]?\d+) cm²\/s/.exec(text);
      expect(m, 'the notebook prints "D*(Li) = … ± … cm²/s"').not.toBeNull();
      const printed = Number(m![1]), printedErr = Number(m![2]);
      // The same analysis, with the same options as the notebook's cell.
      const lgps = await readTrajectory(LGPS);
      const r = await analyseDiffusion(lgps, 'Li', { temperature_K: 600, drift: true, framework: ['Ge', 'P', 'S'] });
      // Printed with 4 significant digits (toExponential(3)): agree to half a unit of the last digit.
      expect(Math.abs(printed - r.D_cm2_s)).toBeLessThanOrEqual(0.5e-3 * Math.abs(r.D_cm2_s) * 1.0001);
      expect(r.D_cm2_s).toBeGreaterThan(0);
      // ± is the uncertainty the library uses for 'measurable' (the largest applicable error).
      expect(Math.abs(printedErr - r.D_uncertainty_cm2_s)).toBeLessThanOrEqual(0.5e-3 * r.D_uncertainty_cm2_s * 1.0001);
    }, 120_000);

    it('produced Vega-Lite v6 bundles with a static SVG fallback that has marks', () => {
      const plots = allOutputs(get()).filter((o) => o.data && o.data['application/vnd.vegalite.v6+json']);
      expect(plots.length).toBeGreaterThanOrEqual(3);
      for (const p of plots) {
        const spec = p.data!['application/vnd.vegalite.v6+json'] as Record<string, unknown>;
        expect(String(spec.$schema)).toContain('vega-lite/v6');
        const svg = join(p.data!['image/svg+xml'] as string | string[]);
        expect(svg.startsWith('<svg')).toBe(true);
        expect(svg).toMatch(/<path[^>]+d="M/); // lines/areas were drawn, not just axes
        expect(join(p.data!['text/plain'] as string)).toMatch(/^<Vega-Lite plot: /);
      }
    });

    it('produced an interactive superionic plot bundle and a site overlay for the trajectory browser', () => {
      const outs = allOutputs(get());
      const plot = outs.map((o) => o.data?.['application/vnd.superionic.plot+json'] as any).find(Boolean);
      expect(plot).toBeDefined();
      expect(plot.version).toBe(1);
      expect(typeof plot.title).toBe('string');
      expect(String(plot.spec.$schema)).toContain('vega-lite/v6');
      const withSites = outs.map((o) => o.data?.['application/vnd.superionic.trajectory+json'] as any).find((b) => b && b.sites);
      expect(withSites).toBeDefined();
      const s = withSites.sites;
      expect(s.types.length).toBeGreaterThan(0);
      expect(s.positions.length).toBe(3 * s.types.length);
      expect(s.occupancy.length).toBe(s.types.length);
      for (const o of s.occupancy) { expect(o).toBeGreaterThan(0); expect(o).toBeLessThanOrEqual(1); }
    });

    it('displayed the Li10GeP2S12 trajectory per the bundle contract, with its Float32 frame file', async () => {
      const bundles = allOutputs(get()).map((o) => o.data?.['application/vnd.superionic.trajectory+json'] as any).filter(Boolean);
      expect(bundles.length).toBeGreaterThanOrEqual(1);
      const b = bundles.find((x) => x.nAtoms === 50);
      expect(b).toBeDefined();
      expect(b.version).toBe(1);
      expect(b.path).toMatch(/^superionic-frames\/traj-[0-9a-f]+\.f32$/);
      expect(b.nFrames).toBe(1000);
      expect(b.symbols).toEqual(['Li', 'Ge', 'P', 'S']);
      expect(b.species.length).toBe(50);
      expect(b.times_fs.length).toBe(1000);
      expect(b.cells.length).toBe(9 * 1000);
      const file = path.join(notebooksDir, b.path);
      expect(statSync(file).size).toBe(b.nAtoms * b.nFrames * 12);
      const buf = readFileSync(file);
      const lgps = await readTrajectory(LGPS);
      for (const f of [0, 537, 999]) {
        for (const i of [0, 17, 49]) {
          for (let k = 0; k < 3; k++) {
            const v = buf.readFloatLE((f * b.nAtoms + i) * 12 + 4 * k);
            const ref = lgps.positions[f * 150 + 3 * i + k];
            // Float32 keeps 24 bits: relative rounding ≤ 2^-24 ≈ 6e-8 (positions are ≤ ~30 Å).
            expect(Math.abs(v - ref)).toBeLessThanOrEqual(Math.abs(ref) * 1.2e-7 + 1e-12);
          }
        }
      }
    }, 120_000);

    it('the progress display was updated in place (one output per progress bar)', () => {
      const nb = get();
      const progressCell = nb.cells.find((c) => join(c.source).includes('show.progress("Reading Li10GeP2S12")'))!;
      const displays = (progressCell.outputs ?? []).filter((o) => o.output_type === 'display_data');
      expect(displays.length).toBe(1); // nbclient applied update_display_data to the same output
      expect(join(displays[0].data!['text/plain'] as string)).toContain('1000 frames');
    });
  });
});

