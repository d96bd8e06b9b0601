// The CLI fuzz in `npm test` (issue #12): a seeded set of malformed inputs for every reader, special
// files and absurd values of every command's numeric options, each run as a real `superionic` process
// under a time and memory watchdog. Every case must end in exit 0 with finite, plausible numbers (equal
// to the intact file's when the mutation kept every number) or exit 2 with one line naming the file or
// option: no crash, no hang, no memory past the watchdog, no silent wrong number.
// The soak (`npm run fuzz`, thousands of cases and any seed) uses the same code with
// SUPERIONIC_FUZZ_CASES / SUPERIONIC_FUZZ_SEED.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runFuzz } from './runFuzz';

const CASES = Number(process.env.SUPERIONIC_FUZZ_CASES ?? 240);
const SEED = Number(process.env.SUPERIONIC_FUZZ_SEED ?? 12);
const ONLY = process.env.SUPERIONIC_FUZZ_ONLY ? process.env.SUPERIONIC_FUZZ_ONLY.split(',') : undefined;

describe(`CLI fuzz (seed ${SEED}, ${CASES} cases)`, () => {
  it(
    'every case is a clean error or a finite plausible result; none crashes, hangs or outgrows the watchdog',
    async () => {
      const report = await runFuzz({
        seed: SEED,
        cases: CASES,
        only: ONLY,
        onProgress:
          CASES > 240
            ? (d, n) => {
                if (d % 50 === 0) console.log(`fuzz: ${d}/${n} (${new Date().toISOString().slice(11, 19)})`);
              }
            : undefined,
      });
      if (process.env.SUPERIONIC_FUZZ_REPORT) writeFileSync(process.env.SUPERIONIC_FUZZ_REPORT, JSON.stringify(report, null, 1));
      console.log(
        `CLI fuzz: ${JSON.stringify({ seed: report.seed, only: ONLY, tried: report.tried, ...report.counts, peakRss_MiB: Math.round(report.peakRss_MiB), peakCase: report.peakCase, slowest_ms: Math.round(report.slowest_ms), slowestCase: report.slowestCase })}`,
      );
      expect(report.tried).toBe(CASES);
      expect(report.failures, JSON.stringify(report.failures.slice(0, 10), null, 1)).toEqual([]);
      expect(report.counts.clean + report.counts.accepted).toBe(CASES);
      // Both outcomes occur: the generator is neither all-fatal nor all-harmless.
      expect(report.counts.clean).toBeGreaterThan(CASES / 10);
      expect(report.counts.accepted).toBeGreaterThan(CASES / 20);
    },
    Math.max(240_000, CASES * 10_000),
  ); // a soak on a loaded machine: a few seconds a case, 30 s for a hang
});
