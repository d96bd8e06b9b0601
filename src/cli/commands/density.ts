/**
 * `superionic density FILE --species Li [--spacing 0.2 | --grid NA,NB,NC] [--sigma A] [--linear a|b|c|x|y|z]
 * [--cube OUT.cube] [--chgcar OUT]` — time-averaged probability density of a species on the cell grid,
 * streamed over the file (src/density/probabilityDensity.ts), its linear density, and the grid written
 * as Gaussian CUBE / VASP CHGCAR for VESTA, OVITO, VMD or pymatgen.
 */
import { writeFileSync } from 'node:fs';
import { InputError } from '../../core/errors.js';
import { checkOutputPath } from '../../io/fileAccess.js';
import { chgcarText, cubeText } from '../../io/volumetricFiles.js';
import { gridPointFractional } from '../../density/probabilityDensity.js';
import { linearDensity } from '../../density/densityProjections.js';
import { discoverSites } from '../../density/siteDiscovery.js';
import type { Args } from '../args.js';
import { defineCommand, jsonFields } from '../command.js';
import { densityFromArgs, headerAtoms } from '../densityOptions.js';
import { bounds } from '../optionRanges.js';
import { formatNumber, printResult, textTable } from '../output.js';

export const spec = defineCommand({
  name: 'density',
  summary: 'probability density of a species on the cell grid (streamed); linear density; CUBE/CHGCAR export',
  synopsis: `FILE --species Li[,Na] [--spacing 0.2 | --grid NA,NB,NC] [--sigma A]
       [--linear a|b|c|x|y|z] [--cube OUT.cube] [--chgcar OUT] [--symmetrize REF.cif]
       [--discover OUT.json [--min-separation 1.0] [--min-occupancy 0.01] [--host S,Cl]] [--frames START:END] [--stride N] [--json]`,
  positionals: { max: 1, noun: 'trajectory file' },
  readsTrajectory: true,
  options: {
    species: { kind: 'list' },
    spacing: { kind: 'number', range: bounds(0.02, 5, 'Å') },
    grid: { kind: 'list', items: 'number', count: 3, range: bounds(2, 1000, 'grid points', { integer: true }), expected: 'such as 40,40,40' },
    sigma: { kind: 'number', range: bounds(0, 5, 'Å', { openLo: true }) },
    linear: { kind: 'string', choices: ['a', 'b', 'c', 'x', 'y', 'z'], expected: 'lattice vectors a, b, c or Cartesian x, y, z' },
    cube: { kind: 'string', expected: 'a CUBE file path' },
    chgcar: { kind: 'string', expected: 'a CHGCAR file path' },
    symmetrize: { kind: 'string', expected: 'a CIF file of the reference structure' },
    discover: { kind: 'string', expected: 'a JSON file path for the discovered sites' },
    'min-separation': { kind: 'number', range: bounds(0.05, 10, 'Å') },
    'min-occupancy': { kind: 'number', range: bounds(0, 10, 'ions') },
    host: { kind: 'list' },
    frames: { kind: 'range', unit: 'frames' },
    stride: { kind: 'number' },
  },
  notes: `  Counts every atom of the species at the nearest grid point of the cell (fractional coordinates of each
  frame's own cell, so NPT runs are handled); the grid is drawn in the average cell. --sigma smears with a
  Gaussian of that width (Å). --cube / --chgcar write the number density (CUBE: per Bohr³; CHGCAR: ρ·V)
  with the first frame's atoms. --symmetrize REF.cif averages the counts over the space group of the reference
  (its symmetry operations; the MD cell must be a whole supercell of the CIF cell, found from the lengths) before
  smearing. --discover OUT.json finds sites at the density maxima (src/density/siteDiscovery.ts: peaks at least
  --min-separation Å apart, default 1.0; sites holding at least --min-occupancy ions, default 0.01) and writes
  {sites: [{fractional, cartesian_A, occupancy, spread_A, host_coordination, polyhedron}]} for
  sites/jumps/transitions read (their site-file option); --host S,Cl labels each site by its host polyhedron (first frame).
  JSON: {species, shape, cell_A, frames, atoms, voxel_volume_A3, sigma_A, max_density_per_A3, max_at_fractional,
         occupied_fraction, cell_fluctuation, linear: {axis, position_A, density_per_A, fraction, bin_A}|null, cube, chgcar,
         symmetry_operations, discovered: {file, sites, total_occupancy}|null}`,
  output: jsonFields({
    file: 'string',
    species: 'string[]',
    shape: 'number[]',
    cell_A: 'number[]',
    frames: 'number',
    atoms: 'number',
    voxel_volume_A3: 'number?',
    sigma_A: 'number',
    max_density_per_A3: 'number',
    max_at_fractional: 'number[]',
    occupied_fraction: 'number',
    cell_fluctuation: 'number',
    linear: 'object?',
    cube: 'string?',
    chgcar: 'string?',
    symmetry_operations: 'number?',
    discovered: 'object?',
  }),
});
export const { summary, usage } = spec;

