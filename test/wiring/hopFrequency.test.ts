// Cation hop frequency wired from the sites area's jump detection (hysteresis), on hops placed by hand
// and on the real Na3PS4 AIMD file; and the `superionic rotation --mobile` CLI reporting it.
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Args } from '../../src/cli/args';
import { run as runRotation } from '../../src/cli/commands/rotation';
import { InputError } from '../../src/core/errors';
import { anionRotationWithHopping } from '../../src/dynamics/rotationAndHopping';
import { cationHopFrequency } from '../../src/dynamics/hopFrequency';
import { readTrajectory } from '../../src/io';
import { bccHostWithHops, inCell } from './helpers';

const data = path.resolve(__dirname, '../../data');
const NA3PS4 = path.join(data, 'Na3PS4_cubic_800K_AIMD.extxyz.gz');

// Sites of the bcc cubic cell (template units): face-sharing tetrahedra A, B (a√2/4 apart), an octahedral
// site O and its neighbouring tetrahedral site T (a/4 apart), a tetrahedral site R for the rattler.
const A = [0.25, 0, 0.5],
  B = [0.5, 0, 0.75],
  O = [0.5, 0.5, 0],
  T = [0.5, 0.25, 0],
  R = [0, 0.5, 0.25];
const n = 2,
  F = 100,
  dt = 10;
const duration_ns = (F - 1) * dt * 1e-6;

async function capture(argv: string[]): Promise<string> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await runRotation(new Args(argv));
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
  return out;
}

describe('cation hop frequency from site jumps', () => {
  it('counts exactly the hops placed on the bcc interstitial sites, not rattling (tilted cell)', async () => {
    // R rattles 0.6 Å towards a neighbour (1.77 Å away): it never gets within r_in = 0.5 Å of it.
    const rattle = [R[0] + 0.6 / 5 / Math.SQRT2, R[1], R[2] + 0.6 / 5 / Math.SQRT2];
    const traj = bccHostWithHops({
      n,
      nFrames: F,
      dt_fs: dt,
      tilt_A: 0.5,
      noise_A: 0.05,
      seed: 3,
      paths: [
        {
          stops: [
            [0, inCell(n, [0, 0, 0], A)],
            [30, inCell(n, [0, 0, 0], B)],
            [60, inCell(n, [0, 0, 0], A)],
          ],
        },
        {
          stops: [
            [0, inCell(n, [1, 0, 1], O)],
            [50, inCell(n, [1, 0, 1], T)],
          ],
        },
        {
          stops: [
            [0, inCell(n, [1, 1, 0], R)],
            [40, inCell(n, [1, 1, 0], rattle)],
            [46, inCell(n, [1, 1, 0], R)],
          ],
        },
      ],
    });
    const r = await cationHopFrequency(traj, { mobile: 'Ag', host: 'I' });
    expect(r.lattice).toBe('bcc');
    expect(r.hostIsMoleculeCentres).toBe(false);
    expect(r.n_hops).toBe(3);
    // Exact: 3 hops / (3 ions × 990 fs); only floating-point rounding differs.
    expect(r.hop_per_ns).toBeCloseTo(3 / 3 / duration_ns, 6);
    expect(Array.from(r.hop_per_ion_per_ns)).toEqual([2, 1, 0].map((k) => expect.closeTo(k / duration_ns, 6)));
    const times = r.jumps.jumps.map((j) => [j.ion - 16, j.t_fs, j.fromType, j.toType]);
    expect(times).toEqual(
      [
        [1, 300, 'tetrahedral', 'tetrahedral'],
        [2, 500, 'octahedral', 'tetrahedral'],
        [1, 600, 'tetrahedral', 'tetrahedral'],
      ].map(([i, t, a, b]) => [(i as number) - 1, t, a, b]),
    );
  });

  it('without a host lattice: hops between the frame-0 cation sites, following the framework drift', async () => {
    // Ion 0 leaves its site for the one ion 1 vacated, ion 1 then takes ion 0's. Everything drifts 0.02 Å per
    // frame (1.98 Å in the run): without the drift correction the ions would miss the 0.5 Å capture radius.
    const p0 = inCell(n, [0, 0, 0], A),
      p1 = inCell(n, [1, 1, 1], O),
      away = inCell(n, [1, 0, 0], O);
    const traj = bccHostWithHops({
      n,
      nFrames: F,
      dt_fs: dt,
      noise_A: 0.03,
      seed: 5,
      drift_A_per_frame: 0.02,
      paths: [
        {
          stops: [
            [0, p0],
            [40, p1],
          ],
        },
        {
          stops: [
            [0, p1],
            [20, away],
            [70, p0],
          ],
        },
      ],
    });
    const r = await cationHopFrequency(traj, { mobile: 'Ag' });
    expect(r.siteSource).toBe('initial-cation-sites');
    expect(r.jumps.jumps.map((j) => [j.ion, j.t_fs, j.from, j.to])).toEqual([
      [16, 400, 0, 1],
      [17, 700, 1, 0],
    ]);
    expect(r.hop_per_ns).toBeCloseTo(2 / 2 / duration_ns, 6);
  });

  it('names the problem when the host sublattice matches no lattice, or the cation is missing', async () => {
    const traj = bccHostWithHops({ n, nFrames: 5, dt_fs: dt, paths: [{ stops: [[0, inCell(n, [0, 0, 0], A)]] }] });
    await expect(cationHopFrequency(traj, { mobile: 'Ag', host: 'I', lattice: 'fcc' })).rejects.toThrow(/matches no fcc lattice/);
    await expect(cationHopFrequency(traj, { mobile: 'Li', host: 'I' })).rejects.toThrow(InputError);
  });
});

