/** Where the shared reference data lives (../shared beside the repository), or undefined when absent. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = path.resolve(repoRoot, '../shared');

export const SHARED_DIR: string | undefined = existsSync(path.join(shared, 'sysmon')) ? shared : undefined;

export function sharedPath(...parts: string[]): string {
  return path.join(shared, ...parts);
}

if (!SHARED_DIR) console.log(`sysmon-config tests: ${shared}/sysmon not found; tests that need the shared reference data are skipped`);

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
