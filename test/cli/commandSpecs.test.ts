/**
 * Declarative commands (src/cli/command.ts, static registry src/cli/registry.ts): each command's
 * declaration and its hand-written synopsis name the same options, every option the command reads
 * is declared with a kind its getter matches, the help and the range checks are derived from the
 * declaration, and `--json-schema` prints the schema of the --json output.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Args } from '../../src/cli/args';
import { GLOBAL_OPTIONS, booleanFlags, knownOptions } from '../../src/cli/command';
import { READER_OPTION_NAMES } from '../../src/cli/readerOptions';
import { COMMANDS, COMMAND_MODULES } from '../../src/cli/registry';
import { runMain } from './runMain';
import { validate } from './validateJson';

const commandsDir = path.join(__dirname, '../../src/cli/commands');
const GETTER_KIND: Record<string, string> = {
  flag: 'flag',
  number: 'number',
  requireNumber: 'number',
  range: 'range',
  list: 'list',
  string: 'string',
  requireString: 'string',
};

describe('the registry', () => {
  it('lists every command module, in help order, each with its own declaration', () => {
    const files = readFileSync(path.join(__dirname, '../../src/cli/registry.ts'), 'utf8');
    expect(files).not.toMatch(/require\(|__dirname/);
    for (const name of COMMANDS) {
      const m = COMMAND_MODULES[name];
      expect(m.spec?.name).toBe(name);
      expect(m.summary).toBe(m.spec!.summary);
      expect(m.usage).toBe(m.spec!.usage);
      expect(m.usage.startsWith(`usage: superionic ${name} `)).toBe(true);
    }
  });
});

describe('each declaration matches its synopsis and what the command reads', () => {
  for (const name of COMMANDS) {
    it(name, () => {
      const spec = COMMAND_MODULES[name].spec!;
      const inSynopsis = Args.optionsInUsage(`${spec.synopsis}\n${spec.notes}`);
      const declared = new Set(Object.keys(spec.options));
      const implied = new Set([...Object.keys(GLOBAL_OPTIONS), ...(spec.readsTrajectory ? READER_OPTION_NAMES : [])]);
      expect([...inSynopsis].filter((o) => !declared.has(o) && !implied.has(o))).toEqual([]);
      expect([...declared].filter((o) => !inSynopsis.has(o))).toEqual([]);
      // Getters in the command's own file: the option is declared (or implied) with a matching kind.
      const src = readFileSync(path.join(commandsDir, `${name}.ts`), 'utf8');
      for (const m of src.matchAll(/args\.(flag|string|requireString|list|number|requireNumber|range)\('([a-z0-9-]+)'/g)) {
        const [, getter, option] = m;
        if (implied.has(option)) continue;
        expect(declared.has(option), `--${option} read by ${name} but not declared`).toBe(true);
        const kind = spec.options[option].kind;
        // A flag may also be read as a string (--drift=false), a list as its raw text (for a message).
        if (kind !== 'flag' && !(kind === 'list' && getter === 'string')) expect(`${option}: ${kind}`).toBe(`${option}: ${GETTER_KIND[getter]}`);
      }
      for (const o of Object.values(spec.options)) if (o.range) expect(o.kind === 'number' || (o.kind === 'list' && o.items === 'number')).toBe(true);
    });
  }
});

describe('derived from the declaration', () => {
  it('--help: synopsis, notes, each option with its kind, unit and range; reader options for trajectory commands', async () => {
    const h = await runMain(['rdf', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/^usage: superionic rdf FILE --pair A-B/);
    expect(h.stdout).toMatch(/\n {4}--bins +integer, \[1, 10000\] bins\n/);
    expect(h.stdout).toMatch(/\n {4}--rmax +number, \[0\.1, 20\] Å\n/);
    expect(h.stdout).toMatch(/reader options: \[--format/);
    const md = await runMain(['md', '--help']);
    expect(md.stdout).toMatch(/\n {4}--thermostat +string, nh\|langevin\|none\n/);
    expect(md.stdout).not.toMatch(/reader options/);
  });

  it('known options and boolean flags', () => {
    const vdos = COMMAND_MODULES.vdos.spec!;
    expect(knownOptions(vdos).has('md-dt')).toBe(true);
    expect(knownOptions(COMMAND_MODULES.md.spec!).has('md-dt')).toBe(false);
    expect(booleanFlags(COMMAND_MODULES.neb.spec!)).toEqual(expect.arrayContaining(['json', 'help', 'relax-ends']));
    expect(booleanFlags(COMMAND_MODULES.msd.spec!)).toContain('drift');
    expect(booleanFlags(COMMAND_MODULES.msd.spec!)).not.toContain('species');
  });

  it("a declared option without a range is not checked against another command's range of the same name (vdos --window hann)", async () => {
    const r = await runMain(['vdos', 'missing.extxyz', '--species', 'Li', '--window', 'hann']);
    expect(r.stderr).not.toMatch(/--window expects a number/);
    const rot = await runMain(['rotation', 'missing.extxyz', '--anion', 'PS4', '--window', '1e6']);
    expect(rot.stderr).toMatch(/--window 1e6 is outside its range: expected \[1, 89\.9\] °/);
  });

  it('--json-schema prints a JSON schema of the --json output', async () => {
    for (const name of COMMANDS) {
      const r = await runMain([name, '--json-schema']);
      expect(r.code).toBe(0);
      const schema = JSON.parse(r.stdout);
      expect(schema.title).toBe(`superionic ${name} --json`);
      expect(schema.type).toBe('object');
    }
  });
});

describe('--json output follows the declared schema (two different files each)', () => {
  const X = path.resolve(__dirname, '../../data/Li6PS5Cl_50pct_500K_XDATCAR.gz');
  const L = path.resolve(__dirname, '../../data/Li10GeP2S12_600K_AIMD.extxyz.gz');
  const N = path.resolve(__dirname, '../../data/Na3PS4_cubic_800K_AIMD.extxyz.gz');
  // Arrhenius tables: D = 10⁻³ exp(−0.25 eV / k_B T) cm²/s at 4 temperatures (± 2 %, with standard errors), and
  // σT with E_a 0.45 eV below and 0.15 eV above 560 K at 8 temperatures (JSON rows; a significant T_c).
  const kB = 8.617333262e-5;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'superionic-json-schema-'));
  const A = path.join(scratch, 'D.csv'),
    S = path.join(scratch, 'sigma.json');
  const Ts = [400, 450, 500, 550, 600, 650, 700, 750];
  const D = Ts.slice(0, 4).map((T, i) => 1e-3 * Math.exp(-0.25 / (kB * T)) * (1 + 0.02 * ((i % 3) - 1)));
  writeFileSync(
    A,
    'T_K,D_cm2_s,D_stderr_cm2_s\n' +
      Ts.slice(0, 4)
        .map((T, i) => `${T},${D[i]},${0.05 * D[i]}\n`)
        .join(''),
  );
  const sigma = Ts.map(
    (T, i) => (1e5 / T) * Math.exp(-0.45 / (kB * 560) - ((T < 560 ? 0.45 : 0.15) / kB) * (1 / T - 1 / 560)) * (1 + 0.01 * ((i % 3) - 1)),
  );
  writeFileSync(S, JSON.stringify(Ts.map((T, i) => ({ T_K: T, sigma_mS_cm: sigma[i] }))));
  // Mode scratch (Li 2025 layout): σ at 500 and 600 K with each constraint slowing transport (600 K's RTVC flagged not
  // measurable), and D at 400 K (RTVC below the 1e-8 cm²/s threshold) and 500 K.
  const M = path.join(scratch, 'modes_sigma.csv'),
    MD = path.join(scratch, 'modes_D.json');
  const modeRows = (T: number, v: number[]) => ['UC', 'RC', 'RTC', 'RTVC'].map((m, i) => ({ T_K: T, mode: m, v: v[i] }));
  writeFileSync(
    M,
    'T_K,mode,sigma_mS_cm,measurable\n' +
      [...modeRows(500, [10, 2, 0.5, 0.2]), ...modeRows(600, [20, 5, 1, 0.3])]
        .map((r, i) => `${r.T_K},${r.mode},${r.v},${i === 7 ? 'False' : 'True'}\n`)
        .join(''),
  );
  writeFileSync(
    MD,
    JSON.stringify(
      [...modeRows(400, [1e-6, 2e-7, 5e-8, 5e-9]), ...modeRows(500, [4e-6, 1e-6, 3e-7, 1e-7])].map(({ v, ...r }) => ({ ...r, D_cm2_s: v })),
    ),
  );
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const runs: string[][] = [
    ['info', X, '--dt', '10'],
    ['info', L],
    ['msd', X, '--species', 'Li', '--dt', '10'],
    ['msd', N, '--species', 'Na', '--temperature', '800', '--drift'],
    ['rdf', X, '--pair', 'Li-S'],
    ['rdf', N, '--pair', 'Na-PS4', '--temperature', '800'],
    ['coordination', X, '--center', 'P', '--neighbor', 'S'],
    ['coordination', N, '--center', 'PS4', '--neighbor', 'Na'],
    ['angles', X, '--anion', 'PS4', '--cation', 'Li', '--shells', '0:3.3,3.3:4.6', '--lattice', 'fcc'],
    ['angles', N, '--anion', 'PS4', '--cation', 'Na'],
    ['volume', L],
    ['volume', X, '--temperature', '500'],
    ['vanhove', X, '--species', 'Li', '--dt', '10'],
    ['vanhove', N, '--species', 'Na', '--no-distinct'],
    ['vdos', L, '--species', 'Li'],
    ['vdos', N, '--species', 'Na', '--temperature', '800'],
    ['rotation', N, '--anion', 'PS4'],
    ['rotation', N, '--anion', 'PS4', '--mobile', 'Na', '--host', 'S'],
    ['sites', X, '--mobile', 'Li', '--host', 'S,Cl', '--reference', 'argyrodite'],
    ['sites', N, '--mobile', 'Na', '--host', 'PS4', '--lattice', 'bcc'],
    ['jumps', X, '--mobile', 'Li', '--host', 'S,Cl', '--reference', 'argyrodite', '--dt', '10'],
    ['jumps', N, '--mobile', 'Na', '--host', 'PS4', '--lattice', 'bcc'],
    ['density', X, '--species', 'Li'],
    ['density', N, '--species', 'Na', '--linear', 'c', '--sigma', '0.3'],
    ['analyse', X, '--msd', 'Li', '--dt', '10', '--rdf', 'Li-S'],
    ['analyse', N, '--rdf', 'Na-S'],
    ['analyse', N, '--vdos', 'Na', '--vanhove', 'Na', '--temperature', '800'],
    ['analyse', X, '--msd', 'Li', '--dt', '10', '--vdos', 'Li', '--vanhove', 'S', '--no-distinct'],
    ['paths', N, '--species', 'Na', '--temperature', '800', '--spacing', '0.5'],
    ['paths', X, '--species', 'Li', '--temperature', '500', '--spacing', '0.5', '--sigma', '0.3', '--from', '0,0,0', '--to', '0.5,0.5,0.5'],
    ['transitions', X, '--mobile', 'Li', '--host', 'S,Cl', '--reference', 'argyrodite', '--dt', '10', '--temperature', '500'],
    ['transitions', N, '--mobile', 'Na', '--host', 'PS4', '--lattice', 'bcc'],
    ['arrhenius', A, '--n-ions', '24', '--volume', '1000'],
    ['arrhenius', S, '--at', '350'],
    ['modes', M, '--n-ions', '24', '--volume', '1000'],
    ['modes', MD],
    ['build', 'li3ycl6', '--out', path.join(scratch, 'POSCAR')],
    ['build', 'libh4-ht', '--out', path.join(scratch, 'libh4.extxyz'), '--seed', '3'],
    ['build', '--list'],
    ['md', '--system', 'agi', '--steps', '20'],
    ['md', '--system', 'rotor', '--steps', '5'],
    ['kernel', 'install', '--prefix', path.join(scratch, 'jupyter'), '--name', 'superionic-schema-test'],
  ];
  it('the validator rejects a value matching neither build shape, and a wrong type inside one', () => {
    const build = COMMAND_MODULES.build.spec!.output!;
    expect(validate(build, { materials: [{ name: 'x' }] })).not.toEqual([]);
    expect(validate(build, { atoms: 3 })).not.toEqual([]);
    expect(validate(COMMAND_MODULES.paths.spec!.output!, { path: 1 })).toContain('$.path: number, expected object|null');
  });

  it.each(runs)(
    '%s %s',
    async (...argv) => {
      const r = await runMain([...argv, '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(validate(COMMAND_MODULES[argv[0]].spec!.output!, JSON.parse(r.stdout))).toEqual([]);
    },
    60_000,
  );
});
