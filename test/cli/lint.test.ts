/** `sigstream lint`: located diagnostics, JSON report, exit status. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sigstream } from '../helpers/cli.js';

const dir = mkdtempSync('/tmp/sigstream-lint-');
writeFileSync(`${dir}/ok.yml`, 'title: ok\nlogsource: {product: windows, category: process_creation}\ndetection:\n  sel: {Image: x}\n  condition: sel\n');
writeFileSync(`${dir}/bad.yml`, 'title: bad\nlogsource: {product: windows}\ndetection:\n  sel: {Image: x}\n  condition: sel and other\n');

describe('sigstream lint', () => {
  it('exits 0 when every rule loads', () => {
    const r = sigstream(['lint', `${dir}/ok.yml`]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/1 rules loaded .* 0 rejected/);
  });
  it('--json gives loaded and located rejections, exit 1', () => {
    const r = sigstream(['lint', '--json', dir]);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { loaded: number; rejected: Array<{ file: string; line: number; col: number; reason: string }> };
    expect(report.loaded).toBe(1);
    expect(report.rejected).toEqual([{ file: `${dir}/bad.yml`, line: 5, col: 14, reason: "'other' is not a search identifier of this rule" }]);
  });
});
