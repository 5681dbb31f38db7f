/**
 * Per input, how far the processed events reach (state-file.ts `InputPosition`), and on resume which
 * events a restored state already covers. Readers are deterministic, so "the first N events of this
 * input" names the same events in every run; `line`/`record` name the last of them for people.
 */
import { statSync } from 'node:fs';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { provenanceOf, type NormalizedEvent } from '../event.js';
import type { InputIdentity, InputPosition } from './state-file.js';

/** Events that carry no provenance (a library caller's own objects) are counted under this name. */
const UNNAMED = '';

interface Tracked {
  position: InputPosition;
  /** Events at the start of this input that the restored state covers and this run must skip. */
  covered: number;
}

function identityOf(input: string): InputIdentity | undefined {
  if (input === '-' || input === UNNAMED) return undefined;
  try {
    const info = statSync(input);
    return info.isFile() ? { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why `now` is not the file `saved` describes, or undefined when it is (possibly grown by appends).
 * A shrunk file was truncated or rotated; an equal size with another mtime was rewritten.
 */
function changed(saved: InputIdentity | undefined, now: InputIdentity | undefined): string | undefined {
  if (!saved || !now) return saved || now ? 'it is not the same kind of input' : undefined;
  if (saved.ino !== now.ino) return 'it is another file (inode changed)';
  if (now.size < saved.size) return `it shrank from ${saved.size} to ${now.size} bytes`;
  if (now.size === saved.size && now.mtimeMs !== saved.mtimeMs) return 'it was rewritten (same size, other modification time)';
  return undefined;
}

export class InputPositions {
  /** Events skipped because the restored state already covered them. */
  skipped = 0;
  readonly diagnostics: Diagnostic[] = [];
  private readonly inputs = new Map<string, Tracked>();
  private last: { name: string; tracked: Tracked } | undefined;

  /** `saved`: positions of a restored state; `resume`: skip what they cover (else they are only kept). */
  constructor(
    private readonly saved: readonly InputPosition[] = [],
    private readonly resume = false,
  ) {}

  /** True when `event` is covered by the restored state: the caller skips it. Call once per event, in order. */
  covers(event: NormalizedEvent): boolean {
    const tracked = this.track(event);
    if (tracked.covered === 0) return false;
    tracked.covered--;
    this.skipped++;
    return true;
  }

  /** `event` was processed (its hits written): the state now covers it. */
  advance(event: NormalizedEvent): void {
    const position = this.track(event).position;
    position.events++;
    const source = provenanceOf(event);
    if (source?.line !== undefined) position.line = source.line;
    if (source?.record !== undefined) position.record = source.record;
  }

  /** Every position, including saved ones of inputs this run did not read (a later run may). */
  list(): InputPosition[] {
    const seen = [...this.inputs.values()].map((t) => ({ ...t.position }));
    return [...this.saved.filter((p) => !this.inputs.has(p.input)), ...seen];
  }

  private track(event: NormalizedEvent): Tracked {
    const name = provenanceOf(event)?.input ?? UNNAMED;
    if (this.last?.name === name) return this.last.tracked;
    let tracked = this.inputs.get(name);
    if (!tracked) {
      tracked = this.start(name);
      this.inputs.set(name, tracked);
    }
    this.last = { name, tracked };
    return tracked;
  }

  private start(input: string): Tracked {
    const identity = identityOf(input);
    const fresh: Tracked = { position: { input, ...(identity ? { identity } : {}), events: 0 }, covered: 0 };
    const saved = this.saved.find((p) => p.input === input);
    if (!this.resume || !saved || saved.events === 0) return fresh;
    if (input === '-') return fresh; // a stream cannot be read again: what it sends now is new
    const why = changed(saved.identity, identity);
    if (why) {
      this.diagnostics.push(diagnostic('warning', 'state-input-changed', `not resumed: ${why}; read from its start`, { file: input }));
      return fresh;
    }
    // The identity stays the one of the first read: a later resume compares with the file as first covered.
    return { position: { ...saved }, covered: saved.events };
  }
}
