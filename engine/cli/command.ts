/** The shape every CLI subcommand has. Commands are thin: they parse flags and call the library. */

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
