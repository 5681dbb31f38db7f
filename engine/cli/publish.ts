/** `sigstream publish`: events of any input format onto a NATS JetStream stream, keyed by host. */
import { parseArgs } from 'node:util';
import type { CliCommand, CliIo } from './command.js';
import { inputOptions, inputOptionsUsage, openEventStream, reportInputProblem } from './input-options.js';
import { publishEvents, type NormalizedEvent } from '../index.js';

const usage = `usage: sigstream publish --nats nats://HOST:PORT [options] [input ...]

Reads events (any input format, as 'run' does) and publishes each to JetStream on
SUBJECT.<partition>.h.<host>, the partition being that of the event's Computer (the same function
as the workers'), then a heartbeat and an end mark on every partition (docs/deployment.md).

options:
      --nats URL          the server (nats://HOST:PORT)
      --subject S         the event subject (default sigstream.events)
      --partitions P      number of partitions (default 12; workers must use the same)
      --no-end            no end mark: more input will follow (a heartbeat is still sent)
${inputOptionsUsage}
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      nats: { type: 'string' },
      subject: { type: 'string', default: 'sigstream.events' },
      partitions: { type: 'string', default: '12' },
      'no-end': { type: 'boolean', default: false },
      ...inputOptions,
    },
  });
  const partitions = Number(values.partitions);
  if (!values.nats) {
    io.stderr.write('sigstream publish: --nats is required\n' + usage);
    return 2;
  }
  if (!Number.isInteger(partitions) || partitions < 1) {
    io.stderr.write(`sigstream publish: --partitions: '${values.partitions}' is not a positive integer\n`);
    return 2;
  }
  const stream = openEventStream(positionals, values, io, { stdoutUnused: true });
  async function* events(): AsyncGenerator<NormalizedEvent> {
    for await (const item of stream) {
      if (item.kind === 'event') yield item.event;
      else reportInputProblem(stream, item.diagnostic, values.quiet);
    }
  }
  try {
    const done = await publishEvents(events(), { url: values.nats, subject: values.subject!, partitions, end: !values['no-end'] });
    io.stderr.write(`sigstream: published ${done.published} events (${done.duplicates} dropped as duplicates) to ${values.subject} in ${partitions} partitions; skipped ${stream.stats.skipped}\n`);
  } catch (err) {
    io.stderr.write(`sigstream publish: ${(err as Error).message}\n`);
    return 1;
  }
  if (values.strict && stream.stats.skipped > 0) return 1;
  return 0;
}

export const publishCommand: CliCommand = { summary: 'publish events to NATS JetStream, partitioned by host', usage, run };
