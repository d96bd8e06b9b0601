/**
 * `superionic build` — a crystal of the papers' materials from its published crystallographic data
 * (src/simulate/paperMaterials.ts: space group, lattice, Wyckoff sites, cited there), replicated into a
 * supercell, written as POSCAR or extended XYZ. `--list` lists the materials with their references.
 */
import { InputError } from '../../core/errors.js';
import { checkOutputPath } from '../../io/fileAccess.js';
import { latticeParameters } from '../../simulate/cellRelaxation.js';
import { buildMaterial, materialDescription, PAPER_MATERIALS } from '../../simulate/paperMaterials.js';
import { rigidUnit } from '../../simulate/rigidAnions.js';
import type { Args } from '../args.js';
import { defineCommand, jsonFields } from '../command.js';
import { bounds } from '../optionRanges.js';
import { formatNumber, printResult, progress, textTable } from '../output.js';
import { parseSupercell, structureFormat, writeStructure } from '../structureFiles.js';

export const spec = defineCommand({
  name: 'build',
  summary: "Build one of the papers' materials (published crystal data) as a supercell; write POSCAR or extxyz",
  synopsis: `(MATERIAL | --system MATERIAL) --out FILE [--supercell N | A,B,C] [--seed 1] [--format poscar|extxyz] [--json]
       superionic build --list [--json]`,
  positionals: { max: 1, noun: 'material name' },
  readsTrajectory: false,
  options: {
    out: { kind: 'string', expected: 'the output file (POSCAR, *.vasp, *.extxyz)' },
    system: { kind: 'string', expected: `a material: ${Object.keys(PAPER_MATERIALS).join(', ')}` },
    supercell: { kind: 'string', expected: 'N or A,B,C (repeats)' },
    seed: { kind: 'number', range: bounds(0, 2 ** 32 - 1, '', { integer: true }) },
    format: { kind: 'string', choices: ['poscar', 'extxyz'] },
    list: { kind: 'flag' },
  },
  notes: `  MATERIAL: ${Object.keys(PAPER_MATERIALS).join(', ')}.
  Crystal data (space group, lattice, Wyckoff sites) are cited in src/simulate/paperMaterials.ts and listed by
  --list. --seed seeds a material's random choices: the Br substitution of li3ybr1.5cl4.5, the anion
  orientations of libh4-ht, li2b12h12, na2b12h12, na2b10h10, na3obh4 and the occupied Na sites of na2b12h12
  (na2b12h12, na2b10h10, na3obh4 are built on published simulation cells: lattice_source 'simulation'). The format follows
  the file name (POSCAR, CONTCAR, *.vasp → POSCAR; *.extxyz, *.xyz → extended XYZ) unless --format is given.
  Units: Å, degrees.
  JSON: {material, space_group, reference, supercell, atoms, composition, lattice_A_deg, volume_A3, molecules, seed, lattice_source, out, format}
        (--list: {materials: [{name, space_group, atoms_per_cell, lattice_A_deg, reference}]})`,
  output: {
    type: 'object',
    description: 'the structure written, or with --list the materials',
    anyOf: [
      jsonFields({
        material: 'string',
        space_group: 'string',
        reference: { type: 'string', description: 'the publication of the crystal data' },
        supercell: { type: 'array', items: { type: 'number' }, description: 'repeats along a, b, c' },
        atoms: 'number',
        composition: { type: 'object', description: 'element → number of atoms', additionalProperties: { type: 'number' } },
        lattice_A_deg: { type: 'array', items: { type: 'number' }, description: 'a, b, c (Å), α, β, γ (°) of the supercell' },
        volume_A3: 'number',
        molecules: { type: 'number', description: 'polyatomic anions (rigid units); 0 for none' },
        seed: { type: ['number', 'null'], description: 'seed of the random choices; null for an ordered material' },
        lattice_source: { type: 'string', description: '"experiment" or "simulation" (a published simulation cell)' },
        out: 'string',
        format: { type: 'string', description: '"poscar" or "extxyz"' },
      }),
      jsonFields({
        materials: {
          type: 'array',
          items: jsonFields({
            name: 'string',
            space_group: 'string',
            atoms_per_cell: 'number',
            lattice_A_deg: { type: 'array', items: { type: 'number' }, description: 'a, b, c (Å), α, β, γ (°) of the cell' },
            reference: 'string',
            default_supercell: 'number[]',
          }),
        },
      }),
    ],
  },
});
export const { summary, usage } = spec;

