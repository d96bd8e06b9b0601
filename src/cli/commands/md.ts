/**
 * `superionic md` — run molecular dynamics with the built-in engine or LAMMPS (METHODS §6): α-AgI rigid-ion
 * model or the polyanion-rotor model, NVT (Nosé–Hoover chain or Langevin) or NVE, anion-mode constraints,
 * output to extended XYZ, thermo table on stdout, progress on stderr.
 */
import { InputError } from '../../core/errors.js';
import { writeExtxyz } from '../../io/index.js';
import { checkOutputPath } from '../../io/fileAccess.js';
import { buildAlphaAgI } from '../../simulate/alphaAgI.js';
import type { AnionConstraintMode } from '../../simulate/anionConstraints.js';
import { agiForceField, CoulombMethod, ForceFieldSpec, rotorForceField } from '../../simulate/forceField.js';
import { energyConservation } from '../../simulate/energyConservation.js';
import { LammpsRunResult, runLammps } from '../../simulate/lammps/runLammps.js';
import { runLammpsML } from '../../simulate/lammps/runLammpsML.js';
import type { MDSystem } from '../../simulate/mdSystem.js';
import { runMolecularDynamics, ThermostatKind } from '../../simulate/molecularDynamics.js';
import { buildPolyanionRotor } from '../../simulate/polyanionRotor.js';
import { buildMaterial, PAPER_MATERIALS } from '../../simulate/paperMaterials.js';
import { ML_MODELS, MLPotential, openMLPotential } from '../../simulate/ml/mlPotential.js';
import type { Args } from '../args.js';
import { defineCommand } from '../command.js';
import { bounds } from '../optionRanges.js';
import { formatNumber, printResult, progress, textTable } from '../output.js';

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
    system: { kind: 'string', choices: ['agi', 'rotor', 'li3ycl6', 'na3ps4-cubic'] },
    steps: { kind: 'number', range: bounds(1, 1e9, 'steps', { integer: true }) },
    supercell: { kind: 'number', range: bounds(1, 16, '(repeats)', { integer: true }) },
    temperature: { kind: 'number', range: bounds(0, 1e5, 'K') },
    dt: { kind: 'number', range: bounds(0.01, 20, 'fs') },
    seed: { kind: 'number', range: bounds(0, 2 ** 32 - 1, '', { integer: true }) },
    out: { kind: 'string' },
    every: { kind: 'number', range: bounds(1, 1e9, 'steps', { integer: true }) },
    engine: { kind: 'string', choices: ['builtin', 'lammps'] },
    thermostat: { kind: 'string', choices: ['nh', 'langevin', 'none'] },
    tau: { kind: 'number', range: bounds(1, 1e7, 'fs') },
    coulomb: { kind: 'string', choices: ['dsf', 'ewald'] },
    constraint: { kind: 'string', choices: ['UC', 'RC', 'RTC', 'RTVC'] },
    anions: { kind: 'string' },
    np: { kind: 'number', range: bounds(1, 1024, 'processes', { integer: true }) },
    launcher: { kind: 'string' },
    lmp: { kind: 'string' },
    potential: { kind: 'string', choices: ['chgnet', 'chgnet-0.2.0', 'sevenn-0'] },
    threads: { kind: 'number', range: bounds(1, 64, 'threads', { integer: true }) },
  },
  notes: `  agi: α-AgI rigid-ion model (bcc I, a = 5.07 Å, 2 Ag per cell on random tetrahedral sites, seeded);
  rotor: Li2SO4-type cubic salt with bonded SO4 anions. Constraints (Li 2025): RC removes anion rotation,
  RTC rotation and translation, RTVC freezes the anions (LAMMPS engine: RTVC only). Units: fs, K, Å.
  --threads N (built-in engine, agi with DSF; default 1): the pair forces of the one system on N threads (worker
  threads sharing memory, each a block of the neighbour list); equal to one thread's to round-off.
  JSON: {engine, atoms, steps, dt_fs, degrees_of_freedom, mean_T_K, atom_steps_per_s, thermo: {t_fs, T_K,
         potential_eV, kinetic_eV, conserved_eV, pressure_bar}, out}`,
});
export const { summary, usage } = spec;

