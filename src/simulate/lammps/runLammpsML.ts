/**
 * LAMMPS with forces from a machine-learned potential (CHGNet, SevenNet-0): LAMMPS integrates, the model evaluates.
 *
 * Debian's LAMMPS has no ML pair styles. Its Python module (apt `python3-lammps`) drives the shared library, and
 * `fix ext all external pf/callback 1 1` hands each force evaluation to a Python callback (LAMMPS manual, fix
 * external): python/lammps_ml.py runs in the ML environment (.venv-ml), loads the model through the worker's code
 * (python/ml_worker.py: the model's own ASE calculator) and returns forces, energy (`fix_modify ext energy yes`,
 * part of pe), virial W_ab = −V σ_ab (`virial yes`, part of press) and per-atom energies (`compute pe/atom`).
 * `pair_style none`: the model's forces are the only ones. One MPI rank (the model sees every atom; torch threads
 * parallelise the model).
 *
 * Anion constraints (Li 2025; METHODS §6):
 * - RTVC (anions frozen) is the LAMMPS groups `anions` (molecule > 0) and `mobile`: the integrator, thermostat and
 *   initial velocities act on `mobile` only, exactly as the built-in engine's RTVC (the anions keep their start).
 * - RC and RTC keep the anions' vibrations and constrain only the rigid-body rotation (Eckart condition) or rotation
 *   and translation. `fix rigid` cannot express them: its bodies do not vibrate. With `torque off off off` it gives
 *   rigid anions that translate but do not turn (RC plus frozen vibration), with `force`+`torque` off it is RTVC;
 *   neither is RC or RTC, so those two run with the built-in engine (`runMolecularDynamics`, any provider).
 *
 * Same MDSystem and task as `runLammps` (data file with molecule ids, charges 0; `initialVelocities: 'keep'` starts
 * from system.velocities), same results (dump with positions, velocities, forces, per-atom energies; thermo).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { element } from '../../core/elements.js';
import { InputError } from '../../core/errors.js';
import type { MDSystem } from '../mdSystem.js';
import { ML_MODELS, mlPython, packageRoot } from '../ml/mlPotential.js';
import {
  LammpsInputOptions,
  LammpsTask,
  lammpsAtomLines,
  lammpsBox,
  lammpsMassLines,
  lammpsTaskCommands,
  lammpsVelocityLines,
} from './lammpsInput.js';
import { executeLammps, LammpsRunResult, readLammpsRun, RunLammpsOptions } from './runLammps.js';

export interface RunLammpsMLOptions extends Pick<RunLammpsOptions, 'workDir' | 'keepFiles' | 'timeout_s' | 'signal' | 'onOutput'> {
  /** Torch threads of the model (default: torch's choice). */
  threads?: number;
  /** 'cpu' or 'cuda' (default: cuda when available). */
  device?: string;
  /** UC (default) or RTVC (frozen anions); RC and RTC are refused with the reason (see the header). */
  constraint?: LammpsInputOptions['constraint'];
}

export interface LammpsMLRunResult extends LammpsRunResult {
  /** The model with its version, as the driver reported it, e.g. "chgnet 0.3.0 (chgnet 0.4.2, torch 2.13.0, cpu)". */
  potential: string;
}

/** The files of a LAMMPS + ML run: data file, input script and the driver's ml.json. */
export interface LammpsMLFiles {
  data: string;
  input: string;
  /** python/lammps_ml.py's settings (model, input, log, atomic number of each LAMMPS type, torch threads, device). */
  driver: { model: string; input: string; log: string; type_numbers: number[]; threads?: number; device?: string };
  typeSymbols: string[];
}

