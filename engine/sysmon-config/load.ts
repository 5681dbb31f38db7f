/** A config file from disk, parsed and, when Sysmon would accept it, compiled. */
import { readFile } from 'node:fs/promises';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { compileSysmonConfig, type CompiledConfig } from './compile.js';
import type { SysmonConfig } from './model.js';
import { parseSysmonConfig } from './parse.js';

export interface LoadedConfig {
  config: SysmonConfig | undefined;
  /** Undefined when the config has errors: Sysmon would refuse to load it. */
  compiled: CompiledConfig | undefined;
  diagnostics: Diagnostic[];
}

/** Sysmon reads UTF-8 and UTF-16LE configs (with or without BOM: a 0 second byte tells). */
function decodeConfig(bytes: Buffer): string {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes.length > 1 && bytes[1] === 0);
  return utf16 ? bytes.toString('utf16le') : bytes.toString('utf8');
}

export async function loadSysmonConfigFile(file: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = decodeConfig(await readFile(file));
  } catch (err) {
    return { config: undefined, compiled: undefined, diagnostics: [diagnostic('error', 'config-read', `cannot read config: ${(err as Error).message}`, { file })] };
  }
  const { config, diagnostics } = parseSysmonConfig(text, file);
  const ok = config !== undefined && !diagnostics.some((d) => d.severity === 'error');
  return { config, compiled: ok ? compileSysmonConfig(config) : undefined, diagnostics };
}
