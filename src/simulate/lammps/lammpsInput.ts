/**
 * Write a LAMMPS data file, pair tables and input script from the same MDSystem + ForceFieldSpec the built-in
 * engine uses (METHODS §6, external engine).
 *
 * - `units metal` (Å, eV, ps, velocities Å/ps), `atom_style full` (molecule id, charge, bonds, angles).
 * - Short-range terms as `pair_style table linear N` with RSQ-spaced tables (N points from r_in to r_c, energies
 *   shifted to zero at r_c exactly as the built-in engine; forces −dV/dr). With the same N and RSQ spacing in
 *   the file and the style, LAMMPS uses the tabulated values directly (no re-spline).
 * - Coulomb: `coul/dsf α rc` (identical formula to the built-in DSF, incl. LAMMPS's erfc approximation), or
 *   `coul/long rc` + `kspace_style ewald|pppm δ`.
 * - `pairTable: 'combined'` (DSF, no bonds): short range and DSF Coulomb k q_i q_j [erfc(αr)/r − e_s − f_s r]
 *   folded into one table per type pair up to max(r_c, r_c,Coulomb), so LAMMPS walks its neighbour list once
 *   (what a user tuning LAMMPS does). The table omits the constant DSF self energy −(e_s/2 + α/√π) k q_i²
 *   (reported as `dsfSelfEnergy_eV`): forces and the trajectory are unchanged, the potential energy is shifted.
 * - `atomSort`: LAMMPS's default spatial sorting of atoms (faster; summation order differs, so trajectories
 *   agree to round-off growth rather than bit for bit). Off by default.
 * - Intramolecular pairs: `special_bonds lj 0 0 0 coul 1 1 1` (short-range excluded, Coulomb kept), as built-in.
 * - Bonds `bond_style harmonic` (E = K (r − r0)²), angles `angle_style harmonic` (E = K (θ − θ0)²).
 * - Per-atom energies from `compute pe/atom`; dump `id type xu yu zu vx vy vz c_pe` sorted by id.
 */
import { InputError } from '../../core/errors.js';
import { COULOMB_EV_A } from '../../core/units.js';
import { erfcTimesExpFast } from '../erfc.js';
import { dsfConstants } from '../pairForces.js';
import type { ForceFieldSpec } from '../forceField.js';
import { shortRangeEnergy, shortRangeForce } from '../forceField.js';
import { resolveBondedTerms } from '../bondedForces.js';
import { moleculeIndexOfAtoms, MDSystem } from '../mdSystem.js';
import type { AnionConstraintMode } from '../anionConstraints.js';

export type LammpsTask =
  | { kind: 'energy' }
  | {
      kind: 'md';
      steps: number;
      dt_fs: number;
      temperature_K: number;
      seed: number;
      thermostat?: 'nose-hoover' | 'langevin' | 'none';
      tau_fs?: number;
      every?: number;
      thermoEvery?: number;
      /** 'create' (default): LAMMPS draws Maxwell–Boltzmann velocities (`velocity create`, seeded); 'keep': start from system.velocities (written to the data file). */
      initialVelocities?: 'create' | 'keep';
    }
  | { kind: 'minimize'; fmax_eV_A?: number; maxSteps?: number };

export interface LammpsInputOptions {
  /** Coulomb long-range: 'dsf' (default: as the force field), 'ewald' or 'pppm' (kspace accuracy `kspaceAccuracy`). */
  kspace?: 'dsf' | 'ewald' | 'pppm';
  kspaceAccuracy?: number;
  /** Table points (default 20000) and inner radius (Å, default 0.8). */
  tablePoints?: number;
  tableInner_A?: number;
  /** Neighbour skin, Å (default 1.0). */
  skin_A?: number;
  constraint?: { mode: AnionConstraintMode };
  /** 'overlay' (default): `hybrid/overlay table + coul/dsf|long`; 'combined': one table with DSF Coulomb folded in. */
  pairTable?: 'overlay' | 'combined';
  /** Let LAMMPS sort atoms spatially (its default; here off unless true). */
  atomSort?: boolean;
}

