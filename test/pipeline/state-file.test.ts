/** State files and input positions (issue 11 F9, F10): validation, atomic writes, resume skipping. */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROVENANCE_KEY, type NormalizedEvent } from '../../engine/event.js';
import { InputPositions } from '../../engine/pipeline/input-positions.js';
import { checkStateWritable, readState, saveState } from '../../engine/pipeline/state-file.js';

const dir = mkdtempSync('/tmp/sigstream-statefile-');
const good = { format: 'sigstream-state', version: 2, inputs: [], correlator: { version: 1, maxSeenMs: null, buffer: [], stores: {}, counters: { evictions: 0, late: 0, terminated: 0 } } };
const withCorrelator = (patch: object) => JSON.stringify({ ...good, correlator: { ...good.correlator, ...patch } });

function read(text: string) {
  const file = `${dir}/case-${Math.random().toString(36).slice(2)}.json`;
  writeFileSync(file, text);
  return { file, ...readState(file) };
}

describe('readState (F10)', () => {
  const refused: Array<[string, string, RegExp, string?]> = [
    ['text that is not JSON', '{"format": "sigstream-state", ', /not JSON/],
    ['a JSON syntax error (line and column named)', '{\n  "format": "sigstream-state",\n  "version": 2,,\n}', /not JSON: Expected double-quoted property name/],
    ['an array', '[1,2]', /the state must be object/],
    ['a number', '42', /the state must be object/],
    ['maxSeenMs: 1e300', withCorrelator({ maxSeenMs: 1e300 }), /\/correlator\/maxSeenMs/, '/correlator/maxSeenMs'],
    ['maxSeenMs: a string', withCorrelator({ maxSeenMs: 'soon' }), /\/correlator\/maxSeenMs/],
    ['a negative counter', withCorrelator({ counters: { evictions: -1, late: 0, terminated: 0 } }), /\/correlator\/counters\/evictions must be >= 0/],
    ['an unknown counter', withCorrelator({ counters: { evictions: 0, late: 0, terminated: 0, lost: 1 } }), /\/correlator\/counters must NOT have additional properties/],
    ['a buffer item without hits', withCorrelator({ buffer: [{ timeMs: 5 }] }), /\/correlator\/buffer\/0 must have required property 'hits'/],
    ['a buffered hit that is not a hit', withCorrelator({ buffer: [{ timeMs: 5, hits: [7] }] }), /\/correlator\/buffer\/0\/hits\/0 must be object/],
    ['a store state of the wrong shape', withCorrelator({ stores: { x: { signature: 's', state: [[1, 2]] } } }), /\/correlator\/stores\/x\/state\/0/],
    ['a store without a signature', withCorrelator({ stores: { x: { state: [] } } }), /\/correlator\/stores\/x must have required property 'signature'/],
    ['an input position without events', JSON.stringify({ ...good, inputs: [{ input: 'a' }] }), /\/inputs\/0 must have required property 'events'/],
    ['an input position with a fractional event count', JSON.stringify({ ...good, inputs: [{ input: 'a', events: 1.5 }] }), /\/inputs\/0\/events must be integer/],
    ['an unknown version', JSON.stringify({ ...good, version: 3 }), /\/version must be equal to constant/],
  ];
  for (const [name, text, message, path] of refused) {
    it(`F10: refuses ${name} with a located message`, () => {
      const r = read(text);
      expect(r.state).toBeUndefined();
      expect(r.diagnostics).toHaveLength(1);
      expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'state-schema', where: { file: r.file } });
      expect(r.diagnostics[0].message).toMatch(message);
      if (path) expect(r.diagnostics[0].where.path).toBe(path);
    });
  }

  it('F10: names the line and column of a JSON syntax error', () => {
    const r = read('{\n  "format": "sigstream-state",\n  "version": 2,,\n}');
    expect(r.diagnostics[0].where).toMatchObject({ line: 3, col: 16 });
  });

  it('F10: reads a state of the previous format (a bare correlator snapshot) as one that covers no input', () => {
    const r = read(JSON.stringify(good.correlator));
    expect(r.diagnostics).toEqual([]);
    expect(r.state).toMatchObject({ version: 2, inputs: [], correlator: good.correlator });
  });

  it('F10: a missing file is a fresh start', () => {
    expect(readState(`${dir}/none.json`)).toEqual({ diagnostics: [] });
  });

  it('F10: an unwritable path is found by checkStateWritable, which leaves nothing behind', () => {
    expect(checkStateWritable(`${dir}/no/such/dir/state.json`)).toMatchObject({ code: 'state-unwritable', where: { file: `${dir}/no/such/dir/state.json` } });
    const ok = `${dir}/writable`;
    mkdirSync(ok);
    expect(checkStateWritable(`${ok}/state.json`)).toBeUndefined();
    expect(readdirSync(ok)).toEqual([]);
    if (process.getuid?.() !== 0) {
      chmodSync(ok, 0o500);
      expect(checkStateWritable(`${ok}/state.json`)?.code).toBe('state-unwritable');
    }
  });

  it('F9: saveState writes atomically: the file holds a whole state and no temporary file is left', () => {
    const own = `${dir}/atomic`;
    mkdirSync(own);
    saveState(`${own}/state.json`, undefined, [{ input: 'x.ndjson', events: 3, line: 3 }]);
    expect(readdirSync(own)).toEqual(['state.json']);
    expect(readState(`${own}/state.json`).state).toMatchObject({ inputs: [{ input: 'x.ndjson', events: 3, line: 3 }] });
  });
});

