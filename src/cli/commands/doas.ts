/**
 * `superionic doas FILE... --species Li` — density of atomistic states (Wang 2023) from per-atom
 * energies stored in the files (extxyz energies/energy/c_pe/atom_ener columns, LAMMPS c_pe).
 */
import { InputError } from '../../core/errors.js';
import { Trajectory } from '../../core/trajectory.js';
import { classifyMobileStates } from '../../doas/classifyMobileStates.js';
import { densityOfAtomisticStates, type AtomisticStates } from '../../doas/densityOfAtomisticStates.js';
import { mobileAtomEnergies } from '../../doas/mobileAtomEnergies.js';
import { readTrajectory } from '../../io/index.js';
import type { Args } from '../args.js';
import { formatNumber, printResult, textTable } from '../output.js';

export const summary = 'density of atomistic states of a mobile species from per-atom energies (Wang 2023)';
export const usage = `usage: superionic doas FILE [FILE...] --species Li [--temperatures T1,T2,..] [--bin 0.02]
       [--classify cations,anions] [--anions S,Cl] [--cutoff 3.0] [--json]
  Per-atom energies come from the files (extxyz energies/energy/c_pe/atom_ener, LAMMPS c_pe).
  Temperatures: --temperatures (one per file, K) or read from each file name (e.g. "_600K").
  Classes: number of neighbouring mobile ions within --cutoff Å and/or coordinating anion species.
  JSON: {bins_eV, counts, classes: {name: {count, fraction, peak_eV, mean_eV, width_eV}}, mean_eV, series, overlaps}`;

/** Temperature from a file name such as "Li3YCl6_600K.extxyz" (null if absent). */
export function temperatureFromName(path: string): number | null {
  const m = /(\d+(?:\.\d+)?)\s*K(?![a-z])/i.exec(path.split('/').pop() ?? path);
  return m ? Number(m[1]) : null;
}

export async function run(args: Args): Promise<void> {
  const files = args.positionals;
  if (files.length === 0) throw new InputError('no trajectory files given; expected FILE [FILE...] with per-atom energies');
  const species = args.requireString('species', 'the mobile species, e.g. --species Li');
  const temps = args.list('temperatures').map(Number);
  if (temps.length && temps.length !== files.length) throw new InputError(`--temperatures has ${temps.length} values for ${files.length} files`);
  if (temps.some((t) => !(t > 0))) throw new InputError('--temperatures expects positive numbers in K');
  const parts = args.list('classify') as ('cations' | 'anions')[];
  for (const p of parts) if (p !== 'cations' && p !== 'anions') throw new InputError(`--classify accepts cations,anions; got "${p}"`);
  const anionSpecies = args.list('anions');
  if (parts.includes('anions') && anionSpecies.length === 0) throw new InputError('--classify anions needs --anions SPECIES[,..]');
  const cutoff = args.number('cutoff', 3.0)!;
  const binWidth_eV = args.number('bin', 0.02);
  const json = args.flag('json');
  args.rejectUnknownOptions('doas');

  const series: AtomisticStates[] = [];
  for (let k = 0; k < files.length; k++) {
    const T = temps.length ? temps[k] : temperatureFromName(files[k]);
    if (T === null) throw new InputError('temperature unknown: give --temperatures or put it in the file name (e.g. _600K)', { file: files[k] });
    const traj: Trajectory = await readTrajectory(files[k]);
    const energies = mobileAtomEnergies(traj, species);
    let classes: string[] | undefined;
    if (parts.length) {
      const mobile = traj.indicesOf(species);
      const anions = anionSpecies.length ? traj.indicesOf(anionSpecies) : undefined;
      classes = [];
      for (let f = 0; f < traj.nFrames; f++) {
        classes.push(...classifyMobileStates(traj.framePositions(f), traj.cell(f), traj.topology, {
          mobile, anions, parts, neighbourCutoff_A: cutoff, anionCutoff_A: cutoff,
        }));
      }
    }
    series.push({ temperature_K: T, energies_eV: energies, classes, source: files[k] });
  }
  const res = densityOfAtomisticStates(series, { binWidth_eV });
  const total = new Float64Array(res.bins_eV.length);
  for (const s of res.series) s.counts.forEach((c, i) => { total[i] += c; });
  const classes = Object.fromEntries(Object.entries(res.classes).map(([c, s]) => [c, {
    count: s.count, fraction: s.fraction, peak_eV: s.peak_eV, mean_eV: s.mean_eV, width_eV: s.width_eV,
  }]));
  const out = {
    species, reference_eV: res.reference_eV, bins_eV: res.bins_eV, counts: total, classes,
    mean_eV: Object.fromEntries(res.series.map((s) => [String(s.temperature_K), s.mean_eV])),
    series: res.series.map((s) => ({ temperature_K: s.temperature_K, mean_eV: s.mean_eV, width_eV: s.width_eV, counts: s.counts })),
    overlaps: res.overlaps,
  };
  printResult(out, json, () =>
    `DOAS of ${species}: reference E_ref = ${formatNumber(res.reference_eV, 6)} eV (lowest state), bin ${res.binWidth_eV} eV\n` +
    textTable(['T (K)', 'mean E−E_ref (eV)', 'width (eV)'], res.series.map((s) => [s.temperature_K, s.mean_eV, s.width_eV])) +
    (Object.keys(classes).length
      ? '\n' + textTable(['class', 'count', 'fraction', 'peak (eV)', 'mean (eV)', 'width (eV)'],
        Object.entries(classes).map(([c, s]) => [c, s.count, s.fraction, s.peak_eV, s.mean_eV, s.width_eV]))
      : ''));
}
