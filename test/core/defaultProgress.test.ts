/** Default progress (src/core/progress.ts): silent without a factory; shown only for runs longer than after_ms; MD runs and frame passes use it when given no onProgress. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultProgress, setDefaultProgress, type ProgressReporter } from '../../src/core/progress';
import { runMolecularDynamics, buildAlphaAgI, agiForceField } from '../../src/simulate/index';

function recorder() {
  const made: { label: string; total: number | null; updates: number[]; done: string | undefined }[] = [];
  setDefaultProgress((label, total): ProgressReporter => {
    const rec = { label, total, updates: [] as number[], done: undefined as string | undefined };
    made.push(rec);
    return {
      update: (d) => rec.updates.push(d),
      done: (note) => {
        rec.done = note ?? '';
      },
    };
  });
  return made;
}

afterEach(() => {
  setDefaultProgress(null);
});

describe('default progress', () => {
  it('is null without a factory (scripts, CLI stay silent)', () => {
    expect(defaultProgress('x', 10)).toBeNull();
  });
  it('creates the display only once the operation has run after_ms', async () => {
    const made = recorder();
    const p = defaultProgress('slow', 100, 30)!;
    p.update(1);
    expect(made.length).toBe(0);
    await new Promise((r) => setTimeout(r, 40));
    p.update(50);
    p.done('ok');
    expect(made).toEqual([{ label: 'slow', total: 100, updates: [50], done: 'ok' }]);
    const quick = defaultProgress('quick', 10, 10_000)!;
    quick.update(10);
    quick.done();
    expect(made.length).toBe(1); // a quick call adds no output
  });
  it('an MD run given no onProgress reports through it; one given onProgress does not', async () => {
    const made = recorder();
    const opts = {
      system: buildAlphaAgI({ supercell: 2, seed: 1 }),
      forceField: agiForceField(),
      temperature_K: 600,
      dt_fs: 5,
      steps: 400,
      seed: 1,
      every: 50,
      progressInterval_ms: 0,
    };
    const run = await runMolecularDynamics(opts);
    expect(run.stepsDone).toBe(400);
    // The run may finish under 2 s on a fast machine: then no display at all, which is the point.
    for (const m of made) {
      expect(m.label).toMatch(/^MD: 400 steps of 5 fs at 600 K/);
      expect(m.done).toBe('done');
    }
    const before = made.length;
    await runMolecularDynamics({ ...opts, onProgress: () => undefined });
    expect(made.length).toBe(before);
  }, 120_000);
  it('a display that throws (a busy kernel output channel) never fails the run: the MD run completes and the display goes quiet', async () => {
    let calls = 0;
    setDefaultProgress((): ProgressReporter => ({
      update: () => {
        calls++;
        throw new Error('Socket is busy writing');
      },
      done: () => {
        throw new Error('Socket is busy writing');
      },
    }));
    const p = defaultProgress('busy', 10, 0)!;
    expect(() => {
      p.update(1);
      p.update(2);
      p.done();
    }).not.toThrow();
    expect(calls).toBe(1); // quiet after the first failure
    setDefaultProgress(() => {
      throw new Error('no output channel');
    });
    const q = defaultProgress('gone', 10, 0)!;
    expect(() => {
      q.update(1);
      q.done();
    }).not.toThrow();
    // An MD run whose default display throws: a clock that advances 1 s per reading makes the display appear at once.
    let made = 0;
    setDefaultProgress((): ProgressReporter => {
      made++;
      return {
        update: () => {
          throw new Error('Socket is busy writing');
        },
        done: () => undefined,
      };
    });
    let now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => (now += 1000));
    try {
      const run = await runMolecularDynamics({
        system: buildAlphaAgI({ supercell: 2, seed: 1 }),
        forceField: agiForceField(),
        temperature_K: 600,
        dt_fs: 5,
        steps: 64,
        seed: 1,
        every: 16,
      });
      expect(run.stepsDone).toBe(64);
    } finally {
      clock.mockRestore();
    }
    expect(made).toBe(1);
  });
});
