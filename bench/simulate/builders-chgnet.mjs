// Builders of the papers' materials relaxed with CHGNet (not a unit test: minutes). Needs .venv-ml and dist/
// (npx tsc -p tsconfig.build.json). Per material: FIRE at fixed cell (fmax FIX_FMAX eV/Å, ≤ FIX_STEPS), then atoms
// + cell (fmax CELL_FMAX, ≤ CELL_STEPS; env CELL_STEPS, default 300); relaxed a, b, c per conventional cell vs the builder's reference
// lattice (%), volume change, largest site displacement, anion geometry after relaxation (P–S, B–H, B–B within
// each anion; "intact" = every bond of the built anion within 0.25 Å of its built length), wall time.
// Usage: nice -n 10 node bench/simulate/builders-chgnet.mjs [material,...] [OUT.json]
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
const require = createRequire(import.meta.url);
const sim = require('../../dist/simulate/index.js');

const names = (process.argv[2] ?? 'li3ps4-gamma,libh4-ht,na2b12h12,li2b12h12').split(',');
const out = process.argv[3];
const FIX_FMAX = 0.05,
  FIX_STEPS = 150,
  CELL_FMAX = 0.03,
  CELL_STEPS = Number(process.env.CELL_STEPS ?? 300);
const chgnet = sim.openMLPotential('chgnet', { threads: Number(process.env.SUPERIONIC_ML_THREADS ?? 1) });
const results = {
  model: chgnet.description,
  fix: { fmax_eV_A: FIX_FMAX, max_steps: FIX_STEPS },
  cell: { fmax_eV_A: CELL_FMAX, max_steps: CELL_STEPS },
  materials: [],
};
const log = (...a) => console.error(...a);

function bondLengths(sys, built) {
  // Distances between atoms bonded in the built cell (within a molecule, closer than 2.2 Å there).
  const sym = Array.from(sys.topology.species, (k) => sys.topology.symbols[k]);
  const t = [0, 0, 0],
    per = {};
  let worst = 0;
  if (!sys.molecules) return { per, worst };
  for (let q = 0; q < sys.molecules.count; q++) {
    const at = Array.from(sys.molecules.atoms.subarray(sys.molecules.offsets[q], sys.molecules.offsets[q + 1]));
    for (let a = 0; a < at.length; a++)
      for (let b = a + 1; b < at.length; b++) {
        const i = at[a],
          j = at[b];
        const d = (s) =>
          Math.sqrt(
            s.cell.minimumImage(
              s.positions[3 * j] - s.positions[3 * i],
              s.positions[3 * j + 1] - s.positions[3 * i + 1],
              s.positions[3 * j + 2] - s.positions[3 * i + 2],
              t,
            ),
          );
        const d0 = d(built);
        if (d0 > 2.2 || (sym[i] === 'H' && sym[j] === 'H') || (sym[i] === 'S' && sym[j] === 'S')) continue;
        const d1 = d(sys),
          k = [sym[i], sym[j]].sort().join('-');
        (per[k] ??= []).push(d1);
        worst = Math.max(worst, Math.abs(d1 - d0));
      }
  }
  const summary = {};
  for (const [k, v] of Object.entries(per))
    summary[k] = { mean: +(v.reduce((s, x) => s + x, 0) / v.length).toFixed(3), min: +Math.min(...v).toFixed(3), max: +Math.max(...v).toFixed(3) };
  return { per: summary, worst };
}

try {
  for (const name of names) {
    const d = sim.materialDescription(name);
    const sc = d.defaultSupercell ?? [1, 1, 1];
    const sys = sim.buildMaterial(name);
    const n = sys.topology.species.length;
    const t0 = Date.now();
    const fix = sim.relaxFIRE(sys, chgnet, { fmax_eV_A: FIX_FMAX, maxSteps: FIX_STEPS });
    const t1 = Date.now();
    const cell = sim.relaxCell({ ...sys, positions: fix.positions }, chgnet, { fmax_eV_A: CELL_FMAX, maxSteps: CELL_STEPS });
    const t2 = Date.now();
    const L = cell.lattice;
    const per = [L[0] / sc[0], L[1] / sc[1], L[2] / sc[2]];
    const inv = cell.system.cell.inverse,
      m0 = sys.cell.matrix,
      inv0 = sys.cell.inverse;
    let maxd = 0;
    for (let i = 0; i < n; i++) {
      const x = cell.system.positions.subarray(3 * i, 3 * i + 3),
        x0 = sys.positions.subarray(3 * i, 3 * i + 3);
      const f = [0, 1, 2].map((k) => x[0] * inv[k] + x[1] * inv[3 + k] + x[2] * inv[6 + k]);
      const f0 = [0, 1, 2].map((k) => x0[0] * inv0[k] + x0[1] * inv0[3 + k] + x0[2] * inv0[6 + k]);
      const df = f.map((v, k) => v - f0[k] - Math.round(v - f0[k]));
      maxd = Math.max(maxd, Math.hypot(...[0, 1, 2].map((k) => df[0] * m0[k] + df[1] * m0[3 + k] + df[2] * m0[6 + k])));
    }
    const bonds = bondLengths(cell.system, sys);
    const row = {
      material: name,
      space_group: d.spaceGroup,
      atoms: n,
      supercell: sc,
      seed: 1,
      reference_lattice: d.lattice,
      lattice_source: d.latticeSource ?? 'experiment',
      reference: d.reference,
      fixed_cell: {
        converged: fix.converged,
        steps: fix.steps,
        max_force_eV_A: +fix.maxForce_eV_A.toFixed(4),
        energy_per_atom_eV: +(fix.energy_eV / n).toFixed(5),
        wall_s: (t1 - t0) / 1000,
      },
      cell_relax: {
        converged: cell.converged,
        steps: cell.steps,
        max_steps: CELL_STEPS,
        max_force_eV_A: +cell.maxForce_eV_A.toFixed(4),
        energy_per_atom_eV: +(cell.energy_eV / n).toFixed(5),
        wall_s: (t2 - t1) / 1000,
      },
      relaxed_lattice: [...per, ...L.slice(3)].map((v) => +v.toFixed(4)),
      deviation_pct: per.map((v, k) => +((100 * (v - d.lattice[k])) / d.lattice[k]).toFixed(2)),
      volume_change_pct: +((100 * (cell.volume_A3 - sys.cell.volume)) / sys.cell.volume).toFixed(2),
      max_site_displacement_A: +maxd.toFixed(3),
      anion_bonds_A: bonds.per,
      anion_max_bond_change_A: +bonds.worst.toFixed(3),
      anions_intact: bonds.worst < 0.25,
    };
    log(JSON.stringify(row));
    results.materials.push(row);
    if (out) writeFileSync(out, JSON.stringify(results, null, 1) + '\n');
  }
} finally {
  chgnet.close();
}
if (!out) console.log(JSON.stringify(results, null, 1));
