/** The registry of subcommands: one line per command, each implemented in its own module. */
import type { CliCommand } from './command.js';
import { attackCommand } from './attack.js';
import { explainCommand } from './explain.js';
import { lintCommand } from './lint.js';
import { normalizeCommand } from './normalize.js';
import { reportCommand } from './report-page.js';
import { publishCommand } from './publish.js';
import { runCommand } from './run.js';
import { searchCommand } from './search.js';
import { statsCommand } from './stats.js';
import { treeCommand } from './tree.js';
import { storeCommand } from './store.js';
import { sysmonConfigCommand } from './sysmon-config.js';
import { testCommand } from './test.js';

export const commands: Record<string, CliCommand> = {
  run: runCommand,
  lint: lintCommand,
  normalize: normalizeCommand,
  attack: attackCommand,
  'sysmon-config': sysmonConfigCommand,
  test: testCommand,
  explain: explainCommand,
  search: searchCommand,
  stats: statsCommand,
  tree: treeCommand,
  report: reportCommand,
  publish: publishCommand,
  store: storeCommand,
};
