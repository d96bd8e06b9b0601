/**
 * The notebook seam's contract (src/display/notebookContract.ts): the bundles the library builds
 * are what the JupyterLab extension accepts, both sides take the MIME types from the one module,
 * and the kernel is a thin adapter over typed library code that refuses a tslab it was not
 * written for.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import type { Frame, FrameStream } from '../../src/core/frame';
import { topologyFromSymbols } from '../../src/core/topology';
import { Trajectory } from '../../src/core/trajectory';
import * as contract from '../../src/display/notebookContract';
import { setDisplayWriterSource, show, flush, type DisplayMessage } from '../../src/display/notebook/index';
import { MIME_SUPERIONIC_PLOT, MIME_SUPERIONIC_TRAJECTORY, MIME_VEGALITE_V6, plotBundle, trajectoryBundle } from '../../src/display/show';
import * as extensionBundle from '../../extension/src/trajectory/bundle';

const root = path.resolve(__dirname, '../..');

function smallTrajectory(): Trajectory {
  const top = topologyFromSymbols(['Li', 'Li', 'S']);
  const nf = 3,
    n = 3;
  const positions = new Float64Array(nf * 3 * n).map((_, k) => 0.37 * k + 0.1);
  const cells = new Float64Array(9 * nf);
  for (let f = 0; f < nf; f++) cells.set([6, 0, 0, 0, 6, 0, 0, 0, 7], 9 * f);
  return new Trajectory({
    topology: top,
    nFrames: nf,
    positions,
    cells,
    times_fs: Float64Array.from([0, 2, 4]),
    info: { source: 'mem', unwrapped: true },
  });
}

/** The same frames as a FrameStream (what si.openTrajectory returns). */
function streamOf(t: Trajectory): FrameStream {
  return {
    topology: t.topology,
    info: t.info,
    async *[Symbol.asyncIterator](): AsyncGenerator<Frame> {
      for (let f = 0; f < t.nFrames; f++)
        yield { index: f, time_fs: t.times_fs![f], cell: new Cell(t.cells!.subarray(9 * f, 9 * f + 9)), positions: t.framePositions(f) };
    },
  };
}

