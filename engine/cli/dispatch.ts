/** `sigstream <command> ...`: dispatch to the command registry (main.ts runs it as the executable). */
import { existsSync, readFileSync } from 'node:fs';
import { closest, UsageError } from './args.js';
import { commands } from './commands.js';
import type { CliIo } from './command.js';

/** The package version: the nearest package.json above this module (from engine/cli/ or dist/engine/cli/). */
function version(): string {
  for (let dir = new URL('.', import.meta.url); dir.pathname !== '/'; dir = new URL('..', dir)) {
    const file = new URL('package.json', dir);
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
}

function help(io: CliIo): void {
  const lines = ['usage: sigstream <command> [options]', '', 'commands:'];
  for (const [name, command] of Object.entries(commands)) lines.push(`  ${name.padEnd(16)} ${command.summary}`);
  lines.push('', 'sigstream <command> --help shows the options of one command.');
  io.stdout.write(lines.join('\n') + '\n');
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    help(io);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    io.stdout.write(`sigstream ${version()}\n`);
    return 0;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    const near = closest(name, Object.keys(commands));
    io.stderr.write(`sigstream: unknown command '${name}'${near ? `; did you mean '${near}'?` : ''} (sigstream --help lists the commands)\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.usage.trimEnd() + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`sigstream ${name}: ${err.message}${err.hint ? ` (${err.hint})` : ''}\n`);
    return 2;
  }
}