export interface LammpsFiles {
  data: string;
  table: string;
  input: string;
  /** Species symbol of each LAMMPS atom type (1-based type = index + 1). */
  typeSymbols: string[];
  /** With `pairTable: 'combined'`: the DSF self energy Σ_i −(e_s/2 + α/√π) k q_i² left out of LAMMPS's pe, eV. */
  dsfSelfEnergy_eV?: number;
}

const num = (x: number) => (Number.isInteger(x) ? x.toFixed(1) : x.toPrecision(15));

/** LAMMPS box from a cell whose lattice vectors are in LAMMPS form (a ∥ x, b in xy plane). */
export function lammpsBox(m: Float64Array): string {
  const tol = 1e-10 * Math.max(Math.abs(m[0]), Math.abs(m[4]), Math.abs(m[8]));
  if (Math.abs(m[1]) > tol || Math.abs(m[2]) > tol || Math.abs(m[5]) > tol) {
    throw new InputError('LAMMPS needs a cell with a along x and b in the xy plane (a_y = a_z = b_z = 0); rotate the structure first');
  }
  const lines = [`0.0 ${num(m[0])} xlo xhi`, `0.0 ${num(m[4])} ylo yhi`, `0.0 ${num(m[8])} zlo zhi`];
  if (Math.abs(m[3]) > tol || Math.abs(m[6]) > tol || Math.abs(m[7]) > tol) lines.push(`${num(m[3])} ${num(m[6])} ${num(m[7])} xy xz yz`);
  return lines.join('\n');
}

