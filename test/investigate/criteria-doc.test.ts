/** docs/investigate.md prints the one criteria table of the code (issue 15: "the mapping is one table in the code, documented in docs/"). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEARCH_CRITERIA } from '../../engine/index.js';
// @ts-expect-error: a plain .mjs script without types
import { renderCriteriaTable } from '../../scripts/search-criteria-doc.mjs';
import { repoRoot } from '../helpers/rules.js';

describe('docs/investigate.md', () => {
  it('has the current search criteria table (node scripts/search-criteria-doc.mjs after a build rewrites it)', () => {
    const page = readFileSync(resolve(repoRoot, 'docs/investigate.md'), 'utf8');
    expect(page).toContain(renderCriteriaTable(SEARCH_CRITERIA));
  });
});
