/**
 * Result cards (src/display/resultCard.ts): every result type is recognised by its fields and shows
 * headline numbers with errors and units, flags in words, a default plot that renders, and a short
 * text/plain summary (not a dump of typed arrays). Real published trajectories from data/.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseFrames } from '../../src/core/frameAnalysis';
import type { Trajectory } from '../../src/core/trajectory';
import { readTrajectory } from '../../src/io/index';
import { analyseDiffusion } from '../../src/transport/index';
import { radialDistribution } from '../../src/structure/index';
import { GaussianSiteOccupancy } from '../../src/sites/gaussianSiteOccupancy';
import { SiteJumpAnalysis } from '../../src/sites/siteJumps';
import { argyroditeTemplate, buildSiteNetworkFromFrame } from '../../src/sites/index';
import { vibrationalDensityOfStates, vanHoveCorrelation, anionRotationWithHopping, siteJumpCorrelation } from '../../src/dynamics/index';
import { densityOfAtomisticStates } from '../../src/doas/index';
import { runMolecularDynamics, buildAlphaAgI, agiForceField } from '../../src/simulate/index';
import { cardBundle, cardText, formatWithError, resultCard, resultKind } from '../../src/display/resultCard';
import { vegaLiteToSVG } from '../../src/display/render';
import { msdJson } from '../../src/cli/json/msdJson';

const DATA = path.resolve(__dirname, '../../data');
let lgps: Trajectory, nps: Trajectory, argy: Trajectory;

beforeAll(async () => {
  lgps = await readTrajectory(path.join(DATA, 'Li10GeP2S12_600K_AIMD.extxyz.gz'));
  nps = await readTrajectory(path.join(DATA, 'Na3PS4_cubic_800K_AIMD.extxyz.gz'));
  argy = await readTrajectory(path.join(DATA, 'Li6PS5Cl_50pct_500K_XDATCAR.gz'), { timestep_fs: 100 });
}, 120_000);

/** The card's text is short and its plot (if any) renders to SVG with marks. */
async function checkCard(x: unknown, kind: string, expectPlot = true) {
  expect(resultKind(x)).toBe(kind);
  if (kind !== 'trajectory') {
    // The result carries its kind (core/resultKind.ts), outside its fields: JSON and spreads are unchanged,
    // and a spread copy is still recognised by its fields.
    expect((x as { kind?: string }).kind).toBe(kind);
    expect(Object.keys(x as object)).not.toContain('kind');
    expect(resultKind({ ...(x as object) })).toBe(kind);
  }
  const card = resultCard(x)!;
  const b = cardBundle(card);
  const text = String(b.data['text/plain']);
  expect(text.split('\n').length).toBeLessThanOrEqual(20);
  expect(text.length).toBeLessThan(4000);
  expect(text).not.toMatch(/Float64Array \[|Float32Array \[|Int32Array \[/);
  const html = String(b.data['text/html']);
  expect(html).toContain(`data-kind="${kind}"`);
  expect(html).toContain('<details');
  if (expectPlot) {
    expect(card.plot).not.toBeNull();
    const svg = await vegaLiteToSVG(card.plot!);
    expect(svg).toMatch(/<path|<rect/);
  }
  return { card, text, html };
}

describe('result cards', () => {
  it('formats value ± error with the error to 2 significant figures and a common power of ten', () => {
    expect(formatWithError(1.2768e-5, 9.9e-7)).toBe('(1.277 ± 0.099) × 10⁻⁵');
    expect(formatWithError(0.3046, 0.0123)).toBe('0.305 ± 0.012');
    expect(formatWithError(81.553)).toBe('81.55');
    expect(formatWithError(2.5e6, 1.2e5)).toBe('(2.50 ± 0.12) × 10⁶');
  });

  it('diffusion: D*, D_σ, Haven ratio, σ with errors and units; flags in words; MSD plot', async () => {
    const r = await analyseDiffusion(lgps, 'Li', { temperature_K: 600, drift: true });
    const { card, text } = await checkCard(r, 'diffusion');
    // Grouped view beside the flat fields: the same numbers; the CLI's JSON keeps its flat shape.
    expect(r.tracer).toMatchObject({
      value: r.D_cm2_s,
      stderr: r.D_uncertainty_cm2_s,
      parts: { ols: r.D_stderr_cm2_s, block: r.D_block_stderr_cm2_s, random_walk: r.D_random_walk_stderr_cm2_s },
    });
    expect(r.charge).toMatchObject({ value: r.D_sigma_cm2_s, stderr: r.D_sigma_uncertainty_cm2_s });
    expect(r.haven).toMatchObject({ haven_ratio: r.haven_ratio, haven_stderr: r.haven_stderr, haven_estimate: r.haven_estimate });
    expect(r.conductivity).toMatchObject({
      sigma_mS_cm: r.sigma_mS_cm,
      sigma_charge_mS_cm: r.sigma_charge_mS_cm,
      temperature_K: 600,
      charge_e: r.charge_e,
      volume_A3: r.volume_A3,
    });
    expect(r.diagnostics).toMatchObject({
      measurable: r.measurable,
      run_resolution: r.run_resolution,
      linearity: r.linearity,
      fit_window_fs: r.fit_window_fs,
      D_sigma_significant: r.D_sigma_significant,
    });
    const json = msdJson(r, 'none');
    for (const k of ['tracer', 'charge', 'haven', 'conductivity', 'diagnostics', 'kind']) expect(json).not.toHaveProperty(k);
    expect(Object.keys(card.details).some((k) => /^(haven|conductivity|diagnostics)\./.test(k))).toBe(false);
    // show(result) draws the MSD with its fit: the fitted line over the fit window is in the plot's data.
    const w = r.fit.fit_window_fs,
      plot = JSON.stringify(card.plot);
    expect(plot).toContain(`"t_ps":${w[0] / 1000},"msd_A2":${r.fit.slope_A2_fs * w[0] + r.fit.intercept_A2}`);
    expect(text).toMatch(/D\* \(tracer\): \([\d.]+ ± [\d.]+\) × 10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+ cm²\/s/);
    expect(card.headline.find((h) => h.label.startsWith('σ (Nernst'))!.unit).toBe('mS/cm');
    // This 20 ps, 50-atom run does not resolve D* (Li 2025 threshold scaled to the run) and says so.
    expect(r.run_resolution.resolved).toBe(false);
    expect(card.flags.some((f) => f.startsWith('not resolved by this run'))).toBe(true);
    if (!r.measurable) expect(card.flags.some((f) => f.startsWith('not measurable'))).toBe(true);
    if (r.linearity.regime === 'sub-diffusive') expect(card.flags.some((f) => f.startsWith('sub-diffusive'))).toBe(true);
  }, 60_000);

  it('RDF, Gaussian sites and site jumps', async () => {
    const rdf = radialDistribution(argy.frames(), argy.topology, { a: 'Li', b: 'S', rmax_A: 6, bins: 60 });
    const { text } = await checkCard(rdf, 'rdf');
    expect(text).toMatch(/first peak: [\d.]+ Å/);
    const net = buildSiteNetworkFromFrame(argyroditeTemplate(), argy.frame(0), argy.topology, { host: ['S', 'Cl'] });
    const occ = new GaussianSiteOccupancy(net, { mobile: 'Li' });
    const jumps = new SiteJumpAnalysis(net, { mobile: 'Li', dt_fs: argy.frameInterval_fs() });
    await analyseFrames(argy, [occ, jumps]);
    const s = await checkCard(occ.result(), 'sites');
    expect(s.text).toMatch(/configurational entropy S̃: [\d.]+ k_B per ion/);
    const j = await checkCard(jumps.result(), 'jumps');
    expect(j.text).toMatch(/hop frequency: [\d.]+ ns⁻¹/);
  }, 120_000);

  it('VDOS, rotation with hopping, jump correlation and van Hove (Na3PS4)', async () => {
    const v = await checkCard(vibrationalDensityOfStates(nps, { species: 'Na' }), 'vdos');
    expect(v.text).toMatch(/band centre: [\d.]+ THz/);
    const rh = await anionRotationWithHopping(nps, { anion: 'PS4' }, { mobile: 'Na', host: 'S' });
    await checkCard(rh, 'rotation-hopping');
    await checkCard(rh.rotation, 'rotation');
    const jc = siteJumpCorrelation(rh.hopping.jumps, nps.cell(0), { dt_fs: 100, tMax_fs: 900, dr_A: 1 });
    await checkCard(jc, 'jump-correlation');
    const vh = vanHoveCorrelation(nps, { species: 'Na', lags_fs: [100, 400], rMax_A: 6, dr_A: 0.1 });
    await checkCard(vh, 'vanhove');
  }, 120_000);

  it('DOAS, MD run and Trajectory', async () => {
    const states = [300, 600].map((T, k) => ({
      temperature_K: T,
      energies_eV: Array.from({ length: 40 }, (_, i) => -3 + 0.01 * i + 0.1 * k),
      classes: Array.from({ length: 40 }, (_, i) => (i % 2 ? 'a' : 'b')),
    }));
    const d = await checkCard(densityOfAtomisticStates(states, { binWidth_eV: 0.02 }), 'doas');
    expect(d.card.interactive).toBe(true);
    const run = await runMolecularDynamics({
      system: buildAlphaAgI({ supercell: 2, seed: 1 }),
      forceField: agiForceField(),
      temperature_K: 600,
      dt_fs: 5,
      steps: 20,
      seed: 1,
      every: 5,
    });
    const m = await checkCard(run, 'md');
    expect(m.text).toMatch(/MD run: 20 steps/);
    const t = await checkCard(lgps, 'trajectory', false);
    expect(t.text).toContain('Li20 Ge2 P4 S24');
    expect(t.text).toMatch(/cell a, b, c \(frame 0\): 8\.729, 8\.729, 12\.736 Å/);
    expect(resultKind({ a: 1 })).toBeNull();
    expect(resultCard(42)).toBeNull();
  }, 120_000);
});