export function writeLammpsFiles(system: MDSystem, ff: ForceFieldSpec, task: LammpsTask, opts: LammpsInputOptions = {}): LammpsFiles {
  const top = system.topology,
    cell = system.cell,
    n = top.species.length;
  const types = top.symbols;
  for (const s of types)
    if (!(s in ff.charges) && !ff.pairs.some((p) => p.a === s || p.b === s)) {
      throw new InputError(`species "${s}" has no parameters in force field "${ff.name}"`);
    }
  const bonded = resolveBondedTerms(ff, top, system.bonds, system.angles);
  const bondTypes = ff.bondTypes ?? [],
    angleTypes = ff.angleTypes ?? [];
  const nb = bonded.bonds.length / 2,
    na = bonded.angles.length / 3;

  const atoms = lammpsAtomLines(system, (i) => ff.charges[types[top.species[i]]] ?? 0);
  const sym = (i: number) => types[top.species[i]];
  const bondTypeOf = (i: number, j: number) =>
    1 + bondTypes.findIndex((t) => (t.a === sym(i) && t.b === sym(j)) || (t.a === sym(j) && t.b === sym(i)));
  const angleTypeOf = (a: number, c: number, b: number) =>
    1 + angleTypes.findIndex((t) => t.centre === sym(c) && ((t.a === sym(a) && t.b === sym(b)) || (t.a === sym(b) && t.b === sym(a))));
  const data = [
    `LAMMPS data file written by superionic (${ff.name})`,
    '',
    `${n} atoms`,
    `${types.length} atom types`,
    ...(nb ? [`${nb} bonds`, `${bondTypes.length} bond types`] : []),
    ...(na ? [`${na} angles`, `${angleTypes.length} angle types`] : []),
    '',
    lammpsBox(cell.matrix),
    '',
    ...lammpsMassLines(system),
    '',
    'Atoms # full',
    '',
    ...atoms,
    ...lammpsVelocityLines(system, task),
    ...(nb
      ? [
          '',
          'Bonds',
          '',
          ...Array.from(
            { length: nb },
            (_, b) =>
              `${b + 1} ${bondTypeOf(bonded.bonds[2 * b], bonded.bonds[2 * b + 1])} ${bonded.bonds[2 * b] + 1} ${bonded.bonds[2 * b + 1] + 1}`,
          ),
        ]
      : []),
    ...(na
      ? [
          '',
          'Angles',
          '',
          ...Array.from(
            { length: na },
            (_, a) =>
              `${a + 1} ${angleTypeOf(bonded.angles[3 * a], bonded.angles[3 * a + 1], bonded.angles[3 * a + 2])} ${bonded.angles[3 * a] + 1} ${bonded.angles[3 * a + 1] + 1} ${bonded.angles[3 * a + 2] + 1}`,
          ),
        ]
      : []),
    '',
  ].join('\n');

  // Pair tables (RSQ spacing).
  const N = opts.tablePoints ?? 20000,
    rin = opts.tableInner_A ?? 0.8,
    rc = ff.cutoff_A;
  const hasQ = types.some((s) => (ff.charges[s] ?? 0) !== 0) && ff.coulomb.method !== 'none';
  const kspace = opts.kspace ?? (ff.coulomb.method === 'ewald' ? 'ewald' : 'dsf');
  const rcC = ff.coulomb.cutoff_A;
  const combined = opts.pairTable === 'combined' && hasQ;
  if (combined && (kspace !== 'dsf' || nb > 0 || na > 0)) {
    throw new InputError(
      "pairTable 'combined' folds DSF Coulomb into the pair table: it needs DSF Coulomb and no bonds or angles (intramolecular exclusions differ per term)",
    );
  }
  const alpha = ff.coulomb.alpha_per_A ?? 0.2;
  const dsf = combined ? dsfConstants(alpha, rcC) : { eShift: 0, fShift: 0 };
  const rcT = combined ? Math.max(rc, rcC) : rc;
  const tableLines: string[] = [
    `# superionic pair tables: V = H r^-eta + A exp(-r/rho) - P r^-4 - W r^-6, shifted to 0 at rc${combined ? ' (r < rc), + DSF Coulomb (r < rc_coul)' : ''}`,
    '',
  ];
  const pairCoeffs: string[] = [];
  for (let a = 0; a < types.length; a++)
    for (let b = a; b < types.length; b++) {
      const t = ff.pairs.find((p) => (p.a === types[a] && p.b === types[b]) || (p.a === types[b] && p.b === types[a]));
      const qq = combined ? COULOMB_EV_A * (ff.charges[types[a]] ?? 0) * (ff.charges[types[b]] ?? 0) : 0;
      if (!t && qq === 0) {
        pairCoeffs.push(`pair_coeff ${a + 1} ${b + 1} none`);
        continue;
      }
      const key = `${types[a]}_${types[b]}`.toUpperCase();
      const shift = t ? shortRangeEnergy(t, rc) : 0;
      tableLines.push(key, `N ${N} RSQ ${num(rin)} ${num(rcT)}`, '');
      for (let k = 0; k < N; k++) {
        const r = Math.sqrt(rin * rin + ((rcT * rcT - rin * rin) * k) / (N - 1));
        let e = 0,
          f = 0;
        if (t && r < rc) {
          e += shortRangeEnergy(t, r) - shift;
          f += shortRangeForce(t, r);
        }
        if (qq !== 0 && r < rcC) {
          const ex = Math.exp(-alpha * alpha * r * r),
            erfcc = erfcTimesExpFast(alpha * r, ex);
          e += qq * (erfcc / r - dsf.eShift - dsf.fShift * r);
          f += qq * (erfcc / (r * r) + (((2 * alpha) / Math.sqrt(Math.PI)) * ex) / r + dsf.fShift);
        }
        tableLines.push(`${k + 1} ${r.toPrecision(17)} ${e.toPrecision(17)} ${f.toPrecision(17)}`);
      }
      tableLines.push('');
      pairCoeffs.push(`pair_coeff ${a + 1} ${b + 1} table pair.table ${key} ${num(rcT)}`);
    }

  // Coulomb.
  let pairStyle = `pair_style table linear ${N}`;
  const coulLines: string[] = [];
  if (hasQ && !combined) {
    if (kspace === 'dsf') {
      pairStyle = `pair_style hybrid/overlay table linear ${N} coul/dsf ${num(alpha)} ${num(rcC)}`;
      coulLines.push('pair_coeff * * coul/dsf');
    } else {
      pairStyle = `pair_style hybrid/overlay table linear ${N} coul/long ${num(rcC)}`;
      coulLines.push('pair_coeff * * coul/long', `kspace_style ${kspace} ${opts.kspaceAccuracy ?? 1e-6}`);
    }
  }
  const hybrid = pairStyle.includes('hybrid');
  const input: string[] = [
    `# superionic -> LAMMPS: ${ff.name}`,
    'units metal',
    'atom_style full',
    'boundary p p p',
    opts.atomSort ? 'atom_modify map array' : 'atom_modify map array sort 0 0.0',
    'read_data data.lmp',
    pairStyle,
    ...pairCoeffs.map((l) => (hybrid ? l : l.replace(' table ', ' '))),
    ...coulLines,
    'special_bonds lj 0.0 0.0 0.0 coul 1.0 1.0 1.0',
  ];
  if (nb) {
    input.push('bond_style harmonic');
    bondTypes.forEach((t, k) => input.push(`bond_coeff ${k + 1} ${num(t.K_eV_A2)} ${num(t.r0_A)}`));
  }
  if (na) {
    input.push('angle_style harmonic');
    angleTypes.forEach((t, k) => input.push(`angle_coeff ${k + 1} ${num(t.K_eV_rad2)} ${num(t.theta0_deg)}`));
  }
  input.push(`neighbor ${num(opts.skin_A ?? 1.0)} bin`, 'neigh_modify every 1 delay 0 check yes', 'compute peatom all pe/atom');
  if (opts.constraint && opts.constraint.mode !== 'UC') {
    if (opts.constraint.mode !== 'RTVC')
      throw new InputError(`the LAMMPS driver supports constraint RTVC (frozen anions) only; ${opts.constraint.mode} runs with the built-in engine`);
    input.push('group anions molecule > 0', 'group mobile subtract all anions');
  }
  input.push(...lammpsTaskCommands(task, opts.constraint?.mode === 'RTVC' ? 'mobile' : 'all'));
  let dsfSelfEnergy_eV: number | undefined;
  if (combined) {
    dsfSelfEnergy_eV = 0;
    for (let i = 0; i < n; i++) {
      const q = ff.charges[types[top.species[i]]] ?? 0;
      dsfSelfEnergy_eV -= (dsf.eShift / 2 + alpha / Math.sqrt(Math.PI)) * q * q * COULOMB_EV_A;
    }
  }
  return { data, table: tableLines.join('\n'), input: input.join('\n') + '\n', typeSymbols: types.slice(), dsfSelfEnergy_eV };
}

