/**
 * Our parse, printed in Sysmon's dump format, against what the real Sysmon for Linux binary
 * printed after loading the same 23 configs (SysmonForLinux test/rulestest baselines).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpSysmonConfig, parseSysmonConfig } from '../../engine/index.js';
import { SHARED_DIR, sharedPath } from './shared.js';

/** Event types the public (Linux) manifest lacks: the Linux binary ignores their elements. */
const WINDOWS_ONLY_TAGS = new Set(['FileBlockExecutable', 'FileBlockShredding', 'FileExecutableDetected']);

describe.skipIf(!SHARED_DIR)('config dump matches the Sysmon for Linux rulestest baselines', () => {
  const dir = sharedPath('sysmon', 'configs', 'sysmonforlinux-rulestest');
  const names = SHARED_DIR ? readdirSync(path.join(dir, 'configs')).filter((n) => n.endsWith('.xml')) : [];

  it.each(names)('%s', (name) => {
    const { config, diagnostics } = parseSysmonConfig(readFileSync(path.join(dir, 'configs', name), 'utf8'), name);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const linux = { ...config!, blocks: config!.blocks.filter((b) => !WINDOWS_ONLY_TAGS.has(b.tag)) };
    const expected = readFileSync(path.join(dir, 'baseline', name.replace(/\.xml$/, '.rules')), 'utf8');
    expect(dumpSysmonConfig(linux).split('\n')).toEqual(expected.trimEnd().split('\n'));
  });
});
