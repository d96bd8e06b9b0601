// Frame-parallel coordination, angle distributions and site occupancy (src/analyse/splitAnalyses.ts; workers load
// dist/, built by `npm test`): for 2 and 3 threads every number equals the one-thread pass (analyseFrames over the
// ordinary FrameAnalysis) exactly, on the real argyrodite and LGPS files; si.analyse with sites too.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analyse/analyse';
import { analyseFileParallel } from '../../src/analyse/frameParallel';
import type { BoundSiteOccupancy, SplitAnalysisSpec } from '../../src/analyse/splitAnalyses';
import { analyseFrames } from '../../src/core/frameAnalysis';
import { openTrajectory } from '../../src/io/openTrajectory';
import { argyroditeTemplate } from '../../src/sites/argyroditeTemplate';
import { GaussianSiteOccupancy } from '../../src/sites/gaussianSiteOccupancy';
import { sitesFromHosts } from '../../src/sites/sitesFromHosts';
import { CationAnionCationAngles } from '../../src/structure/cationAnionCationAngles';
import { CoordinationNumbers } from '../../src/structure/coordination';
import { peekFirstFrame } from '../../src/core/firstFrame';

const DATA = path.resolve(__dirname, '../../data');
const ARG = path.join(DATA, 'Li6PS5Cl_50pct_500K_XDATCAR.gz');
const LGPS = path.join(DATA, 'Li10GeP2S12_600K_AIMD.extxyz.gz');

/** Plain JSON of a result with typed arrays as arrays (toEqual on it is exact equality of every number). */
const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)));

describe('split analyses over worker threads equal one thread exactly', () => {
  it('coordination (atoms and PS4 centres) and cation–anion–cation angles (anion frame)', async () => {
    const cn = { centre: 'PS4', neighbor: 'Li', cutoff_A: 4.2, source: LGPS };
    const ang = {
      centre: 'PS4',
      cation: 'Li',
      shells_A: [[0, 4.5] as [number, number], [4.5, 6] as [number, number]],
      anionFrame: true,
      source: LGPS,
    };
    const cnS = { centre: 'S', neighbor: 'Li', cutoff_A: 3.0, source: ARG };
    const oneL = [new CoordinationNumbers(cn), new CationAnionCationAngles(ang)];
    await analyseFrames(await openTrajectory(LGPS, { frames: { end: 40 } }), oneL);
    const oneA = new CoordinationNumbers(cnS);
    await analyseFrames(await openTrajectory(ARG, { frames: { start: 1, stride: 3 } }), [oneA]);
    for (const threads of [2, 3]) {
      const specs: SplitAnalysisSpec[] = [
        { kind: 'coordination', options: cn },
        { kind: 'angles', options: ang },
      ];
      const par = await analyseFileParallel<CoordinationNumbers | CationAnionCationAngles>(LGPS, { frames: { end: 40 } }, specs, threads);
      expect(plain(par.analyses[0].result())).toEqual(plain(oneL[0].result()));
      expect(plain(par.analyses[1].result())).toEqual(plain(oneL[1].result()));
      const parA = await analyseFileParallel<CoordinationNumbers>(
        ARG,
        { frames: { start: 1, stride: 3 } },
        [{ kind: 'coordination', options: cnS }],
        threads,
      );
      expect(plain(parA.analyses[0].result())).toEqual(plain(oneA.result()));
    }
    // The shares are real work: the coordination distribution is not trivial.
    expect((oneL[0].result() as { std: number }).std).toBeGreaterThan(0);
  }, 120_000);

  it('site occupancy (argyrodite template, Gaussian and nearest assignment) and si.analyse({rdf, sites, msd, threads})', async () => {
    const template = argyroditeTemplate();
    const { first, stream } = await peekFirstFrame(await openTrajectory(ARG));
    const setup = sitesFromHosts(stream.topology, first, { host: ['S', 'Cl'], template, where: { file: ARG } });
    const gauss = new GaussianSiteOccupancy(setup.source, { mobile: 'Li', file: ARG, hostPositions: setup.hostPositions });
    const near = new GaussianSiteOccupancy(setup.source, { mobile: 'Li', file: ARG, assignment: 'nearest', hostPositions: setup.hostPositions });
    await analyseFrames(stream, [gauss, near]);
    const binding = { kind: 'template' as const, host: ['S', 'Cl'], template };
    const par = await analyseFileParallel<BoundSiteOccupancy>(
      ARG,
      {},
      [
        { kind: 'sites', options: { mobile: 'Li', file: ARG }, binding },
        { kind: 'sites', options: { mobile: 'Li', file: ARG, assignment: 'nearest' }, binding },
      ],
      2,
    );
    expect(plain(par.analyses[0].result().occupancy)).toEqual(plain(gauss.result()));
    expect(plain(par.analyses[1].result().occupancy)).toEqual(plain(near.result()));
    expect(gauss.result().entropy_kB).toBeGreaterThan(0);

    const plan = {
      msd: { species: ['Li'], dt_fs: 2 },
      rdf: [{ a: 'Li', b: 'S', rmax_A: 6 }],
      sites: { mobile: ['Li'], host: ['S', 'Cl'], template },
      onProgress: () => {},
    };
    const one = await analyse(ARG, plan);
    const two = await analyse(ARG, { ...plan, threads: 2 });
    expect(two.nFrames).toBe(one.nFrames);
    expect(plain(two)).toEqual(plain(one));
  }, 120_000);
});
