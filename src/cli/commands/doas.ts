/**
 * `superionic doas FILE... --species Li` — density of atomistic states (Wang 2023) from per-atom
 * energies stored in the files (extxyz energies/energy/c_pe/atom_ener columns, LAMMPS c_pe), or, with
 * `--relax agi`, from FIRE-relaxed snapshots evaluated with the built-in α-AgI force field.
 *
 * Wang 2023 builds the DOAS from relaxed (energy-minimised) snapshots: relaxation removes the thermal
 * vibration so each ion's energy is that of the local minimum of its state. Energies taken straight from
 * thermal MD frames carry that vibration (broader, shifted distributions); the command says so on stderr
 * and in the JSON (`relaxed: false`, `relaxation_note`).
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../../core/errors.js';
import { analyseFrames } from '../../core/frameAnalysis.js';
import type { Frame } from '../../core/frame.js';
import type { Topology } from '../../core/topology.js';
import { AtomisticStateSampler } from '../../doas/atomisticStateSamples.js';
import { densityOfAtomisticStates, DOAS_FEW_STATES, type AtomisticStates } from '../../doas/densityOfAtomisticStates.js';
import { relaxSnapshot } from '../../doas/relaxedAtomicEnergies.js';
import { openTrajectory } from '../../io/index.js';
import { agiForceField } from '../../simulate/forceField.js';
import { ML_MODELS, openMLPotential } from '../../simulate/ml/mlPotential.js';
import type { ForceSource } from '../../simulate/forceProvider.js';
import type { Args } from '../args.js';
import { defineCommand, jsonFields } from '../command.js';
import { bounds } from '../optionRanges.js';
import { formatNumber, frameProgress, printResult, progress, textTable } from '../output.js';
import { readerOptions } from '../readerOptions.js';

export const spec = defineCommand({
  name: 'doas',
  summary: 'density of atomistic states of a mobile species from per-atom energies (Wang 2023)',
  synopsis: `FILE [FILE...] --species Li [--temperatures T1,T2,..] [--bin 0.02]
       [--classify cations,anions] [--anions S,Cl] [--cutoff 3.0] [--relax agi|chgnet|sevenn-0 [--fmax 0.01]] [--json]`,
  positionals: { max: Infinity, noun: 'trajectory file' },
  readsTrajectory: true,
  options: {
    species: { kind: 'string' },
    temperatures: { kind: 'list', items: 'number', range: bounds(1, 1e5, 'K') },
    bin: { kind: 'number', range: bounds(1e-4, 10, 'eV') },
    classify: { kind: 'list' },
    anions: { kind: 'list' },
    cutoff: { kind: 'number', range: bounds(0.1, 20, 'Å') },
    relax: { kind: 'string', choices: ['agi', ...ML_MODELS], expected: 'a built-in force field or an ML potential' },
    fmax: { kind: 'number', range: bounds(0, 100, 'eV/Å', { openLo: true }) },
  },
  notes: `  Per-atom energies come from the files (extxyz energies/energy/c_pe/atom_ener, LAMMPS c_pe) as stored:
  thermal MD energies unless relaxed beforehand (a notice on stderr says so). Wang 2023 uses relaxed
  states: --relax agi FIRE-relaxes every frame at fixed cell (max |F| < --fmax eV/Å) with the built-in
  α-AgI force field (files with only Ag and I) and uses those per-atom energies and positions; --relax chgnet
  (or chgnet-0.2.0, sevenn-0) does the same with a universal ML potential on any material (site energies,
  needs the ML environment: npm run setup:ml).
  Temperatures: --temperatures (one per file, K) or read from each file name (e.g. "_600K").
  Classes: number of neighbouring mobile ions within --cutoff Å and/or coordinating anion species.
  JSON: {relaxed, relaxation_note, bins_eV, counts (integers), classes: {name: {count, fraction, peak_eV,
         mean_eV, width_eV (null below 2 states, width_reason), few_states (< 10)}}, mean_eV, series, overlaps}`,
  output: jsonFields({
    species: 'string',
    relaxed: 'boolean',
    relaxation_note: 'string',
    force_field: 'string?',
    reference_eV: 'number',
    bins_eV: 'number[]',
    counts: 'number[]',
    classes: 'object',
    mean_eV: 'object',
    series: 'array',
    overlaps: 'array',
  }),
});
export const { summary, usage } = spec;

/** Relaxations the CLI can run: name → force field and the species it is defined for. */
const RELAX_FORCE_FIELDS: Record<string, { make: () => ForceSource & { close?: () => void }; species: readonly string[] | null; label: string }> = {
  agi: { make: () => agiForceField(), species: ['Ag', 'I'], label: 'built-in α-AgI rigid-ion force field (Vashishta–Rahman, DSF Coulomb)' },
};
for (const m of ML_MODELS) RELAX_FORCE_FIELDS[m] = { make: () => openMLPotential(m), species: null, label: `${m} universal ML potential` };

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
  const parts = args.list('classify') as ('cations' | 'anions')[];
  for (const p of parts) if (p !== 'cations' && p !== 'anions') throw new InputError(`--classify accepts cations,anions; got "${p}"`);
  const anionSpecies = args.list('anions');
  if (parts.includes('anions') && anionSpecies.length === 0) throw new InputError('--classify anions needs --anions SPECIES[,..]');
  const cutoff = args.number('cutoff', 3.0)!; // --cutoff, --bin, --fmax: within their declared ranges (checked by main)
  const binWidth_eV = args.number('bin', 0.02);
  const relaxName = args.string('relax');
  const fmax = args.number('fmax');
  const json = args.flag('json');
  const reader = readerOptions(args);
  args.rejectUnknownOptions('doas');
  if (relaxName !== undefined && !(relaxName in RELAX_FORCE_FIELDS)) {
    throw new InputError(
      `--relax expects ${Object.keys(RELAX_FORCE_FIELDS).join(', ')} (a built-in force field or an ML potential), got "${relaxName}"; or relax the snapshots with your own potential and give the relaxed per-atom energies`,
    );
  }
  if (fmax !== undefined && relaxName === undefined) throw new InputError('--fmax is only used with --relax');
  const relax = relaxName !== undefined ? RELAX_FORCE_FIELDS[relaxName] : undefined;
  let source: (ForceSource & { close?: () => void; description?: string }) | undefined;
  // The same file twice would double-count its states.
  const seen = new Map<string, number>();
  files.forEach((f, k) => {
    let key: string;
    try {
      key = realpathSync(f);
    } catch {
      key = resolve(f);
    }
    const prev = seen.get(key);
    if (prev !== undefined)
      throw new InputError(`given twice (arguments ${prev + 1} and ${k + 1}); each file's states would be counted twice`, { file: f });
    seen.set(key, k);
  });

  const series: AtomisticStates[] = [];
  for (let k = 0; k < files.length; k++) {
    const T = temps.length ? temps[k] : temperatureFromName(files[k]);
    if (T === null) throw new InputError('temperature unknown: give --temperatures or put it in the file name (e.g. _600K)', { file: files[k] });
    const stream = await openTrajectory(files[k], reader);
    let relaxFrame: ((frame: Frame, topology: Topology) => Frame) | undefined;
    if (relax) {
      const bad = relax.species ? stream.topology.symbols.filter((sym) => !relax.species!.includes(sym)) : [];
      if (bad.length)
        throw new InputError(
          `--relax ${relaxName}: the ${relax.label} covers ${relax.species!.join(', ')} only; the file also has ${bad.join(', ')}`,
          { file: files[k] },
        );
      const potential = (source ??= relax.make());
      if (!json) progress(`relaxing the frames of ${files[k]} one by one (FIRE, max |F| < ${fmax ?? 0.01} eV/Å)`);
      let done = 0;
      relaxFrame = (frame, topology) => {
        const relaxed = relaxSnapshot(frame, topology, potential, { fmax: fmax ?? 0.01 }, files[k]).frame;
        if (!json) progress(`relaxed ${++done}`);
        return relaxed;
      };
    }
    // One pass per file: the mobile ions' energies (and state labels) of each frame, relaxed first with --relax.
    const sampler = new AtomisticStateSampler({
      species,
      classify: parts.length ? { parts, anions: anionSpecies.length ? anionSpecies : undefined, cutoff_A: cutoff } : undefined,
      relax: relaxFrame,
      info: stream.info,
    });
    await analyseFrames(stream, [sampler], { onProgress: frameProgress(json) });
    const { energies_eV: energies, classes } = sampler.result();
    series.push({ temperature_K: T, energies_eV: energies, classes, source: files[k] });
  }
  source?.close?.();
  const res = densityOfAtomisticStates(series, { binWidth_eV });
  const total = new Array<number>(res.bins_eV.length).fill(0);
  for (const s of res.series)
    s.counts.forEach((c, i) => {
      total[i] += Math.round(c);
    }); // integer counts
  const classes = Object.fromEntries(
    Object.entries(res.classes).map(([c, s]) => [
      c,
      {
        count: s.count,
        fraction: s.fraction,
        peak_eV: s.peak_eV,
        mean_eV: s.mean_eV,
        width_eV: s.width_eV,
        width_reason: s.width_reason,
        few_states: s.few_states,
      },
    ]),
  );
  const relaxationNote = relax
    ? `per-atom energies of FIRE-relaxed frames (fixed cell, max |F| < ${fmax ?? 0.01} eV/Å) from the ${relax.label}, as in Wang 2023`
    : 'per-atom energies taken as stored in the files, not relaxed by this command: from thermal MD frames they include the vibration (broader, shifted states); Wang 2023 builds the DOAS from FIRE-relaxed snapshots (use --relax agi for α-AgI, or relax with your potential first)';
  if (!relax) process.stderr.write(`superionic doas: notice: ${relaxationNote}\n`);
  const out = {
    species,
    relaxed: !!relax,
    relaxation_note: relaxationNote,
    force_field: relax ? (source?.description ?? relax.label) : undefined,
    reference_eV: res.reference_eV,
    bins_eV: res.bins_eV,
    counts: total,
    classes,
    mean_eV: Object.fromEntries(res.series.map((s) => [String(s.temperature_K), s.mean_eV])),
    series: res.series.map((s) => ({
      temperature_K: s.temperature_K,
      count: s.count,
      mean_eV: s.mean_eV,
      width_eV: s.width_eV,
      width_reason: s.width_reason,
      counts: s.counts,
    })),
    overlaps: res.overlaps,
  };
  const w = (x: number | null) => (x === null ? '— (< 2 states)' : formatNumber(x));
  printResult(
    out,
    json,
    () =>
      `DOAS of ${species}: reference E_ref = ${formatNumber(res.reference_eV, 6)} eV (lowest state), bin ${res.binWidth_eV} eV; ${relax ? 'relaxed (FIRE)' : 'unrelaxed energies as stored'}\n` +
      textTable(
        ['T (K)', 'states', 'mean E−E_ref (eV)', 'width (eV)'],
        res.series.map((s) => [s.temperature_K, s.count, s.mean_eV, w(s.width_eV)]),
      ) +
      (Object.keys(classes).length
        ? '\n' +
          textTable(
            ['class', 'count', 'fraction', 'peak (eV)', 'mean (eV)', 'width (eV)', 'note'],
            Object.entries(classes).map(([c, s]) => [
              c,
              s.count,
              s.fraction,
              s.peak_eV,
              s.mean_eV,
              w(s.width_eV),
              s.few_states ? `few states (< ${DOAS_FEW_STATES})` : '',
            ]),
          )
        : ''),
  );
}