/**
 * `Atoms # full` lines of a LAMMPS data file: id, molecule (0 for free atoms), type, charge (e), wrapped position
 * (Å) and image flags, so that LAMMPS's unwrapped xu equals the system's (unwrapped) positions.
 */
export function lammpsAtomLines(system: MDSystem, chargeOf: (atom: number) => number): string[] {
  const top = system.topology,
    n = top.species.length,
    inv = system.cell.inverse,
    m = system.cell.matrix,
    mol = moleculeIndexOfAtoms(system);
  const atoms: string[] = [];
  for (let i = 0; i < n; i++) {
    const x = system.positions[3 * i],
      y = system.positions[3 * i + 1],
      z = system.positions[3 * i + 2];
    const f = [x * inv[0] + y * inv[3] + z * inv[6], x * inv[1] + y * inv[4] + z * inv[7], x * inv[2] + y * inv[5] + z * inv[8]];
    const img = f.map(Math.floor);
    const w = f.map((v, k) => v - img[k]);
    const wx = w[0] * m[0] + w[1] * m[3] + w[2] * m[6],
      wy = w[0] * m[1] + w[1] * m[4] + w[2] * m[7],
      wz = w[0] * m[2] + w[1] * m[5] + w[2] * m[8];
    atoms.push(
      `${i + 1} ${mol[i] + 1} ${top.species[i] + 1} ${num(chargeOf(i))} ${wx.toPrecision(17)} ${wy.toPrecision(17)} ${wz.toPrecision(17)} ${img[0]} ${img[1]} ${img[2]}`,
    );
  }
  return atoms;
}

