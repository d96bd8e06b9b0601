/** Default progress (src/core/progress.ts): silent without a factory; shown only for runs longer than after_ms; MD runs and frame passes use it when given no onProgress. */
import { afterEach, describe, expect, it } from 'vitest';
import { defaultProgress, setDefaultProgress, type ProgressReporter } from '../../src/core/progress';
import { runMolecularDynamics, buildAlphaAgI, agiForceField } from '../../src/simulate/index';

function recorder() {
  const made: { label: string; total: number | null; updates: number[]; done: string | undefined }[] = [];
  setDefaultProgress((label, total): ProgressReporter => {
    const rec = { label, total, updates: [] as number[], done: undefined as string | undefined };
    made.push(rec);
    return { update: (d) => rec.updates.push(d), done: (note) => { rec.done = note ?? ''; } };
  });
  return made;
}

afterEach(() => { setDefaultProgress(null); });

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
    quick.update(10); quick.done();
    expect(made.length).toBe(1); // a quick call adds no output
  });
  it('an MD run given no onProgress reports through it; one given onProgress does not', async () => {
    const made = recorder();
    const opts = { system: buildAlphaAgI({ supercell: 2, seed: 1 }), forceField: agiForceField(), temperature_K: 600, dt_fs: 5, steps: 400, seed: 1, every: 50, progressInterval_ms: 0 };
    const run = await runMolecularDynamics(opts);
    expect(run.stepsDone).toBe(400);
    // The run may finish under 2 s on a fast machine: then no display at all, which is the point.
    for (const m of made) { expect(m.label).toMatch(/^MD: 400 steps of 5 fs at 600 K/); expect(m.done).toBe('done'); }
    const before = made.length;
    await runMolecularDynamics({ ...opts, onProgress: () => undefined });
    expect(made.length).toBe(before);
  }, 120_000);
});
