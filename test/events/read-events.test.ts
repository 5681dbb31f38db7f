import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatStats } from '../../engine/events/read-stats.js';
import { readEvents } from '../../engine/events/read-events.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SAMPLES = path.join(ROOT, 'samples/inputs');

function fakeStderr(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY, columns: 100 });
  return { stream, text: () => text };
}

async function drain(stream: AsyncIterable<unknown>): Promise<number> {
  let n = 0;
  for await (const _ of stream) n++;
  return n;
}

describe('readEvents', () => {
  it('reads the sample inputs with per-input statistics', async () => {
    const stream = readEvents([SAMPLES], { progress: false });
    await drain(stream);
    const byInput = Object.fromEntries(stream.stats.inputs.map((s) => [path.basename(s.input), [s.format, s.events, s.skipped, s.warnings]]));
    expect(byInput).toEqual({
      'evtx-dump.json': ['evtx-json', 2, 0, 0],
      'sysmon-linux-journal.json': ['syslog-json', 4, 0, 3],
      'sysmon-linux.log': ['syslog', 4, 0, 3],
      'windows-events.xml': ['xml', 2, 0, 0],
      'winlogbeat.ndjson': ['ecs', 2, 0, 0],
    });
    expect([stream.stats.events, stream.stats.truncated, stream.stats.skipped, stream.stats.warnings]).toEqual([14, 2, 0, 6]);
    expect(formatStats(stream.stats)).toMatch(/sysmon-linux\.log \[syslog\]: 4 events \(1 truncated\), 0 skipped, 3 warnings \(repaired-xml 1, salvaged-event 1, no-event 1\)\n/);
    expect(formatStats(stream.stats)).toMatch(/\ntotal: 14 events \(2 truncated\), 0 skipped, 6 warnings from 5 inputs$/);
  });

  it('draws a progress bar only when asked, stderr is a TTY and the inputs are files', async () => {
    const tty = fakeStderr(true);
    const shown = readEvents([SAMPLES], { progress: true, stderr: tty.stream });
    for await (const item of shown) if (item.kind !== 'event') shown.log(`${item.kind}: ${item.diagnostic.code}`);
    expect(tty.text()).toMatch(/events, \d+\/s/);
    // Messages logged while the bar is shown are written, above it.
    expect(tty.text()).toMatch(/warning: salvaged-event\n/);
    const pipe = fakeStderr(false);
    await drain(readEvents([SAMPLES], { progress: true, stderr: pipe.stream }));
    const off = fakeStderr(true);
    await drain(readEvents([SAMPLES], { stderr: off.stream }));
    expect(off.text()).toBe('');
    expect(pipe.text()).toBe('');
    const stdin = fakeStderr(true);
    await drain(readEvents(['-'], { progress: true, stderr: stdin.stream, stdin: Readable.from([Buffer.from('{"EventID": 1}\n')]) }));
    expect(stdin.text()).toBe('');
  });
});
