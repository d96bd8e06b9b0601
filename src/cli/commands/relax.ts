/**
 * `superionic relax` — static relaxation with a machine-learned potential: FIRE at fixed cell (Bitzek et al.,
 * PRL 97, 170201 (2006); src/simulate/fireRelaxation.ts) or, with --cell, atoms and cell together to a target
 * pressure (unit-cell filter; src/simulate/cellRelaxation.ts). Input: a structure file or a built material
 * (--system); with --system the relaxed lattice is compared with the experimental one the builder cites.
 * Output: energy, per-atom energies (extxyz), lattice before/after; progress on stderr; Ctrl-C stops cleanly.
 */
import { InputError } from '../../core/errors.js';
import { checkOutputPath } from '../../io/fileAccess.js';
import { latticeParameters, relaxCell } from '../../simulate/cellRelaxation.js';
import { relaxFIRE } from '../../simulate/fireRelaxation.js';
import type { MDSystem } from '../../simulate/mdSystem.js';
import { ML_MODELS, MLPotential, openMLPotential } from '../../simulate/ml/mlPotential.js';
import { buildMaterial, materialDescription, PAPER_MATERIALS } from '../../simulate/paperMaterials.js';
import type { Args } from '../args.js';
import { defineCommand, jsonFields } from '../command.js';
import { bounds } from '../optionRanges.js';
import { formatNumber, printResult, progress } from '../output.js';
import { parseSupercell, readStructure, structureFormat, writeStructure } from '../structureFiles.js';

export const spec = defineCommand({
  name: 'relax',
  summary: 'Relax a structure (atoms, or atoms + cell) with an ML potential (CHGNet, SevenNet); lattice vs experiment',
  synopsis: `(FILE [--frame 0] | --system MATERIAL [--supercell N|A,B,C] [--seed 1]) --potential chgnet|chgnet-0.2.0|chgnet-r2scan|sevenn-0
       [--cell [--pressure 0]] [--fmax 0.02] [--steps 500] [--out relaxed.vasp|relaxed.extxyz] [--format poscar|extxyz] [--threads N] [--json]`,
  positionals: { max: 1, noun: 'structure file' },
  readsTrajectory: false,
  options: {
    frame: { kind: 'number', range: bounds(-1e9, 1e9, '(index; negative from the end)', { integer: true }) },
    system: { kind: 'string' },
    supercell: { kind: 'string', expected: 'N or A,B,C (repeats)' },
    seed: { kind: 'number', range: bounds(0, 2 ** 32 - 1, '', { integer: true }) },
    potential: { kind: 'string', choices: ML_MODELS },
    cell: { kind: 'flag' },
    pressure: { kind: 'number', range: bounds(-100, 1000, 'GPa') },
    fmax: { kind: 'number', range: bounds(0, 100, 'eV/Å', { openLo: true }) },
    steps: { kind: 'number', range: bounds(0, 1e6, 'steps', { integer: true }) },
    out: { kind: 'string', expected: 'an output structure file' },
    format: { kind: 'string', choices: ['poscar', 'extxyz'] },
    threads: { kind: 'number', range: bounds(1, 256, 'threads', { integer: true }) },
    list: { kind: 'flag' },
  },
  notes: `  FIRE at fixed cell (default) or atoms + cell (--cell, zero stress or --pressure GPa) until every force (and
  cell force) is below --fmax eV/Å, at most --steps steps. FILE: any structure the readers know (POSCAR,
  extxyz, …; --frame picks a frame, negative from the end). MATERIAL: ${Object.keys(PAPER_MATERIALS).join(', ')}
  (superionic build --list); with --system the relaxed a, b, c are compared with experiment (per cell;
  na2b12h12, na2b10h10, na3obh4: with the published simulation cell, lattice_source 'simulation').
  --out writes the relaxed structure (extxyz adds per-atom energies and forces). Needs the ML environment
  (npm run setup:ml); --threads: torch threads in the worker (default torch's choice; 1 is far faster on a
  loaded machine). Units: Å, eV, GPa.
  JSON: {potential, source, atoms, cell_relaxed, converged, steps, fmax_eV_A, max_force_eV_A, energy_eV, energy_per_atom_eV,
         lattice_initial_A_deg, lattice_final_A_deg, volume_initial_A3, volume_final_A3, volume_change_pct, stress_GPa,
         experiment: {lattice_A_deg, deviation_pct, reference, lattice_source: experiment|simulation} | null, out}`,
  output: jsonFields({
    potential: { type: 'string', description: 'the ML model and its version' },
    source: { type: 'string', description: 'the input file, or "build MATERIAL"' },
    atoms: 'number',
    cell_relaxed: { type: 'boolean', description: 'true: atoms + cell (--cell); false: atoms at fixed cell' },
    converged: 'boolean',
    steps: 'number',
    fmax_eV_A: { type: 'number', description: 'the force criterion (eV/Å)' },
    max_force_eV_A: 'number',
    energy_eV: 'number',
    energy_per_atom_eV: 'number',
    lattice_initial_A_deg: { type: 'array', items: { type: 'number' }, description: 'a, b, c (Å), α, β, γ (°)' },
    lattice_final_A_deg: { type: 'array', items: { type: 'number' }, description: 'a, b, c (Å), α, β, γ (°)' },
    volume_initial_A3: 'number',
    volume_final_A3: 'number',
    volume_change_pct: 'number',
    stress_GPa: { type: ['array', 'null'], items: { type: 'number' }, description: 'stress of the final structure (GPa) as the model gives it' },
    experiment: {
      ...jsonFields({
        lattice_A_deg: { type: 'array', items: { type: 'number' }, description: 'published a, b, c (Å, × supercell), α, β, γ (°)' },
        reference: 'string',
        lattice_source: { type: 'string', description: '"experiment" or "simulation"' },
        deviation_pct: { type: 'array', items: { type: 'number' }, description: '100 (a_final − a_published) / a_published for a, b, c' },
      }),
      type: ['object', 'null'],
      description: 'the published lattice with --system; null for a file',
    },
    wall_s: 'number',
    out: 'string?',
  }),
});
export const { summary, usage } = spec;

