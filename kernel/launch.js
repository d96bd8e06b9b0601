#!/usr/bin/env node
'use strict';
/**
 * The superionic Jupyter kernel: tslab 1.0.22 with the library preloaded.
 *
 * Usage (from the kernelspec): node kernel/launch.js <connection_file>
 *
 * tslab has no startup-script hook, so this launcher assembles tslab's own pieces the way its
 * `startKernel` does (createConverter → createExecutor → JupyterHandlerImpl → ZmqServer) and runs
 * a prelude through the executor before serving. The prelude's declarations stay in tslab's
 * declaration context, so every cell has `si` (the whole library, typed, with completion and
 * inspection) and `show` (display helpers: src/display/notebook/, bound by kernel/show.js) in scope.
 * tslab's internal modules come through kernel/tslab.js, which refuses any tslab but 1.0.22.
 *
 * What we change in tslab's behaviour:
 * - A cell's last value goes through `show.auto` first (Vega-Lite specs, DataFrames become rich
 *   output); anything else is printed as tslab does.
 * - An error is sent as a Jupyter `error` output with ename/evalue/traceback (tslab only prints
 *   it to stderr). Our InputError shows its message only (it names file, frame, line and what
 *   was expected): no stack of library internals. Other errors keep their stack, minus Node and
 *   tslab internals. The kernel stays alive.
 * - `stop_on_error: false` in an execute request (nbclient with allow_errors) is honoured: the
 *   next request runs. With the default (true), requests queued behind a failed cell are
 *   aborted, as tslab and ipykernel do.
 * - Displays still rendering when the cell's code ends (SVG fallbacks) are awaited before the
 *   execute_reply, so they land in their own cell.
 * - Sends on the iopub socket are queued (tslab does not await them; zeromq 6 refuses a send
 *   while another is in flight).
 */
const path = require('path');
const util = require('util');

