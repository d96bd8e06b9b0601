/**
 * Notebook tests (issue 6): every notebook in notebooks/ runs headlessly on our `superionic`
 * kernel through the project .venv's nbclient and must finish without a cell error; chosen
 * outputs are checked against the library; bad input gives our clear error and the kernel
 * keeps going. Needs `npm run setup` (scripts/test.mjs runs it before vitest).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTrajectory } from '../../src/io/index';
import { analyseDiffusion } from '../../src/transport/index';

const root = path.resolve(__dirname, '../..');
const python = path.join(root, '.venv', 'bin', 'python');
const notebooksDir = path.join(root, 'notebooks');
const artifacts = path.join(root, 'test-artifacts', 'notebooks');
const data = path.resolve(root, '../shared/data');
const LGPS = path.join(data, 'Li10GeP2S12_600K_AIMD.extxyz.gz');

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}
interface Cell { cell_type: string; source: string | string[]; outputs?: Output[] }
interface Notebook { cells: Cell[]; metadata: Record<string, any> }

const join = (x: string | string[] | undefined) => (Array.isArray(x) ? x.join('') : x ?? '');
const streamText = (c: Cell) => (c.outputs ?? []).filter((o) => o.output_type === 'stream').map((o) => join(o.text)).join('');
const allOutputs = (nb: Notebook) => nb.cells.flatMap((c) => c.outputs ?? []);

/** Execute a notebook with nbclient into test-artifacts/; returns the executed notebook. */
function execute(src: string, opts: { allowErrors?: boolean } = {}): { nb: Notebook; status: number; log: string } {
  mkdirSync(artifacts, { recursive: true });
  const out = path.join(artifacts, path.basename(src));
  const args = [path.join(__dirname, 'run_notebook.py'), src, out, '--timeout', '600'];
  if (opts.allowErrors) args.push('--allow-errors');
  const r = spawnSync(python, args, { cwd: root, encoding: 'utf8', timeout: 900_000 });
  const log = `${r.stdout}\n${r.stderr}`;
  if (!existsSync(out)) throw new Error(`nbclient wrote no notebook for ${src}:\n${log}`);
  return { nb: JSON.parse(readFileSync(out, 'utf8')), status: r.status ?? -1, log };
}

function notebook(cells: string[]): Notebook {
  return {
    cells: cells.map((source) => ({ cell_type: 'code', source, outputs: [], metadata: {}, execution_count: null })) as Cell[],
    metadata: { kernelspec: { name: 'superionic', display_name: 'Superionic (TypeScript)', language: 'typescript' } },
  };
}