function composition(symbols: string[]): Record<string, number> {
  const c: Record<string, number> = {};
  for (const s of symbols) c[s] = (c[s] ?? 0) + 1;
  return c;
}

export async function run(args: Args): Promise<void> {
  const json = args.flag('json');
  const list = args.flag('list');
  const out = args.string('out');
  const supercell = parseSupercell(args.string('supercell'));
  const seed = args.number('seed');
  const format = args.string('format');
  const system = args.string('system');
  args.rejectUnknownOptions('build');
  if (list) {
    if (args.positionals.length || out !== undefined) throw new InputError('--list takes no material and no --out');
    const materials = Object.keys(PAPER_MATERIALS).map((name) => {
      const d = materialDescription(name);
      return {
        name,
        space_group: d.spaceGroup,
        atoms_per_cell:
          d.sites.length +
          (d.partialSites?.countPerCell ?? 0) +
          (d.rigidAnions ? d.rigidAnions.centres.length * rigidUnit(d.rigidAnions.unit).species.length : 0),
        lattice_A_deg: d.lattice,
        reference: d.reference,
        default_supercell: d.defaultSupercell ?? [1, 1, 1],
      };
    });
    printResult({ materials }, json, () =>
      textTable(
        ['material', 'space group', 'atoms/cell', 'a, b, c (Å)', 'reference'],
        materials.map((m) => [m.name, m.space_group, m.atoms_per_cell, m.lattice_A_deg.slice(0, 3).join(', '), m.reference]),
      ),
    );
    return;
  }
  if (system !== undefined && args.positionals.length) throw new InputError('give the material once: MATERIAL or --system MATERIAL');
  const name = system ?? args.positionals[0];
  if (!name) throw new InputError(`missing MATERIAL: expected one of ${Object.keys(PAPER_MATERIALS).join(', ')} (or --list)`);
  const d = materialDescription(name);
  if (out === undefined) throw new InputError('missing --out: expected the output file (e.g. --out POSCAR or --out li3ycl6.extxyz)');
  const random = Boolean(d.substitution || d.partialSites || d.rigidAnions);
  if (seed !== undefined && !random)
    throw new InputError(`--seed applies to materials with random choices (substitution, disordered anions or cations); ${d.name} is ordered`);
  const fmt = structureFormat(out, format);
  checkOutputPath(out, fmt === 'poscar' ? 'a POSCAR file path' : 'an extended XYZ file path');
  const sys = buildMaterial(d.name, { supercell, seed });
  const symbols = Array.from(sys.topology.species, (k) => sys.topology.symbols[k]);
  const sc = supercell ?? d.defaultSupercell ?? [1, 1, 1];
  await writeStructure(out, fmt, sys, { comment: `${d.name} ${d.spaceGroup} ${sc.join('x')} (superionic build; ${d.reference})` });
  if (!json) progress(`build: wrote ${symbols.length} atoms to ${out}`);
  const result = {
    material: d.name,
    space_group: d.spaceGroup,
    reference: d.reference,
    supercell: sc,
    atoms: symbols.length,
    composition: composition(symbols),
    lattice_A_deg: latticeParameters(sys.cell.matrix),
    volume_A3: sys.cell.volume,
    molecules: sys.molecules?.count ?? 0,
    seed: random ? (seed ?? 1) : null,
    lattice_source: d.latticeSource ?? 'experiment',
    out,
    format: fmt,
  };
  printResult(result, json, () => {
    const [a, b, c, al, be, ga] = result.lattice_A_deg;
    return (
      `${d.name} (${d.spaceGroup}), ${sc.join('×')} supercell: ${symbols.length} atoms ${Object.entries(result.composition)
        .map(([s, k]) => `${s}${k}`)
        .join(' ')}` +
      `${result.molecules ? `, ${result.molecules} polyatomic anions` : ''}${random ? `, seed ${result.seed}` : ''}\n` +
      `a b c = ${formatNumber(a)} ${formatNumber(b)} ${formatNumber(c)} Å, α β γ = ${formatNumber(al)} ${formatNumber(be)} ${formatNumber(ga)}°, V = ${formatNumber(result.volume_A3)} Å³\n` +
      `written to ${out} (${fmt})\nsource: ${d.reference}\n`
    );
  });
}