function buildSystem(name: string, supercell: number, seed: number, coulomb: CoulombMethod): { system: MDSystem; ff: ForceFieldSpec } {
  if (name === 'agi') return { system: buildAlphaAgI({ supercell, seed }), ff: agiForceField({ coulomb }) };
  if (name === 'rotor') return { system: buildPolyanionRotor({ supercell, seed }), ff: rotorForceField(undefined, { coulomb }) };
  throw new InputError(`--system expects agi or rotor, got "${name}"`);
}
const MATERIALS = Object.keys(PAPER_MATERIALS);

/** Molecule indices whose composition (e.g. "SO4", element counts in any order) matches, or all for "all". */
function selectAnions(system: MDSystem, label: string): number[] {
  const ms = system.molecules;
  if (!ms || ms.count === 0) throw new InputError('--anions: the system has no molecules');
  if (label === 'all') return Array.from({ length: ms.count }, (_, k) => k);
  const want = new Map<string, number>();
  for (const m of label.matchAll(/([A-Z][a-z]?)(\d*)/g)) if (m[1]) want.set(m[1], (want.get(m[1]) ?? 0) + (m[2] ? Number(m[2]) : 1));
  const out: number[] = [];
  for (let k = 0; k < ms.count; k++) {
    const have = new Map<string, number>();
    for (let q = ms.offsets[k]; q < ms.offsets[k + 1]; q++) {
      const s = system.topology.symbols[system.topology.species[ms.atoms[q]]];
      have.set(s, (have.get(s) ?? 0) + 1);
    }
    if (have.size === want.size && [...want].every(([s, c]) => have.get(s) === c)) out.push(k);
  }
  if (out.length === 0) throw new InputError(`--anions ${label}: no molecule has that composition`);
  return out;
}

