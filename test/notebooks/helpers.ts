/** Shared helpers of the notebook tests: run a notebook with nbclient on the superionic kernel. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/**
 * Execute a notebook with nbclient into test-artifacts/ (file name `outPrefix` + the notebook's);
 * returns the executed notebook. `cellTimeout_s` bounds one cell (default 600 s); the whole run may
 * take 1.5× as long as one cell's bound.
 */
export function execute(src: string, opts: { allowErrors?: boolean; env?: NodeJS.ProcessEnv; cellTimeout_s?: number; outPrefix?: string } = {}): { nb: Notebook; status: number; log: string } {
  mkdirSync(artifacts, { recursive: true });
  const out = path.join(artifacts, `${opts.outPrefix ?? ''}${path.basename(src)}`);
  const cellTimeout_s = opts.cellTimeout_s ?? 600;
  const args = [path.join(root, 'test', 'notebooks', 'run_notebook.py'), src, out, '--timeout', String(cellTimeout_s)];
  if (opts.allowErrors) args.push('--allow-errors');
  const r = spawnSync(python, args, { cwd: root, encoding: 'utf8', timeout: 1500 * cellTimeout_s, env: { ...jupyterEnv, ...opts.env } });
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

/** Execute a paper notebook with the short profile (SUPERIONIC_PROFILE=short) into test-artifacts/short-<name>. */
export function executeShort(src: string): { nb: Notebook; status: number; log: string } {
  return execute(src, { env: { SUPERIONIC_PROFILE: 'short' }, cellTimeout_s: 900, outPrefix: 'short-' });
}

/**
 * A progress display, not a result: the HTML progress bar (show.progress, the frame-analysis bar of long
 * runs) or the built-in engine's "MD: N steps …" line; shown or not depending on how long a run took.
 */
export const isProgress = (o: { data?: Record<string, unknown> }) =>
  join(o.data?.['text/html'] as string | string[] | undefined).includes('superionic-progress') || /^MD: \d+ steps/.test(join(o.data?.['text/plain'] as string | string[] | undefined));

/** Per code cell, the MIME kinds of its rich outputs (tables, plots, trajectories), in order; progress displays left out. */
export const outputKinds = (nb: Notebook) => nb.cells.filter((c) => c.cell_type === 'code').map((c) => (c.outputs ?? [])
  .filter((o) => (o.output_type === 'display_data' || o.output_type === 'execute_result') && !isProgress(o))
  .map((o) => Object.keys(o.data ?? {}).filter((k) => k !== 'text/plain' && k !== 'image/svg+xml').sort().join('+') || 'text'));

/**
 * Run a copy of a course notebook with answers filled in: each `const <name>: number | null = null;`
 * becomes `= <expression>` (every answer must find its blank), outputs cleared; with `upToLastAnswer`
 * only the cells up to the last answered one are kept. The copy is written to `dir` as `name` (keep
 * `dir` at the notebook's depth when it reads data by relative path) and run with the short profile.
 */
export function runAnsweredCopy(src: string, answers: Record<string, string>, o: { dir: string; name: string; upToLastAnswer?: boolean }): { nb: Notebook; status: number; log: string } {
  const nb: Notebook = JSON.parse(readFileSync(src, 'utf8'));
  let replaced = 0, last = 0;
  nb.cells.forEach((c, i) => {
    let s = join(c.source);
    for (const [k, v] of Object.entries(answers)) {
      const blank = `const ${k}: number | null = null;`;
      if (s.includes(blank)) { s = s.replace(blank, `const ${k}: number | null = ${v};`); c.source = s; replaced++; last = i; }
    }
    c.outputs = [];
  });
  if (replaced !== Object.keys(answers).length) throw new Error(`${path.basename(src)}: ${replaced} of ${Object.keys(answers).length} answer blanks found (${Object.keys(answers).join(', ')})`);
  if (o.upToLastAnswer) nb.cells = nb.cells.slice(0, last + 1);
  mkdirSync(o.dir, { recursive: true });
  const file = path.join(o.dir, o.name);
  writeFileSync(file, JSON.stringify(nb));
  return execute(file, { env: { SUPERIONIC_PROFILE: 'short' } });
}

/** The rows of the HTML table (show.table) whose caption starts with `caption`, as arrays of cell texts. */
export function htmlTable(nb: Notebook, caption: string): string[][] {
  for (const o of nb.cells.flatMap((c) => c.outputs ?? [])) {
    const html = o.data?.['text/html'];
    if (!html) continue;
    const h = join(html as string | string[]);
    if (!h.includes(`<b>${caption}`)) continue;
    const body = h.slice(h.indexOf('<tbody'));
    return [...body.matchAll(/<tr>(.*?)<\/tr>/gs)].map((m) => [...m[1].matchAll(/<td>(.*?)<\/td>/gs)].map((c) => c[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')));
  }
  throw new Error(`no table captioned "${caption}"`);
}
