import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleRun } from '../../reports/fixtures/sample-run.js';
import { renderHtml } from '../../reports/html.js';
import { REDACTED } from '../../simulator/scim/redact.js';
import { startReferenceServer, type RunningReferenceServer } from '../../simulator/target/reference/server.js';
import type { RunResult, ScenarioResult } from '../../suites/model/result.js';
import { startBreakingProxy, type BreakingProxy } from './breaking-proxy.js';
import { PROJECT_ROOT, runCli } from './run-cli.js';

/**
 * The HTML report in a real headless Chromium, opened from file:// as a CI artifact would be:
 * a core run against a server that answers creates with 200 instead of 201, and an Entra run.
 */
const CHROMIUM = '/usr/bin/chromium';
const TOKEN = 'html-report-token-5e1d77c2b9';
const ARTIFACTS = join(PROJECT_ROOT, 'test-artifacts');
// Outside CI a machine without Chromium skips with this reason; in CI the browser must be there.
const skipReason = !existsSync(CHROMIUM) && !process.env['CI'] ? `${CHROMIUM} is missing (install chromium; CI always runs this test)` : undefined;

let upstream: RunningReferenceServer;
let proxy: BreakingProxy;
let browser: Browser;
let out: string;
const reports = {} as Record<'core' | 'entra', { run: RunResult; url: string; html: string }>;

async function report(name: 'core' | 'entra', args: string[], env?: Record<string, string>): Promise<void> {
  const json = join(out, `${name}.json`);
  const cli = await runCli(['run', ...args, '--reporter', `json=${json}`], { env, timeoutMs: 60_000 });
  expect(cli.stderr).not.toMatch(/internal error/);
  const run = JSON.parse(await readFile(json, 'utf8')) as RunResult;
  const html = renderHtml(run);
  const file = join(out, `${name}.html`);
  await writeFile(file, html);
  reports[name] = { run, url: pathToFileURL(file).href, html };
}

/** Opens a report; records every request the page makes and how long the viewer took to be ready. */
async function open(url: string): Promise<{ page: Page; requests: string[]; readyMs: number }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 10_000 });
  expect(errors).toEqual([]);
  const readyMs = await page.evaluate(() => performance.getEntriesByName('scimsim-ready')[0]!.startTime);
  return { page, requests, readyMs };
}

const visibleIds = (page: Page) => page.$$eval('section.scenario:not([hidden])', (rows) => rows.map((row) => row.getAttribute('data-scenario-id')));
const allScenarios = (run: RunResult) => run.suites.flatMap((suite) => suite.scenarios);

