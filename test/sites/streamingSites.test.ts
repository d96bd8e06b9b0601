// Streaming sites and jumps (issue 14): the FrameAnalysis prepare contract, peekFirstFrame, and jump times
// taken from the source while streaming (dtFromSource) equal to those of an in-memory trajectory, bit for bit.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { peekFirstFrame } from '../../src/core/firstFrame';
import type { Frame, FrameStream } from '../../src/core/frame';
import { analyseFrames, type FrameAnalysis, type FrameContext } from '../../src/core/frameAnalysis';
import type { Topology } from '../../src/core/topology';
import { openTrajectory, readTrajectory } from '../../src/io';
import { writeExtxyz } from '../../src/io/writeExtxyz';
import { SiteJumpAnalysis } from '../../src/sites/siteJumps';
import { buildSiteNetwork, siteCentres } from '../../src/sites/siteNetwork';
import { idealLatticeTemplate } from '../../src/sites/siteTemplate';
import { RadialDistribution } from '../../src/structure/rdf';
import { hostsFirst, tiledHosts, trajectoryOf } from './helpers';

/** fcc host with one Ag hopping tet → oct → tet every few frames (frame times 7.3 fs apart, not starting at 0). */
function hopper(nFrames: number) {
  const t = idealLatticeTemplate('fcc');
  t.derive = {};
  const { cell, positions } = tiledHosts(t, [3, 3, 3], 4.0);
  const net = buildSiteNetwork(t, positions, cell, hostsFirst(positions));
  const c = siteCentres(net, positions, cell);
  const A = 0,
    B = Array.from(net.siteType).findIndex((ty, s) => ty === 1 && cell.distance(c, s, c, A) < 1.8);
  const frames = Array.from({ length: nFrames }, (_, f) => {
    const all = new Float64Array(positions.length + 3);
    all.set(positions);
    const s = Math.floor(f / 5) % 2 === 0 ? A : B;
    all.set([c[3 * s], c[3 * s + 1], c[3 * s + 2]], positions.length);
    return all;
  });
  const traj = trajectoryOf([...Array(positions.length / 3).fill('I'), 'Ag'], frames, [cell], 7.3);
  return { net, traj };
}

describe('FrameAnalysis.prepare', () => {
  test('analyseFrames calls prepare once, with the first frame and the context, before its addFrame', async () => {
    const { traj } = hopper(6);
    const calls: string[] = [];
    const spy: FrameAnalysis<number> = {
      prepare(_t: Topology, f: Frame, ctx: FrameContext) {
        calls.push(`prepare ${f.index} ${ctx.source} ${ctx.timestep_fs} ${ctx.nFrames}`);
      },
      addFrame(f: Frame) {
        calls.push(`add ${f.index}`);
      },
      result: () => calls.length,
    };
    await analyseFrames(traj, [spy], { onProgress: () => {} });
    expect(calls).toEqual(['prepare 0 test 7.3 6', 'add 0', 'add 1', 'add 2', 'add 3', 'add 4', 'add 5']);
  });

  test('an analysis fed by hand (no prepare) gives the same result as one prepared by analyseFrames', async () => {
    const { traj } = hopper(4);
    const a = new RadialDistribution({ a: 'I', b: 'Ag', rmax_A: 5, bins: 50 });
    await analyseFrames(traj, [a], { onProgress: () => {} });
    const b = new RadialDistribution({ a: 'I', b: 'Ag', rmax_A: 5, bins: 50 });
    for (const f of traj.frames()) b.addFrame(f, traj.topology);
    expect(Array.from(b.result().g)).toEqual(Array.from(a.result().g));
  });
});

describe('streaming sites and jumps', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'stream-sites-'));

  test('peekFirstFrame returns a copy of frame 0 and replays it before the rest', async () => {
    const { traj } = hopper(8);
    const file = path.join(dir, 'peek.extxyz');
    await writeExtxyz(file, traj);
    const { first, stream } = await peekFirstFrame(await openTrajectory(file));
    const seen: number[] = [];
    let firstAgain: Float64Array | null = null;
    for await (const f of stream as FrameStream) {
      seen.push(f.index);
      if (f.index === 0) firstAgain = f.positions.slice();
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Array.from(first.positions)).toEqual(Array.from(traj.framePositions(0)));
    expect(Array.from(firstAgain!)).toEqual(Array.from(traj.framePositions(0)));
  });

  test('jump times from the stream (dtFromSource) are bit-identical to index × the in-memory frame interval', async () => {
    const { net, traj } = hopper(40);
    const file = path.join(dir, 'hops.extxyz');
    await writeExtxyz(file, traj);
    const inMemory = await readTrajectory(file);
    const ref = new SiteJumpAnalysis(net, { mobile: 'Ag', dt_fs: inMemory.frameInterval_fs() });
    await analyseFrames(inMemory, [ref], { onProgress: () => {} });
    const stream = await openTrajectory(file);
    const streamed = new SiteJumpAnalysis(net, { mobile: 'Ag', dtFromSource: stream.info });
    await analyseFrames(stream, [streamed], { onProgress: () => {} });
    const a = ref.result(),
      b = streamed.result();
    expect(a.jumps.length).toBe(7);
    expect(b.jumps).toEqual(a.jumps);
    expect(b.duration_fs).toBe(a.duration_fs);
    expect(b.residence_times_fs).toEqual(a.residence_times_fs);
    expect(b.hop_frequency_per_ns).toBe(a.hop_frequency_per_ns);
  });

  test('no frame times and no time step: the first frame says so (time step missing)', async () => {
    const { net, traj } = hopper(3);
    const an = new SiteJumpAnalysis(net, { mobile: 'Ag', dtFromSource: { source: 'x', unwrapped: false } });
    const f0 = { ...traj.frame(0), time_fs: undefined };
    expect(() => an.addFrame(f0, traj.topology)).toThrow(/time step missing/);
  });
});
