// The committed notebooks/03-frustration-modes-and-structure.ipynb carries outputs; the numbers it shows must be
// the library's (guards against stale outputs after a change). Reads the JSON only: no kernel, no MD run.
// Recomputed here: Li–PS4 first-shell cutoffs and instantaneous coordination numbers on the real Li6PS5Cl files,
// the Pauling ratio, the mode decomposition from the σ table the notebook prints, and T_c of the synthetic
// Arrhenius table (same seed and formula as the notebook).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseFrames } from '../../src/core/frameAnalysis';
import { Random } from '../../src/core/random';
import { KB_EV_PER_K } from '../../src/core/units';
import { readTrajectory } from '../../src/io';
import { CoordinationNumbers } from '../../src/structure/coordination';
import { paulingRatioFromRdf } from '../../src/structure/paulingRatio';
import { RadialDistribution } from '../../src/structure/rdf';
import { arrheniusBreakpoint } from '../../src/transport/arrheniusBreakpoint';
import { modeDecomposition, type ConstraintMode } from '../../src/transport/modeDecomposition';

const root = path.resolve(__dirname, '../..');
const DATA = path.resolve(root, 'data');
const NOTEBOOK = path.join(root, 'notebooks/03-frustration-modes-and-structure.ipynb');

interface Output {
  output_type: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
  ename?: string;
  evalue?: string;
}

function outputs(): Output[] {
  const nb = JSON.parse(readFileSync(NOTEBOOK, 'utf8'));
  return nb.cells.flatMap((c: { outputs?: Output[] }) => c.outputs ?? []);
}

function outputsText(): string {
  const parts: string[] = [];
  for (const o of outputs()) {
    if (o.output_type === 'stream') parts.push(([] as string[]).concat(o.text ?? []).join(''));
    if (o.data?.['text/plain']) parts.push(([] as string[]).concat(o.data['text/plain']).join(''));
    if (o.output_type === 'error') parts.push(`ERROR ${o.ename}: ${o.evalue}`);
  }
  return parts.join('\n');
}

/** Rows (cells as text) of the HTML table whose caption contains `caption`. */
function htmlTable(caption: string): string[][] {
  for (const o of outputs()) {
    const html = ([] as string[]).concat(o.data?.['text/html'] ?? []).join('');
    if (!html.includes(caption)) continue;
    const body = html.slice(html.indexOf('<tbody'));
    return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]));
  }
  throw new Error(`no table with caption "${caption}" in the notebook outputs`);
}

