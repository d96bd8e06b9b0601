#!/usr/bin/env node
// `npm start`: set up what is missing (scripts/setup.mjs: npm packages, library build, .venv with
// JupyterLab, the `superionic` kernel, the extension), then start JupyterLab on notebooks/ and
// print its URL. A second run skips the installed parts and starts in seconds.
//
// Options: --port N (default: 8888, or the next free port), --ip ADDRESS (default 127.0.0.1);
// other arguments are passed to `jupyter lab`. Environment: SUPERIONIC_PORT, SUPERIONIC_TOKEN.
// The token reaches the server as JUPYTER_TOKEN (environment), not as a command-line argument.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const setup = spawnSync(process.execPath, [join(root, 'scripts', 'setup.mjs')], { cwd: root, stdio: 'inherit' });
if (setup.status !== 0) process.exit(setup.status ?? 1);

const args = process.argv.slice(2);
function option(name, fallback) {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
}
const ip = option('--ip', '127.0.0.1');
const wantedPort = Number(option('--port', process.env.SUPERIONIC_PORT || 8888));
const token = process.env.SUPERIONIC_TOKEN || randomBytes(24).toString('hex');

/** The first port ≥ p that is free on `ip`. */
function freePort(p) {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', (e) => {
      if (e.code === 'EADDRINUSE' && p < 65535) resolve(freePort(p + 1));
      else reject(e);
    });
    srv.listen(p, ip, () => srv.close(() => resolve(p)));
  });
}

const port = await freePort(wantedPort);
const jupyter = join(root, '.venv', 'bin', 'jupyter');
if (!existsSync(jupyter)) {
  console.error('[start] .venv/bin/jupyter is missing after setup; run `npm run setup` and read its messages.');
  process.exit(1);
}
const url = `http://${ip === '0.0.0.0' ? '127.0.0.1' : ip}:${port}/lab?token=${token}`;
const lab = spawn(
  jupyter,
  [
    'lab',
    '--no-browser',
    `--ip=${ip}`,
    `--port=${port}`,
    '--ServerApp.port_retries=0',
    `--ServerApp.root_dir=${join(root, 'notebooks')}`,
    '--MappingKernelManager.default_kernel_name=superionic',
    ...(process.getuid?.() === 0 ? ['--allow-root'] : []),
    ...args,
  ],
  {
    cwd: join(root, 'notebooks'),
    stdio: ['inherit', 'inherit', 'pipe'],
    // This checkout's kernelspec and extension first, before any the user installed elsewhere.
    // The token goes in the environment (readable only by this user), never on the command line,
    // where any local user could read it with `ps`.
    env: {
      ...process.env,
      JUPYTER_TOKEN: token,
      JUPYTER_PATH: [join(root, '.venv', 'share', 'jupyter'), process.env.JUPYTER_PATH].filter(Boolean).join(delimiter),
    },
  },
);

// Print our URL once the server says it is listening; pass its log through.
let announced = false;
lab.stderr.on('data', (chunk) => {
  process.stderr.write(chunk);
  if (!announced && /is running at|Use Control-C to stop/.test(String(chunk))) {
    announced = true;
    console.log(`\n  Superionic JupyterLab is running:\n\n      ${url}\n\n  Notebooks: ${join(root, 'notebooks')}   (Ctrl-C to stop)\n`);
  }
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => lab.kill(sig));
lab.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
