/**
 * `superionic neb` — migration barrier between two structures by climbing-image nudged elastic band
 * (Henkelman, Uberuaga & Jónsson, J. Chem. Phys. 113, 9901 (2000); src/simulate/nudgedElasticBand.ts) with an
 * ML potential, as Wang 2023 Fig. 3 does for Li hops in Li3YCl6. The end points are FIRE-relaxed first
 * (--relax-ends) or taken as given (their residual forces are reported). Output: energy profile along the
 * path, forward/reverse barrier, the images as an extxyz trajectory (per-atom energies) the browser can play.
 */
import { InputError } from '../../core/errors.js';
import { writeExtxyz } from '../../io/writeExtxyz.js';
import { checkOutputPath } from '../../io/fileAccess.js';
import { relaxFIRE } from '../../simulate/fireRelaxation.js';
import type { MDSystem } from '../../simulate/mdSystem.js';
import { ML_MODELS, MLPotential, openMLPotential } from '../../simulate/ml/mlPotential.js';
import { nudgedElasticBand, NEBResult } from '../../simulate/nudgedElasticBand.js';
import type { Args } from '../args.js';
import { defineCommand, jsonFields } from '../command.js';
import { bounds } from '../optionRanges.js';
import { formatNumber, printResult, progress, textTable } from '../output.js';
import { readStructure } from '../structureFiles.js';

export const spec = defineCommand({
  name: 'neb',
  summary: 'Migration barrier between two structures: climbing-image NEB with an ML potential',
  synopsis: `INITIAL FINAL --potential chgnet|chgnet-0.2.0|chgnet-r2scan|sevenn-0 [--images 5] [--spring 0.1]
       [--fmax 0.05] [--steps 300] [--climb yes|no] [--relax-ends [--end-fmax 0.02]] [--out images.extxyz] [--threads N] [--json]`,
  positionals: { max: 2, noun: 'structure file' },
  readsTrajectory: false,
  options: {
    potential: { kind: 'string', choices: ML_MODELS },
    images: { kind: 'number', range: bounds(1, 64, 'images', { integer: true }) },
    spring: { kind: 'number', range: bounds(0, 100, 'eV/Å²', { openLo: true }) },
    fmax: { kind: 'number', range: bounds(0, 100, 'eV/Å', { openLo: true }) },
    steps: { kind: 'number', range: bounds(0, 1e6, 'steps', { integer: true }) },
    climb: { kind: 'string', choices: ['yes', 'no'] },
    'relax-ends': { kind: 'flag' },
    'end-fmax': { kind: 'number', range: bounds(0, 100, 'eV/Å', { openLo: true }) },
    out: { kind: 'string', expected: 'an extended XYZ file path (.extxyz or .xyz)' },
    threads: { kind: 'number', range: bounds(1, 256, 'threads', { integer: true }) },
  },
  notes: `  INITIAL and FINAL: the same atoms in the same order and the same cell (POSCAR, extxyz, …; first frame), e.g.
  from superionic build with one ion moved. --images intermediate images, linear start (minimum image per
  atom); spring --spring eV/Å²; converged when every image's NEB force is below --fmax eV/Å (the climbing
  image, on after 20 steps, included). --relax-ends FIRE-relaxes both end points at fixed cell first
  (recommended: a barrier from unrelaxed ends is not a barrier). --out: images as frames (per-atom energies).
  --threads: torch threads in the worker (default torch's choice; 1 is far faster on a loaded machine).
  Needs the ML environment (npm run setup:ml). Units: Å, eV.
  JSON: {potential, atoms, images, converged, steps, max_force_eV_A, barrier_eV, reverse_barrier_eV, reaction_energy_eV,
         saddle_image, energies_eV, path_length_A, ends_relaxed, end_max_force_eV_A, out}`,
  output: jsonFields({
    potential: { type: 'string', description: 'the ML model and its version' },
    atoms: 'number',
    images: { type: 'number', description: 'intermediate images (the ends excluded)' },
    converged: 'boolean',
    steps: 'number',
    max_force_eV_A: { type: 'number', description: 'max |F_NEB| at the last step (eV/Å)' },
    barrier_eV: { type: 'number', description: 'E_saddle − E_initial (eV)' },
    reverse_barrier_eV: { type: 'number', description: 'E_saddle − E_final (eV)' },
    reaction_energy_eV: { type: 'number', description: 'E_final − E_initial (eV)' },
    saddle_image: 'number',
    energies_eV: { type: 'array', items: { type: 'number' }, description: 'energy of each image relative to the initial one (eV), ends included' },
    path_length_A: { type: 'array', items: { type: 'number' }, description: 'cumulative path length at each image (Å)' },
    ends_relaxed: 'boolean',
    end_max_force_eV_A: { type: 'array', items: { type: 'number' }, description: 'max |F| on the initial and final structures (eV/Å)' },
    wall_s: 'number',
    out: 'string?',
  }),
});
export const { summary, usage } = spec;

