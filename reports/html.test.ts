import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRunCases, countsLine } from '../suites/model/report-cases.js';
import type { RunResult } from '../suites/model/result.js';
import { FakeStream } from './fixtures/fake-stream.js';
import { NASTY, passingRun, sampleRun } from './fixtures/sample-run.js';
import { viewerAssets } from './html/assets.js';
import { assertInlineable, escapeHtml, scriptSafeJson } from './html/embed.js';
import type { PageFacts } from './html/page-facts.js';
import { FACTS_DATA_ID, HtmlReporter, renderHtml, RUN_DATA_ID } from './html.js';
import { renderJson } from './json.js';

/** A body that tries every way out of a script element, and the line separators. */
const BREAKOUT = `</script><script>alert("x")</script> </SCRIPT > <!-- <script> \u2028 \u2029 ${NASTY}`;

/** The sample run with the breakout text in a response body, a check message and a title. */
function hostileRun(): RunResult {
  const run = sampleRun();
  const scenario = run.suites[0]!.scenarios[1]!;
  scenario.exchanges[0]!.response!.body = BREAKOUT;
  scenario.steps[0]!.checks[0]!.message = BREAKOUT;
  scenario.title = BREAKOUT;
  return run;
}

/**
 * The text of a `<script type="application/json" id=…>` element, found the way an HTML parser
 * finds its end: at the first `</script` whatever the case.
 */
function dataBlock(html: string, id: string): string {
  const open = `<script type="application/json" id="${id}">`;
  const start = html.indexOf(open);
  expect(start).toBeGreaterThan(0);
  const from = start + open.length;
  const end = html.slice(from).search(/<\/script/i);
  return html.slice(from, from + end);
}

