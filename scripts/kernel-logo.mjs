#!/usr/bin/env node
// Render kernel/logo-svg.svg to the kernelspec's logo-32x32.png and logo-64x64.png with Debian's
// headless Chromium (playwright-core). Run by hand after editing the SVG; the PNGs are committed.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const kernel = join(dirname(fileURLToPath(import.meta.url)), '..', 'kernel');
const svg = readFileSync(join(kernel, 'logo-svg.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
for (const size of [32, 64]) {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  const sized = svg.replace(/width="64" height="64"/, `width="${size}" height="${size}"`);
  await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
  await page.screenshot({ path: join(kernel, `logo-${size}x${size}.png`), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  await page.close();
}
await browser.close();
