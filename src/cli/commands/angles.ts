/**
 * `superionic angles FILE --anion PS4 --cation Na [--rmax Å] [--shells R0:R1,...] [--lattice fcc|bcc|hcp]` — where
 * the cations sit around molecular anions, by distance and direction: the combined radial–angular distribution
 * g(r, θ) in the anion's own frame (θ from a centre→vertex axis; Wood 2021 Fig. 3, TRAVIS CDF), its θ-average
 * (the anion–cation g(r) on the same bins) and its highest bin; with --shells, the cation–anion–cation angle
 * distributions per distance shell (Kweon 2017 Fig. 5), with the ideal-lattice site angles of --lattice and the
 * icosahedral C3-axis angles as references. One streamed pass.
 */
import { InputError } from '../../core/errors.js';
import { peekFirstFrame } from '../../core/firstFrame.js';
import { analyseFrames } from '../../core/frameAnalysis.js';
import { openTrajectory } from '../../io/index.js';
import { CationAnionCationAngles, type AngleResult } from '../../structure/cationAnionCationAngles.js';
import { speciesForCentres } from '../../structure/centres.js';
import { frameCell } from '../../structure/frameSetup.js';
import {
  RadialAngularDistribution,
  radialAngularPeak,
  radialAngularShellAverage,
  type RadialAngularResult,
} from '../../structure/radialAngularDistribution.js';
import { ICOSAHEDRAL_C3_ANGLES_DEG, idealSiteAngles, type AnionPacking } from '../../structure/referenceAngles.js';
import type { Args } from '../args.js';
import { ANION_OPTIONS } from '../anionOptions.js';
import { defineCommand, jsonFields } from '../command.js';
import { bounds } from '../optionRanges.js';
import { formatNumber, printResult, progress, textTable } from '../output.js';
import { frameRange, readerOptions } from '../readerOptions.js';

const LATTICES = ['fcc', 'bcc', 'hcp'];

export const spec = defineCommand({
  name: 'angles',
  summary: 'cations around molecular anions: g(r, θ) in the anion frame, angles per shell',
  synopsis: `FILE --anion FORMULA --cation SPECIES [--rmax Å] [--r-bins 80] [--theta-bins 36] [--axis SPECIES] [--axis-atom 0]
       [--shells R0:R1,R1:R2,...] [--angle-bins 90] [--lattice fcc|bcc|hcp]
       [--frames START:END] [--stride N] [--dt FS] [--bond-tolerance 1.2] [--json]`,
  positionals: { max: 1, noun: 'trajectory file' },
  readsTrajectory: true,
  options: {
    ...ANION_OPTIONS,
    cation: { kind: 'string' },
    rmax: { kind: 'number' },
    'r-bins': { kind: 'number', range: bounds(1, 1e4, 'bins', { integer: true }) },
    'theta-bins': { kind: 'number', range: bounds(1, 3600, 'bins', { integer: true }) },
    axis: { kind: 'string' },
    'axis-atom': { kind: 'number', range: bounds(0, 1e4, 'index', { integer: true }) },
    shells: { kind: 'list', unit: 'Å' },
    'angle-bins': { kind: 'number', range: bounds(1, 3600, 'bins', { integer: true }) },
    lattice: { kind: 'string', choices: LATTICES },
    frames: { kind: 'range', unit: 'frames' },
    stride: { kind: 'number' },
    dt: { kind: 'number' },
    'bond-tolerance': { kind: 'number' },
  },
  notes: `  --anion: a molecular anion formula (PS4, BH4, B12H12), found as bonded clusters; its centre of mass is the centre.
  θ is the angle between centre→cation and the anion-fixed axis centre→(atom --axis-atom of species --axis;
  default the anion's heaviest repeated species, e.g. P→S). g(r, θ) = N / (ideal-gas count in the bin's shell
  volume × solid angle): 1 for cations placed at random. Default --rmax: 8 Å or just under half the cell width.
  g_r is the θ-average (the anion–cation RDF on the same bins); large_r_g its mean over the outer 1 Å.
  --shells R0:R1,...: cation–anion–cation angles θ_ij between two cations in the same shell, as a probability
  density per degree per shell (random directions give ½ sin θ); --lattice adds the angles between the ideal
  tetrahedral/octahedral/trigonal/linear sites around one anion of that lattice.
  JSON: {anion, cation, axis, r_A, theta_deg, g [r][θ], counts [r][θ], g_r, map_peak, g_r_peak_A, large_r_g,
  density_per_A3, anions, cations, frames, angles?, reference_angles?}`,
  output: jsonFields({
    file: 'string',
    anion: 'string',
    cation: 'string',
    axis: 'string',
    r_A: 'number[]',
    theta_deg: 'number[]',
    dr_A: 'number',
    dtheta_deg: 'number',
    g: 'array',
    counts: 'array',
    g_r: 'number[]',
    g_r_peak_A: 'number?',
    large_r_g: 'number',
    map_peak: 'object?',
    density_per_A3: 'number',
    anions: 'number',
    cations: 'number',
    frames: 'number',
    angles: 'object?',
    reference_angles: 'array?',
  }),
});
export const { summary, usage } = spec;

