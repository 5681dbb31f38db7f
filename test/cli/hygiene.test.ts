/** CLI hygiene (issue 13 deliverable 6): usage errors are one line and exit 2, never a stack trace. */
import { describe, expect, it } from 'vitest';
import { sigstream } from '../helpers/cli.js';
import { runMain } from '../helpers/cli-io.js';
import { closest } from '../../engine/cli/args.js';
import { readFileSync } from 'node:fs';

describe('usage errors exit 2 with one line', () => {
  it.each([
    ['run: unknown flag with a near name', ['run', '--min-levl', 'high', '-r', 'rules', 'samples/demo.ndjson'], /^sigstream run: unknown option '--min-levl' \(did you mean --min-level\? --help lists the options\)$/],
    ['lint: unknown flag', ['lint', '--bogus', 'rules'], /^sigstream lint: unknown option '--bogus' \(--help lists the options\)$/],
    ['normalize: unknown flag', ['normalize', '--provenanc', 'samples/demo.ndjson'], /did you mean --provenance\?/],
    ['test: unknown flag', ['test', '--junt', 'x.xml', 'rules'], /did you mean --junit\?/],
    ['sysmon-config: unknown flag', ['sysmon-config', 'check', '--confg', 'x.xml'], /did you mean --config\?/],
    ['attack: unknown flag', ['attack', 'coverage', '--rule', 'rules'], /did you mean --rules\?/],
    ['a flag missing its value', ['run', '-r'], /^sigstream run: Option '-r, --rules <value>' argument missing/],
    ['a typo of a command', ['rn', '-r', 'rules'], /^sigstream: unknown command 'rn'; did you mean 'run'\?/],
    ['a missing rules path', ['run', '-r', 'rulez/', 'samples/demo.ndjson'], /sigstream run: no such rules path: rulez\//],
    ['a missing input', ['run', '-r', 'rules', 'no/such/file.ndjson'], /no\/such\/file.ndjson: error: no such file or directory \[no-input\]/],
    ['a bad level', ['run', '-r', 'rules', '--min-level', 'hi'], /--min-level: 'hi' is not a level/],
    ['a bad time', ['run', '-r', 'rules', '--since', 'yesterday'], /--since: 'yesterday' is neither an ISO 8601 time nor a duration/],
  ])('%s', async (_name, args, message) => {
    const r = await runMain(args);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    expect(r.stderr.trim().split('\n').some((line) => message.test(line))).toBe(true);
  });

  it('a missing rules path stops before reading any event', async () => {
    const r = await runMain(['run', '-r', 'rulez/', 'samples/demo.ndjson']);
    expect(r.stderr).not.toMatch(/events read/);
    expect(r.stdout).toBe('');
  });

  it.each([
    [['run', '--min-level', 'high', '-r', 'rules', 'samples/demo.ndjson'], /^sigstream run: unknown option '--min-level'|^sigstream: rules/],
    [['normalize', '--nope', 'samples/demo.ndjson'], /^sigstream normalize: unknown option '--nope' \(--help lists the options\)\n$/],
  ])('the real process: %j exits with no stack trace', (args, stderr) => {
    const r = sigstream(args);
    expect(r.stderr).not.toMatch(/internal error|\n {4}at /);
    expect(r.stderr).toMatch(stderr);
  });
});

describe('--version', () => {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  it.each([['--version'], ['-V']])('%s prints the package version', async (flag) => {
    const r = await runMain([flag]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`sigstream ${version}\n`);
  });
});

describe('-q prints only the final summary', () => {
  it('over several inputs: no per-input lines', async () => {
    const r = await runMain(['run', '-q', '-r', 'rules', 'samples/demo.ndjson', 'samples/benign/baseline.ndjson']);
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^sigstream: rules loaded/);
  });
});

describe('closest (did you mean)', () => {
  it.each([
    ['min-levl', ['min-level', 'level'], 'min-level'],
    ['rn', ['run', 'lint', 'test'], 'run'],
    ['tset', ['run', 'lint', 'test'], 'test'],
    ['xyzzy', ['run', 'lint', 'test'], undefined],
  ])('%s', (typed, names, expected) => expect(closest(typed, names)).toBe(expected));
});
