// The committed notebooks/02-dynamics-and-doas.ipynb carries outputs; the real-data numbers it shows must be
// the library's (guards against stale outputs after a change). Reads the JSON only: no kernel needed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cationHopFrequency } from '../../src/dynamics/hopFrequency';
import { vibrationalDensityOfStates } from '../../src/dynamics/vibrationalDensityOfStates';
import { readTrajectory } from '../../src/io';

const root = path.resolve(__dirname, '../..');
const NA3PS4 = path.resolve(root, 'data/Na3PS4_cubic_800K_AIMD.extxyz.gz');

function outputsText(): string {
  const nb = JSON.parse(readFileSync(path.join(root, 'notebooks/02-dynamics-and-doas.ipynb'), 'utf8'));
  const parts: string[] = [];
  for (const c of nb.cells)
    for (const o of c.outputs ?? []) {
      if (o.output_type === 'stream') parts.push([].concat(o.text).join(''));
      if (o.data?.['text/plain']) parts.push([].concat(o.data['text/plain']).join(''));
      if (o.output_type === 'error') parts.push(`ERROR ${o.ename}: ${o.evalue}`);
    }
  return parts.join('\n');
}

describe('notebook 02 committed outputs', () => {
  it('ran without errors and shows the library numbers for Na3PS4', async () => {
    const text = outputsText();
    expect(text).not.toMatch(/^ERROR/m);
    const traj = await readTrajectory(NA3PS4);
    const vd = vibrationalDensityOfStates(traj, { species: 'Na' });
    const shown = Number(/Na band centre ([\d.]+) THz/.exec(text)![1]);
    expect(Math.abs(shown - vd.band_centre_THz!)).toBeLessThanOrEqual(0.005); // printed to 2 decimals
    const hop = await cationHopFrequency(traj, { mobile: 'Na', host: 'S' });
    const hopShown = Number(/Na hops between interstitial sites \(per Na per ns\)\s+([\d.]+)/.exec(text)![1]);
    expect(Math.abs(hopShown - hop.hop_per_ns)).toBeLessThanOrEqual(0.05); // printed to 1 decimal
    expect(text).toMatch(/E_a = [\d.]+ ± [\d.e-]+ eV/);
  }, 30000);
});
