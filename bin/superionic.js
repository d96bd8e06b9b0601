#!/usr/bin/env node
// Runs the compiled CLI (npm install builds dist/ through the "prepare" script).
const path = require('node:path');
const fs = require('node:fs');
const main = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(main)) {
  process.stderr.write('superionic: dist/ is missing; run `npm run build` first\n');
  process.exit(1);
}
require(main).main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err) => {
  process.stderr.write(`superionic: internal error: ${err && err.stack ? err.stack : err}\n`);
  process.exitCode = 1;
});