const root = path.resolve(__dirname, '..');
let tslab;
try {
  tslab = require('./tslab.js').loadTslab(); // only the tslab version this launcher was written for
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
const { createConverter } = tslab.converter;
const { createExecutor } = tslab.executor;
const jupyter = tslab.jupyter;
const { TaskCanceledError } = tslab.util;
const { show, flush } = require('./show.js');

// Long runs given no onProgress of their own (an MD run, a pass over the frames) show a progress
// display in the cell once they have run 2 s (src/core/progress.ts).
try {
  require(path.join(root, 'dist', 'core', 'progress.js')).setDefaultProgress((label, total) =>
    show.progress(label, { total: total === null ? undefined : total }),
  );
} catch (_) {
  /* library not built: the prelude reports it */
}

const LIBRARY = path.join(root, 'dist', 'index.js');
const SHOW = path.join(__dirname, 'show.js');

/** The code run before serving; its imports stay in scope (typed) for every cell. */
const PRELUDE = [`import * as si from ${JSON.stringify(LIBRARY)};`, `import { show } from ${JSON.stringify(SHOW)};`].join('\n');

/** tslab's ConverterSet: converters are created lazily (the browser one is rarely needed). */
class Converters {
  get node() {
    if (!this._node) this._node = createConverter({ isJS: false, isBrowser: false });
    return this._node;
  }
  get browser() {
    if (!this._browser) this._browser = createConverter({ isJS: false, isBrowser: true });
    return this._browser;
  }
  close() {
    if (this._node) this._node.close();
    if (this._browser) this._browser.close();
  }
}

/** Errors and diagnostics reported by the executor during the current cell. */
let reported = [];

/** True while a cell runs (until its reply): unhandled rejections then fail that cell. */
let cellRunning = false;

/**
 * Let promises the cell started but did not await settle before the reply, so that one which
 * rejects (`si.readTrajectory(path)` without `await`) fails its own cell: wait past the cell's
 * zero-delay timers and a turn of the event loop, and up to 250 ms more while file-system
 * requests are in flight.
 */
async function settle(max_ms = 250) {
  const t0 = Date.now();
  const busy = () => process.getActiveResourcesInfo().some((r) => /^(FSReq|FileHandle|GetAddrInfo|Zlib)/.test(r));
  await new Promise((r) => setTimeout(r, 1)); // after the cell's own zero-delay timers
  do await new Promise((r) => setImmediate(r));
  while (busy() && Date.now() - t0 < max_ms);
}

/** Why the prelude failed (shown once, in the first cell run), or null. */
let preludeProblem = null;

const executorConsole = {
  log(value, ...rest) {
    if (rest.length === 0) {
      try {
        if (show.auto(value)) return;
      } catch (e) {
        reported.push({ error: e });
        return;
      }
    }
    console.log(value, ...rest);
  },
  error(first, ...rest) {
    if (rest.length === 0 && (first instanceof Error || (first && typeof first === 'object' && 'stack' in first))) {
      reported.push({ error: first });
    } else if (rest.length === 0 && !(first instanceof Error) && typeof first !== 'string') {
      reported.push({ error: first }); // a thrown non-Error value
    } else {
      reported.push({ diagnostic: util.format(first, ...rest) });
    }
  },
};

const RED = '\u001b[0;31m';
const RESET = '\u001b[0m';

/** Stack lines worth showing: drop Node internals, tslab and this launcher. */
function usefulStack(err) {
  const lines = String(err.stack || '').split('\n');
  return lines.filter(
    (l) =>
      /^\s+at /.test(l) &&
      !/\(node:|at node:|\/tslab\/dist\/|kernel\/launch\.js|kernel\/show\.js|dist\/display\/notebook\/|evalmachine\.|at new Promise \(<anonymous>\)/.test(
        l,
      ),
  );
}

/** The Jupyter error content (ename, evalue, traceback) for what the executor reported. */
function errorContent(items) {
  const diagnostics = items.filter((x) => x.diagnostic !== undefined).map((x) => x.diagnostic);
  const thrown = items.find((x) => x.error !== undefined);
  if (thrown) {
    const e = thrown.error;
    if (!(e instanceof Error) && !(e && typeof e === 'object' && 'stack' in e)) {
      const v = util.inspect(e);
      return { ename: 'Error', evalue: v, traceback: [`${RED}Thrown value${RESET}: ${v}`] };
    }
    const name = e.name || 'Error';
    const message = e.message === undefined ? String(e) : String(e.message);
    const why = thrown.unawaited ? [`(${thrown.unawaited})`] : [];
    if (name === 'InputError') {
      // Our bad-input errors name file, frame, line and what was expected: the message is the whole story.
      return { ename: name, evalue: message, traceback: [`${RED}${name}${RESET}: ${message}`, ...why] };
    }
    return { ename: name, evalue: message, traceback: [`${RED}${name}${RESET}: ${message}`, ...why, ...usefulStack(e)] };
  }
  const text = diagnostics.length ? diagnostics : ['the cell failed (no message)'];
  return {
    ename: 'TypeScriptError',
    evalue: text[0],
    traceback: [`${RED}TypeScript${RESET}: ${text.length} problem${text.length > 1 ? 's' : ''} in the cell`, ...text],
  };
}

class Failed extends Error {
  constructor(reply) {
    super('cell failed');
    this.reply = reply;
  }
}

class Handler extends jupyter.JupyterHandlerImpl {
  handleKernel() {
    const info = super.handleKernel();
    info.implementation = 'superionic';
    info.banner = 'Superionic (TypeScript, tslab ' + tslab.version + '): `si` is the library, `show` the display helpers';
    info.language_info.version = require('@tslab/typescript-for-tslab').version;
    info.status = 'ok'; // required in kernel_info_reply (tslab leaves it out)
    return info;
  }

  async handleExecute(req, writeStream, writeDisplayData, writeError) {
    const stopOnError = req.stop_on_error !== false;
    try {
      return await this.execQueue.add(() => this.run(req, writeStream, writeDisplayData, writeError, stopOnError));
    } catch (e) {
      if (e instanceof Failed) {
        // Abort requests already queued behind the failed cell (and those arriving within 200 ms).
        this.execQueue.reset(200);
        return e.reply;
      }
      if (e instanceof TaskCanceledError) return { status: 'aborted', execution_count: null };
      console.error('superionic kernel: unexpected error', e);
      return { status: 'error', execution_count: null, ename: 'KernelError', evalue: String(e), traceback: [String(e)] };
    }
  }

  async run(req, writeStream, writeDisplayData, writeError, stopOnError) {
    process.stdout.write = this.createWriteToIopub('stdout', writeStream);
    process.stderr.write = this.createWriteToIopub('stderr', writeStream);
    jupyter.lastWriteDisplayData = writeDisplayData;
    const count = ++this.execCount;
    if (preludeProblem) {
      writeStream('stderr', preludeProblem);
      preludeProblem = null;
    }
    reported = [];
    cellRunning = true;
    let ok;
    try {
      ok = await this.executor.execute(req.code);
    } catch (e) {
      reported.push({ error: e });
      ok = false;
    }
    await flush();
    await settle();
    cellRunning = false;
    if (ok && reported.length > 0) ok = false; // e.g. a failing rich display of the last value
    if (ok) return { status: 'ok', execution_count: count, user_expressions: {}, payload: [] };
    const content = errorContent(reported);
    reported = [];
    writeError(content);
    const reply = { status: 'error', execution_count: count, ...content };
    if (stopOnError) throw new Failed(reply);
    return reply;
  }
}

/**
 * tslab sends on its zeromq sockets without awaiting the send; zeromq 6 refuses a send while an
 * earlier one on the same socket is still in flight ("Socket is busy writing"), which a loaded
 * machine and a cell that prints while a display is going out can trigger on iopub. The socket
 * object is frozen, so the server gets a stand-in whose sends go out one after the other, in order.
 */
function queuedSends(sock) {
  let last = Promise.resolve();
  return {
    send(msg) {
      const p = last.then(() => sock.send(msg));
      last = p.catch(() => undefined);
      return p;
    },
    close: () => sock.close(),
  };
}

class Server extends jupyter.ZmqServer {
  async init() {
    await super.init();
    this.iopub = queuedSends(this.iopub); // used only for send (signAndSend) and close from here on
  }

  /** tslab answers comm_info_request with msg_type "complete_reply"; answer with the right type (no comms). */
  handleCommInfoRequest(sock, msg) {
    const reply = msg.createReply();
    reply.header.msg_type = 'comm_info_reply';
    reply.content = { status: 'ok', comms: {} };
    reply.signAndSend(this.connInfo.key, sock);
  }

  async handleExecute(sock, msg) {
    const publish = (type, content) => {
      const m = msg.createReply();
      m.header.msg_type = type;
      m.content = content;
      m.signAndSend(this.connInfo.key, this.iopub);
    };
    const writeStream = (name, text) => publish('stream', { name, text });
    const writeDisplayData = (data, update) => publish(update ? 'update_display_data' : 'display_data', data);
    const writeError = (content) => publish('error', content);
    const content = await this.handler.handleExecute(msg.content, writeStream, writeDisplayData, writeError);
    const reply = msg.createReply();
    reply.header.msg_type = 'execute_reply';
    reply.content = content;
    reply.signAndSend(this.connInfo.key, sock);
  }
}

async function main() {
  const connectionFile = process.argv[2];
  if (!connectionFile) {
    console.error('usage: node kernel/launch.js <connection_file>');
    process.exit(2);
  }
  const convs = new Converters();
  convs.node; // warm the converter
  const executor = createExecutor(process.cwd(), convs, executorConsole);
  reported = [];
  const ok = await executor.execute(PRELUDE);
  if (!ok || reported.length) {
    // Keep serving (plain tslab still works) but say loudly, in the kernel log and in the first
    // cell that runs, why `si` or `show` is missing.
    const details = reported.map((r) => (r.diagnostic !== undefined ? r.diagnostic : util.inspect(r.error))).join('\n');
    preludeProblem =
      `superionic kernel: loading the library failed, so \`si\` and \`show\` are not defined.\n` +
      `Is the library built (npm run setup)? The prelude was:\n${PRELUDE}\n${details}\n`;
    console.error(preludeProblem);
  }
  reported = [];
  const server = new Server(new Handler(executor, false), connectionFile);
  process.on('SIGINT', () => executor.interrupt());
  // During a cell, an error thrown from a callback or a promise nobody awaited fails that cell
  // with the library's message (and a hint); between cells it can only go to the kernel's log.
  process.on('uncaughtException', (err) => {
    if (cellRunning) reported.push({ error: err, unawaited: 'an exception thrown in a callback the cell started' });
    else console.error('Uncaught exception (no cell running):', err);
  });
  process.on('unhandledRejection', (reason) => {
    if (cellRunning) reported.push({ error: reason, unawaited: 'a promise the cell did not await rejected (add `await`)' });
    else console.error('Unhandled promise rejection (no cell running):', reason);
  });
  await server.init();
}

main().catch((e) => {
  console.error('superionic kernel failed to start:', e);
  process.exit(1);
});