describe('notebook 03 committed outputs', () => {
  const text = outputsText();

  it('ran without errors and shows every part', () => {
    expect(text).not.toMatch(/^ERROR/m);
    expect(text).toMatch(/notebook ran in \d+ s/);
    expect(text).toMatch(/Vega-Lite plot: Rotor model[^:\n]*: anion-mode shares/);
    expect(text).toMatch(/SO4 rotors at \d+ K: C\(\d+ fs\)/);
  });

  it('shows the library’s first-shell cutoffs, coordination numbers and Pauling ratio for Li6PS5Cl', async () => {
    for (const pct of [0, 100]) {
      const t = await readTrajectory(path.join(DATA, `Li6PS5Cl_${pct}pct_500K_XDATCAR.gz`), { timestep_fs: 100 });
      const rdf = new RadialDistribution({ a: 'PS4', b: 'Li', rmax_A: 9, bins: 180, temperature_K: 500 });
      const pp = new RadialDistribution({ a: 'PS4', b: 'PS4', rmax_A: 10, bins: 200 });
      await analyseFrames(t, [rdf, pp]);
      const g = rdf.result();
      const cn = new CoordinationNumbers({ centre: 'PS4', neighbor: 'Li', cutoff_A: g.first_min_A! });
      await analyseFrames(t, [cn]);
      const c = cn.result();
      const m = new RegExp(`${pct} %: Li around PS4 \\(r < ([\\d.]+) Å\\): mean ([\\d.]+), std ([\\d.]+)`).exec(text);
      expect(m, `the notebook prints the ${pct} % Li–PS4 coordination`).not.toBeNull();
      // printed to 2 (cutoff) and 3 (mean, std) decimals: half a unit of the last digit
      expect(Math.abs(Number(m![1]) - g.first_min_A!)).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs(Number(m![2]) - c.mean)).toBeLessThanOrEqual(0.0005 + 1e-9);
      expect(Math.abs(Number(m![3]) - c.std)).toBeLessThanOrEqual(0.0005 + 1e-9);
      const p = paulingRatioFromRdf('fcc', pp.result(), 0.76);
      const mp = new RegExp(`${pct} %: R\\+/R− = ([\\d.]+) \\(R\\+ = 0\\.76 Å, R− = ([\\d.]+) Å\\) → (\\w+)`).exec(text);
      expect(mp).not.toBeNull();
      expect(Math.abs(Number(mp![1]) - p.ratio)).toBeLessThanOrEqual(0.0005 + 1e-9); // 3 decimals
      expect(Math.abs(Number(mp![2]) - p.anionRadius_A)).toBeLessThanOrEqual(0.0005 + 1e-9);
      expect(mp![3]).toBe(p.predictedSite);
    }
  }, 30000);

  it('shows mode shares that follow from its own σ table, and an undefined row with its reason', () => {
    const rows = htmlTable('per mode and the mode shares r_mode');
    const modes: ConstraintMode[] = ['UC', 'RC', 'RTC', 'RTVC'];
    let defined = 0;
    for (const r of rows) {
      const T = Number(r[0]);
      if (r[5] === '') {
        // r_rot empty: undefined, with the library's reason
        expect(r[8]).toMatch(/r_mode undefined/);
        continue;
      }
      defined++;
      const [row] = modeDecomposition(modes.map((mode, k) => ({ T_K: T, mode, value: Number(r[1 + k]) })));
      // σ is printed to 3 significant digits: ≤ 0.5 % per value, ≤ 0.0044 in each Δ (log10), which moves
      // r = Δ/ΣΔ by ≈ 0.0044·(1 + |r|)/ΣΔ; with ΣΔ ≈ 0.5 that is < 0.02, so 0.03 leaves a margin.
      expect(Math.abs(row.r_rot! - Number(r[5]))).toBeLessThan(0.03);
      expect(Math.abs(row.r_trs! - Number(r[6]))).toBeLessThan(0.03);
      expect(Math.abs(row.r_vib! - Number(r[7]))).toBeLessThan(0.03);
    }
    expect(defined).toBeGreaterThan(0);
  });

  it('recovers the stated T_c of the synthetic Arrhenius table, as printed', () => {
    // The notebook's synthetic data: E_a 0.45 eV below and 0.20 eV above T_c = 425 K, D(T_c) = 1e-8 cm²/s, 5 % noise, seed 7.
    const rng = new Random(7);
    const Ts = Array.from({ length: 11 }, (_, i) => 300 + 40 * i);
    const Ds = Ts.map((T) => 1e-8 * Math.exp(-((T < 425 ? 0.45 : 0.2) / KB_EV_PER_K) * (1 / T - 1 / 425)) * Math.exp(0.05 * rng.normal()));
    const kink = arrheniusBreakpoint(Ts, Ds, 'D_cm2_s');
    const m = /two segments: T_c = (\d+) K .*E_a below = ([\d.]+) .*above = ([\d.]+)/.exec(text);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBe(Math.round(kink.Tc_K!));
    expect(Math.abs(Number(m![2]) - kink.low.Ea_eV)).toBeLessThanOrEqual(0.0005 + 1e-9); // 3 decimals
    expect(Math.abs(Number(m![3]) - kink.high.Ea_eV)).toBeLessThanOrEqual(0.0005 + 1e-9);
    // 5 % noise on 11 points: T_c within 15 K and each E_a within 0.03 eV of what went in
    expect(Math.abs(kink.Tc_K! - 425)).toBeLessThan(15);
    expect(Math.abs(kink.low.Ea_eV - 0.45)).toBeLessThan(0.03);
    expect(Math.abs(kink.high.Ea_eV - 0.2)).toBeLessThan(0.03);
  });
});
