/**
 * `superionic md` — run molecular dynamics with the built-in engine or LAMMPS (METHODS §6): α-AgI rigid-ion
 * model or the polyanion-rotor model, NVT (Nosé–Hoover chain or Langevin) or NVE, anion-mode constraints,
 * output to extended XYZ, thermo table on stdout, progress on stderr.
 */
import { InputError } from '../../core/errors.js';
import { writeExtxyz } from '../../io/index.js';
import { checkOutputPath } from '../../io/fileAccess.js';
import type { CoulombMethod, ForceFieldSpec } from '../../simulate/forceField.js';
import { energyConservation } from '../../simulate/energyConservation.js';
import { lammpsDegreesOfFreedom, thermoLogFromLammps } from '../../simulate/lammps/lammpsLog.js';
import { LammpsRunResult, runLammps } from '../../simulate/lammps/runLammps.js';
import { runLammpsML } from '../../simulate/lammps/runLammpsML.js';
import { atomsInMolecules, moleculesWithFormula, type MDSystem } from '../../simulate/mdSystem.js';
import { buildModelSystem, MODEL_SYSTEMS, mdRunDefaults, THERMOSTAT_NAMES } from '../../simulate/modelSystems.js';
import { runMolecularDynamics } from '../../simulate/molecularDynamics.js';
import type { ThermoLog } from '../../simulate/thermoLog.js';
import { buildMaterial, PAPER_MATERIALS } from '../../simulate/paperMaterials.js';
import { ML_MODELS, MLPotential, openMLPotential } from '../../simulate/ml/mlPotential.js';
import type { Args } from '../args.js';
import { defineCommand, jsonFields } from '../command.js';
import { bounds } from '../optionRanges.js';
import { formatNumber, printResult, progress, textTable } from '../output.js';

const MATERIALS = Object.keys(PAPER_MATERIALS);

export const spec = defineCommand({
  name: 'md',
  summary: 'Run MD (built-in engine or LAMMPS): α-AgI or polyanion rotors, NVT/NVE, anion-mode constraints',
  synopsis: `--system agi|rotor --steps N [--supercell 4 (agi) | 2 (rotor)] [--temperature 600] [--dt 5 (agi) | 1 (rotor)] [--seed 1]
       [--out traj.extxyz] [--every 10] [--engine builtin|lammps] [--thermostat nh|langevin|none] [--tau 100]
       [--coulomb dsf|ewald] [--constraint UC|RC|RTC|RTVC --anions SO4|all] [--threads N] [--np N | --launcher "srun -n 8"]
       [--lmp /usr/bin/lmp] [--json]
       superionic md --system li3ycl6|na3ps4-cubic --potential chgnet|chgnet-0.2.0|sevenn-0 --steps N [--supercell 1]
       [--dt 1] [--temperature 600] [--constraint RC --anions PS4] … (ML environment: npm run setup:ml; --engine lammps
       takes the forces through LAMMPS's fix external and needs python3-lammps; RTVC only)`,
  positionals: { max: 0, noun: 'argument' },
  readsTrajectory: false,
  options: {
    system: { kind: 'string', choices: [...MODEL_SYSTEMS, ...MATERIALS] },
    steps: { kind: 'number', range: bounds(1, 1e9, 'steps', { integer: true }) },
    supercell: { kind: 'number', range: bounds(1, 16, '(repeats)', { integer: true }) },
    temperature: { kind: 'number', range: bounds(0, 1e5, 'K') },
    dt: { kind: 'number', range: bounds(0.01, 20, 'fs') },
    seed: { kind: 'number', range: bounds(0, 2 ** 32 - 1, '', { integer: true }) },
    out: { kind: 'string', expected: 'an extended XYZ file path' },
    every: { kind: 'number', range: bounds(1, 1e9, 'steps', { integer: true }) },
    engine: { kind: 'string', choices: ['builtin', 'lammps'] },
    thermostat: { kind: 'string', choices: Object.keys(THERMOSTAT_NAMES) },
    tau: { kind: 'number', range: bounds(1, 1e7, 'fs') },
    coulomb: { kind: 'string', choices: ['dsf', 'ewald'] },
    constraint: { kind: 'string', choices: ['UC', 'RC', 'RTC', 'RTVC'] },
    anions: { kind: 'string', expected: 'an anion formula such as SO4, or all' },
    np: { kind: 'number', range: bounds(1, 1024, 'processes', { integer: true }) },
    launcher: { kind: 'string' },
    lmp: { kind: 'string' },
    potential: { kind: 'string', choices: ML_MODELS },
    threads: { kind: 'number', range: bounds(1, 64, 'threads', { integer: true }) },
  },
  notes: `  agi: α-AgI rigid-ion model (bcc I, a = 5.07 Å, 2 Ag per cell on random tetrahedral sites, seeded);
  rotor: Li2SO4-type cubic salt with bonded SO4 anions. Constraints (Li 2025): RC removes anion rotation,
  RTC rotation and translation, RTVC freezes the anions (LAMMPS engine: RTVC only). Units: fs, K, Å.
  --threads N (built-in engine, agi with DSF; default 1): the pair forces of the one system on N threads (worker
  threads sharing memory, each a block of the neighbour list); equal to one thread's to round-off.
  JSON: {engine, atoms, steps, dt_fs, degrees_of_freedom, mean_T_K, atom_steps_per_s, thermo: {t_fs, T_K,
         potential_eV, kinetic_eV, conserved_eV, pressure_bar}, out}`,
  output: jsonFields({
    engine: 'string',
    system: 'string',
    potential: 'string?',
    atoms: 'number',
    steps: 'number',
    dt_fs: 'number',
    degrees_of_freedom: 'number?',
    mean_T_K: 'number',
    atom_steps_per_s: 'number',
    conserved_drift_meV_atom_ps: 'number?',
    conserved_fluctuation_ratio: 'number?',
    time_step_ok: 'boolean',
    time_step_reason: 'string?',
    thermo: jsonFields({
      t_fs: 'number[]',
      T_K: 'number[]',
      potential_eV: 'number[]',
      kinetic_eV: 'number[]',
      conserved_eV: 'number[]',
      pressure_bar: 'number[]',
    }),
    out: 'string?',
  }),
});
export const { summary, usage } = spec;

