/**
 * Run LAMMPS (Debian's `lmp` by default) on a system + force field, serially or under a launcher
 * (`['mpirun', '-np', '4']`, `['srun', '-n', '64']`), and read the results back: the dump as a `Trajectory`
 * (velocities converted from Å/ps to Å/fs, per-atom energies from `compute pe/atom`), the thermo log as a table.
 * Node-only edge of the simulate area (files and a child process).
 * Errors: a missing executable, LAMMPS's own ERROR line, a non-zero exit, or the timeout → InputError.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../core/errors.js';
import { Trajectory } from '../../core/trajectory.js';
import { readTrajectory } from '../../io/index.js';
import type { ForceFieldSpec } from '../forceField.js';
import type { MDSystem } from '../mdSystem.js';
import { LammpsInputOptions, LammpsTask, writeLammpsFiles } from './lammpsInput.js';
import { lammpsErrorLine, LammpsThermoTable, parseLammpsThermo } from './lammpsLog.js';

export interface RunLammpsOptions extends LammpsInputOptions {
  /** LAMMPS executable (default 'lmp', or $SUPERIONIC_LMP). */
  lmp?: string;
  /** Launcher prefix, e.g. ['mpirun', '-np', '2'] (default none: serial). */
  launcher?: string[];
  /** Working directory (default a fresh temporary directory, removed afterwards unless keepFiles). */
  workDir?: string;
  keepFiles?: boolean;
  /** Kill LAMMPS after this many seconds (default 600). */
  timeout_s?: number;
  signal?: AbortSignal;
  /** Called with each line LAMMPS prints (progress). */
  onOutput?: (line: string) => void;
}

export interface LammpsRunResult {
  trajectory: Trajectory;
  thermo: LammpsThermoTable;
  /** Potential energy of the last frame, eV. */
  energy_eV: number;
  workDir: string;
  wallTime_s: number;
  /** LAMMPS's own loop timing line ("Loop time of ... on N procs for M steps ..."), if any. */
  loopTime_s: number | null;
  /** CPU seconds of the loop over all processes: loop time × "% CPU use" (per task, threads included) × MPI tasks (LAMMPS's log), if printed. */
  loopCpu_s: number | null;
  /** With `pairTable: 'combined'`: the DSF self energy left out of LAMMPS's pe (add it to compare energies), eV. */
  dsfSelfEnergy_eV?: number;
}

