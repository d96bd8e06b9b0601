/**
 * A persistent child process driven synchronously: length-prefixed binary messages over its stdin/stdout
 * (u32 little-endian byte count, then the payload). A Node worker thread owns the child and its pipes; the
 * calling thread posts a request and blocks in Atomics.wait until the worker thread has the whole reply,
 * then takes it with receiveMessageOnPort. So the engine's force loop stays synchronous (the built-in
 * path is untouched) while the model runs in another process.
 *
 * A child that exits (crash, killed, out of memory) wakes the caller with its exit code and the tail of
 * its stderr; the caller's own state is untouched.
 */
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { InputError } from '../../core/errors.js';

/** Worker-thread source (CommonJS, run with eval: no separate file to locate in src/ or dist/). */
const THREAD_SOURCE = `
const { workerData } = require('node:worker_threads');
const { spawn } = require('node:child_process');
const { port, ctrl: ctrlBuf, command, args, env, cwd } = workerData;
const ctrl = new Int32Array(ctrlBuf);
let stderrTail = '';
let chunks = [], have = 0, exited = false;
const wake = (msg, transfer) => { port.postMessage(msg, transfer); Atomics.add(ctrl, 0, 1); Atomics.notify(ctrl, 0); };
let child;
try {
  child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env, cwd });
} catch (e) { wake({ kind: 'exit', code: null, signal: null, stderr: String(e && e.message || e) }); }
if (child) {
  child.on('error', (e) => { if (!exited) { exited = true; wake({ kind: 'exit', code: null, signal: null, stderr: stderrTail + '\\n' + e.message }); } });
  child.stderr.on('data', (d) => { stderrTail = (stderrTail + d.toString('utf8')).slice(-4000); });
  child.stdout.on('data', (d) => {
    chunks.push(d); have += d.length;
    for (;;) {
      if (have < 4) return;
      let buf = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      chunks = [buf];
      const len = buf.readUInt32LE(0);
      if (have < 4 + len) return;
      const payload = new Uint8Array(len);
      payload.set(buf.subarray(4, 4 + len));
      const rest = buf.subarray(4 + len);
      chunks = rest.length ? [Buffer.from(rest)] : []; have = rest.length;
      wake({ kind: 'message', payload }, [payload.buffer]);
    }
  });
  child.on('exit', (code, signal) => {
    const finish = () => { if (!exited) { exited = true; wake({ kind: 'exit', code, signal, stderr: stderrTail }); } port.close(); };
    // stderr may still have buffered data: give it a moment.
    setTimeout(finish, 50);
  });
  child.stdin.on('error', () => {});
  port.on('message', (m) => {
    if (m.kind === 'request') {
      const head = Buffer.alloc(4); head.writeUInt32LE(m.payload.byteLength, 0);
      child.stdin.write(head); child.stdin.write(Buffer.from(m.payload.buffer, m.payload.byteOffset, m.payload.byteLength));
    } else if (m.kind === 'end') { child.stdin.end(); }
    else if (m.kind === 'kill') { child.kill('SIGKILL'); }
  });
}
`;

export interface SyncWorkerOptions {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** What the process is, for error messages ("the CHGNet worker"). */
  name: string;
}

export class SyncWorkerProcess {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly ctrl: Int32Array;
  private seen = 0;
  private dead: string | null = null;

  constructor(readonly opts: SyncWorkerOptions) {
    const { port1, port2 } = new MessageChannel();
    const ctrlBuf = new SharedArrayBuffer(4);
    this.ctrl = new Int32Array(ctrlBuf);
    this.port = port1;
    this.worker = new Worker(THREAD_SOURCE, {
      eval: true,
      workerData: { port: port2, ctrl: ctrlBuf, command: opts.command, args: opts.args, env: opts.env ?? process.env, cwd: opts.cwd },
      transferList: [port2],
    });
    this.worker.unref();
    this.port.unref();
  }

  /** True once the child has exited (crash or shutdown). */
  get exited(): boolean {
    return this.dead !== null;
  }

  /** Block until the next message from the child (e.g. its greeting); throws if it has exited. */
  receive(timeout_ms = 600_000): Uint8Array {
    if (this.dead) throw new InputError(this.dead);
    const t0 = Date.now();
    for (;;) {
      const m = receiveMessageOnPort(this.port);
      if (m) {
        this.seen++;
        const msg = m.message as { kind: string; payload?: Uint8Array; code?: number | null; signal?: string | null; stderr?: string };
        if (msg.kind === 'message') return msg.payload!;
        const tail = (msg.stderr ?? '').trim().split('\n').slice(-3).join(' | ');
        this.dead = `${this.opts.name} exited (${msg.signal ? `signal ${msg.signal}` : `code ${msg.code}`})${tail ? `: ${tail}` : ''}`;
        throw new InputError(this.dead);
      }
      const left = timeout_ms - (Date.now() - t0);
      if (left <= 0) {
        this.kill();
        throw new InputError(`${this.opts.name} did not answer within ${(timeout_ms / 1000).toFixed(0)} s; it was stopped`);
      }
      // Wait until the worker thread has posted more than we have taken.
      Atomics.wait(this.ctrl, 0, this.seen, Math.min(left, 1000));
    }
  }

  /** Send one request and block for its reply. */
  request(payload: Uint8Array, timeout_ms?: number): Uint8Array {
    if (this.dead) throw new InputError(this.dead);
    this.port.postMessage({ kind: 'request', payload });
    return this.receive(timeout_ms);
  }

  /** Close the child's stdin (a clean shutdown request) and wait up to `wait_ms` for it to exit. */
  close(wait_ms = 5000): void {
    if (this.dead) {
      void this.worker.terminate();
      return;
    }
    this.port.postMessage({ kind: 'end' });
    try {
      for (;;) this.receive(wait_ms);
    } catch {
      /* exited (expected) or timed out (killed) */
    }
    this.dead = `${this.opts.name} was shut down`;
    void this.worker.terminate();
  }

  /** Kill the child at once. */
  kill(): void {
    this.port.postMessage({ kind: 'kill' });
  }
}