function sameCell(a: MDSystem, b: MDSystem): boolean {
  for (let k = 0; k < 9; k++) if (Math.abs(a.cell.matrix[k] - b.cell.matrix[k]) > 1e-6 * Math.max(1, Math.abs(a.cell.matrix[k]))) return false;
  return true;
}

export async function run(args: Args): Promise<void> {
  const json = args.flag('json');
  const potentialName = args.string('potential');
  const images = args.number('images', 5)!;
  const spring = args.number('spring', 0.1)!;
  const fmax = args.number('fmax', 0.05)!;
  const steps = args.number('steps', 300)!;
  const climbArg = args.string('climb') ?? 'yes';
  const relaxEnds = args.flag('relax-ends');
  const endFmax = args.number('end-fmax');
  const threads = args.number('threads');
  const out = args.string('out');
  args.rejectUnknownOptions('neb');
  // Each value is checked against its declaration by main; what follows spans several options or files.
  const [fa, fb] = args.positionals;
  if (fa === undefined || fb === undefined) throw new InputError('neb needs two structure files: INITIAL FINAL');
  if (potentialName === undefined) throw new InputError(`missing --potential: expected ${ML_MODELS.join(', ')}`);
  if (endFmax !== undefined && !relaxEnds) throw new InputError('--end-fmax needs --relax-ends');
  if (out !== undefined) {
    if (!/\.(extxyz|xyz)(\.gz)?$/i.test(out))
      throw new InputError(`--out writes the images as extended XYZ; give a name ending in .extxyz or .xyz, got ${out}`);
    checkOutputPath(out, 'an extended XYZ file path');
  }
  let initial = await readStructure(fa),
    final = await readStructure(fb);
  const n = initial.topology.species.length;
  if (final.topology.species.length !== n)
    throw new InputError(`INITIAL has ${n} atoms and FINAL ${final.topology.species.length}; NEB needs the same atoms in the same order`, {
      file: fb,
    });
  for (let i = 0; i < n; i++) {
    const sa = initial.topology.symbols[initial.topology.species[i]],
      sb = final.topology.symbols[final.topology.species[i]];
    if (sa !== sb)
      throw new InputError(`atom ${i + 1} is ${sa} in INITIAL and ${sb} in FINAL; NEB needs the same atoms in the same order`, { file: fb });
  }
  if (!sameCell(initial, final)) throw new InputError('INITIAL and FINAL have different cells; NEB runs at a fixed cell', { file: fb });
  final = { ...initial, positions: final.positions };

  if (!json) progress(`neb: starting the ${potentialName} worker`);
  let mlp: MLPotential | undefined, r: NEBResult, endForce: number[];
  let stop = false;
  const onSigint = () => {
    progress('neb: stopping after this step (Ctrl-C)');
    stop = true;
  };
  process.once('SIGINT', onSigint);
  const t0 = Date.now();
  try {
    mlp = openMLPotential(potentialName, { threads });
    if (relaxEnds) {
      const ef = endFmax ?? 0.02;
      const ends: MDSystem[] = [];
      for (const [label, s] of [
        ['INITIAL', initial],
        ['FINAL', final],
      ] as const) {
        if (!json) progress(`neb: relaxing ${label} (FIRE, max |F| < ${ef} eV/Å)`);
        const e = relaxFIRE(s, mlp, { fmax_eV_A: ef, maxSteps: 2000, shouldStop: () => stop });
        if (!e.converged && !stop)
          throw new InputError(`${label} did not relax to ${ef} eV/Å in ${e.steps} steps (max |F| ${e.maxForce_eV_A.toFixed(3)} eV/Å)`, {
            file: label === 'INITIAL' ? fa : fb,
          });
        ends.push({ ...s, positions: e.positions });
      }
      [initial, final] = ends;
    }
    endForce = mlp.evaluateBatch([initial, final]).map((e) => {
      let m = 0;
      for (let i = 0; i < n; i++) m = Math.max(m, Math.hypot(e.forces[3 * i], e.forces[3 * i + 1], e.forces[3 * i + 2]));
      return m;
    });
    if (!json) progress(`neb: ${n} atoms, ${images} images, ${mlp.description}`);
    r = nudgedElasticBand(initial, final, mlp, {
      images,
      springConstant_eV_A2: spring,
      fmax_eV_A: fmax,
      maxSteps: steps,
      climb: climbArg === 'yes',
      shouldStop: () => stop,
      onStep: (s, fm, E) => {
        if (!json && (s % 5 === 0 || s === 1))
          progress(`neb: step ${s}/${steps}  max |F_NEB| = ${formatNumber(fm)} eV/Å  barrier so far ${formatNumber(Math.max(...E) - E[0])} eV`);
      },
    });
    if (out !== undefined) await writeExtxyz(out, r.images);
  } finally {
    process.removeListener('SIGINT', onSigint);
    mlp?.close();
  }
  if (!r.converged)
    progress(
      `neb: CAUTION: not converged: max |F_NEB| = ${formatNumber(r.maxForce_eV_A)} eV/Å after ${r.steps} steps (--fmax ${fmax}); the barrier is a lower bound at best`,
    );
  const unrelaxedEnds = !relaxEnds && Math.max(...endForce) > 0.1;
  if (unrelaxedEnds) progress(`neb: CAUTION: the end points are not minima (max |F| ${formatNumber(Math.max(...endForce))} eV/Å); use --relax-ends`);
  const M = r.energies_eV.length;
  const result = {
    potential: mlp!.description,
    atoms: n,
    images,
    converged: r.converged,
    steps: r.steps,
    max_force_eV_A: r.maxForce_eV_A,
    barrier_eV: r.barrier_eV,
    reverse_barrier_eV: r.reverseBarrier_eV,
    reaction_energy_eV: r.energies_eV[M - 1],
    saddle_image: r.saddleImage,
    energies_eV: Array.from(r.energies_eV),
    path_length_A: Array.from(r.pathLength_A),
    ends_relaxed: relaxEnds,
    end_max_force_eV_A: endForce,
    wall_s: (Date.now() - t0) / 1000,
    out: out ?? null,
  };
  printResult(
    result,
    json,
    () =>
      `CI-NEB with ${result.potential}: ${r.converged ? 'converged' : 'NOT converged'} in ${r.steps} steps (max |F_NEB| ${formatNumber(r.maxForce_eV_A)} eV/Å)\n` +
      `barrier ${formatNumber(r.barrier_eV)} eV forward, ${formatNumber(r.reverseBarrier_eV)} eV reverse; saddle at image ${r.saddleImage}; end points ${relaxEnds ? 'relaxed' : 'as given'} (max |F| ${endForce.map((f) => formatNumber(f)).join(', ')} eV/Å)\n` +
      textTable(
        ['image', 'path_A', 'E_eV'],
        Array.from(r.energies_eV, (e, k) => [k, r.pathLength_A[k], e]),
      ) +
      (out ? `images written to ${out}\n` : ''),
  );
}