describe('one module defines the MIME types and bundle shapes', () => {
  it('the library and the extension use the same constants and validator', () => {
    expect(MIME_SUPERIONIC_TRAJECTORY).toBe(contract.MIME_SUPERIONIC_TRAJECTORY);
    expect(MIME_SUPERIONIC_PLOT).toBe(contract.MIME_SUPERIONIC_PLOT);
    expect(MIME_VEGALITE_V6).toBe(contract.MIME_VEGALITE_V6);
    expect(extensionBundle.TRAJECTORY_MIME).toBe(contract.MIME_SUPERIONIC_TRAJECTORY);
    expect(extensionBundle.parseTrajectoryBundle).toBe(contract.parseTrajectoryBundle);
  });

  it('no other file spells a superionic or Vega-Lite 6 MIME type as a string literal', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((e) => {
        const p = path.join(dir, e);
        return statSync(p).isDirectory() ? files(p) : /\.(ts|js)$/.test(e) ? [p] : [];
      });
    const offenders = [...files(path.join(root, 'src')), ...files(path.join(root, 'extension', 'src')), ...files(path.join(root, 'kernel'))]
      .filter((f) => !f.endsWith(path.join('display', 'notebookContract.ts')))
      .filter((f) => /['"]application\/vnd\.(superionic|vegalite\.v6)/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });
});

describe('what the library builds, the extension accepts', () => {
  it('an in-memory trajectory with sites and a density grid', () => {
    const t = smallTrajectory();
    const density = {
      shape: [2, 2, 2] as [number, number, number],
      cell: [6, 0, 0, 0, 6, 0, 0, 0, 7],
      values: [0, 1, 2, 3, 4, 5, 6, 7],
      isoLevel: 3.5,
    };
    const sites = { positions: [1, 1, 1, 2, 2, 2], types: ['T2', 'T5'], occupancy: [0.25, 0.5] };
    const d = trajectoryBundle(t, { title: 'contract', sites, density });
    const wire = JSON.parse(JSON.stringify(d.bundle.data[MIME_SUPERIONIC_TRAJECTORY])); // bundles travel as JSON
    const parsed = extensionBundle.parseTrajectoryBundle(wire);
    expect(parsed).toEqual({ ...wire });
    expect(parsed).toMatchObject({
      version: 1,
      path: d.path,
      nAtoms: 3,
      nFrames: 3,
      symbols: ['Li', 'S'],
      species: [0, 0, 1],
      times_fs: [0, 2, 4],
      sites,
      density,
    });
    expect(d.bytes.byteLength).toBe(parsed.nFrames * extensionBundle.frameBytes(parsed.nAtoms));
  });

  it('a plot bundle', () => {
    const spec = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', mark: 'point' };
    const b = plotBundle(spec, null, 'T');
    expect(contract.parsePlotBundle(JSON.parse(JSON.stringify(b.data[MIME_SUPERIONIC_PLOT])))).toEqual({ version: 1, spec, title: 'T' });
    expect(() => contract.parsePlotBundle({ version: 2, spec })).toThrow(/expected \{version: 1, spec: <Vega-Lite spec>\}/);
  });
});

describe('show (src/display/notebook) through a display channel', () => {
  let cwd: string, dir: string;
  const sent: DisplayMessage[] = [];
  beforeEach(() => {
    cwd = process.cwd();
    dir = mkdtempSync(path.join(tmpdir(), 'si-contract-'));
    process.chdir(dir);
    sent.length = 0;
    setDisplayWriterSource(() => (m) => sent.push(m));
  });
  afterEach(() => {
    setDisplayWriterSource(null);
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a Trajectory and the same frames streamed give the same frame file and bundles the extension accepts', async () => {
    const t = smallTrajectory();
    const a = show(t, { snapshot: false });
    const b = await show(streamOf(t), { snapshot: false });
    await flush();
    expect(b).toEqual(a);
    expect(readFileSync(path.join(dir, a.path)).byteLength).toBe(3 * 3 * 12);
    expect(sent).toHaveLength(2);
    const [p1, p2] = sent.map((m) => extensionBundle.parseTrajectoryBundle(JSON.parse(JSON.stringify(m.data[MIME_SUPERIONIC_TRAJECTORY]))));
    expect(p2).toEqual(p1);
  });

  it('a result shows its card and default plot; an unknown value is one clear error', async () => {
    const spec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      mark: 'point',
      data: { values: [{ x: 1 }] },
      encoding: { x: { field: 'x', type: 'quantitative' } },
    };
    await show(spec);
    expect(Object.keys(sent[0].data)).toEqual([MIME_VEGALITE_V6, 'image/svg+xml', 'text/plain']);
    expect(() => show(42)).toThrow(/show: do not know how to display number/);
  });
});

describe('the kernel is a thin adapter', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tslab = require('../../kernel/tslab.js');

  it('refuses any tslab but the one it was written for, in one line naming both versions', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.dependencies.tslab).toBe(tslab.TSLAB_VERSION);
    expect(tslab.tslabVersionProblem(tslab.TSLAB_VERSION)).toBeNull();
    expect(() => tslab.loadTslab('1.0.23')).toThrow(
      /^superionic kernel: written for tslab 1\.0\.22 .*but tslab 1\.0\.23 is installed; reinstall .*npm ci/,
    );
    expect(tslab.tslabVersionProblem(undefined)).toMatch(/tslab \(not installed\) is installed/);
    expect(tslab.loadTslab().jupyter).toBeTruthy();
  });

  it('kernel/show.js holds no domain logic and the launcher loads tslab only through the version check', () => {
    const showJs = readFileSync(path.join(root, 'kernel', 'show.js'), 'utf8');
    expect(showJs.split('\n').length).toBeLessThan(30);
    expect(showJs).not.toMatch(/require\(['"](fs|crypto)['"]\)/);
    const launch = readFileSync(path.join(root, 'kernel', 'launch.js'), 'utf8');
    expect(launch).not.toMatch(/require\(['"]tslab\//);
    expect(launch).toMatch(/loadTslab\(\)/);
    for (const f of ['launch.js', 'show.js', 'tslab.js']) {
      const r = spawnSync(process.execPath, ['--check', path.join(root, 'kernel', f)], { encoding: 'utf8' });
      expect(r.stderr, f).toBe('');
    }
  });
});
