/**
 * The numeric core, the analyses and every reader run in a browser unchanged: esbuild bundles
 * them for `platform: 'browser'` with no Node built-in resolved (none is imported; the file layer
 * looks Node's modules up at run time: src/io/nodeModules.ts; H5MD pulls in h5wasm's browser build,
 * its Node build is looked up by a computed name), and the bundle, evaluated in a context without
 * `process`, `Buffer` or `require`, reads an extxyz from its bytes (plain and gzip through
 * DecompressionStream) and computes the same RDF as the library in Node; through `readTrajectory`
 * (format sniffed) it reads a DCD, an ASE .traj and an H5MD from bytes and from a Blob with the
 * frames of the path in Node, and computes the same RDF from the DCD.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { readTrajectory } from '../../src/io/index';
import { radialDistribution } from '../../src/structure/rdf';

const root = path.resolve(__dirname, '../..');
const AREAS = ['core', 'geometry', 'structure', 'sites', 'dynamics', 'transport', 'density', 'pathways', 'doas'];
const READERS = [
  'byteLineReader',
  'byteSource',
  'extxyz',
  'xdatcar',
  'lammpsDump',
  'outcar',
  'qePw',
  'vasprun',
  'dcd',
  'aseTraj',
  'h5md',
  'formatRegistry',
  'sniffFormat',
  'openTrajectory',
];
const CONF = path.join(root, 'test', 'fixtures', 'conformance');
/** Binary files read in the bundle from bytes and from a Blob (with the reader options they need). */
const BINARY: { file: string; opts: Record<string, unknown> }[] = [
  { file: path.join(CONF, 'mdanalysis', 'tip125_tric_C36.dcd'), opts: { typeMap: Array(375).fill('O') } },
  { file: path.join(CONF, 'ase', 'md.traj'), opts: {} },
  { file: path.join(CONF, 'mdanalysis', 'test.h5md'), opts: { typeMap: Array(5).fill('Ar') } },
];

/** The arrays of a trajectory, for a bit-for-bit comparison across the two realms. */
const ARRAYS_OF = `function arraysOf(t) {
  const a = (x) => (x ? Array.from(x) : null);
  return { n: t.nFrames, symbols: t.topology.symbols, positions: a(t.positions), cells: a(t.cells), times: a(t.times_fs),
    velocities: a(t.velocities), forces: a(t.forces), energies: a(t.frameEnergies_eV), format: t.info.format, source: t.info.source };
}`;
const arraysOf = new Function(`${ARRAYS_OF}; return arraysOf;`)() as (t: unknown) => Record<string, unknown>;
const LGPS = path.join(root, 'data', 'Li10GeP2S12_600K_AIMD.extxyz.gz');