export async function run(args: Args): Promise<void> {
  const sysName = args.string('system') ?? 'agi';
  const potentialName = args.string('potential');
  const isMaterial = MATERIALS.includes(sysName);
  if (isMaterial && potentialName === undefined)
    throw new InputError(`--system ${sysName} needs an ML potential: --potential ${ML_MODELS.join('|')}`);
  if (potentialName !== undefined && !(ML_MODELS as readonly string[]).includes(potentialName))
    throw new InputError(`--potential expects ${ML_MODELS.join(', ')}, got "${potentialName}"`);
  if (potentialName !== undefined && !isMaterial)
    throw new InputError(`--potential runs the papers' materials (--system ${MATERIALS.join('|')}); agi and rotor use their built-in force fields`);
  const steps = args.requireNumber('steps', 'the number of MD steps');
  const supercell = args.number('supercell', sysName === 'agi' ? 4 : isMaterial ? 1 : 2)!;
  const T = args.number('temperature', 600)!;
  const dt = args.number('dt', sysName === 'agi' ? 5 : 1)!; // rotor: the S–O stretch needs ≤ 1 fs for energy conservation
  const seed = args.number('seed', 1)!;
  const every = args.number('every', 10)!;
  const tau = args.number('tau', 100)!;
  const out = args.string('out');
  const engine = args.string('engine') ?? 'builtin';
  const thArg = args.string('thermostat') ?? 'nh';
  const thermostat: ThermostatKind = (
    { nh: 'nose-hoover', 'nose-hoover': 'nose-hoover', langevin: 'langevin', none: 'none', nve: 'none' } as Record<string, ThermostatKind>
  )[thArg];
  if (!thermostat) throw new InputError(`--thermostat expects nh, langevin or none, got "${thArg}"`);
  const coulomb = (args.string('coulomb') ?? 'dsf') as CoulombMethod;
  if (!['dsf', 'ewald'].includes(coulomb)) throw new InputError(`--coulomb expects dsf or ewald, got "${coulomb}"`);
  const mode = args.string('constraint') as AnionConstraintMode | undefined;
  const anions = args.string('anions') ?? 'all';
  const np = args.number('np');
  const launcherArg = args.string('launcher');
  const lmp = args.string('lmp');
  const threads = args.number('threads', 1)!;
  const json = args.flag('json');
  args.rejectUnknownOptions('md');
  // Validate every option before anything is printed or built (no "20 steps of 0 fs" line first).
  const posInt = (x: number, name: string) => {
    if (!Number.isInteger(x) || x < 1) throw new InputError(`--${name} expects a positive integer, got ${x}`);
  };
  posInt(steps, 'steps');
  posInt(supercell, 'supercell');
  posInt(every, 'every');
  if (!Number.isInteger(seed)) throw new InputError(`--seed expects an integer, got ${seed}`);
  if (np !== undefined) posInt(np, 'np');
  posInt(threads, 'threads');
  if (!(dt > 0)) throw new InputError(`--dt expects a positive time step in fs, got ${dt}`);
  if (thermostat !== 'none' && !(tau > 0)) throw new InputError(`--tau expects a positive thermostat time constant in fs, got ${tau}`);
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
  if (!['builtin', 'lammps'].includes(engine)) throw new InputError(`--engine expects builtin or lammps, got "${engine}"`);
  if (!['agi', 'rotor', ...MATERIALS].includes(sysName))
    throw new InputError(`--system expects agi, rotor or ${MATERIALS.join(', ')}, got "${sysName}"`);
  if (isMaterial && engine === 'lammps' && (args.has('np') || args.has('launcher') || args.has('lmp')))
    throw new InputError(
      '--potential with --engine lammps runs one LAMMPS process through its Python module (python3-lammps): --np, --launcher and --lmp do not apply',
    );
  if (mode !== undefined && !['UC', 'RC', 'RTC', 'RTVC'].includes(mode))
    throw new InputError(`--constraint expects UC, RC, RTC or RTVC, got "${mode}"`);
  // T sets the Maxwell–Boltzmann start and the thermostat target. T = 0 K is a clean start at rest only
  // without a Nosé–Hoover chain (its thermostat masses are ∝ k_B T: zero at 0 K) and with the built-in engine.
  if (!(T >= 0)) throw new InputError(`--temperature expects a temperature in K ≥ 0, got ${T}`);
  // Below 1 K the Nosé–Hoover masses (∝ k_B T) are so small that the first step overflows.
  if (T < 1 && (thermostat === 'nose-hoover' || engine === 'lammps')) {
    throw new InputError(
      `--temperature ${T} is not possible with ${engine === 'lammps' ? 'the LAMMPS engine' : 'the Nosé–Hoover thermostat (its masses are ∝ k_B T)'}; give T ≥ 1 K${engine === 'lammps' ? '' : ', or --thermostat none|langevin to start at rest'}`,
    );
  }
  // Check the output path before a long run whose frames it would receive.
  if (out !== undefined) {
    if (out === 'true' || out === '') throw new InputError('--out expects a file path, e.g. --out traj.extxyz');
    checkOutputPath(out, 'an extended XYZ file path');
  }

  let mlp: MLPotential | undefined;
  let system: MDSystem, ff: ForceFieldSpec | MLPotential | undefined;
  if (isMaterial) {
    system = buildMaterial(sysName, { supercell });
    if (engine === 'builtin') {
      progress(`md: starting the ${potentialName} worker`);
      ff = mlp = openMLPotential(potentialName!);
    }
  } else ({ system, ff } = buildSystem(sysName, supercell, seed, coulomb));
  const n = system.positions.length / 3;
  const constraint = mode && mode !== 'UC' ? { mode, molecules: selectAnions(system, anions) } : undefined;
  progress(
    `md: ${sysName} ${n} atoms, ${steps} steps of ${dt} fs at ${T} K (${engine}, ${thermostat}${constraint ? `, ${mode} on ${constraint.molecules.length} anions` : ''})`,
  );
  const ctl = new AbortController();
  const onSigint = () => {
    progress('md: stopping after this step (Ctrl-C)');
    ctl.abort();
  };
  process.once('SIGINT', onSigint);
  let thermo: { t_fs: number[]; T_K: number[]; potential_eV: number[]; kinetic_eV: number[]; conserved_eV: number[]; pressure_bar: number[] };
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
      const c = r.thermo.columns,
        col = (name: string) => r.thermo.rows.map((row) => row[c.indexOf(name)]);
      thermo = {
        t_fs: col('Time').map((t) => t * 1000),
        T_K: col('Temp'),
        potential_eV: col('PotEng'),
        kinetic_eV: col('KinEng'),
        conserved_eV: col('Econserve'),
        pressure_bar: col('Press'),
      };
      rate = (n * steps) / (r.loopTime_s ?? r.wallTime_s);
      // LAMMPS's temperature compute: 3 N − 3 over the integrated atoms (the mobile ones under RTVC).
      const frozen = constraint ? constraint.molecules.reduce((k, m) => k + (system.molecules!.offsets[m + 1] - system.molecules!.offsets[m]), 0) : 0;
      dof = 3 * (n - frozen) - 3;
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
