/**
 * `superionic kernel install [--user | --sys-prefix | --prefix P]` — register the superionic
 * Jupyter kernel (tslab with the library preloaded as `si` and `show`, kernel/launch.js of this
 * package) with any Jupyter, like `ipykernel install`:
 *   --user        the user's Jupyter data folder (JUPYTER_DATA_DIR, else ~/.local/share/jupyter on
 *                 Linux, ~/Library/Jupyter on macOS, %APPDATA%\jupyter on Windows) — the default
 *   --sys-prefix  the prefix of the Python whose `jupyter` is first on PATH (a venv or conda env);
 *                 asks that `jupyter` (`jupyter kernelspec install --sys-prefix`)
 *   --prefix P    P/share/jupyter/kernels (e.g. a venv or conda env you name)
 * The kernelspec holds absolute paths to this Node and this package: run it again after moving
 * either. Writes kernel.json and the logos (logo-32x32.png, logo-64x64.png, logo-svg.svg).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { InputError } from '../../core/errors.js';
import type { Args } from '../args.js';
import { defineCommand, jsonFields } from '../command.js';
import { printResult } from '../output.js';

export const spec = defineCommand({
  name: 'kernel',
  summary: 'Register the superionic Jupyter kernel: kernel install [--user | --sys-prefix | --prefix P]',
  synopsis: `install [--user | --sys-prefix | --prefix P] [--name NAME] [--json]`,
  positionals: { max: 1, noun: 'subcommand' },
  readsTrajectory: false,
  options: {
    user: { kind: 'flag' },
    'sys-prefix': { kind: 'flag' },
    prefix: { kind: 'string', expected: 'a folder (--prefix PATH)' },
    name: { kind: 'string', expected: 'a kernelspec name of letters, digits, ".", "_" or "-"' },
  },
  notes: `  Registers the "Superionic (TypeScript)" kernel (tslab; \`si\` = the library, \`show\` = display helpers) with Jupyter.
  --user        in your Jupyter data folder (JUPYTER_DATA_DIR or ~/.local/share/jupyter/kernels) [default]
  --sys-prefix  in the environment of the \`jupyter\` first on PATH (runs \`jupyter kernelspec install --sys-prefix\`)
  --prefix P    in P/share/jupyter/kernels (a venv or conda environment)
  --name NAME   kernelspec name (default superionic)
  The kernel runs this Node (${process.execPath}) on this package's kernel/launch.js; re-run after moving either.
  The renderers (3D trajectories, plots) come with the JupyterLab extension: pip install superionic_jupyterlab-*.whl (README).
  JSON: {name, kernel_dir, argv}`,
  output: jsonFields({
    name: { type: 'string', description: 'the kernelspec name' },
    kernel_dir: { type: 'string', description: 'the folder holding kernel.json and the logos' },
    argv: { type: 'array', items: { type: 'string' }, description: 'the command Jupyter runs (absolute node and launcher paths)' },
  }),
});
export const { summary, usage } = spec;

/** The package root (dist/cli/commands → three levels up; src/cli/commands under vitest likewise). */
const PACKAGE_ROOT = resolve(__dirname, '..', '..', '..');

/** The kernelspec JSON (argv with absolute node and launcher paths). */
export function kernelSpec(root = PACKAGE_ROOT): Record<string, unknown> {
  return {
    argv: [process.execPath, join(root, 'kernel', 'launch.js'), '{connection_file}'],
    display_name: 'Superionic (TypeScript)',
    language: 'typescript',
    interrupt_mode: 'signal',
    metadata: { debugger: false },
  };
}

/** Write kernel.json and the logos into `dir` (created). */
export function writeKernelSpec(dir: string, root = PACKAGE_ROOT): void {
  mkdirSync(dir, { recursive: true });
  // Atomically (write then rename): a Jupyter starting a kernel meanwhile never reads half a file.
  const tmp = join(dir, `.kernel.json.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify(kernelSpec(root), null, 2) + '\n');
  renameSync(tmp, join(dir, 'kernel.json'));
  for (const logo of ['logo-32x32.png', 'logo-64x64.png', 'logo-svg.svg']) copyFileSync(join(root, 'kernel', logo), join(dir, logo));
}

/** Jupyter's per-user data folder, as jupyter_core computes it. */
function userDataDir(): string {
  if (process.env.JUPYTER_DATA_DIR) return resolve(process.env.JUPYTER_DATA_DIR);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Jupyter');
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'jupyter');
  return join(process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'jupyter');
}

export async function run(args: Args): Promise<void> {
  const sub = args.positionals[0];
  if (sub !== 'install')
    throw new InputError(
      `${sub ? `unknown subcommand "${sub}"` : 'no subcommand given'}; expected superionic kernel install [--user | --sys-prefix | --prefix P]`,
    );
  const json = args.flag('json');
  const user = args.flag('user');
  const sysPrefix = args.flag('sys-prefix');
  const prefix = args.string('prefix');
  const name = args.string('name') ?? 'superionic';
  args.rejectUnknownOptions('kernel');
  if ([user, sysPrefix, prefix !== undefined].filter(Boolean).length > 1) throw new InputError('give one of --user, --sys-prefix, --prefix P');
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new InputError(`--name "${name}": expected letters, digits, ".", "_" or "-"`);

  let kernelDir: string;
  if (sysPrefix) {
    // The prefix of the Python behind `jupyter` is known only to it: stage the spec and let it install.
    const stage = join(mkdtempSync(join(tmpdir(), 'superionic-kernel-')), name);
    writeKernelSpec(stage);
    const r = spawnSync('jupyter', ['kernelspec', 'install', stage, '--sys-prefix', '--name', name], { encoding: 'utf8' });
    rmSync(resolve(stage, '..'), { recursive: true, force: true });
    if (r.error) throw new InputError('--sys-prefix: no `jupyter` on PATH (activate the environment that runs Jupyter, or use --prefix PATH)');
    if (r.status !== 0) throw new InputError(`--sys-prefix: jupyter kernelspec install failed: ${(r.stderr || r.stdout).trim().split('\n').pop()}`);
    const m = /Installed kernelspec \S+ in (.+)$/m.exec(`${r.stdout}\n${r.stderr}`);
    kernelDir = m ? m[1].trim() : '(the sys-prefix of `jupyter`)';
  } else {
    const base = prefix !== undefined ? join(isAbsolute(prefix) ? prefix : resolve(prefix), 'share', 'jupyter') : userDataDir();
    kernelDir = join(base, 'kernels', name);
    try {
      writeKernelSpec(kernelDir);
    } catch (e) {
      throw new InputError(`cannot write the kernelspec to ${kernelDir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  const spec = kernelSpec();
  printResult(
    { name, kernel_dir: kernelDir, argv: spec.argv },
    json,
    () =>
      `Installed kernelspec ${name} ("Superionic (TypeScript)") in ${kernelDir}\n` +
      `  runs: ${(spec.argv as string[]).slice(0, 2).join(' ')}\n` +
      `  for the renderers (3D trajectories, plots) in JupyterLab: pip install superionic_jupyterlab-*.whl (see the README)\n`,
  );
}
