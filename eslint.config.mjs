// ESLint (flat config, typescript-eslint), run by `npm test` (scripts/test.mjs) and `npm run lint`.
// Two jobs: the typescript-eslint recommended checks, and the LAYERING of src/ as import rules:
//   core                      imports nothing above it (only ./ within core)
//   geometry, io              import core only
//   analyses (structure, sites, dynamics, transport, density, doas, pathways)
//                             never import cli, display or simulate (nor io code: readers stay at the edges; `import type` is fine)
//   everything but cli        never imports cli
//   cli/commands              never import another command (shared code lives in the library or src/cli/*.ts)
// Formatting is Prettier's (.prettierrc.json, `npm run format` / `format:check`), not ESLint's.
import tseslint from 'typescript-eslint';

/** no-restricted-imports with gitignore-style groups (a `!` entry re-allows a path). */
const restrict = (group, message) => ({ 'no-restricted-imports': ['error', { patterns: [{ group, message }] }] });
const ANALYSES = ['structure', 'sites', 'dynamics', 'transport', 'density', 'doas', 'pathways'];
const above = (areas) => areas.flatMap((a) => [`../${a}`, `../${a}/*`, `../../${a}`, `../../${a}/*`]);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'extension/**', 'kernel/**', 'python/**', '.venv*/**'] },
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  // display: danfojs DataFrames (an optional, untyped peer dependency) and duck-typed result records are `any`.
  { files: ['src/display/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  { files: ['src/core/**/*.ts'], rules: restrict(['../*', '../../*'], 'core imports nothing above it (only ./ files of core)') },
  {
    files: ['src/geometry/**/*.ts', 'src/io/**/*.ts'],
    rules: restrict(['../*', '!../core', '!../core/*', '../../*', '!../../core', '!../../core/*'], 'geometry and io import core only'),
  },
  {
    files: ANALYSES.map((a) => `src/${a}/**/*.ts`),
    rules: {
      ...restrict(
        above(['cli', 'display', 'simulate']),
        'analyses do not import cli, display or simulate: take arrays/frames, let the edges run engines',
      ),
      // io: a type-only import of a data shape (e.g. a CIF's SymmetryOperation) is fine; code from the readers is not.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: above(['io']),
              allowTypeImports: true,
              message: 'analyses do not import io (readers stay at the edges); `import type` of a data shape is fine',
            },
          ],
        },
      ],
    },
  },
  // DOAS of relaxed structures (Wang 2023) relaxes each frame with the engine's FIRE minimiser: the one allowed use.
  {
    files: ['src/doas/relaxedAtomicEnergies.ts'],
    rules: restrict(above(['cli', 'display', 'io']), 'analyses do not import cli, display or io'),
  },
  {
    files: ['src/display/**/*.ts', 'src/simulate/**/*.ts', 'src/course/**/*.ts'],
    rules: restrict(above(['cli']), 'only the CLI imports the CLI'),
  },
  // A command is a thin layer over library calls: what two commands share is a library function (which a notebook
  // calls the same way) or a CLI helper beside main (src/cli/*.ts: option groups, JSON builders), never another command.
  {
    files: ['src/cli/commands/**/*.ts'],
    rules: restrict(
      ['./*', '../commands', '../commands/*'],
      'a command does not import another command: move what they share into the library (src/<area>/) or a src/cli helper',
    ),
  },
);