describe('InputPositions (F9)', () => {
  const event = (input: string, line: number): NormalizedEvent => ({ EventID: 1, [PROVENANCE_KEY]: { input, line } });

  function covered(positions: InputPositions, events: NormalizedEvent[]): number[] {
    const lines: number[] = [];
    for (const e of events) {
      if (positions.covers(e)) lines.push((e[PROVENANCE_KEY] as { line: number }).line);
      else positions.advance(e);
    }
    return lines;
  }

  it('records per input the events, the last line and the file identity covered', () => {
    const file = `${dir}/positions.ndjson`;
    writeFileSync(file, 'x\n');
    const positions = new InputPositions();
    for (const e of [event(file, 1), event(file, 2), event('-', 1)]) positions.advance(e);
    expect(positions.list()).toEqual([
      { input: file, identity: { size: 2, mtimeMs: expect.any(Number), ino: expect.any(Number) }, events: 2, line: 2 },
      { input: '-', events: 1, line: 1 },
    ]);
  });

  it('with resume, skips exactly the events the saved position covers, per input', () => {
    const a = `${dir}/a.ndjson`;
    const b = `${dir}/b.ndjson`;
    writeFileSync(a, 'aaaa');
    writeFileSync(b, 'bbbb');
    const first = new InputPositions();
    for (const e of [event(a, 1), event(a, 2), event(b, 1)]) first.advance(e);
    const resumed = new InputPositions(first.list(), true);
    expect(covered(resumed, [event(a, 1), event(a, 2), event(a, 3), event(b, 1), event(b, 2)])).toEqual([1, 2, 1]);
    expect(resumed.skipped).toBe(3);
    expect(resumed.list().map((p) => [p.input, p.events])).toEqual([[a, 3], [b, 2]]);
  });

  it('without resume, saved positions are kept for later runs but nothing is skipped', () => {
    const positions = new InputPositions([{ input: 'gone.ndjson', events: 9 }], false);
    expect(covered(positions, [event('other.ndjson', 1)])).toEqual([]);
    expect(positions.list().map((p) => p.input)).toEqual(['gone.ndjson', 'other.ndjson']);
  });

  const changes: Array<[string, (file: string) => void, RegExp]> = [
    ['grown by appends: resumed', (f) => writeFileSync(f, 'line one\nline two\nline three\n'), /^$/],
    ['shrunk (truncated, rotated)', (f) => writeFileSync(f, 'x\n'), /it shrank from 18 to 2 bytes/],
    ['rewritten with the same size', (f) => (writeFileSync(f, 'LINE ONE\nLINE TWO\n'), utimesSync(f, 1, 1)), /rewritten/],
  ];
  for (const [name, change, warning] of changes) {
    it(`with resume, an input ${name}`, () => {
      const file = `${dir}/changed-${name.replace(/\W+/g, '-')}.ndjson`;
      writeFileSync(file, 'line one\nline two\n');
      const first = new InputPositions();
      first.advance(event(file, 1));
      first.advance(event(file, 2));
      change(file);
      const resumed = new InputPositions(first.list(), true);
      const skipped = covered(resumed, [event(file, 1), event(file, 2)]);
      expect(resumed.diagnostics.map((d) => d.message).join('')).toMatch(warning);
      expect(skipped).toEqual(warning.source === '^$' ? [1, 2] : []);
      if (warning.source !== '^$') expect(resumed.diagnostics[0]).toMatchObject({ code: 'state-input-changed', where: { file } });
    });
  }

  it('never resumes stdin: what a stream sends again is new', () => {
    const resumed = new InputPositions([{ input: '-', events: 5 }], true);
    expect(covered(resumed, [event('-', 1)])).toEqual([]);
  });

  it('a saved state file round-trips the positions', () => {
    const file = `${dir}/roundtrip.json`;
    saveState(file, undefined, [{ input: 'a', events: 2, record: 7 }]);
    expect(JSON.parse(readFileSync(file, 'utf8')).inputs).toEqual([{ input: 'a', events: 2, record: 7 }]);
  });
});
