/**
 * The numeric core, the analyses and the text readers run in a browser unchanged: esbuild bundles
 * them for `platform: 'browser'` with no Node built-in resolved (none is imported; the file layer
 * looks Node's modules up at run time: src/io/nodeModules.ts), and the bundle, evaluated in a
 * context without `process`, `Buffer` or `require`, reads an extxyz from its bytes (plain and gzip
 * through DecompressionStream) and computes the same RDF as the library in Node.
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
const READERS = ['byteLineReader', 'extxyz', 'xdatcar', 'lammpsDump', 'outcar', 'qePw', 'vasprun'];
const LGPS = path.join(root, 'data', 'Li10GeP2S12_600K_AIMD.extxyz.gz');

describe('browser bundle of the core, the analyses and the text readers', () => {
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

    const context = vm.createContext({ TextDecoder, TextEncoder, DecompressionStream, Blob, console, setTimeout, queueMicrotask });
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
  }, 120_000);
});