/** "0:4.2" pieces → [[0, 4.2], ...]. */
function parseShells(list: string[]): [number, number][] {
  return list.map((s) => {
    const m = /^\s*([^:]+):([^:]+)\s*$/.exec(s);
    const a = m ? Number(m[1]) : NaN,
      b = m ? Number(m[2]) : NaN;
    if (!(a >= 0) || !(b > a) || !Number.isFinite(b))
      throw new InputError(`--shells expects R_IN:R_OUT pairs in Å with 0 ≤ R_IN < R_OUT, got "${s}"`);
    return [a, b];
  });
}

/** Rows of a 2D array [r][θ] from a row-major typed array. */
function rows(a: Float64Array, nt: number): number[][] {
  return Array.from({ length: a.length / nt }, (_, i) => Array.from(a.subarray(i * nt, (i + 1) * nt)));
}

export async function run(args: Args): Promise<void> {
  const file = args.positionals[0];
  if (!file) throw new InputError('no trajectory file given; expected superionic angles FILE --anion PS4 --cation Na');
  const anion = args.requireString('anion', 'a molecular anion formula, e.g. --anion PS4');
  const cation = args.requireString('cation', 'the cation species, e.g. --cation Na');
  const json = args.flag('json');
  const tolerance = args.number('bond-tolerance');
  const rmaxGiven = args.number('rmax');
  const rBins = args.number('r-bins');
  const thetaBins = args.number('theta-bins');
  const axisSpecies = args.string('axis');
  const axisAtom = args.number('axis-atom');
  const shells = parseShells(args.list('shells'));
  const angleBins = args.number('angle-bins', 90);
  const lattice = args.string('lattice');
  if (lattice !== undefined && !LATTICES.includes(lattice)) throw new InputError(`--lattice must be fcc, bcc or hcp, got "${lattice}"`);
  if (lattice !== undefined && shells.length === 0) throw new InputError('--lattice gives reference angles for --shells; give --shells too');
  const readOpts = {
    ...readerOptions(args),
    atoms: speciesForCentres([anion, cation]),
    timestep_fs: args.number('dt'),
    frames: frameRange(args),
  };
  args.rejectUnknownOptions('angles');
  const { first, stream } = await peekFirstFrame(await openTrajectory(file, readOpts));
  let rmax = rmaxGiven;
  if (rmax === undefined) {
    const half = 0.5 * Math.min(...frameCell(first, stream.topology, 'angles', file).perpendicularWidths());
    rmax = Math.min(8, Math.floor(half * 0.999 * 100) / 100);
  }
  const map = new RadialAngularDistribution({
    centre: anion,
    cation,
    axisSpecies,
    axisAtom,
    rMax_A: rmax,
    rBins,
    thetaBins,
    tolerance,
    source: file,
  });
  const ang = shells.length
    ? new CationAnionCationAngles({ centre: anion, cation, shells_A: shells, bins: angleBins, tolerance, source: file })
    : null;
  await analyseFrames(stream, ang ? [map, ang] : [map], {
    onProgress: (n) => {
      if (!json && n % 100 === 0) progress(`angles: ${n} frames`);
    },
  });
  const r = map.result();
  printResult(anglesJson(file, r, ang?.result() ?? null, lattice as AnionPacking | undefined), json, () =>
    anglesText(r, ang?.result() ?? null, lattice),
  );
}