describe('browser bundle of the core, the analyses and every reader', () => {
  it('bundles with no Node built-in and computes in a context without process, Buffer or require', async () => {
    const contents = [...AREAS.map((a) => `export * from './src/${a}/index';`), ...READERS.map((r) => `export * from './src/io/${r}';`)].join('\n');
    const out = await build({
      stdin: { contents, resolveDir: root, loader: 'ts' },
      bundle: true,
      platform: 'browser',
      format: 'iife',
      globalName: 'si',
      write: false,
      metafile: true,
      logLevel: 'silent',
      target: 'es2022',
    });
    const imports = Object.values(out.metafile.inputs).flatMap((i) => i.imports.map((x) => x.path));
    expect(imports.filter((p) => /^node:|^(fs|path|os|zlib|crypto|child_process|stream|util|events)$/.test(p))).toEqual([]);
    const code = out.outputFiles[0].text;
    expect(code.length).toBeGreaterThan(100_000);

    const context = vm.createContext({ TextDecoder, TextEncoder, DecompressionStream, Blob, console, setTimeout, queueMicrotask, ReadableStream });
    vm.runInContext(code, context);
    expect(vm.runInContext('typeof process + typeof Buffer + typeof require', context)).toBe('undefinedundefinedundefined');
    const gz = new Uint8Array(readFileSync(LGPS));
    const plain = new Uint8Array(gunzipSync(gz));
    context.inputs = [gz, plain];
    const script = `(async () => {
      const results = [];
      for (const bytes of inputs) {
        const r = await si.ExtxyzReader.open({ bytes, name: 'LGPS.extxyz' }, {});
        r.setSelection(null);
        const frames = [];
        for (let i = 0; ; i++) { const f = await r.readFrame(i); if (!f) break; frames.push(f); }
        const rdf = si.radialDistribution(frames, r.topology, { a: 'Li', b: 'S', rmax_A: 6, bins: 60 });
        results.push({ n: frames.length, g: Array.from(rdf.g), peak: rdf.first_peak_A, kind: rdf.kind });
      }
      return results;
    })()`;
    const inBrowser = (await vm.runInContext(script, context)) as { n: number; g: number[]; peak: number; kind: string }[];
    const t = await readTrajectory(LGPS);
    const ref = radialDistribution(t.frames(), t.topology, { a: 'Li', b: 'S', rmax_A: 6, bins: 60 });
    for (const r of inBrowser) {
      expect(r.n).toBe(t.nFrames);
      expect(r.g).toEqual(Array.from(ref.g)); // the same arithmetic: bit-identical
      expect(r.peak).toBe(ref.first_peak_A);
      expect(r.kind).toBe('rdf');
    }
    // A path cannot be opened there: one clear line instead of a missing-module crash.
    const byPath = vm.runInContext(`si.ExtxyzReader.open('LGPS.extxyz', {}).then(() => 'opened', (e) => e.name + ': ' + e.message)`, context);
    expect(await byPath).toMatch(
      /^InputError: LGPS\.extxyz: cannot open file \(reading a file by its path needs Node \(node:fs\/promises\); here, give the reader the file's bytes \(\{bytes, name\}\) instead\)/,
    );

    // The binary readers, through readTrajectory with the format sniffed: bytes and a Blob.
    vm.runInContext(ARRAYS_OF, context);
    context.binary = BINARY.map((b) => {
      const buf = new Uint8Array(readFileSync(b.file));
      return { name: path.basename(b.file), opts: b.opts, inputs: [buf, new Blob([buf])] };
    });
    const binaryScript = `(async () => {
      const out = [];
      for (const b of binary)
        for (const bytes of b.inputs) out.push(arraysOf(await si.readTrajectory({ bytes, name: b.name }, { ...b.opts, onWarning: () => {} })));
      const t = await si.readTrajectory({ bytes: binary[0].inputs[1], name: binary[0].name }, binary[0].opts);
      const rdf = si.radialDistribution(t.frames(), t.topology, { a: 'O', b: 'O', rmax_A: 8, bins: 80 });
      return { out, g: Array.from(rdf.g), peak: rdf.first_peak_A };
    })()`;
    const bin = (await vm.runInContext(binaryScript, context)) as { out: Record<string, unknown>[]; g: number[]; peak: number };
    for (const [k, b] of BINARY.entries()) {
      const ref = arraysOf(await readTrajectory(b.file, { ...b.opts, onWarning: () => undefined }));
      for (const got of bin.out.slice(2 * k, 2 * k + 2)) expect(got).toEqual({ ...ref, source: path.basename(b.file) });
    }
    const dcd = await readTrajectory(BINARY[0].file, BINARY[0].opts);
    const dcdRdf = radialDistribution(dcd.frames(), dcd.topology, { a: 'O', b: 'O', rmax_A: 8, bins: 80 });
    expect(bin.g).toEqual(Array.from(dcdRdf.g));
    expect(bin.peak).toBe(dcdRdf.first_peak_A);
    expect(Math.max(...bin.g)).toBeGreaterThan(1); // a real structure, not an empty histogram
  }, 120_000);
});