describe('real data: Na3PS4 800 K AIMD', () => {
  it('hop frequency on the bcc lattice of PS4 centres; rotation CLI reports it beside the reorientation rate', async () => {
    const traj = await readTrajectory(NA3PS4);
    const viaS = await cationHopFrequency(traj, { mobile: 'Na', host: 'S' });
    const viaP = await cationHopFrequency(traj, { mobile: 'Na', host: 'P' });
    expect(viaS.lattice).toBe('bcc');
    expect(viaS.hostIsMoleculeCentres).toBe(true);
    // The cell is tilted by ~3° (shape deviation 0.051, just past the sites area's strict 0.05): matched in its own setting.
    expect(viaS.shapeDeviation!).toBeGreaterThan(0.05);
    expect(viaS.shapeDeviation!).toBeLessThan(0.06);
    // --host S and --host P name the same PS4 molecules: identical sites, identical jumps.
    expect(viaP.n_hops).toBe(viaS.n_hops);
    // Na sits on the octahedral (6b) sites of the PS4 bcc lattice of c-Na3PS4; hops go through the tetrahedral 12d.
    const occupiedStart = viaS.jumps.jumps.filter((j) => j.fromType === 'octahedral').length;
    expect(occupiedStart).toBeGreaterThan(0);
    expect(viaS.n_hops).toBeGreaterThan(10);
    expect(viaS.hop_per_ns).toBeCloseTo(viaS.n_hops / 48 / (viaS.jumps.duration_fs * 1e-6), 9);

    const out = JSON.parse(await capture([NA3PS4, '--anion', 'PS4', '--mobile', 'Na', '--host', 'S', '--json']));
    expect(out.hop_per_ns).toBeCloseTo(viaS.hop_per_ns, 9);
    expect(out.hop_lattice).toBe('bcc');
    expect(out.reorientation_to_hop_ratio).toBeCloseTo(out.reorientation_per_ns / out.hop_per_ns, 9);
    const both = await anionRotationWithHopping(traj, { anion: 'PS4' }, { mobile: 'Na', host: 'S' });
    expect(both.rotation.hop_per_ns).toBeCloseTo(viaS.hop_per_ns, 9);
    expect(both.rotation.reorientation_per_ns).toBeCloseTo(out.reorientation_per_ns, 9);
    console.log(
      `Na3PS4 800 K: ν_hop = ${viaS.hop_per_ns.toFixed(1)} ns⁻¹ per Na (${viaS.n_hops} hops), ν_reor = ${out.reorientation_per_ns.toFixed(1)} ns⁻¹ per PS4`,
    );
    const noHost = JSON.parse(await capture([NA3PS4, '--anion', 'PS4', '--mobile', 'Na', '--json']));
    expect(noHost.hop_criterion).toMatch(/frame 0/);
    await expect(capture([NA3PS4, '--anion', 'PS4', '--host', 'S', '--json'])).rejects.toThrow(/give the cation with --mobile/);
    await expect(capture([NA3PS4, '--anion', 'PS4', '--mobile', 'Na', '--lattice', 'fcx', '--json'])).rejects.toThrow(
      /--lattice expects auto, bcc, fcc or hcp/,
    );
    await expect(capture([NA3PS4, '--anion', 'PS4', '--mobile', 'Na', '--host', 'S', '--lattice', 'fcc', '--json'])).rejects.toThrow(
      /matches no fcc lattice/,
    );
    const none = JSON.parse(await capture([NA3PS4, '--anion', 'PS4', '--json']));
    expect(none.hop_per_ns).toBeNull();
    expect(none.hop_reason).toMatch(/--mobile/);
  }, 60000);
});
