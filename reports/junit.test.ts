import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { countRunCases, scenarioCases } from '../suites/model/report-cases.js';
import type { RunResult } from '../suites/model/result.js';
import { junitSchemaErrors } from './fixtures/junit-schema.js';
import { expectGolden } from './fixtures/golden.js';
import { FakeStream } from './fixtures/fake-stream.js';
import { passingRun, sampleRun } from './fixtures/sample-run.js';
import { className, JunitReporter, renderJunit } from './junit.js';

type Node = Record<string, unknown>;
/** CDATA text; a body split around `]]>` comes back from the parser in pieces. */
const cdataText = (node: unknown): string => {
  const value = (node as Node)['#cdata'];
  return Array.isArray(value) ? value.join('') : String(value);
};
const list = (value: unknown): Node[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]) as Node[];

function parse(xml: string): Node {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`invalid XML: ${JSON.stringify(valid.err)}`);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', cdataPropName: '#cdata', parseAttributeValue: false });
  return parser.parse(xml) as Node;
}

describe('renderJunit', () => {
  const xml = renderJunit(sampleRun());
  const doc = parse(xml);
  const root = doc.testsuites as Node;
  const suites = list(root.testsuite);
  const cases = suites.flatMap((s) => list(s.testcase));

  it('matches the golden file', () => {
    expectGolden(xml, new URL('./fixtures/sample-run.junit.xml', import.meta.url));
  });

  it('is well-formed and carries no ANSI or invalid characters', () => {
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(xml).not.toContain('\u001b');
  });

  it('counts match the cases, at both levels, and the console counts', () => {
    const counts = countRunCases(sampleRun());
    expect(root['@tests']).toBe(String(cases.length));
    expect(root['@tests']).toBe(String(counts.total));
    expect(root['@failures']).toBe(String(cases.filter((c) => c.failure !== undefined).length));
    expect(root['@errors']).toBe(String(cases.filter((c) => c.error !== undefined).length));
    expect(root['@skipped']).toBe(String(cases.filter((c) => c.skipped !== undefined).length));
    expect([root['@failures'], root['@errors'], root['@skipped']]).toEqual(['4', '1', '3']);
    for (const suite of suites) {
      const own = list(suite.testcase);
      expect(suite['@tests']).toBe(String(own.length));
      expect(suite['@failures']).toBe(String(own.filter((c) => c.failure !== undefined).length));
      expect(suite['@errors']).toBe(String(own.filter((c) => c.error !== undefined).length));
      expect(suite['@skipped']).toBe(String(own.filter((c) => c.skipped !== undefined).length));
    }
    expect(root['@name']).toBe('scimsim');
    expect(root['@time']).toBe('1.234');
  });

  it('names suites `<suite> › <title>` with properties, and cases uniquely with classname and file', () => {
    const create = suites.find((s) => s['@name'] === 'core › Create a user, read it back')!;
    expect(create['@file']).toBe('scenarios/core/04-users-create.yaml');
    const props = Object.fromEntries(list((create.properties as Node).property).map((p) => [p['@name'], p['@value']]));
    expect(props).toMatchObject({ seed: '7', 'target.url': 'https://scim.example.test/scim/v2', tags: 'users,okta-spec-test' });
    const names = list(create.testcase).map((c) => c['@name']);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('Create the user › expect.status');
    expect(names).toContain('teardown › Delete the user › expect.status');
    expect(names).toContain('rule scim.content-type: Content-Type is application/scim+json');
    for (const c of list(create.testcase)) {
      expect(c['@classname']).toBe('core.users-create');
      expect(c['@file']).toBe('scenarios/core/04-users-create.yaml');
      expect(c['@line']).toMatch(/^\d+$/);
      expect(c['@time']).toMatch(/^\d+\.\d{3}$/);
    }
  });

  it('puts the full explanation in the failure body (GitLab ignores the message attribute)', () => {
    const status = cases.find((c) => c['@name'] === 'Create the user › expect.status')!;
    const failure = status.failure as Node;
    expect(failure['@message']).toBe('expected 201, got 200');
    expect(failure['@type']).toBe('expect.status');
    const body = cdataText(failure);
    expect(body).toContain('at scenarios/core/04-users-create.yaml:29:7');
    expect(body).toContain('expected 201');
    expect(body).toContain('actual   200');
    expect(body).toContain('POST https://scim.example.test/scim/v2/Users → 200 OK (34 ms)');
    // The `]]>` inside the response body survived the CDATA split intact.
    expect(body).toContain(`Created ]]> & < > " ' \\u0001 red 🚀`);
  });

  it('reports errors, skips and warnings the way CI tools read them', () => {
    const errored = cases.find((c) => c['@name'] === 'Deactivate › error')!;
    expect((errored.error as Node)['@message']).toContain('connect ECONNREFUSED');
    const skipped = suites.find((s) => s['@name'] === 'entra › Create a group')!;
    expect((list(skipped.testcase)[0]!.skipped as Node)['@message']).toBe('the target has no /Groups endpoint');
    const warned = cases.filter((c) => c['system-out'] !== undefined);
    expect(warned).toHaveLength(3);
    for (const c of warned) {
      expect(c.failure).toBeUndefined();
      expect(cdataText(c['system-out'])).toMatch(/^warning: /);
    }
    // At most one system-out per case: the parser would have made an array of two.
    expect(cases.every((c) => !Array.isArray(c['system-out']))).toBe(true);
  });

  it('escapes attribute values', () => {
    const nasty = suites.find((s) => String(s['@name']).startsWith('entra › Names'))!;
    expect(nasty['@name']).toBe(`entra › Names ]]> & < > " '  red 🚀`);
    expect(xml).toContain('name="entra › Names ]]&gt; &amp; &lt; &gt; &quot; &apos;  red 🚀"');
  });
});