/** `Masses` section (type = species index + 1, amu). */
export function lammpsMassLines(system: MDSystem): string[] {
  const top = system.topology;
  return ['Masses', '', ...top.symbols.map((s, k) => `${k + 1} ${num(top.masses[top.species.indexOf(k)])} # ${s}`)];
}

/** `Velocities` section (Å/ps, LAMMPS metal) of system.velocities (Å/fs) for an MD task that keeps them; else nothing. */
export function lammpsVelocityLines(system: MDSystem, task: LammpsTask): string[] {
  if (task.kind !== 'md' || task.initialVelocities !== 'keep') return [];
  const v = system.velocities;
  if (!v) throw new InputError('initialVelocities "keep" but the system has no velocities');
  const lines = ['', 'Velocities', ''];
  for (let i = 0; i < v.length / 3; i++)
    lines.push(`${i + 1} ${(1000 * v[3 * i]).toPrecision(17)} ${(1000 * v[3 * i + 1]).toPrecision(17)} ${(1000 * v[3 * i + 2]).toPrecision(17)}`);
  return lines;
}

/**
 * The task's commands (after the force field and the `anions`/`mobile` groups): a single-point evaluation, a FIRE
 * minimisation or MD (Nosé–Hoover chain, Langevin or NVE on `group`), with thermo and a dump
 * `id type xu yu zu vx vy vz fx fy fz c_peatom` sorted by id (needs `compute peatom all pe/atom`).
 */
export function lammpsTaskCommands(task: LammpsTask, group: 'all' | 'mobile'): string[] {
  const input: string[] = [];
  const dumpCols = 'id type xu yu zu vx vy vz fx fy fz c_peatom';
  if (task.kind === 'energy') {
    input.push(
      'thermo_style custom step pe ke etotal press',
      'thermo 1',
      `dump d all custom 1 dump.lammpstrj ${dumpCols}`,
      'dump_modify d sort id format float %.12g',
      'run 0',
    );
  } else if (task.kind === 'minimize') {
    input.push(
      'thermo_style custom step pe fnorm fmax press',
      'thermo 100',
      'min_style fire',
      ...(group === 'mobile' ? ['fix freeze anions setforce 0.0 0.0 0.0'] : []),
      `minimize 0.0 ${task.fmax_eV_A ?? 1e-3} ${task.maxSteps ?? 5000} ${10 * (task.maxSteps ?? 5000)}`,
      `dump d all custom 1 dump.lammpstrj ${dumpCols}`,
      'dump_modify d sort id format float %.12g',
      'run 0',
    );
  } else {
    const dt_ps = task.dt_fs / 1000,
      tau_ps = (task.tau_fs ?? 100) / 1000,
      T = task.temperature_K;
    const every = task.every ?? 10,
      thermoEvery = task.thermoEvery ?? every;
    input.push(
      `timestep ${dt_ps}`,
      ...(task.initialVelocities === 'keep'
        ? []
        : [`velocity ${group} create ${T} ${(Math.max(1, Math.floor(task.seed)) % 900000000) + 1} mom yes rot no dist gaussian`]),
    );
    const th = task.thermostat ?? 'nose-hoover';
    if (th === 'nose-hoover') input.push(`fix integrate ${group} nvt temp ${T} ${T} ${tau_ps} tchain 3`);
    else if (th === 'langevin')
      input.push(
        `fix integrate ${group} nve`,
        `fix thermostat ${group} langevin ${T} ${T} ${tau_ps} ${(Math.floor(task.seed) % 900000000) + 7919} zero yes tally yes`,
      );
    else input.push(`fix integrate ${group} nve`);
    // thermo_modify must follow thermo_style (thermo_style resets it): Temp over the mobile atoms only.
    input.push('thermo_style custom step time temp pe ke econserve press', `thermo ${thermoEvery}`);
    if (group === 'mobile') input.push('compute tmobile mobile temp', 'thermo_modify temp tmobile');
    input.push(`dump d all custom ${every} dump.lammpstrj ${dumpCols}`, 'dump_modify d sort id format float %.12g', `run ${task.steps}`);
  }
  return input;
}
