/** Shared reference data for the sysmon-config tests: ../shared/sysmon and the SigmaHQ corpus. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { sharedDir } from '../helpers/rules.js';

const present = existsSync(path.join(sharedDir, 'sysmon')) && existsSync(path.join(sharedDir, 'sigmahq', 'regression'));

/** The shared folder, or undefined when it is absent (the tests that need it are then skipped). */
export const SHARED_DIR: string | undefined = present ? sharedDir : undefined;

export function sharedPath(...parts: string[]): string {
  return path.join(sharedDir, ...parts);
}

if (!present) console.warn(`SKIPPED sysmon-config reference-data tests: ${sharedDir}/sysmon or sigmahq/regression is absent`);

/** A minimal Sigma process_creation rule on `Image|endswith`, for tests that need real rules. */
export function imageRuleYaml(title: string, id: string, imageEndsWith: string): string {
  return `title: ${title}
id: ${id}
status: test
level: medium
logsource: { product: windows, category: process_creation }
detection:
  selection: { Image|endswith: '${imageEndsWith}' }
  condition: selection
`;
}