export async function runLammps(system: MDSystem, ff: ForceFieldSpec, task: LammpsTask, opts: RunLammpsOptions = {}): Promise<LammpsRunResult> {
  const files = writeLammpsFiles(system, ff, task, opts);
  const dir = opts.workDir ?? mkdtempSync(join(tmpdir(), 'superionic-lmp-'));
  writeFileSync(join(dir, 'data.lmp'), files.data);
  writeFileSync(join(dir, 'pair.table'), files.table);
  writeFileSync(join(dir, 'in.lmp'), files.input);
  const lmp = opts.lmp ?? process.env.SUPERIONIC_LMP ?? 'lmp';
  const argv = [...(opts.launcher ?? []), lmp, '-in', 'in.lmp', '-log', 'log.lammps', '-echo', 'none', '-nocite'];
  const t0 = Date.now();
  try {
    await executeLammps(dir, argv, opts, {
      notFound: `LAMMPS executable "${argv[0]}" not found; install LAMMPS (Debian: apt install lammps, which provides /usr/bin/lmp) or pass its path (lmp option / SUPERIONIC_LMP)`,
    });
    return {
      ...(await readLammpsRun(dir, system, files.typeSymbols, task)),
      wallTime_s: (Date.now() - t0) / 1000,
      dsfSelfEnergy_eV: files.dsfSelfEnergy_eV,
    };
  } finally {
    if (!opts.keepFiles && !opts.workDir) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Run a LAMMPS process (`argv`, in `dir`, writing log.lammps there) to its end. A missing executable (`notFound`),
 * LAMMPS's own ERROR line (from its output or log), a non-zero exit, an abort or the timeout → InputError.
 */
export async function executeLammps(
  dir: string,
  argv: string[],
  opts: Pick<RunLammpsOptions, 'timeout_s' | 'signal' | 'onOutput'>,
  messages: { notFound: string },
): Promise<void> {
  let output = '';
  await new Promise<void>((resolve, reject) => {
    // Open MPI refuses to run as root unless told; containers often run as root, so allow it there.
    const env = { ...process.env };
    if (process.getuid?.() === 0 && env.OMPI_ALLOW_RUN_AS_ROOT === undefined) {
      env.OMPI_ALLOW_RUN_AS_ROOT = '1';
      env.OMPI_ALLOW_RUN_AS_ROOT_CONFIRM = '1';
    }
    const child = spawn(argv[0], argv.slice(1), { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let partial = '';
    const onData = (b: Buffer) => {
      const s = b.toString();
      output += s;
      if (opts.onOutput) {
        partial += s;
        const lines = partial.split('\n');
        partial = lines.pop()!;
        for (const l of lines) opts.onOutput(l);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timeout = setTimeout(
      () => {
        child.kill('SIGKILL');
        reject(new InputError(`LAMMPS did not finish within ${opts.timeout_s ?? 600} s (killed); work directory ${dir}`));
      },
      1000 * (opts.timeout_s ?? 600),
    );
    const onAbort = () => {
      child.kill('SIGTERM');
    };
    opts.signal?.addEventListener('abort', onAbort);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timeout);
      if (e.code === 'ENOENT') reject(new InputError(messages.notFound));
      else reject(new InputError(`could not start LAMMPS (${argv.join(' ')}): ${e.message}`));
    });
    child.on('close', (code, sig) => {
      clearTimeout(timeout);
      opts.signal?.removeEventListener('abort', onAbort);
      const logText = existsSync(join(dir, 'log.lammps')) ? readFileSync(join(dir, 'log.lammps'), 'utf8') : '';
      const err = lammpsErrorLine(output) ?? lammpsErrorLine(logText);
      if (err) reject(new InputError(`LAMMPS failed: ${err} (input ${join(dir, 'in.lmp')})`));
      else if (opts.signal?.aborted) reject(new InputError('LAMMPS run aborted'));
      else if (code !== 0)
        reject(new InputError(`LAMMPS exited with ${code ?? sig}; last output: ${output.trim().split('\n').slice(-3).join(' | ')}`));
      else resolve();
    });
  });
}

/** Read a finished run in `dir`: log.lammps (thermo, loop time) and dump.lammpstrj (as written by lammpsTaskCommands). */
export async function readLammpsRun(
  dir: string,
  system: MDSystem,
  typeSymbols: string[],
  task: LammpsTask,
): Promise<Omit<LammpsRunResult, 'wallTime_s' | 'dsfSelfEnergy_eV'>> {
  const logText = readFileSync(join(dir, 'log.lammps'), 'utf8');
  const thermo = parseLammpsThermo(logText);
  const loop = /Loop time of ([0-9.eE+-]+) on/g;
  let loopTime_s: number | null = null;
  for (let m = loop.exec(logText); m; m = loop.exec(logText)) loopTime_s = Number(m[1]);
  const use = /([0-9.]+)% CPU use with (\d+) MPI tasks x (\d+) OpenMP threads/g;
  let loopCpu_s: number | null = null;
  for (let m = use.exec(logText); m; m = use.exec(logText)) loopCpu_s = loopTime_s === null ? null : loopTime_s * (Number(m[1]) / 100) * Number(m[2]); // % is per MPI task (threads included)
  const dtFs = task.kind === 'md' ? task.dt_fs : 1;
  // The reader converts LAMMPS metal velocities (Å/ps) to Å/fs; the dump box origin is 0 as written, so xu equals our unwrapped positions.
  const raw = await readTrajectory(join(dir, 'dump.lammpstrj'), {
    format: 'lammps-dump',
    typeMap: typeSymbols,
    mdTimestep_fs: dtFs,
    lammpsUnits: 'metal',
  });
  const trajectory = new Trajectory({
    topology: system.topology,
    nFrames: raw.nFrames,
    positions: raw.positions,
    cells: raw.cells,
    times_fs: raw.times_fs,
    velocities: raw.velocities,
    forces: raw.forces,
    energies: raw.energies,
    frameEnergies_eV: raw.energies
      ? Float64Array.from({ length: raw.nFrames }, (_, f) => {
          let s = 0;
          for (let i = 0; i < raw.nAtoms; i++) s += raw.energies![f * raw.nAtoms + i];
          return s;
        })
      : undefined,
    info: {
      source: join(dir, 'dump.lammpstrj'),
      format: 'lammps-dump',
      timestep_fs: task.kind === 'md' ? (task.every ?? 10) * task.dt_fs : undefined,
      unwrapped: true,
    },
  });
  const energy_eV = trajectory.frameEnergies_eV ? trajectory.frameEnergies_eV[trajectory.nFrames - 1] : NaN;
  return { trajectory, thermo, energy_eV, workDir: dir, loopTime_s, loopCpu_s };
}