export async function run(args: Args): Promise<void> {
  const json = args.flag('json');
  const linearAxis = args.string('linear');
  const cube = args.string('cube'),
    chgcar = args.string('chgcar');
  if (cube !== undefined) checkOutputPath(cube, 'a CUBE file path');
  if (chgcar !== undefined) checkOutputPath(chgcar, 'a CHGCAR file path');
  const discoverOut = args.string('discover');
  if (discoverOut !== undefined) checkOutputPath(discoverOut, 'a JSON file path for the discovered sites');
  const minSep = args.number('min-separation'),
    minOcc = args.number('min-occupancy'),
    hostSpecies = args.list('host');
  if (discoverOut === undefined && (minSep !== undefined || minOcc !== undefined || hostSpecies.length))
    throw new InputError('--min-separation, --min-occupancy and --host go with --discover OUT.json');
  const { file, density: d, symmetryOperations } = await densityFromArgs(args, 'density', json);
  let discovered: { file: string; sites: number; total_occupancy: number } | null = null;
  if (discoverOut !== undefined) {
    let hostPositions: Float64Array | undefined;
    if (hostSpecies.length) {
      const atoms = await headerAtoms(file, args);
      const idx = atoms.symbols.flatMap((s, i) => (hostSpecies.includes(s) ? [i] : []));
      if (idx.length === 0) throw new InputError(`--host: no atoms of ${hostSpecies.join(', ')} in the first frame`, { file });
      hostPositions = Float64Array.from(idx.flatMap((i) => [atoms.positions[3 * i], atoms.positions[3 * i + 1], atoms.positions[3 * i + 2]]));
    }
    const sites = discoverSites(d, { minSeparation_A: minSep, minOccupancy: minOcc, hostPositions });
    writeFileSync(discoverOut, JSON.stringify({ source: file, species: d.species, frames: d.frames, sigma_A: d.sigma_A, sites }, null, 1) + '\n');
    discovered = { file: discoverOut, sites: sites.length, total_occupancy: sites.reduce((x, s) => x + s.occupancy, 0) };
  }
  let vmax = 0,
    imax = 0,
    occupied = 0;
  for (let v = 0; v < d.density_per_A3.length; v++) {
    if (d.density_per_A3[v] > vmax) {
      vmax = d.density_per_A3[v];
      imax = v;
    }
    if (d.counts[v] > 0) occupied++;
  }
  const lin = linearAxis ? linearDensity(d, linearAxis) : null;
  if (cube || chgcar) {
    const atoms = await headerAtoms(file, args);
    const g = { shape: d.shape, cell: d.cell, values: d.density_per_A3 };
    const title = `superionic density of ${d.species.join(',')} from ${file} (${d.frames} frames)`;
    if (cube) writeFileSync(cube, cubeText(g, atoms, title));
    if (chgcar) writeFileSync(chgcar, chgcarText(g, atoms, title));
  }
  const out = {
    file,
    species: d.species,
    shape: d.shape,
    cell_A: d.cell,
    frames: d.frames,
    atoms: d.atoms,
    voxel_volume_A3: d.voxel_volume_A3,
    sigma_A: d.sigma_A,
    max_density_per_A3: vmax,
    max_at_fractional: gridPointFractional(d.shape, imax),
    occupied_fraction: occupied / d.counts.length,
    cell_fluctuation: d.cell_fluctuation,
    linear: lin,
    cube: cube ?? null,
    chgcar: chgcar ?? null,
    symmetry_operations: symmetryOperations,
    discovered,
  };
  printResult(out, json, () => {
    const lines = [
      `${file}: density of ${d.species.join(', ')} (${d.atoms} atoms) over ${d.frames} frames on a ${d.shape.join('×')} grid (voxel ${formatNumber(d.voxel_volume_A3)} Å³${d.sigma_A ? `, smeared σ = ${d.sigma_A} Å` : ''})`,
      `maximum ${formatNumber(vmax)} Å⁻³ at fractional (${out.max_at_fractional.map((x) => x.toFixed(3)).join(', ')}); ${formatNumber(100 * out.occupied_fraction, 3)} % of voxels visited`,
    ];
    if (d.cell_fluctuation > 0)
      lines.push(
        `cell fluctuates by up to ${formatNumber(100 * d.cell_fluctuation, 3)} % (fractional coordinates per frame; grid in the average cell)`,
      );
    if (cube) lines.push(`CUBE written to ${cube}`);
    if (chgcar) lines.push(`CHGCAR written to ${chgcar}`);
    if (discovered)
      lines.push(
        `${discovered.sites} sites discovered (${formatNumber(discovered.total_occupancy)} ions in them per frame), written to ${discovered.file}`,
      );
    let text = lines.join('\n') + '\n';
    if (lin) {
      const step = Math.max(1, Math.round(lin.density_per_A.length / 40));
      const rows: (string | number)[][] = [];
      for (let k = 0; k < lin.density_per_A.length; k += step) rows.push([lin.position_A[k], lin.density_per_A[k]]);
      text += textTable([`${lin.axis} (Å)`, 'atoms per Å'], rows);
    }
    return text;
  });
}
