/** The registry of subcommands: one line per command, each implemented in its own module. */
import type { CliCommand } from './command.js';
import { attackCommand } from './attack.js';

export const commands: Record<string, CliCommand> = {
  attack: attackCommand,
};
