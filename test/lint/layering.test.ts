// The layering rules of eslint.config.mjs (run over src/ by `npm test`): each rule is shown to reject a
// made-up import that breaks it and to accept the imports the tree uses, so a config edit that silently
// disables a rule fails here.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return r.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

describe('layering import rules', () => {
  it('core imports nothing above it', async () => {
    expect(await restricted('src/core/zz.ts', "import { Cell } from './cell.js';\nexport const x = Cell;\n")).toEqual([]);
    expect(await restricted('src/core/zz.ts', "import { readTrajectory } from '../io/index.js';\nexport const x = readTrajectory;\n")).toHaveLength(
      1,
    );
    expect(await restricted('src/core/a/zz.ts', "import { rdf } from '../../structure/rdf.js';\nexport const x = rdf;\n")).toHaveLength(1);
  });

  it('io and geometry import core only', async () => {
    expect(await restricted('src/io/zz.ts', "import { Cell } from '../core/cell.js';\nexport const x = Cell;\n")).toEqual([]);
    expect(await restricted('src/io/zz.ts', "import { rdf } from '../structure/rdf.js';\nexport const x = rdf;\n")).toHaveLength(1);
    expect(await restricted('src/geometry/zz.ts', "import { unwrap } from '../io/index.js';\nexport const x = unwrap;\n")).toHaveLength(1);
  });

  it('analyses do not import cli, display, simulate or io', async () => {
    for (const area of ['structure', 'sites', 'dynamics', 'transport', 'density', 'doas', 'pathways']) {
      const file = `src/${area}/zz.ts`;
      expect(
        await restricted(
          file,
          "import { Cell } from '../core/cell.js';\nimport { unwrap } from '../geometry/unwrap.js';\nexport const x = [Cell, unwrap];\n",
        ),
      ).toEqual([]);
      for (const above of ['cli/main.js', 'display/show.js', 'simulate/initialVelocities.js', 'io/index.js']) {
        expect(await restricted(file, `import * as m from '../${above}';\nexport const x = m;\n`), `${area} → ${above}`).toHaveLength(1);
      }
      // a type-only import of an io data shape is allowed
      expect(await restricted(file, "import type { SymmetryOperation } from '../io/cif.js';\nexport type X = SymmetryOperation;\n")).toEqual([]);
    }
  });

  it('only the CLI imports the CLI', async () => {
    expect(await restricted('src/display/zz.ts', "import * as m from '../cli/output.js';\nexport const x = m;\n")).toHaveLength(1);
    expect(
      await restricted(
        'src/cli/commands/zz.ts',
        "import * as m from '../output.js';\nimport { rdf } from '../../structure/rdf.js';\nexport const x = [m, rdf];\n",
      ),
    ).toEqual([]);
  });

  it('a command does not import another command', async () => {
    expect(await restricted('src/cli/commands/zz.ts', "import { run } from './rdf.js';\nexport const x = run;\n")).toHaveLength(1);
    expect(await restricted('src/cli/zz.ts', "import { run } from './commands/rdf.js';\nexport const x = run;\n")).toEqual([]);
    expect(
      await restricted(
        'src/cli/commands/zz.ts',
        "import { siteSetupFromArgs } from '../siteOptions.js';\nimport { speciesForCentres } from '../../structure/centres.js';\nexport const x = [siteSetupFromArgs, speciesForCentres];\n",
      ),
    ).toEqual([]);
  });
});
