/**
 * The superionic kernel itself (kernel/launch.js): bad input gives our clear error and the kernel
 * keeps going; last values display richly; the prelude's `si` is typed (completion, inspection).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LGPS, artifacts, jupyterEnv, execute, join, notebook, notebooksDir, python, requireEnvironment, root, streamText } from './helpers';

beforeAll(requireEnvironment);

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
    expect(e1!.evalue).toMatch(/^no-such-trajectory\.extxyz: file not found \(relative path, resolved against \/.+\)$/);
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
        'show.vegaLite(si.vegaLiteSpec("not awaited", { data: { values: [{ x: 1 }] }, mark: "point", encoding: { x: { field: "x", type: "quantitative" } } })); console.log("after")',
        `const lg = await si.readTrajectory(${JSON.stringify(path.relative(artifacts, LGPS))}); lg`,
        'const dr = await si.analyseDiffusion(lg, "Li", { temperature_K: 600, drift: true }); dr',
        'show(dr)',
        'show.vegaLite(si.msdSpec(dr.msd, dr.fit))',
      ]),
      nbformat: 4, nbformat_minor: 5,
    }));
    const { nb, status, log } = execute(src);
    expect(status, log).toBe(0);
    const [df, spec, plain, table, notAwaited, trajValue, diffValue, showCall, lastPromise] = nb.cells.map((c) => c.outputs ?? []);
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
    // A plot whose SVG is still rendering when the code ends lands in its own cell all the same.
    expect(notAwaited.map((o) => o.output_type)).toEqual(['stream', 'display_data']);
    expect(join(notAwaited[1].data!['text/plain'] as string)).toBe('<Vega-Lite plot: not awaited>');
    // A Trajectory as the last value: a short card, not hundreds of lines of typed arrays.
    expect(trajValue.map((o) => o.output_type)).toEqual(['display_data']);
    const trajText = join(trajValue[0].data!['text/plain'] as string);
    expect(trajText).toMatch(/^<Trajectory Li10GeP2S12_600K_AIMD\.extxyz\.gz: Li20 Ge2 P4 S24>/);
    expect(trajText.split('\n').length).toBeLessThan(12);
    // A diffusion result as the last value, and show(result) without await: the card then the MSD plot.
    for (const outs of [diffValue, showCall]) {
      expect(outs.map((o) => o.output_type)).toEqual(['display_data', 'display_data']);
      expect(join(outs[0].data!['text/html'] as string)).toContain('data-kind="diffusion"');
      expect(join(outs[0].data!['text/plain'] as string)).toMatch(/D\* \(tracer\): .* cm²\/s/);
      expect(Object.keys(outs[1].data!)).toEqual(['application/vnd.vegalite.v6+json', 'image/svg+xml', 'text/plain']);
    }
    // A display helper as the cell's last expression, not awaited: the plot only, no `Promise { <pending> }`.
    expect(lastPromise.map((o) => o.output_type)).toEqual(['display_data']);
  }, 300_000);
});

describe('show.trajectory from a stream', () => {
  it('writes the same frame file and metadata as from memory (bounded-memory path for large files)', () => {
    mkdirSync(artifacts, { recursive: true });
    const src = path.join(artifacts, 'stream-trajectory.ipynb');
    const rel = JSON.stringify(path.relative(artifacts, LGPS));
    writeFileSync(src, JSON.stringify({
      ...notebook([
        `const mem = show.trajectory(await si.readTrajectory(${rel}), { frames: { start: 5, stride: 7 }, wrap: true })`,
        `const str = await show.trajectory(await si.openTrajectory(${rel}), { frames: { start: 5, stride: 7 }, wrap: true })`,
      ]),
      nbformat: 4, nbformat_minor: 5,
    }));
    const { nb, status, log } = execute(src);
    expect(status, log).toBe(0);
    const [a, b] = nb.cells.map((c) => (c.outputs ?? []).find((o) => o.output_type === 'display_data')!.data!['application/vnd.superionic.trajectory+json'] as any);
    expect(a.nFrames).toBe(Math.ceil((1000 - 5) / 7)); // frames 5, 12, …, 999
    expect(a.times_fs.slice(0, 2)).toEqual([100, 240]); // 20 fs per frame in the file
    expect(b).toEqual(a); // same content hash → same path; same times, cells, species
    expect(existsSync(path.join(artifacts, a.path))).toBe(true);
    expect(readFileSync(path.join(artifacts, a.path)).byteLength).toBe(a.nFrames * a.nAtoms * 12);
  }, 300_000);
});

describe('the kernel prelude', () => {
  it('`si` is typed (completion, inspection); interrupt stops a cell and the kernel lives on', () => {
    const r = spawnSync(python, [path.join(__dirname, 'kernel_probe.py'), notebooksDir], { cwd: root, encoding: 'utf8', timeout: 300_000, env: jupyterEnv });
    expect(r.status, r.stderr).toBe(0);
    const probe = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(probe.info).toEqual({ implementation: 'superionic', language: 'typescript', status: 'ok' });
    expect(probe.complete).toContain('readTrajectory');
    expect(probe.inspect).toMatch(/function readTrajectory\(input: ByteInput, opts\?: ReadOptions\): Promise<Trajectory>/);
    // Shift-Tab shows the TSDoc: options with units and defaults, the result's headline fields.
    expect(probe.inspect).toContain('timestep_fs');
    expect(probe.inspect).toContain('InputError');
    expect(probe.inspect_read_options).toMatch(/interface ReadOptions[\s\S]*timestep_fs[\s\S]*typeMap/);
    expect(probe.inspect_analyse_diffusion).toMatch(/\): Promise<(si\.)?DiffusionResult>\n/); // not truncated to Promise<...>
    expect(probe.inspect_analyse_diffusion).toContain('@param species');
    expect(probe.inspect_analyse_diffusion).toContain('D_uncertainty_cm2_s');
    // Namespaces by area narrow Tab completion; the flat names stay.
    expect(probe.complete_transport).toContain('analyseDiffusion');
    expect(probe.complete_transport).not.toContain('readTrajectory');
    expect(probe.interrupt).toEqual({ status: 'error', evalue: 'Interrupted asynchronously' });
    expect(probe.after_interrupt).toBe('ok');
    expect(probe.comm_info).toBe('comm_info_reply');
  }, 300_000);
});
