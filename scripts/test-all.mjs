// `npm test`: the vitest suite, then the bundled rule pack's own cases through `sigstream test`
// (as a CI of a rule pack would run it), then one closing line counting both.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const report = join(mkdtempSync(join(tmpdir(), 'sigstream-test-')), 'vitest.json');
const vitest = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { stdio: 'inherit' });
let vitestPassed = 0;
let vitestFailed = 0;
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  vitestPassed = results.numPassedTests;
  // A file that fails to load fails no single test: still count the run as failed.
  vitestFailed = results.numFailedTests || (results.success ? 0 : 1);
} catch {
  vitestFailed = 1; // no report: vitest itself failed to run
}
console.log('\nsigstream test rules/ (the bundled pack\'s own test cases):');
const pack = spawnSync('node', ['dist/engine/cli/main.js', 'test', 'rules/'], { encoding: 'utf8' });
process.stdout.write(pack.stdout);
process.stderr.write(pack.stderr);
const line = /^(\d+) passed, (\d+) failed$/m.exec(pack.stdout);
const packPassed = line ? Number(line[1]) : 0;
const packFailed = line ? Number(line[2]) : 1;
console.log(`\nvitest: ${vitestPassed} passed, ${vitestFailed} failed; rule pack: ${packPassed} passed, ${packFailed} failed`);
console.log(`${vitestPassed + packPassed} passed, ${vitestFailed + packFailed} failed`);
process.exit(vitest.status === 0 && pack.status === 0 ? 0 : 1);