describe('renderJunit against a JUnit XSD (Jenkins junit-4, widened for GitHub and GitLab attributes)', () => {
  it('validates, with every verdict kind present', async () => {
    expect(await junitSchemaErrors(renderJunit(sampleRun()))).toEqual([]);
    expect(await junitSchemaErrors(renderJunit(passingRun()))).toEqual([]);
  });

  it('the schema rejects what consumers would reject (a test case without a name)', async () => {
    const broken = renderJunit(sampleRun()).replace(/<testcase classname="[^"]*" name="[^"]*"/, '<testcase classname="x"');
    expect((await junitSchemaErrors(broken)).join('\n')).toMatch(/name.*required|required.*name/i);
  });
});

describe('renderJunit with a baseline', () => {
  /** The sample run with its first failed case covered by a baseline entry. */
  function runWithKnownFailure(): { run: RunResult; scenario: string; check: string } {
    const run = sampleRun();
    const scenario = run.suites.flatMap((s) => s.scenarios).find((sc) => scenarioCases(sc).some((c) => c.status === 'failed'))!;
    const check = scenarioCases(scenario).find((c) => c.status === 'failed')!.name;
    run.baseline = { file: 'conformance-baseline.json', known: [{ entryId: '0badc0de', scenario: scenario.id, check, reason: `vendor ticket ${NASTY_REASON}` }], fixed: [], expired: [] };
    return { run, scenario: scenario.id, check };
  }
  const NASTY_REASON = 'SCIM-12 <"&">';

  it('turns a known failure into a skipped case that names the entry, and still validates', async () => {
    const { run, check } = runWithKnownFailure();
    const xml = renderJunit(run);
    expect(await junitSchemaErrors(xml)).toEqual([]);
    const root = parse(xml).testsuites as Node;
    const known = list(root.testsuite).flatMap((s) => list(s.testcase)).find((c) => c['@name'] === check)!;
    expect(known.failure).toBeUndefined();
    expect((known.skipped as Node)['@message']).toMatch(/^known failure \(baseline entry 0badc0de: vendor ticket SCIM-12 <"&">\): /);
    const plain = parse(renderJunit(sampleRun())).testsuites as Node;
    expect(Number(root['@failures'])).toBe(Number(plain['@failures']) - 1);
    expect(Number(root['@skipped'])).toBe(Number(plain['@skipped']) + 1);
  });
});

describe('className', () => {
  it('dots the suite and the id without repeating the suite', () => {
    const scenario = sampleRun().suites[0]!.scenarios[0]!;
    expect(className(scenario)).toBe('core.discovery');
    expect(className({ ...scenario, id: 'users/create' })).toBe('core.users.create');
  });
});

describe('JunitReporter', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes the file once at run end, creating folders, leaving no temp file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'scimsim-junit-'));
    const path = join(dir, 'nested', 'out', 'junit.xml');
    const reporter = new JunitReporter({ path });
    expect(reporter.printsToStdio()).toBe(false);
    await reporter.onRunEnd(passingRun());
    expect(await readFile(path, 'utf8')).toBe(renderJunit(passingRun()));
    expect(await readdir(join(dir, 'nested', 'out'))).toEqual(['junit.xml']);
  });

  it('writes to the stream when given no path', async () => {
    const stream = new FakeStream();
    const reporter = new JunitReporter({ stream });
    expect(reporter.printsToStdio()).toBe(true);
    await reporter.onRunEnd(passingRun());
    expect(stream.text).toBe(renderJunit(passingRun()));
  });
});