describe.skipIf(skipReason !== undefined)(skipReason ? `HTML report in Chromium: skipped, ${skipReason}` : 'HTML report in Chromium', () => {
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'scimsim-html-'));
    await mkdir(ARTIFACTS, { recursive: true });
    upstream = await startReferenceServer({ port: 0, tokens: [TOKEN] });
    proxy = await startBreakingProxy(upstream.url, async (req, upstreamResponse) => {
      if (req.method !== 'POST' || !/\/(Users|Groups)$/.test(req.url.split('?')[0]!)) return 'pass';
      const res = await upstreamResponse();
      return res.status === 201 ? { ...res, status: 200 } : res;
    });
    // Both CLI runs at once: each spends most of its time starting up.
    await Promise.all([
      report('core', ['--suite', 'core', '--target', proxy.url], { SCIM_TOKEN: TOKEN }),
      report('entra', ['--suite', 'entra']),
      chromium
        .launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] })
        .then((b) => (browser = b)),
    ]);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await upstream?.close();
  });

  it('filters to failures, searches, and follows a failed check to the exchange it judged', async () => {
    const { run, url, html } = reports.core;
    const failing = allScenarios(run).filter((s) => s.status === 'failed' || s.status === 'errored');
    expect(failing.length).toBeGreaterThan(0);
    const { page, requests, readyMs } = await open(url);

    await page.click('button[data-action="failures"]');
    expect(new Set(await visibleIds(page))).toEqual(new Set(failing.map((s) => s.id)));
    expect(await page.$$eval('section.scenario:not([hidden])', (rows) => rows.map((r) => r.getAttribute('data-status')))).not.toContain('passed');
    expect(new URL(page.url()).hash).toContain('status=failed');

    // A created user answered 200: the scenario that creates users has a failing expect.status.
    const target = failing.find((s) => s.steps.some((step) => step.checks.some((c) => c.id === 'expect.status' && c.status === 'failed' && exchangeOf(s, c.exchangeIds[0])?.request.method === 'POST')));
    expect(target, 'a scenario whose POST got 200').toBeDefined();
    const scenario = target!;

    await page.fill('input[data-filter="q"]', 'no-such-thing-anywhere');
    await expect.poll(() => visibleIds(page)).toEqual([]);
    expect(await page.isVisible('p.empty')).toBe(true);
    await page.fill('input[data-filter="q"]', scenario.id);
    await expect.poll(() => visibleIds(page)).toEqual([scenario.id]);

    const row = page.locator(`section.scenario[data-scenario-id="${scenario.id}"]`);
    await row.locator('button.scenario-toggle').click();
    await expect.poll(() => row.locator('button.scenario-toggle').getAttribute('aria-expanded')).toBe('true');
    // The failing step opens by itself; its failed status check links to the POST it judged.
    const check = row.locator('details.step[open] .check-failed[data-check-id="expect.status"]').first();
    await check.waitFor();
    expect(await check.locator('.message').textContent()).toMatch(/201/);
    const link = check.locator('button.exchange-link').first();
    const exchangeId = (await link.getAttribute('data-exchange-link'))!;
    await link.click();
    const exchange = row.locator(`details.exchange[open][data-exchange-id="${exchangeId}"]`).first();
    await exchange.waitFor();
    expect(await exchange.isVisible()).toBe(true);
    const summary = (await exchange.locator('summary').textContent()) ?? '';
    expect(summary).toMatch(/^POST .*\/Users → 200 OK/);
    const body = (await exchange.locator('.details-body').textContent()) ?? '';
    // The bearer token arrives redacted in the results and is shown that way.
    expect(body).toContain(`Bearer ${REDACTED}`);
    // Scrolled into view: its top on screen.
    const top = await exchange.evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(-1);
    expect(top).toBeLessThan(900);

    // A link reopens the same view: filters, search and the open scenario come from the hash.
    const again = await open(page.url());
    expect(await again.page.inputValue('input[data-filter="q"]')).toBe(scenario.id);
    expect(await visibleIds(again.page)).toEqual([scenario.id]);
    expect(await again.page.isChecked('input[data-filter-status="passed"]')).toBe(false);
    expect(await again.page.getAttribute(`section.scenario[data-scenario-id="${scenario.id}"] button.scenario-toggle`, 'aria-expanded')).toBe('true');
    await again.page.close();

    // Nothing but the file itself was loaded, and the token is nowhere in the page.
    expect(requests.every((r) => r === url)).toBe(true);
    expect(html).not.toContain(TOKEN);
    expect(await page.content()).not.toContain(TOKEN);
    await page.screenshot({ path: join(ARTIFACTS, 'html-report.png'), fullPage: false });
    console.log(`core report: ${(html.length / 1e6).toFixed(2)} MB, viewer ready ${Math.round(readyMs)} ms after navigation`);
    await page.close();
  });

  it('draws the Entra provisioning cycles on the virtual clock', async () => {
    const { run, url, html } = reports.entra;
    const entra = allScenarios(run).filter((s) => s.idp?.kind === 'entra');
    const cyclesOf = (s: ScenarioResult) => (s.idp!.adminView['cycles'] as Array<{ number: number; requests: number; failed: number }>);
    // The busiest scenario whose cycles all did work: one marker per cycle, no idle band.
    const busy = entra.filter((s) => cyclesOf(s).length > 0 && cyclesOf(s).every((c) => c.requests > 0)).sort((a, b) => cyclesOf(b).length - cyclesOf(a).length)[0]!;
    // A simulated month of idle 40-minute cycles drawn as one band.
    const idle = entra.find((s) => cyclesOf(s).length > 1000)!;
    expect(busy).toBeDefined();
    expect(idle).toBeDefined();
    const { page, requests, readyMs } = await open(url);

    await page.click(`section.scenario[data-scenario-id="${busy.id}"] button.scenario-toggle`);
    const timeline = page.locator(`section.scenario[data-scenario-id="${busy.id}"] section.timeline`);
    await timeline.locator('svg.timeline-svg').waitFor();
    expect(await timeline.locator('g.cycle').count()).toBe(cyclesOf(busy).length);
    expect(await timeline.locator('tr.cycle-row').count()).toBe(cyclesOf(busy).length);
    expect(await timeline.locator('g.exchange-mark').count()).toBeGreaterThan(0);
    // Selecting a cycle highlights its row in the table.
    const last = cyclesOf(busy).at(-1)!;
    await timeline.locator(`g.cycle[data-cycle="${last.number}"]`).click();
    await expect.poll(() => timeline.locator(`tr[data-cycle-row="${last.number}"]`).getAttribute('class')).toMatch(/flash/);
    await timeline.screenshot({ path: join(ARTIFACTS, 'html-report-entra-timeline.png') });

    await page.click(`section.scenario[data-scenario-id="${idle.id}"] button.scenario-toggle`);
    const band = page.locator(`section.scenario[data-scenario-id="${idle.id}"] g.idle-run`).first();
    await band.waitFor();
    expect(await band.getAttribute('aria-label')).toMatch(/^\d{3,} idle cycles/);
    const drawn = await page.locator(`section.scenario[data-scenario-id="${idle.id}"] g.cycle`).count();
    expect(drawn).toBeLessThan(50);

    expect(requests.every((r) => r === url)).toBe(true);
    console.log(`entra report: ${(html.length / 1e6).toFixed(2)} MB, viewer ready ${Math.round(readyMs)} ms after navigation`);
    await page.close();
  });

  it('shows markup in a response as text and a baselined failure as known', async () => {
    const run = sampleRun();
    const created = run.suites[0]!.scenarios[1]!;
    const breakout = '</script><script>document.title = "pwned"</script><!-- <img src=x onerror="document.title = \'pwned\'">';
    created.exchanges[0]!.response!.body = breakout;
    run.baseline = {
      file: 'conformance-baseline.json',
      known: [{ scenario: created.id, check: 'Create the user › expect.status', entryId: 'a1b2c3', reason: 'vendor ticket 123' }],
      fixed: [],
      expired: [],
    };
    const file = join(out, 'hostile.html');
    await writeFile(file, renderHtml(run));
    const { page, requests } = await open(pathToFileURL(file).href);
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await page.click(`section.scenario[data-scenario-id="${created.id}"] button.scenario-toggle`);
    const check = page.locator(`section.scenario[data-scenario-id="${created.id}"] .check-failed[data-check-id="expect.status"]`).first();
    expect(await check.locator('.status-known').textContent()).toContain('known a1b2c3');
    expect(await check.locator('.known-reason').textContent()).toContain('vendor ticket 123');
    await check.locator('button.exchange-link').click();
    const body = page.locator(`details.exchange[open][data-exchange-id="${created.exchanges[0]!.id}"] pre.body`).last();
    expect(await body.textContent()).toBe(breakout);
    expect(await page.title()).not.toContain('pwned');
    expect(await page.locator('script').count()).toBe(3);
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toBe(0);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.close();
  });
});

function exchangeOf(scenario: ScenarioResult, id: string | undefined) {
  return scenario.exchanges.find((e) => e.id === id);
}
