/** Shared helpers of the notebook tests: run a notebook with nbclient on the superionic kernel. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(__dirname, '../..');
export const python = path.join(root, '.venv', 'bin', 'python');
export const notebooksDir = path.join(root, 'notebooks');
export const artifacts = path.join(root, 'test-artifacts', 'notebooks');
export const data = path.resolve(root, 'data');
/**
 * Environment for the .venv's Python tools: the project's kernelspec first (JUPYTER_PATH precedes
 * the user's Jupyter folders), so a `superionic` kernel installed elsewhere by a user cannot stand in.
 */
export const jupyterEnv: NodeJS.ProcessEnv = {
  ...process.env,
  JUPYTER_PATH: [path.join(root, '.venv', 'share', 'jupyter'), process.env.JUPYTER_PATH].filter(Boolean).join(path.delimiter),
};
export const LGPS = path.join(data, 'Li10GeP2S12_600K_AIMD.extxyz.gz');

export interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}
export interface Cell { cell_type: string; source: string | string[]; outputs?: Output[] }
export interface Notebook { cells: Cell[]; metadata: Record<string, any> }

export const join = (x: string | string[] | undefined) => (Array.isArray(x) ? x.join('') : x ?? '');
export const streamText = (c: Cell) => (c.outputs ?? []).filter((o) => o.output_type === 'stream').map((o) => join(o.text)).join('');
export const allOutputs = (nb: Notebook) => nb.cells.flatMap((c) => c.outputs ?? []);

/** Execute a notebook with nbclient into test-artifacts/; returns the executed notebook. */
export function execute(src: string, opts: { allowErrors?: boolean; env?: NodeJS.ProcessEnv } = {}): { nb: Notebook; status: number; log: string } {
  mkdirSync(artifacts, { recursive: true });
  const out = path.join(artifacts, path.basename(src));
  const args = [path.join(root, 'test', 'notebooks', 'run_notebook.py'), src, out, '--timeout', '600'];
  if (opts.allowErrors) args.push('--allow-errors');
  const r = spawnSync(python, args, { cwd: root, encoding: 'utf8', timeout: 900_000, env: { ...jupyterEnv, ...opts.env } });
  const log = `${r.stdout}\n${r.stderr}`;
  if (!existsSync(out)) throw new Error(`nbclient wrote no notebook for ${src}:\n${log}`);
  return { nb: JSON.parse(readFileSync(out, 'utf8')), status: r.status ?? -1, log };
}

export function notebook(cells: string[]): Notebook {
  return {
    cells: cells.map((source) => ({ cell_type: 'code', source, outputs: [], metadata: {}, execution_count: null })) as Cell[],
    metadata: { kernelspec: { name: 'superionic', display_name: 'Superionic (TypeScript)', language: 'typescript' } },
  };
}

/** Fail early with the fix when the environment is not set up. */
export function requireEnvironment(): void {
  if (!existsSync(python)) throw new Error('.venv is missing: run `npm run setup` (npm test does it first)');
  if (!existsSync(path.join(root, '.venv/share/jupyter/kernels/superionic/kernel.json'))) throw new Error('kernelspec "superionic" missing: run `npm run setup`');
}
