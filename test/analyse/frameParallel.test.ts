// Frame-parallel RDF (src/analyse/frameParallel.ts; workers load dist/, built by `npm test`): bit for bit the
// one-thread result on real files, for 2 and 3 threads, with a frame selection too.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analyse/analyse';

const DATA = path.resolve(__dirname, '../../data');

describe('analyse({rdf, threads}) equals one thread exactly', () => {
  for (const [file, pairs] of [
    [
      'Li6PS5Cl_50pct_500K_XDATCAR.gz',
      [
        { a: 'Li', b: 'S', rmax_A: 9.5 },
        { a: 'Li', b: 'Li' },
      ],
    ],
    ['Li10GeP2S12_600K_AIMD.extxyz.gz', [{ a: 'Li', b: 'PS4' }]],
  ] as const) {
    it(
      file,
      async () => {
        const src = path.join(DATA, file);
        const one = await analyse(src, { rdf: [...pairs], onProgress: () => {} });
        for (const threads of [2, 3]) {
          const many = await analyse(src, { rdf: [...pairs], threads, onProgress: () => {} });
          expect(many.nFrames).toBe(one.nFrames);
          many.rdf!.forEach((r, i) => {
            expect(Array.from(r.g)).toEqual(Array.from(one.rdf![i].g));
            expect(Array.from(r.counts)).toEqual(Array.from(one.rdf![i].counts));
            expect(r.density_b_per_A3).toBe(one.rdf![i].density_b_per_A3);
          });
        }
        const sel = { read: { frames: { start: 3, stride: 4 } }, onProgress: () => {} };
        const a = await analyse(src, { rdf: [pairs[0]], ...sel }),
          b = await analyse(src, { rdf: [pairs[0]], threads: 2, ...sel });
        expect(b.nFrames).toBe(a.nFrames);
        expect(Array.from(b.rdf![0].g)).toEqual(Array.from(a.rdf![0].g));
      },
      120_000,
    );
  }
});
