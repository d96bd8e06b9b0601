/**
 * The pair-table force sweep of one MD system on several cores (issue 19): T − 1 worker threads and the calling
 * thread share the extended positions, the half Verlet list and the type offsets through SharedArrayBuffer. The
 * list's rows are cut into T blocks of about equal pair count (rows are in bin order, so a block is a slab of
 * space); thread k sweeps block k (TablePairLaw.sweep over TableNeighbours) into its own force array (and per-atom energies),
 * and the calling thread adds the arrays onto the atoms in the fixed order block 0, 1, …, T − 1. Newton's third
 * law stays per pair (a half list, no pair computed twice). The sum over pairs is the one-thread sum regrouped by
 * blocks: forces equal the one-thread forces to round-off (measured on 1,372-atom α-AgI: 2e-16 relative RMS, total
 * energy 8e-14 relative; test/simulate/pairForceThreads.test.ts asserts 1e-13 and 1e-12), and a run with T threads
 * is reproducible bit for bit.
 *
 * Per step: the calling thread extends positions into shared memory, bumps a sequence number, sweeps its block,
 * then waits for every worker's "done". Waiting polls and naps rather than sleeping until notified (awaitChange
 * below: a futex wake-up every step serialised the threads). After a list rebuild the list is repacked
 * (TableNeighbours) into arrays in shared memory; when they are reallocated (grown) the new ones are posted to the
 * workers, which take them with receiveMessageOnPort before the next sweep. The neighbour-list build, integration
 * and the fold stay on the calling thread (≈ 30 % of a one-thread step on 1,372-atom α-AgI: the two-thread speed-up
 * is bounded near 1.5×).
 */
import type { MessagePort, Worker } from 'node:worker_threads';
import { compiledModulePath } from '../core/compiledModule.js';
import { nodeFs, nodeModule } from '../io/nodeModules.js';
import { PairWorkspace } from './pairForces.js';
import { PairTable, TableNeighbourArrays, TablePairLaw } from './tabulatedPairForces.js';
import type { VerletList } from './verletList.js';

// Control words (Int32Array over a SharedArrayBuffer).
const SEQ = 0; // job number, bumped by the calling thread; −1: stop
const GEN = 1; // buffer generation
const MODE = 2; // bit 0: energies, bit 1: per-atom energies
const NEXT = 3; // extended atoms
const MAIN_ASLEEP = 4; // 1 while the calling thread sleeps in Atomics.wait for a worker's "done"
const SLOT = 8; // per worker k ≥ 1: SLOT·k + (0 r0, 1 r1, 2 done, 3 error, 4 asleep)
const DONE = 2,
  ERROR = 3,
  ASLEEP = 4;

/**
 * Waiting for a control word to change, without the futex wake-up on the common path. Each thread first polls the
 * word (SPIN_MS), then naps in Atomics.wait with a short timeout (NAP_MS each, until POLL_MS), and only then sleeps
 * until notified (flag word set: the writer then calls Atomics.notify). Sleeping and being woken by Atomics.notify
 * every step serialised the two threads: the wake-up put the worker on the caller's core and the caller's
 * Atomics.notify returned only after ≈ 0.9 ms of the worker's ≈ 1 ms sweep (median of 280 steps, 1,372-atom α-AgI,
 * load ≈ 4): 2 threads ran no faster than one, on a quiet machine too. A thread that wakes from its own timed nap
 * wakes on its own core; the naps leave the core to other processes on a loaded machine (pure polling there cost
 * 1.7× the CPU per step). POLL_MS covers the serial part of a step (integration, list check: ≈ 0.3 ms); after a
 * list rebuild (≈ 5 ms) a sleeping worker is notified.
 */
export const SPIN_MS = 0.05;
export const NAP_MS = 0.02;
export const POLL_MS = 2;

/**
 * Wait until `ctl[idx]` differs from `old`: poll, nap, then sleep in Atomics.wait (flag word `asleep` set to 1
 * meanwhile: the writer notifies only sleepers). Returns the new value, or `old` after `timeout_ms` asleep.
 */
function awaitChange(ctl: Int32Array, idx: number, old: number, asleep: number, timeout_ms: number): number {
  let v = Atomics.load(ctl, idx);
  if (v !== old) return v;
  const t0 = performance.now();
  let t = 0;
  for (let i = 1; t < SPIN_MS; i++) {
    v = Atomics.load(ctl, idx);
    if (v !== old) return v;
    if ((i & 255) === 0) t = performance.now() - t0;
  }
  while (t < POLL_MS) {
    Atomics.wait(ctl, idx, old, NAP_MS);
    v = Atomics.load(ctl, idx);
    if (v !== old) return v;
    t = performance.now() - t0;
  }
  // Dekker handshake with sequentially consistent atomics: the flag is set before Atomics.wait re-reads the word,
  // and the writer stores the word before it reads the flag: either the wait sees the new value or the writer sees
  // the flag and notifies.
  Atomics.store(ctl, asleep, 1);
  Atomics.wait(ctl, idx, old, timeout_ms);
  Atomics.store(ctl, asleep, 0);
  return Atomics.load(ctl, idx);
}