describe('renderHtml', () => {
  it('embeds the run as the JSON report, which parses back to the run', () => {
    const run = sampleRun();
    const embedded = JSON.parse(dataBlock(renderHtml(run), RUN_DATA_ID)) as unknown;
    expect(embedded).toEqual({ formatVersion: 1, ...run });
    // Control characters, ANSI and the rest of the nasty string survive byte for byte.
    expect(JSON.stringify(embedded)).toContain(JSON.stringify(NASTY).slice(1, -1));
  });

  it('keeps text that looks like markup inside the data block', () => {
    const run = hostileRun();
    const html = renderHtml(run);
    // Exactly three script elements end: the two data blocks and the viewer.
    expect(html.match(/<\/script/gi)).toHaveLength(3);
    expect(html).not.toContain('<!--');
    expect(html).not.toMatch(/[\u2028\u2029]/);
    expect(JSON.parse(dataBlock(html, RUN_DATA_ID))).toEqual({ formatVersion: 1, ...run });
  });

  it('renders a run read back from the JSON report byte for byte the same', () => {
    for (const run of [sampleRun(), hostileRun(), passingRun()]) {
      const readBack = JSON.parse(renderJson(run)) as RunResult;
      expect(renderHtml(readBack)).toBe(renderHtml(run));
    }
  });

  it('loads nothing from anywhere: no external src/href, no imports, a CSP that forbids fetching', () => {
    const html = renderHtml(sampleRun());
    expect(html).not.toMatch(/\b(?:src|href)\s*=/i);
    expect(html).not.toMatch(/@import|url\(\s*['"]?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/\bfetch\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|\bimport\s+[\w{*]/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">`);
    // The only URLs in the page are data (the target's) and the SVG namespace.
    const urls = html.match(/https?:\/\/[^\s"'<>\\]+/g) ?? [];
    expect(urls.filter((url) => !url.startsWith('https://scim.example.test/') && url !== 'http://www.w3.org/2000/svg')).toEqual([]);
  });

  it('shows the counts line the console and JUnit print, in the header and the facts', async () => {
    const run = sampleRun();
    const line = countsLine(countRunCases(run));
    // The console's golden output ends with the same line.
    const console = await readFile(new URL('./fixtures/sample-run.console.txt', import.meta.url), 'utf8');
    expect(console.trimEnd().split('\n').at(-1)).toBe(line);
    const html = renderHtml(run);
    expect(html).toContain(`<p class="counts-line" id="counts-line">${escapeHtml(line)}</p>`);
    expect(html).toContain(`<title>scimsim failed: ${escapeHtml(line)}</title>`);
    const facts = JSON.parse(dataBlock(html, FACTS_DATA_ID)) as PageFacts;
    expect(facts.countsLine).toBe(line);
    expect(facts.scenarios.map((s) => s.categories)).toEqual([['passed'], ['failed'], ['failed'], ['skipped'], ['passed']]);
    expect(facts.statusText).toEqual({ '200': 'OK', '204': 'No Content' });
  });

  it('marks the failures a baseline knows, with the entry id and reason, and lists fixed and expired entries', () => {
    const run = sampleRun();
    const match = (check: string, entryId: string) => ({ scenario: 'core/users-create', check, entryId, reason: 'vendor ticket 123' });
    run.baseline = {
      file: 'conformance-baseline.json',
      known: [
        match('Create the user › expect.status', 'a1b2c3'),
        match('Create the user › expect.body.name.familyName', 'd4e5f6'),
        match('Read it back › expect.body.emails[0]', '0a0b0c'),
        match('rule scim.content-type: Content-Type is application/scim+json', '111111'),
      ],
      fixed: [{ scenario: 'core/discovery', check: 'Read /ServiceProviderConfig › expect.status', entryId: 'ffffff', reason: 'was broken' }],
      expired: [{ scenario: 'core/users-patch', check: 'Deactivate › error', entryId: 'eeeeee', reason: 'old', expires: '2020-01-01' }],
    };
    const html = renderHtml(run);
    const facts = JSON.parse(dataBlock(html, FACTS_DATA_ID)) as PageFacts;
    expect(facts.countsLine).toBe(countsLine(countRunCases(run)));
    expect(facts.countsLine).toMatch(/4 known failures \(baseline\)$/);
    const created = facts.scenarios[1]!;
    expect(created.onlyKnown).toBe(true);
    expect(created.categories).toEqual(['known']);
    expect(created.known.map((k) => [k.ref, k.entryId])).toEqual([
      ['steps:0:0', 'a1b2c3'],
      ['steps:0:1', 'd4e5f6'],
      ['steps:1:1', '0a0b0c'],
      ['rules:0', '111111'],
    ]);
    expect(created.known[0]!.reason).toBe('vendor ticket 123');
    const embedded = JSON.parse(dataBlock(html, RUN_DATA_ID)) as RunResult;
    expect(embedded.baseline?.fixed[0]?.entryId).toBe('ffffff');
    expect(embedded.baseline?.expired[0]?.expires).toBe('2020-01-01');
  });

  it('lists the IdPs the run used', () => {
    const run = sampleRun();
    run.suites[1]!.scenarios[1]!.idp = { kind: 'entra', adminView: { cycles: [] }, assumptions: [{ setting: 'accept', value: 'application/json', note: 'undocumented' }] };
    const facts = JSON.parse(dataBlock(renderHtml(run), FACTS_DATA_ID)) as PageFacts;
    expect(facts.idps).toEqual(['entra']);
    expect(facts.assumptions).toEqual([{ setting: 'accept', value: 'application/json', note: 'undocumented' }]);
  });
});

describe('scriptSafeJson', () => {
  it('escapes what would end or confuse a script element, losslessly', () => {
    const value = { a: '</script>', b: '<!--', c: '\u2028\u2029', d: '</SCRIPT' };
    const text = scriptSafeJson(value);
    expect(text).not.toMatch(/<\/|<!--|[\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('viewer assets', () => {
  it('are inlineable and cached', () => {
    const first = viewerAssets();
    expect(viewerAssets()).toBe(first);
    expect(first.script).toMatch(/^\(function \(\) \{\n'use strict';/);
    expect(first.script).toContain('function startViewer()');
    expect(first.css).toContain('.scenario');
    expect(() => assertInlineable('x.js', 'const a = "</script>";', 'script')).toThrow(/x\.js contains/);
    expect(() => assertInlineable('x.css', '/* </style> */', 'style')).toThrow(/x\.css contains/);
  });
});

describe('HtmlReporter', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scimsim-html-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the page once the run ends', async () => {
    const path = join(dir, 'out', 'report.html');
    const reporter = new HtmlReporter({ path });
    expect(reporter.printsToStdio()).toBe(false);
    await reporter.onRunEnd(sampleRun());
    expect(await readFile(path, 'utf8')).toBe(renderHtml(sampleRun()));
  });

  it('goes to the stream without a path', async () => {
    const stream = new FakeStream();
    const reporter = new HtmlReporter({ stream });
    expect(reporter.printsToStdio()).toBe(true);
    await reporter.onRunEnd(sampleRun());
    expect(stream.text).toBe(renderHtml(sampleRun()));
  });
});
