/**
 * The report in a real browser (issue 15 deliverable 5): Debian's headless Chromium driven by
 * playwright-core (no browser download; npm test installs Debian's chromium-headless-shell through scripts/ensure-apt-tool.sh). The page
 * loads with no console error and no request beyond its own file, shows the hits, draws the graph of
 * a clicked hit with the expected nodes by category, finds events by search, and is photographed.
 * Set SIGSTREAM_UPDATE_SCREENSHOT=1 to refresh docs/report.png from this test.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSearch, searchEvents, type NormalizedEvent } from '../../engine/index.js';
import { reportCommand } from '../../engine/cli/report-page.js';
import { runCli } from '../helpers/cli-io.js';
import { repoRoot } from '../helpers/rules.js';

function findBrowser(): string | undefined {
  for (const name of ['chromium-headless-shell', 'chromium']) {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      // not installed under this name
    }
  }
  return undefined;
}

const executablePath = findBrowser();
if (!executablePath) {
  console.warn('report browser test: no chromium-headless-shell or chromium on PATH (npm test installs chromium-headless-shell through scripts/ensure-apt-tool.sh); the browser checks are skipped');
}
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const dir = mkdtempSync('/tmp/sigstream-report-');

interface Loaded {
  page: Page;
  errors: string[];
  requests: string[];
}

describe('the report in a browser', () => {
  it.runIf(process.env.CI === 'true')('CI has a browser', () => {
    expect(executablePath).toBeDefined();
  });
  if (!executablePath) return;

  let browser: BrowserContext;
  beforeAll(async () => {
    // A persistent context is how playwright takes a --user-data-dir: a fresh, empty profile per run.
    browser = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath, args: FLAGS, viewport: { width: 1400, height: 1000 } });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(file: string): Promise<Loaded> {
    const page = await browser.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${file}`);
    await page.waitForSelector('#hit-count[data-shown]');
    return { page, errors, requests };
  }

  async function build(name: string, input: string): Promise<string> {
    const out = join(dir, `${name}.html`);
    const r = await runCli(reportCommand, ['-r', 'rules', '-o', out, input]);
    expect(r.code, r.stderr).toBe(0);
    return out;
  }

  it('the demo report: 0 console errors, 0 requests beyond the file, 129 hits, search finds what `search` finds, a screenshot', async () => {
    const file = await build('demo', 'samples/demo.ndjson');
    const { page, errors, requests } = await open(file);
    expect(await page.getAttribute('#hit-count', 'data-shown')).toBe('129');
    expect(await page.locator('#hits tbody tr[data-hit]').count()).toBe(129);

    await page.fill('#hit-filter', 'T1105');
    expect(await page.getAttribute('#hit-count', 'data-shown')).toBe('11');
    await page.fill('#hit-filter', '');

    // The page's search and the CLI's search share one criteria table: the same events.
    const events: NormalizedEvent[] = readFileSync(join(repoRoot, 'samples/demo.ndjson'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const { search } = compileSearch({ join: 'all', terms: [{ criterion: 'process', values: ['powershell.exe'] }] });
    let expected = 0;
    for await (const _ of searchEvents(search!, (async function* () { yield* events; })())) expected++;
    await page.selectOption('#search-criterion', 'process');
    await page.fill('#search-value', 'powershell.exe');
    await page.click('#search-go');
    expect(Number(await page.getAttribute('#search-count', 'data-found'))).toBe(expected);
    expect(expected).toBeGreaterThan(0);
    await page.selectOption('#search-criterion', 'text');
    await page.fill('#search-value', 'certutil');
    await page.click('#search-go');
    expect(Number(await page.getAttribute('#search-count', 'data-found'))).toBeGreaterThan(0);

    const office = page.locator('#hits tbody tr[data-hit]', { hasText: 'Office-Spawned Shell Starts a Download Tool' });
    await office.click();
    expect(JSON.parse((await page.getAttribute('#graph-summary', 'data-counts'))!)).toEqual({ process: 3 });
    await page.evaluate(() => window.scrollTo(0, document.getElementById('investigate')!.offsetTop - 10));
    const shot = join(dir, 'report.png');
    await page.screenshot({ path: shot });
    if (process.env.SIGSTREAM_UPDATE_SCREENSHOT === '1') copyFileSync(shot, join(repoRoot, 'docs/report.png'));
    expect(errors).toEqual([]);
    expect(requests).toEqual([`file://${file}`]);
  }, 120_000);

  it('the wget report: clicking the hit draws its process with parent and activity by category; a node click shows its event', async () => {
    const file = await build('wget', 'samples/linux-wget.ndjson');
    const { page, errors, requests } = await open(file);
    expect(await page.getAttribute('#hit-count', 'data-shown')).toBe('2');
    await page.click('#hits tbody tr[data-hit="0"]');
    // bash (parent, known from its child) and wget, wget's exit (EID 5), its connection (3) and its file (11).
    expect(JSON.parse((await page.getAttribute('#graph-summary', 'data-counts'))!)).toEqual({ process: 3, network: 1, file: 1 });
    expect(await page.textContent('#event-view')).toContain('"Image": "/usr/bin/wget"');
    const clicked = await page.evaluate(() => {
      const cy = (window as unknown as { sigstreamReport: { cy: { nodes(s: string): { length: number; emit(e: string): void; data(k: string): string }[] & { length: number; emit(e: string): void; data(k: string): string } } } }).sigstreamReport.cy;
      const node = cy.nodes('[category = "network"]');
      node.emit('tap');
      return node.data('label');
    });
    expect(clicked).toContain('[T1105]');
    expect(await page.textContent('#event-view')).toContain('"DestinationIp": "203.0.113.50"');
    expect(errors).toEqual([]);
    expect(requests).toEqual([`file://${file}`]);
  }, 120_000);
});