beforeAll(() => {
  if (!existsSync(python)) throw new Error('.venv is missing: run `npm run setup` (npm test does it first)');
  if (!existsSync(path.join(root, '.venv/share/jupyter/kernels/superionic/kernel.json'))) throw new Error('kernelspec "superionic" missing: run `npm run setup`');
});

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
      const m = /D\*\(Li\) = ([0-9.]+e[-+]?\d+) cm²\/s/.exec(text);
      expect(m, 'the notebook prints "D*(Li) = … cm²/s"').not.toBeNull();
      const printed = Number(m![1]);
      // The same analysis, with the same options as the notebook's cell.
      const lgps = await readTrajectory(LGPS);
      const r = await analyseDiffusion(lgps, 'Li', { temperature_K: 600, drift: true, framework: ['Ge', 'P', 'S'] });
      // Printed with 4 significant digits (toExponential(3)): agree to half a unit of the last digit.
      expect(Math.abs(printed - r.D_cm2_s)).toBeLessThanOrEqual(0.5e-3 * Math.abs(r.D_cm2_s) * 1.0001);
      expect(r.D_cm2_s).toBeGreaterThan(0);
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

    it('displayed the Li10GeP2S12 trajectory per the bundle contract, with its Float32 frame file', async () => {
      const bundles = allOutputs(get()).map((o) => o.data?.['application/vnd.superionic.trajectory+json'] as any).filter(Boolean);
      expect(bundles.length).toBeGreaterThanOrEqual(1);
      const b = bundles.find((x) => x.nAtoms === 50);
      expect(b).toBeDefined();
      expect(b.version).toBe(1);
      expect(b.path).toMatch(/^\.superionic\/traj-[0-9a-f]+\.f32$/);
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

describe('the kernel on bad input', () => {
  it('shows our clear error (no internal stack) and runs the next cell', () => {
    mkdirSync(artifacts, { recursive: true });
    const src = path.join(artifacts, 'bad-input.ipynb');
    const lgpsRel = path.relative(artifacts, LGPS);
    writeFileSync(src, JSON.stringify({
      ...notebook([
        'const t = await si.readTrajectory("no-such-trajectory.extxyz")',
        'console.log("next cell ran")',
        `const li = await si.readTrajectory(${JSON.stringify(lgpsRel)}, { atoms: "Lj" })`,
        'console.log("still alive", 6 * 7)',
        'const n: number = "not a number"',
        'throw new Error("plain error")',
        'console.log("alive after all of it")',
      ]),
      nbformat: 4, nbformat_minor: 5,
    }));
    const { nb, log } = execute(src, { allowErrors: true });
    const [missing, next, species, alive, typeErr, plain, last] = nb.cells.map((c) => c.outputs ?? []);

    const e1 = missing.find((o) => o.output_type === 'error');
    expect(e1, log).toBeDefined();
    expect(e1!.ename).toBe('InputError');
    expect(e1!.evalue).toBe('no-such-trajectory.extxyz: file not found');
    expect(e1!.traceback!.join('\n')).not.toMatch(/\n\s+at |dist\/|node_modules/); // message only, no stack
    expect(streamText({ cell_type: 'code', source: '', outputs: next })).toBe('next cell ran\n');

    const e2 = species.find((o) => o.output_type === 'error');
    expect(e2!.ename).toBe('InputError');
    expect(e2!.evalue).toContain('"Lj"');
    expect(e2!.evalue).toContain('Li, Ge, P, S'); // names what was expected
    expect(e2!.traceback!.join('\n')).not.toMatch(/\n\s+at /);
    expect(streamText({ cell_type: 'code', source: '', outputs: alive })).toBe('still alive 42\n');

    const e3 = typeErr.find((o) => o.output_type === 'error');
    expect(e3!.ename).toBe('TypeScriptError');
    expect(e3!.evalue).toMatch(/not assignable to type 'number'/);

    const e4 = plain.find((o) => o.output_type === 'error');
    expect(e4!.ename).toBe('Error');
    expect(e4!.evalue).toBe('plain error');
    expect(e4!.traceback!.join('\n')).not.toMatch(/tslab\/dist|node:vm|kernel\/launch/);
    expect(streamText({ cell_type: 'code', source: '', outputs: last })).toBe('alive after all of it\n');
  }, 300_000);
});

describe('rich display of a cell’s last value', () => {
  it('danfo DataFrames become HTML tables, Vega-Lite specs become plots, other values print', () => {
    mkdirSync(artifacts, { recursive: true });
    const src = path.join(artifacts, 'rich-values.ipynb');
    writeFileSync(src, JSON.stringify({
      ...notebook([
        'si.toDataFrame({ D_cm2_s: [1.5e-6, 2.25e-6], material: ["LGPS", "<LPSCl>"] })',
        'si.vegaLiteSpec("auto", { data: { values: [{ x: 1, y: 2 }, { x: 2, y: 3 }] }, mark: "line", encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } } })',
        '({ a: 1, b: [1, 2] })',
        'show.table({ x: [1, 2] })',
      ]),
      nbformat: 4, nbformat_minor: 5,
    }));
    const { nb, status, log } = execute(src);
    expect(status, log).toBe(0);
    const [df, spec, plain, table] = nb.cells.map((c) => c.outputs ?? []);
    const html = join(df.find((o) => o.output_type === 'display_data')!.data!['text/html'] as string);
    expect(html).toContain('<table');
    expect(html).toContain('<td>LGPS</td>');
    expect(html).toContain('<td>&lt;LPSCl&gt;</td>');
    expect(html).toContain('<td>2.2500e-6</td>'); // 5 significant digits, exponent form below 1e-3
    const plot = spec.find((o) => o.output_type === 'display_data')!;
    expect(Object.keys(plot.data!)).toEqual(['application/vnd.vegalite.v6+json', 'image/svg+xml', 'text/plain']);
    expect(streamText({ cell_type: 'code', source: '', outputs: plain })).toBe('{ a: 1, b: [ 1, 2 ] }\n');
    // A helper's return value is not printed again after its display.
    expect(table.map((o) => o.output_type)).toEqual(['display_data']);
  }, 300_000);
});

describe('the kernel prelude', () => {
  it('`si` is typed: completion and inspection work on it', () => {
    const r = spawnSync(python, [path.join(__dirname, 'kernel_probe.py'), notebooksDir], { cwd: root, encoding: 'utf8', timeout: 300_000 });
    expect(r.status, r.stderr).toBe(0);
    const probe = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(probe.info).toEqual({ implementation: 'superionic', language: 'typescript' });
    expect(probe.complete).toContain('readTrajectory');
    expect(probe.inspect).toMatch(/function readTrajectory\(path: string, opts\?: ReadOptions\): Promise<Trajectory>/);
  }, 300_000);
});
