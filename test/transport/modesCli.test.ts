// superionic modes: boolean `measurable` cells, precise exclusion reasons, option checks, numeric threshold.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTransportTable, booleanCell } from '../../src/transport/transportTable';
import { modeDecomposition } from '../../src/transport/modeDecomposition';
import { nernstEinsteinConductivity } from '../../src/transport/nernstEinstein';
import { runCli } from './cliRunner';

const dir = mkdtempSync(path.join(tmpdir(), 'modes-cli-'));
function file(name: string, text: string): string {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
}

// One temperature, all four modes measurable by value (D ≥ 1e-6 ≫ 1e-8); RTVC carries the flag under test.
const table = (flag: string) => `T_K,mode,D_cm2_s,measurable\n600,UC,8e-5,true\n600,RC,2e-5,true\n600,RTC,1e-5,true\n600,RTVC,1e-6,${flag}\n`;

describe('booleanCell', () => {
  it('parses true/false, yes/no, y/n, 1/0, t/f in any case; empty → undefined', () => {
    const t = parseTransportTable('a,b\n1,True\n2,FALSE\n3,no\n4,N\n5,yes\n6,0\n7,1\n8,t\n9,F\n10,\n');
    expect(t.rows.map((_, i) => booleanCell(t, i, 'b'))).toEqual([true, false, false, false, true, false, true, true, false, undefined]);
  });
  it('anything else is an InputError naming the file line and the value', () => {
    const t = parseTransportTable('# c\na,b\n1,true\n2,maybe\n', 'x.csv');
    expect(() => booleanCell(t, 1, 'b', 'x.csv')).toThrow(/x\.csv, line 4: column b: expected true\/false .*got "maybe"/);
    const j = parseTransportTable('[{"a":1,"b":true},{"a":2,"b":"perhaps"}]', 'x.json');
    expect(booleanCell(j, 0, 'b')).toBe(true);
    expect(() => booleanCell(j, 1, 'b', 'x.json')).toThrow(/x\.json: JSON row 2: column b: .*got "perhaps"/);
  });
});

describe('superionic modes', () => {
  it.each(['False', 'FALSE', 'false', 'no', 'n', '0', 'F'])('measurable = %s excludes the run, and the reason says it was flagged', async (flag) => {
    const r = await runCli(['modes', file(`m_${flag}.csv`, table(flag)), '--json']);
    expect(r.code).toBe(0);
    const row = JSON.parse(r.stdout).rows[0];
    expect(row.r_rot).toBeNull();
    expect(row.reason).toBe('RTVC (1.00e-6) flagged measurable = false in the input: r_mode undefined (as Li 2025 for LiBH4)');
    expect(row.reason).not.toMatch(/below/);
  });

  it('measurable = True / yes keeps the run: r_mode from the values', async () => {
    for (const flag of ['True', 'yes', 'Y', '1']) {
      const row = JSON.parse((await runCli(['modes', file(`t_${flag}.csv`, table(flag)), '--json'])).stdout).rows[0];
      // log10 ratios 8/2, 2/1, 1/0.1: Δ = 0.60206, 0.30103, 1; r_rot = 0.60206/1.90309
      expect(row.r_rot).toBeCloseTo(Math.log10(4) / Math.log10(80), 12);
    }
  });

  it('an unknown measurable value is an InputError naming the line and the value', async () => {
    const r = await runCli(['modes', file('bad.csv', table('perhaps')), '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv, line 5: column measurable: expected true\/false .*got "perhaps"/);
  });

  it('reason distinguishes below-threshold from flagged, per mode', () => {
    const [row] = modeDecomposition(
      [
        { T_K: 300, mode: 'UC', value: 1e-6 },
        { T_K: 300, mode: 'RC', value: 5e-9 },
        { T_K: 300, mode: 'RTC', value: 2e-9, measurable: false },
        { T_K: 300, mode: 'RTVC', value: 1e-6, measurable: false },
      ],
      { quantity: 'D_cm2_s' },
    );
    expect(row.reason).toBe(
      'RC (5.00e-9) below the measurable threshold 1.00e-8; RTC (2.00e-9) below the measurable threshold 1.00e-8 and flagged measurable = false in the input; RTVC (1.00e-6) flagged measurable = false in the input: r_mode undefined (as Li 2025 for LiBH4)',
    );
    expect(row.threshold).toBe(1e-8);
  });

  it('threshold is a number with threshold_source; σ with --n-ions/--volume gives per-T thresholds', async () => {
    const d = JSON.parse((await runCli(['modes', file('d.csv', table('true')), '--json'])).stdout);
    expect(d.threshold).toBe(1e-8);
    expect(d.threshold_units).toBe('cm²/s');
    expect(d.threshold_source).toMatch(/Li 2025/);
    const sTable = 'T_K,mode,sigma_mS_cm\n600,UC,8\n600,RC,2\n600,RTC,1\n600,RTVC,0.1\n';
    const g = JSON.parse((await runCli(['modes', file('s.csv', sTable), '--threshold', '0.01', '--json'])).stdout);
    expect(g.threshold).toBe(0.01);
    expect(g.threshold_source).toBe('given (--threshold)');
    const ne = JSON.parse((await runCli(['modes', file('s.csv', sTable), '--n-ions', '48', '--volume', '1500', '--json'])).stdout);
    expect(ne.threshold).toBeNull();
    expect(ne.rows[0].threshold).toBeCloseTo(nernstEinsteinConductivity(1e-8, { nIons: 48, volume_A3: 1500, charge_e: 1, temperature_K: 600 }), 15);
  });

  it('rejects non-positive thresholds and incomplete or conflicting option combinations', async () => {
    const sTable = file('s2.csv', 'T_K,mode,sigma_mS_cm\n600,UC,8\n600,RC,2\n600,RTC,1\n600,RTVC,0.1\n');
    const dTable = file('d2.csv', table('true'));
    const err = async (argv: string[]) => {
      const r = await runCli(['modes', ...argv]);
      expect(r.code).toBe(2);
      return r.stderr;
    };
    expect(await err([sTable, '--threshold', '-1'])).toMatch(
      /--threshold -1 is outside its range: expected \(0, 1000\] mS\/cm \(σ table\) or cm²\/s \(D table\)/,
    );
    expect(await err([sTable, '--threshold', '0'])).toMatch(/--threshold 0 is outside its range/);
    expect(await err([sTable, '--n-ions', '48'])).toMatch(/--n-ions and --volume go together.*got only --n-ions/);
    expect(await err([sTable, '--volume', '1500'])).toMatch(/got only --volume/);
    expect(await err([sTable, '--n-ions', '48', '--volume', '1500', '--threshold', '0.1'])).toMatch(/either --threshold or --n-ions\/--volume/);
    expect(await err([dTable, '--n-ions', '48', '--volume', '1500'])).toMatch(/table holds D_cm2_s/);
    expect(await err([sTable, '--charge', '2'])).toMatch(/--charge is only used with --n-ions and --volume/);
  });
});