/** The --json object of `angles` (see the declaration). */
export function anglesJson(file: string, r: RadialAngularResult, a: AngleResult | null, lattice?: AnionPacking) {
  const nt = r.theta_deg.length;
  const avg = radialAngularShellAverage(r);
  let peak = -1;
  for (let i = 0; i < avg.g.length; i++) if (avg.g[i] > 0 && (peak < 0 || avg.g[i] > avg.g[peak])) peak = i;
  // Mean θ-averaged g over the outer 1 Å, weighted by the ideal counts (shell volume).
  let n = 0,
    e = 0;
  for (let i = 0; i < avg.g.length; i++) {
    if (avg.r_A[i] < avg.r_A[avg.r_A.length - 1] + 0.5 * r.dr_A - 1) continue;
    for (let j = 0; j < nt; j++) {
      n += r.counts[i * nt + j];
      e += r.ideal[i * nt + j];
    }
  }
  return {
    file,
    anion: r.centre,
    cation: r.cation,
    axis: r.axis,
    r_A: r.r_A,
    theta_deg: r.theta_deg,
    dr_A: r.dr_A,
    dtheta_deg: r.dtheta_deg,
    g: rows(r.g, nt),
    counts: rows(r.counts, nt),
    g_r: avg.g,
    g_r_peak_A: peak < 0 ? null : avg.r_A[peak],
    large_r_g: e > 0 ? n / e : 0,
    map_peak: radialAngularPeak(r),
    density_per_A3: r.density_per_A3,
    anions: r.anions,
    cations: r.cations,
    frames: r.frames,
    angles: a,
    reference_angles: a
      ? [
          { label: 'icosahedral C3 axes', angles_deg: [...ICOSAHEDRAL_C3_ANGLES_DEG] },
          ...(lattice
            ? (['tetrahedral', 'octahedral', 'trigonal', 'linear'] as const).map((s) => ({
                label: `${lattice} ${s} sites`,
                ...idealSiteAngles(lattice, s),
              }))
            : []),
        ]
      : null,
  };
}

function anglesText(r: RadialAngularResult, a: AngleResult | null, lattice?: string): string {
  const j = anglesJson('', r, a, lattice as AnionPacking | undefined);
  const out = [
    `${r.cation} around ${r.centre} (axis ${r.axis}): ${r.anions} anions × ${r.frames} frames, ρ = ${formatNumber(r.density_per_A3)} Å⁻³, ` +
      `bins ${formatNumber(r.dr_A)} Å × ${formatNumber(r.dtheta_deg)}°`,
    `θ-averaged g(r): peak at ${formatNumber(j.g_r_peak_A)} Å; mean over the outer 1 Å ${formatNumber(j.large_r_g)}`,
    j.map_peak
      ? `highest g(r, θ) = ${formatNumber(j.map_peak.g)} at r = ${formatNumber(j.map_peak.r_A)} Å, θ = ${formatNumber(j.map_peak.theta_deg)}°`
      : '',
  ];
  const step = Math.max(1, Math.round(r.r_A.length / 30));
  const tr: (string | number)[][] = [];
  const nt = r.theta_deg.length;
  for (let i = 0; i < r.r_A.length; i += step) {
    let best = 0;
    for (let k = 1; k < nt; k++) if (r.g[i * nt + k] > r.g[i * nt + best]) best = k;
    tr.push([r.r_A[i], j.g_r[i], r.theta_deg[best], r.g[i * nt + best]]);
  }
  out.push(textTable(['r (Å)', 'g(r)', 'θ of max (°)', 'max g(r, θ)'], tr));
  if (a) {
    for (const s of a.shells) {
      let best = 0;
      for (let k = 1; k < s.density_per_deg.length; k++) if (s.density_per_deg[k] > s.density_per_deg[best]) best = k;
      out.push(
        `shell ${formatNumber(s.r_in_A)}–${formatNumber(s.r_out_A)} Å: ${formatNumber(s.mean_cations)} ${r.cation} per anion, ${s.pairs} pairs, ` +
          `most likely θ = ${formatNumber(a.theta_deg[best])}°`,
      );
    }
    for (const ref of j.reference_angles ?? []) out.push(`reference ${ref.label}: ${ref.angles_deg.map((x) => formatNumber(x)).join(', ')}°`);
    out.push('(--json for the distributions)');
  }
  return out.filter(Boolean).join('\n') + '\n';
}
