/** The shape every CLI subcommand has. Commands are thin: they parse flags and call the library. */
import { editDistance, UsageError } from './args.js';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

export interface CliCommand {
  /** One line for `sigstream --help`. */
  summary: string;
  /** Full usage text for `sigstream <command> --help`. */
  usage: string;
  /** Returns the process exit code. */
  run(argv: string[], io: CliIo): Promise<number>;
}

/** One subcommand of a command made of several (`store ingest`, `attack layer`). */
export type Subcommand = (argv: string[], io: CliIo) => Promise<number>;

/**
 * A command made of subcommands, chosen by the first argument. A missing or unknown one is a
 * UsageError (one line and exit 2 from main.ts, like a mistyped flag), with a near name suggested.
 */
export function commandOfSubcommands(name: string, summary: string, usage: string, subcommands: Readonly<Record<string, Subcommand>>): CliCommand {
  const names = Object.keys(subcommands);
  return {
    summary,
    usage,
    run(argv, io) {
      const [sub, ...rest] = argv;
      const chosen = sub === undefined || !Object.hasOwn(subcommands, sub) ? undefined : subcommands[sub];
      if (chosen) return chosen(rest, io);
      const near = sub === undefined ? undefined : names.find((n) => editDistance(n, sub) <= 2);
      const message = sub === undefined ? `a subcommand is required: ${names.join(', ')}` : `unknown subcommand '${sub}'${near ? `; did you mean '${near}'?` : ''}`;
      throw new UsageError(message, `sigstream ${name} --help lists the subcommands`);
    },
  };
}