/** The molecules `--anions` names (a formula such as SO4, or all), with the option in the message. */
function anionsToConstrain(system: MDSystem, label: string): number[] {
  try {
    return moleculesWithFormula(system, label);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`--anions ${label}: ${e.message}`);
    throw e;
  }
}

export async function run(args: Args): Promise<void> {
  const sysName = args.string('system') ?? 'agi';
  const potentialName = args.string('potential');
  const isMaterial = MATERIALS.includes(sysName);
  const steps = args.requireNumber('steps', 'the number of MD steps');
  const defaults = mdRunDefaults(sysName);
  const supercell = args.number('supercell', defaults.supercell)!;
  const T = args.number('temperature', 600)!;
  const dt = args.number('dt', defaults.dt_fs)!;
  const seed = args.number('seed', 1)!;
  const every = args.number('every', 10)!;
  const tau = args.number('tau', 100)!;
  const out = args.string('out');
  const engine = args.string('engine') ?? 'builtin';
  const thermostat = THERMOSTAT_NAMES[args.string('thermostat') ?? 'nh'];
  const coulomb = (args.string('coulomb') ?? 'dsf') as CoulombMethod;
  const mode = args.string('constraint');
  const anions = args.string('anions') ?? 'all';
  const np = args.number('np');
  const launcherArg = args.string('launcher');
  const lmp = args.string('lmp');
  const threads = args.number('threads', 1)!;
  const json = args.flag('json');
  args.rejectUnknownOptions('md');
  // Each value is checked against its declaration by main; what follows spans several options, checked
  // before anything is printed or built (no "20 steps of 0 fs" line first).
  if (isMaterial && potentialName === undefined)
    throw new InputError(`--system ${sysName} needs an ML potential: --potential ${ML_MODELS.join('|')}`);
  if (potentialName !== undefined && !isMaterial)
    throw new InputError(`--potential runs the papers' materials (--system ${MATERIALS.join('|')}); agi and rotor use their built-in force fields`);
  // Options that would have no effect in this combination are refused rather than silently ignored.
  if (thermostat === 'none' && args.has('tau'))
    throw new InputError('--tau sets the thermostat time constant, but --thermostat none runs NVE: drop --tau or choose nh|langevin');
  if (args.has('threads') && engine === 'lammps')
    throw new InputError('--threads applies to the built-in engine; LAMMPS runs on several cores with --np N');
  if (threads > 1 && (sysName === 'rotor' || coulomb === 'ewald'))
    throw new InputError(
      `--threads ${threads}: threads > 1 needs the pair-table path (no molecules, DSF Coulomb): --system agi with --coulomb dsf; ${sysName === 'rotor' ? 'the rotor has molecules' : 'this run uses Ewald'}`,
    );
  if (args.has('threads') && potentialName !== undefined)
    throw new InputError('--threads applies to the built-in force fields (agi); an ML potential sets its own threads');
  if (engine !== 'lammps') {
    const lammpsOnly = ['np', 'launcher', 'lmp'].filter((o) => args.has(o));
    if (lammpsOnly.length)
      throw new InputError(
        `${lammpsOnly.map((o) => `--${o}`).join(', ')} ${lammpsOnly.length > 1 ? 'apply' : 'applies'} to --engine lammps only; the built-in engine takes --threads N`,
      );
  }
  if (isMaterial && engine === 'lammps' && (args.has('np') || args.has('launcher') || args.has('lmp')))
    throw new InputError(
      '--potential with --engine lammps runs one LAMMPS process through its Python module (python3-lammps): --np, --launcher and --lmp do not apply',
    );
  // T sets the Maxwell–Boltzmann start and the thermostat target. T = 0 K is a clean start at rest only
  // without a Nosé–Hoover chain (its thermostat masses are ∝ k_B T: zero at 0 K) and with the built-in engine.
  // Below 1 K the Nosé–Hoover masses (∝ k_B T) are so small that the first step overflows.
  if (T < 1 && (thermostat === 'nose-hoover' || engine === 'lammps')) {
    throw new InputError(
      `--temperature ${T} is not possible with ${engine === 'lammps' ? 'the LAMMPS engine' : 'the Nosé–Hoover thermostat (its masses are ∝ k_B T)'}; give T ≥ 1 K${engine === 'lammps' ? '' : ', or --thermostat none|langevin to start at rest'}`,
    );
  }
  // Check the output path before a long run whose frames it would receive.
  if (out !== undefined) checkOutputPath(out, 'an extended XYZ file path');

  let mlp: MLPotential | undefined;
  let system: MDSystem, ff: ForceFieldSpec | MLPotential | undefined;
  if (isMaterial) {
    system = buildMaterial(sysName, { supercell });
    if (engine === 'builtin') {
      progress(`md: starting the ${potentialName} worker`);
      ff = mlp = openMLPotential(potentialName!);
    }
  } else ({ system, forceField: ff } = buildModelSystem(sysName, { supercell, seed, coulomb }));
  const n = system.positions.length / 3;
  const constraint = mode && mode !== 'UC' ? { mode: mode as 'RC' | 'RTC' | 'RTVC', molecules: anionsToConstrain(system, anions) } : undefined;
  progress(
    `md: ${sysName} ${n} atoms, ${steps} steps of ${dt} fs at ${T} K (${engine}, ${thermostat}${constraint ? `, ${mode} on ${constraint.molecules.length} anions` : ''})`,
  );
  const ctl = new AbortController();
  const onSigint = () => {
    progress('md: stopping after this step (Ctrl-C)');
    ctl.abort();
  };
  process.once('SIGINT', onSigint);
  let thermo: ThermoLog;
  let lammpsPotential: string | null = null;
  let dof: number | null = null,
    rate: number,
    stepsDone = steps;
  try {
    if (engine === 'builtin') {
      const r = await runMolecularDynamics({
        system,
        forceField: ff!,
        dt_fs: dt,
        steps,
        temperature_K: T,
        seed,
        thermostat,
        tau_fs: tau,
        every,
        constraint,
        threads,
        keepTrajectory: false,
        extxyzPath: out,
        signal: ctl.signal,
        onProgress: (p) =>
          progress(
            `md: step ${p.step}/${p.steps}  t = ${formatNumber(p.t_fs)} fs  T = ${formatNumber(p.T_K)} K  PE = ${formatNumber(p.potential_eV)} eV  ${formatNumber(p.atomStepsPerSecond)} atom-steps/s`,
          ),
      });
      thermo = r.thermo;
      dof = r.degreesOfFreedom;
      rate = (n * r.stepsDone) / r.wallTime_s;
      stepsDone = r.stepsDone;
    } else {
      if (constraint && constraint.mode !== 'RTVC')
        throw new InputError(`--engine lammps supports --constraint RTVC only; use the built-in engine for ${constraint.mode}`);
      if (constraint && constraint.molecules.length !== system.molecules!.count)
        throw new InputError(`--engine lammps freezes every anion under RTVC; --anions ${anions} (a subset) needs the built-in engine`);
      const launcher = launcherArg ? launcherArg.split(/\s+/).filter(Boolean) : np && np > 1 ? ['mpirun', '-np', String(np)] : undefined;
      const task = { kind: 'md' as const, steps, dt_fs: dt, temperature_K: T, seed, thermostat, tau_fs: tau, every };
      const onOutput = (l: string) => {
        if (/^\s*\d+\s/.test(l)) progress(`lammps: ${l.trim()}`);
      };
      let r: LammpsRunResult;
      if (isMaterial) {
        progress(`md: LAMMPS with forces from ${potentialName} (fix external, python3-lammps)`);
        const rm = await runLammpsML(system, potentialName!, task, { signal: ctl.signal, constraint, onOutput });
        lammpsPotential = rm.potential;
        r = rm;
      } else
        r = await runLammps(system, ff as ForceFieldSpec, task, {
          lmp,
          launcher,
          signal: ctl.signal,
          kspace: coulomb === 'ewald' ? 'pppm' : 'dsf',
          constraint,
          onOutput,
        });
      thermo = thermoLogFromLammps(r.thermo);
      rate = (n * steps) / (r.loopTime_s ?? r.wallTime_s);
      dof = lammpsDegreesOfFreedom(n, constraint ? atomsInMolecules(system, constraint.molecules) : 0); // RTVC: every anion (checked above)
      if (out) await writeExtxyz(out, r.trajectory);
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
    mlp?.close();
  }
  const meanT = thermo.T_K.reduce((a, b) => a + b, 0) / Math.max(1, thermo.T_K.length);
  const drift = energyConservation(thermo, n, dt);
  if (!drift.acceptable) progress(`CAUTION: ${drift.reason}`);
  const result = {
    engine,
    system: sysName,
    potential: mlp ? mlp.description : lammpsPotential,
    atoms: n,
    steps: stepsDone,
    dt_fs: dt,
    degrees_of_freedom: dof,
    mean_T_K: meanT,
    atom_steps_per_s: rate,
    conserved_drift_meV_atom_ps: drift.drift_meV_atom_ps,
    conserved_fluctuation_ratio: drift.fluctuation_ratio,
    time_step_ok: drift.acceptable,
    time_step_reason: drift.reason ?? null,
    thermo,
    out: out ?? null,
  };
  printResult(result, json, () => {
    const stride = Math.max(1, Math.ceil(thermo.t_fs.length / 20));
    const rows = thermo.t_fs
      .map((t, k) => [t, thermo.T_K[k], thermo.potential_eV[k], thermo.kinetic_eV[k], thermo.conserved_eV[k], thermo.pressure_bar[k]])
      .filter((_, k) => k % stride === 0 || k === thermo.t_fs.length - 1);
    return (
      `${engine} MD of ${sysName} (${n} atoms), ${stepsDone} steps × ${dt} fs; <T> = ${formatNumber(meanT)} K; ${formatNumber(rate)} atom-steps/s${out ? `; frames in ${out}` : ''}\n` +
      (drift.drift_meV_atom_ps === null
        ? ''
        : `conserved quantity: drift ${formatNumber(drift.drift_meV_atom_ps)} meV/atom/ps, std(H)/std(KE) ${formatNumber(drift.fluctuation_ratio)}${drift.acceptable ? '' : ` — CAUTION: ${drift.reason}`}\n`) +
      textTable(['t_fs', 'T_K', 'potential_eV', 'kinetic_eV', 'conserved_eV', 'pressure_bar'], rows)
    );
  });
}
