/**
 * The density-grid options of `density` and `paths` (--species, --spacing | --grid, --sigma, --symmetrize REF.cif,
 * --frames, --stride): one streamed pass of src/density/probabilityDensity.ts over the file, symmetrised by the
 * reference's space group (src/density/densitySymmetrisation.ts) and smeared; and the first frame's atoms for the
 * header of a CUBE/CHGCAR file.
 */
import { InputError } from '../core/errors.js';
import { analyseFrames } from '../core/frameAnalysis.js';
import { atomSymbols } from '../core/topology.js';
import { openTrajectory } from '../io/index.js';
import type { VolumetricAtoms } from '../io/volumetricFiles.js';
import { readCif } from '../io/cif.js';
import { ProbabilityDensity, ProbabilityDensityResult, smearDensity } from '../density/probabilityDensity.js';
import { symmetrizeDensityByReference } from '../density/densitySymmetrisation.js';
import type { Args } from './args.js';
import { progress } from './output.js';
import { frameRange, readerOptions } from './readerOptions.js';

/** Density grid options shared by `density` and `paths`. */
export async function densityFromArgs(
  args: Args,
  command: string,
  json: boolean,
): Promise<{ file: string; density: ProbabilityDensityResult; raw: ProbabilityDensityResult; symmetryOperations: number | null }> {
  const file = args.positionals[0];
  if (!file) throw new InputError(`no trajectory file given; expected superionic ${command} FILE --species Li`);
  const species = args.list('species');
  if (species.length === 0) throw new InputError('missing --species: expected the species whose density is wanted, e.g. --species Li');
  const grid = args.list('grid').map(Number); // three integers in [2, 1000], checked from the declaration
  const spacing = args.number('spacing');
  if (spacing !== undefined && grid.length) throw new InputError('give either --spacing or --grid, not both');
  const sigma = args.number('sigma');
  const acc = new ProbabilityDensity({
    species,
    spacing_A: spacing,
    shape: grid.length ? (grid as [number, number, number]) : undefined,
    source: file,
  });
  return {
    file,
    ...(await (async () => {
      const readOpts = { ...readerOptions(args), atoms: species, frames: frameRange(args) };
      const cif = args.string('symmetrize');
      args.rejectUnknownOptions(command);
      const stream = await openTrajectory(file, readOpts);
      await analyseFrames(stream, [acc], {
        onProgress: (n) => {
          if (!json && n % 200 === 0) progress(`${command}: ${n} frames`);
        },
      });
      let raw = acc.result();
      let symmetryOperations: number | null = null;
      if (cif !== undefined) {
        const ref = readCif(cif);
        raw = symmetrizeDensityByReference(raw, { cell: ref.cell.matrix, symmetryOperations: ref.symmetryOperations }, { where: { file: cif } });
        symmetryOperations = ref.symmetryOperations.length;
      }
      return { raw, density: sigma ? smearDensity(raw, sigma) : raw, symmetryOperations };
    })()),
  };
}

/** The first frame's atoms (all species) for a volumetric file header. */
export async function headerAtoms(file: string, args: Args): Promise<VolumetricAtoms> {
  const stream = await openTrajectory(file, { ...readerOptions(args) });
  for await (const f of stream) return { symbols: atomSymbols(stream.topology), positions: f.positions.slice() };
  throw new InputError('the file has no frames', { file });
}