/** Store `value` at `ctl[idx]` and wake the reader if it sleeps (flag word `asleep`). */
function publish(ctl: Int32Array, idx: number, value: number, asleep: number): void {
  Atomics.store(ctl, idx, value);
  if (Atomics.load(ctl, asleep) !== 0) Atomics.notify(ctl, idx);
}

/** Shared arrays of one buffer generation (what a worker is sent). */
interface SharedSet {
  gen: number;
  xe: Float64Array;
  /** The list's rows and packed entries (TableNeighbours, allocated in shared memory). */
  nb: TableNeighbourArrays;
  fe: Float64Array[];
  pe: Float64Array[];
}

interface WorkerInit {
  module: string;
  k: number;
  port: MessagePort;
  ctl: Int32Array;
  res: Float64Array;
  table: PairTable;
}

const WORKER_SOURCE = `require(require('node:worker_threads').workerData.module).pairWorkerMain();`;

/** node:worker_threads, looked up when threads are made (never imported: the library bundles for a browser). */
const workerThreads = (): typeof import('node:worker_threads') => nodeModule('node:worker_threads');

const sharedF64 = (n: number) => new Float64Array(new SharedArrayBuffer(8 * Math.max(1, n)));
const sharedI32 = (n: number) => new Int32Array(new SharedArrayBuffer(4 * Math.max(1, n)));

/** Copy of a table in shared memory (sent once). */
function sharedTable(t: PairTable): PairTable {
  const force = sharedF64(t.force.length),
    energy = sharedF64(t.energy.length);
  force.set(t.force);
  energy.set(t.energy);
  return { ...t, force, energy };
}

export class PairForceThreads {
  readonly threads: number;
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  private readonly ctl = sharedI32(SLOT * 64);
  private readonly res: Float64Array;
  private set: SharedSet | null = null;
  private listBuilds = -1;
  private list: VerletList | null = null;
  private seq = 0;
  private closed = false;
  /** Row bounds of the blocks (T + 1 numbers). */
  private readonly bounds: Int32Array;
  /** The calling thread's extended forces and energies. */
  private readonly work = new PairWorkspace();

  constructor(threads: number, table: PairTable) {
    this.threads = threads;
    this.res = sharedF64(3 * threads);
    this.bounds = new Int32Array(threads + 1);
    const shared = sharedTable(table);
    const module = compiledModulePath(__filename);
    const { MessageChannel, Worker } = workerThreads();
    if (!nodeFs().existsSync(module)) throw new Error(`internal: worker module ${module} not found (run \`npm run build\` first)`);
    for (let k = 1; k < threads; k++) {
      const ch = new MessageChannel();
      const init: WorkerInit = { module, k, port: ch.port2, ctl: this.ctl, res: this.res, table: shared };
      const w = new Worker(WORKER_SOURCE, { eval: true, workerData: init, transferList: [ch.port2] });
      w.unref(); // a worker blocked in Atomics.wait must not keep the process alive
      w.on('error', () => {}); // reported through the control words (the sweep throws)
      this.workers.push(w);
      this.ports.push(ch.port1);
    }
  }

  /** Arrays of TableNeighbours: in shared memory. */
  allocShared = (n: number): Int32Array => sharedI32(n);

  /** The shared arrays for `list` (new ones posted to the workers when they grow or `nb`'s arrays were replaced). */
  private sync(list: VerletList, nb: TableNeighbourArrays): SharedSet {
    const nExt = list.nExtended,
      n = list.nAtoms,
      cnt = list.start[n];
    let s = this.set;
    const o = s?.nb;
    const grow =
      s === null || s.xe.length < 3 * nExt || o!.start !== nb.start || o!.centre !== nb.centre || o!.entry !== nb.entry || o!.rowBase !== nb.rowBase;
    if (grow) {
      const cap = Math.ceil(1.25 * nExt);
      s = {
        gen: (s?.gen ?? 0) + 1,
        xe: sharedF64(3 * cap),
        nb: { start: nb.start, centre: nb.centre, entry: nb.entry, rowBase: nb.rowBase },
        fe: [],
        pe: [],
      };
      for (let k = 0; k < this.threads; k++) {
        s.fe.push(k === 0 ? new Float64Array(0) : sharedF64(3 * cap));
        s.pe.push(k === 0 ? new Float64Array(0) : sharedF64(cap));
      }
      this.set = s;
      this.listBuilds = -1;
      for (const p of this.ports) p.postMessage(s);
      Atomics.store(this.ctl, GEN, s.gen);
    }
    if (this.list !== list || this.listBuilds !== list.builds) {
      // Blocks of about equal pair count.
      const T = this.threads,
        b = this.bounds;
      b[0] = 0;
      b[T] = n;
      let r = 0;
      for (let k = 1; k < T; k++) {
        const want = (k * cnt) / T;
        while (r < n && list.start[r] < want) r++;
        b[k] = r;
      }
      this.list = list;
      this.listBuilds = list.builds;
    }
    return s!;
  }

