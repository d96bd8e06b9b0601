/**
 * The memory budget: the most memory one analysis may plan to allocate. Readers and analyses whose
 * memory is known before the work starts (a declared atom count, a histogram's bins, a neighbour
 * grid, a supercell) check it here and refuse with an InputError stating what the request would
 * need, instead of growing until the machine swaps or V8 aborts.
 *
 * Default: half the memory the OS reports available (`os.freemem()`), but never below 512 MiB
 * (512 MiB where the host does not say, e.g. a browser).
 * Set it with the environment variable `SUPERIONIC_MEMORY_BUDGET` or the CLI option
 * `--memory-budget` (bytes, or with a suffix: `800M`, `4G`, `1.5GiB`), or {@link setMemoryBudget}.
 */
import { InputError, InputErrorLocation } from './errors.js';

/**
 * The host's free memory in bytes, or null where it is not known (a browser). Node's `os` module
 * is looked up at run time (process.getBuiltinModule, Node ≥ 20.16), not imported: core imports
 * nothing from Node, so it bundles for a browser unchanged (test/core/browserBundle.test.ts).
 */
function freeMemoryBytes(): number | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const os = proc?.getBuiltinModule?.('node:os') as { freemem(): number } | undefined;
  return os ? os.freemem() : null;
}

/** The environment variable's value, where there is an environment. */
function envValue(name: string): string | undefined {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
}

/** Environment variable that sets the budget. */
export const MEMORY_BUDGET_ENV = 'SUPERIONIC_MEMORY_BUDGET';
/** Floor of the default budget, bytes. */
export const MIN_DEFAULT_BUDGET_BYTES = 512 * 2 ** 20;

let explicit: number | undefined;

/** Parse "123", "800M", "4G", "1.5GiB", "2e9" into bytes (NaN if not a positive size). */
export function parseByteSize(s: string): number {
  const m = /^\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*([kmgt]?)(i?b)?\s*$/i.exec(s);
  if (!m) return NaN;
  const mult = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
  const v = Number(m[1]) * mult;
  return Number.isFinite(v) && v > 0 ? v : NaN;
}

/** Set the budget in bytes (undefined: back to the environment / default). */
export function setMemoryBudget(bytes: number | undefined): void {
  if (bytes !== undefined && !(Number.isFinite(bytes) && bytes >= 2 ** 20)) {
    throw new InputError(`memory budget must be at least 1 MiB, got ${bytes} bytes`);
  }
  explicit = bytes;
}

/** The current budget in bytes. */
export function memoryBudgetBytes(): number {
  if (explicit !== undefined) return explicit;
  const env = envValue(MEMORY_BUDGET_ENV);
  if (env !== undefined && env !== '') {
    const v = parseByteSize(env);
    if (!(v >= 2 ** 20))
      throw new InputError(`${MEMORY_BUDGET_ENV}="${env}" is not a memory size of at least 1 MiB; expected bytes or e.g. 800M, 4G`);
    return v;
  }
  const free = freeMemoryBytes();
  return free === null ? MIN_DEFAULT_BUDGET_BYTES : Math.max(0.5 * free, MIN_DEFAULT_BUDGET_BYTES);
}

/** Bytes as "1.5 GiB", "800 MiB", "12 kiB". */
export function formatBytes(b: number): string {
  if (!Number.isFinite(b)) return `${b} bytes`;
  const units = ['bytes', 'kiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let k = 0;
  while (b >= 1024 && k < units.length - 1) {
    b /= 1024;
    k++;
  }
  return k === 0 ? `${Math.round(b)} bytes` : `${b < 10 ? b.toFixed(1) : Math.round(b)} ${units[k]}`;
}

/**
 * Refuse, before allocating, a request that would need `bytes` of memory beyond the budget.
 * `what` names the request ("--bins 1e9 (a histogram of 1e9 bins per species pair)").
 */
export function requireMemory(bytes: number, what: string, where: InputErrorLocation = {}): void {
  const budget = memoryBudgetBytes();
  if (!(bytes <= budget)) {
    throw new InputError(
      `${what} would need ${formatBytes(bytes)} of memory, above the budget of ${formatBytes(budget)}; raise it with --memory-budget or ${MEMORY_BUDGET_ENV} (e.g. 8G) if the machine has the memory`,
      where,
    );
  }
}