const GPA_PER_EV_A3 = 160.21766208;

export async function run(args: Args): Promise<void> {
  const json = args.flag('json');
  const sysName = args.string('system');
  const supercell = parseSupercell(args.string('supercell'));
  const seed = args.number('seed');
  const frame = args.number('frame', 0)!;
  const potentialName = args.string('potential');
  const cellRelax = args.flag('cell');
  const pressure = args.number('pressure');
  const fmax = args.number('fmax', 0.02)!;
  const steps = args.number('steps', 500)!;
  const threads = args.number('threads');
  const out = args.string('out');
  const format = args.string('format');
  args.rejectUnknownOptions('relax');
  // Each value is checked against its declaration by main; what follows spans several options.
  const file = args.positionals[0];
  if (file !== undefined && sysName !== undefined) throw new InputError('give a structure FILE or --system MATERIAL, not both');
  if (file === undefined && sysName === undefined) throw new InputError('missing input: expected a structure FILE or --system MATERIAL');
  if (potentialName === undefined) throw new InputError(`missing --potential: expected ${ML_MODELS.join(', ')}`);
  if (file !== undefined && (supercell || seed !== undefined)) throw new InputError('--supercell and --seed apply to --system only');
  if (sysName === undefined ? false : args.has('frame')) throw new InputError('--frame applies to a structure FILE only');
  if (pressure !== undefined && !cellRelax) throw new InputError('--pressure needs --cell (a fixed-cell relaxation has no pressure target)');
  const fmt = out !== undefined ? structureFormat(out, format) : undefined;
  if (out !== undefined) checkOutputPath(out, 'an output structure file');
  else if (format !== undefined) throw new InputError('--format applies to --out');

  let system: MDSystem,
    experiment: { lattice_A_deg: number[]; reference: string; lattice_source: 'experiment' | 'simulation' } | null = null;
  if (sysName !== undefined) {
    const d = materialDescription(sysName);
    system = buildMaterial(d.name, { supercell, seed });
    const sc = supercell ?? d.defaultSupercell ?? [1, 1, 1];
    experiment = {
      lattice_A_deg: [d.lattice[0] * sc[0], d.lattice[1] * sc[1], d.lattice[2] * sc[2], d.lattice[3], d.lattice[4], d.lattice[5]],
      reference: d.reference,
      lattice_source: d.latticeSource ?? 'experiment',
    };
  } else system = await readStructure(file!, frame);
  const n = system.topology.species.length;
  const lattice0 = latticeParameters(system.cell.matrix),
    V0 = system.cell.volume;

  if (!json) progress(`relax: starting the ${potentialName} worker`);
  let mlp: MLPotential | undefined;
  let stop = false;
  const onSigint = () => {
    progress('relax: stopping after this step (Ctrl-C)');
    stop = true;
  };
  process.once('SIGINT', onSigint);
  const t0 = Date.now();
  const onStep = (s: number, fm: number, e: number) => {
    if (!json && (s % 10 === 0 || s === 1)) progress(`relax: step ${s}/${steps}  max |F| = ${formatNumber(fm)} eV/Å  E = ${formatNumber(e, 8)} eV`);
  };
  let res: {
    system: MDSystem;
    energy_eV: number;
    energies: Float64Array;
    forces?: Float64Array;
    stress?: Float64Array;
    steps: number;
    converged: boolean;
    maxForce_eV_A: number;
  };
  try {
    mlp = openMLPotential(potentialName, { threads });
    if (!json) progress(`relax: ${n} atoms, ${cellRelax ? 'atoms + cell' : 'atoms at fixed cell'}, ${mlp.description}`);
    if (cellRelax) {
      const r = relaxCell(system, mlp, { fmax_eV_A: fmax, maxSteps: steps, pressure_GPa: pressure ?? 0, onStep, shouldStop: () => stop });
      res = {
        system: r.system,
        energy_eV: r.energy_eV,
        energies: r.energies,
        stress: r.stress_eV_A3,
        steps: r.steps,
        converged: r.converged,
        maxForce_eV_A: r.maxForce_eV_A,
      };
    } else {
      const r = relaxFIRE(system, mlp, { fmax_eV_A: fmax, maxSteps: steps, onStep, shouldStop: () => stop });
      const [ev] = mlp.evaluateBatch([{ ...system, positions: r.positions }]);
      res = {
        system: { ...system, positions: r.positions },
        energy_eV: r.energy_eV,
        energies: r.energies,
        forces: r.forces,
        stress: ev.stress_eV_A3,
        steps: r.steps,
        converged: r.converged,
        maxForce_eV_A: r.maxForce_eV_A,
      };
    }
    if (out !== undefined) {
      const forces = res.forces ?? mlp.evaluateBatch([res.system])[0].forces;
      await writeStructure(out, fmt!, res.system, {
        energy_eV: res.energy_eV,
        energies: res.energies,
        forces,
        comment: `relaxed with ${mlp.description}`,
      });
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
    mlp?.close();
  }
  const lattice1 = latticeParameters(res.system.cell.matrix),
    V1 = res.system.cell.volume;
  if (!res.converged)
    progress(
      `relax: CAUTION: not converged: max |F| = ${formatNumber(res.maxForce_eV_A)} eV/Å after ${res.steps} steps (--fmax ${fmax}); raise --steps`,
    );
  const result = {
    potential: mlp!.description,
    source: file ?? `build ${sysName}`,
    atoms: n,
    cell_relaxed: cellRelax,
    converged: res.converged,
    steps: res.steps,
    fmax_eV_A: fmax,
    max_force_eV_A: res.maxForce_eV_A,
    energy_eV: res.energy_eV,
    energy_per_atom_eV: res.energy_eV / n,
    lattice_initial_A_deg: lattice0,
    lattice_final_A_deg: lattice1,
    volume_initial_A3: V0,
    volume_final_A3: V1,
    volume_change_pct: (100 * (V1 - V0)) / V0,
    stress_GPa: res.stress ? Array.from(res.stress, (s) => s * GPA_PER_EV_A3) : null,
    experiment: experiment
      ? {
          ...experiment,
          deviation_pct: lattice1.slice(0, 3).map((v, k) => (100 * (v - experiment!.lattice_A_deg[k])) / experiment!.lattice_A_deg[k]),
        }
      : null,
    wall_s: (Date.now() - t0) / 1000,
    out: out ?? null,
  };
  printResult(result, json, () => {
    const L = (l: number[]) =>
      `${l
        .slice(0, 3)
        .map((v) => formatNumber(v))
        .join(' ')} Å, ${l
        .slice(3)
        .map((v) => formatNumber(v))
        .join(' ')}°`;
    return (
      `relaxed ${n} atoms (${cellRelax ? 'atoms + cell' : 'fixed cell'}) with ${result.potential}: ${res.converged ? 'converged' : 'NOT converged'} in ${res.steps} steps, max |F| ${formatNumber(res.maxForce_eV_A)} eV/Å\n` +
      `E = ${formatNumber(res.energy_eV, 8)} eV (${formatNumber(result.energy_per_atom_eV, 6)} eV/atom)\n` +
      `lattice ${L(lattice0)} → ${L(lattice1)}; V ${formatNumber(V0)} → ${formatNumber(V1)} Å³ (${formatNumber(result.volume_change_pct)} %)\n` +
      (result.experiment
        ? `vs ${result.experiment.lattice_source === 'simulation' ? 'the published simulation cell (no experimental cell)' : 'experiment'} (${result.experiment.reference}): a b c ${result.experiment.deviation_pct.map((v) => `${v >= 0 ? '+' : ''}${formatNumber(v)} %`).join(', ')}\n`
        : '') +
      (out ? `written to ${out}\n` : '')
    );
  });
}