  /**
   * One sweep of `law` over the whole list on all threads: forces onto the atoms into `f` and (with `perAtom`)
   * per-atom energies into `pe` (both accumulated); with `energy`, the law's totals (eSR, eC, vir) are those of all
   * blocks.
   */
  run(
    list: VerletList,
    x: Float64Array,
    nb: TableNeighbourArrays,
    law: TablePairLaw,
    energy: boolean,
    perAtom: boolean,
    f: Float64Array,
    pe: Float64Array,
  ): void {
    if (this.closed) throw new Error('internal: pair-force threads used after close()');
    const s = this.sync(list, nb);
    const nExt = list.nExtended,
      ctl = this.ctl,
      T = this.threads,
      b = this.bounds;
    list.extendPositions(x, s.xe);
    const w = this.work;
    w.reserve(nExt);
    w.f.fill(0, 0, 3 * nExt);
    if (perAtom) w.pe.fill(0, 0, nExt);
    Atomics.store(ctl, MODE, (energy ? 1 : 0) | (perAtom ? 2 : 0));
    Atomics.store(ctl, NEXT, nExt);
    for (let k = 1; k < T; k++) {
      Atomics.store(ctl, SLOT * k, b[k]);
      Atomics.store(ctl, SLOT * k + 1, b[k + 1]);
    }
    const seq = ++this.seq;
    Atomics.store(ctl, SEQ, seq);
    for (let k = 1; k < T; k++)
      if (Atomics.load(ctl, SLOT * k + ASLEEP) !== 0) {
        Atomics.notify(ctl, SEQ);
        break;
      }
    law.sweep(nb, b[0], b[1], s.xe, w.f, w.pe, energy, perAtom);
    for (let k = 1; k < T; k++) {
      const d = SLOT * k + DONE;
      for (let waited = 0; ; waited++) {
        const v = Atomics.load(ctl, d);
        if (v === seq) break;
        if (Atomics.load(ctl, SLOT * k + ERROR) !== 0) throw new Error(`internal: pair-force worker ${k} failed`);
        if (waited === 120) throw new Error(`internal: pair-force worker ${k} gave no answer in 120 s`);
        awaitChange(ctl, d, v, MAIN_ASLEEP, 1000);
      }
    }
    list.foldImages(w.f, f, 3);
    if (perAtom) list.foldImages(w.pe, pe, 1);
    for (let k = 1; k < T; k++) {
      list.foldImages(s.fe[k], f, 3);
      if (perAtom) list.foldImages(s.pe[k], pe, 1);
      if (energy) {
        law.eSR += this.res[3 * k];
        law.eC += this.res[3 * k + 1];
        law.vir += this.res[3 * k + 2];
      }
    }
  }

  /** Stop the workers. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.ctl, SEQ, -1);
    Atomics.notify(this.ctl, SEQ);
    for (const p of this.ports) p.close();
  }
}

/** The worker thread's side (loaded by WORKER_SOURCE): sweep its block whenever the sequence number moves. */
export function pairWorkerMain(): void {
  const { workerData, receiveMessageOnPort } = workerThreads();
  const init = workerData as WorkerInit;
  const { ctl, res, k, port } = init;
  const law = new TablePairLaw(init.table);
  let set: SharedSet | null = null,
    gen = 0,
    last = 0;
  try {
    for (;;) {
      const seq = awaitChange(ctl, SEQ, last, SLOT * k + ASLEEP, Infinity);
      if (seq < 0) break;
      if (seq === last) continue;
      last = seq;
      const g = Atomics.load(ctl, GEN);
      while (gen !== g) {
        const m = receiveMessageOnPort(port);
        if (!m) throw new Error(`buffer generation ${g} not received`);
        set = m.message as SharedSet;
        gen = set.gen;
      }
      const mode = Atomics.load(ctl, MODE),
        nExt = Atomics.load(ctl, NEXT),
        energy = (mode & 1) !== 0,
        perAtom = (mode & 2) !== 0;
      const fe = set!.fe[k],
        pe = set!.pe[k];
      fe.fill(0, 0, 3 * nExt);
      if (perAtom) pe.fill(0, 0, nExt);
      law.sweep(set!.nb, Atomics.load(ctl, SLOT * k), Atomics.load(ctl, SLOT * k + 1), set!.xe, fe, pe, energy, perAtom);
      res[3 * k] = law.eSR;
      res[3 * k + 1] = law.eC;
      res[3 * k + 2] = law.vir;
      publish(ctl, SLOT * k + DONE, seq, MAIN_ASLEEP);
    }
  } catch {
    Atomics.store(ctl, SLOT * k + ERROR, 1);
    Atomics.store(ctl, SLOT * k + DONE, -1); // differs from every job number: the calling thread stops waiting
    Atomics.notify(ctl, SLOT * k + DONE);
  }
  port.close();
}