/** Write the data file, input and driver settings for `model` on `system` (see the header for constraints). */
export function writeLammpsMLFiles(system: MDSystem, model: string, task: LammpsTask, opts: RunLammpsMLOptions = {}): LammpsMLFiles {
  if (!(ML_MODELS as readonly string[]).includes(model)) throw new InputError(`unknown ML model "${model}"; expected one of ${ML_MODELS.join(', ')}`);
  const top = system.topology;
  const typeNumbers = top.symbols.map((s) => {
    const e = element(s);
    if (!e) throw new InputError(`species "${s}" is not an element the ML potential can take`);
    return e.Z;
  });
  const mode = opts.constraint?.mode ?? 'UC';
  if (mode === 'RC' || mode === 'RTC')
    throw new InputError(
      `constraint ${mode} cannot run in LAMMPS: it keeps the anions' vibrations, and LAMMPS's fix rigid makes them rigid bodies (no vibration); run ${mode} with the built-in engine (md without --engine lammps), RTVC (frozen anions) runs in LAMMPS`,
    );
  if (mode === 'RTVC' && !system.molecules?.count)
    throw new InputError('constraint RTVC needs molecules (polyatomic anions) in the system; none were given');
  const data = [
    `LAMMPS data file written by superionic (forces from ${model})`,
    '',
    `${top.species.length} atoms`,
    `${top.symbols.length} atom types`,
    '',
    lammpsBox(system.cell.matrix),
    '',
    ...lammpsMassLines(system),
    '',
    'Atoms # full',
    '',
    ...lammpsAtomLines(system, () => 0),
    ...lammpsVelocityLines(system, task),
    '',
  ].join('\n');
  const group = mode === 'RTVC' ? 'mobile' : 'all';
  const input = [
    `# superionic -> LAMMPS, forces from ${model} through fix external (python/lammps_ml.py)`,
    'units metal',
    'atom_style full',
    'boundary p p p',
    'atom_modify map array sort 0 0.0',
    'read_data data.lmp',
    'pair_style none',
    'compute peatom all pe/atom',
    'fix ext all external pf/callback 1 1',
    'fix_modify ext energy yes virial yes',
    ...(mode === 'RTVC' ? ['group anions molecule > 0', 'group mobile subtract all anions'] : []),
    ...lammpsTaskCommands(task, group),
  ];
  return {
    data,
    input: input.join('\n') + '\n',
    driver: {
      model,
      input: 'in.lmp',
      log: 'log.lammps',
      type_numbers: typeNumbers,
      ...(opts.threads ? { threads: opts.threads } : {}),
      ...(opts.device ? { device: opts.device } : {}),
    },
    typeSymbols: top.symbols.slice(),
  };
}

/**
 * Run `task` (single point, FIRE minimisation or MD) in LAMMPS with forces from `model` (`chgnet`, `sevenn-0`, …).
 * Needs the ML environment (`npm run setup:ml`) and LAMMPS's Python module (Debian: apt install python3-lammps).
 */
export async function runLammpsML(system: MDSystem, model: string, task: LammpsTask, opts: RunLammpsMLOptions = {}): Promise<LammpsMLRunResult> {
  const files = writeLammpsMLFiles(system, model, task, opts);
  const python = mlPython();
  if (!existsSync(python))
    throw new InputError(
      `the ML environment is missing (no ${python}); create it with \`npm run setup:ml\` in the superionic checkout, or set SUPERIONIC_ML_PYTHON`,
    );
  const dir = opts.workDir ?? mkdtempSync(join(tmpdir(), 'superionic-lmp-ml-'));
  writeFileSync(join(dir, 'data.lmp'), files.data);
  writeFileSync(join(dir, 'in.lmp'), files.input);
  writeFileSync(join(dir, 'ml.json'), JSON.stringify(files.driver));
  const t0 = Date.now();
  try {
    await executeLammps(dir, [python, join(packageRoot(), 'python', 'lammps_ml.py'), 'ml.json'], opts, {
      notFound: `the ML environment's Python "${python}" could not be started; recreate it with \`npm run setup:ml\``,
    });
    const run = await readLammpsRun(dir, system, files.typeSymbols, task);
    const m = /^superionic: forces from (.*)$/m.exec(readFileSync(join(dir, 'log.lammps'), 'utf8'));
    return { ...run, wallTime_s: (Date.now() - t0) / 1000, potential: m ? m[1].trim() : model };
  } finally {
    if (!opts.keepFiles && !opts.workDir) rmSync(dir, { recursive: true, force: true });
  }
}
