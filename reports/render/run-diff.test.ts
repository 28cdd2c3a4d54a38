import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../suites/diff/compare-runs.js';
import { changedRun } from '../../suites/diff/fixtures/changed-run.js';
import { expectGolden } from '../fixtures/golden.js';
import { sampleRun } from '../fixtures/sample-run.js';
import { createPaint, plainPaint } from './paint.js';
import { renderRunDiffMarkdown, renderRunDiffText } from './run-diff.js';

const labels = { old: 'out/main.json', next: 'out/branch.json' };

describe('run diff rendering', () => {
  it('prints plain text without colour (golden)', () => {
    expectGolden(renderRunDiffText(compareRuns(sampleRun(), changedRun()), labels, plainPaint), new URL('../fixtures/run-diff.txt', import.meta.url));
  });

  it('prints Markdown tables for a PR comment, text from the run escaped (golden)', () => {
    const markdown = renderRunDiffMarkdown(compareRuns(sampleRun(), changedRun()), labels);
    expectGolden(markdown, new URL('../fixtures/run-diff.md', import.meta.url));
    // Every row of a table has its header's columns: a `|` from the run cannot add one.
    for (const table of markdown.split('\n\n').filter((block) => block.startsWith('|'))) {
      const columns = table.trimEnd().split('\n').map((row) => row.replace(/\\\|/g, '').split('|').length);
      expect(new Set(columns).size).toBe(1);
    }
    expect(markdown).toContain('expected 200, got 500 \\| body: \\<html\\>oops\\</html\\>');
    expect(markdown).not.toMatch(/\u001b/);
  });

  it('colours the verdicts only when asked', () => {
    const text = renderRunDiffText(compareRuns(sampleRun(), changedRun()), labels, createPaint(true));
    expect(text).toContain('\u001b[31m✗\u001b[39m');
    expect(renderRunDiffText(compareRuns(sampleRun(), changedRun()), labels, plainPaint)).not.toMatch(/\u001b/);
  });

  it('says plainly when nothing changed', () => {
    const text = renderRunDiffText(compareRuns(sampleRun(), sampleRun()), labels, plainPaint);
    expect(text.trimEnd().split('\n').at(-1)).toBe('0 newly failing, 0 fixed, 5 still failing');
    expect(text).not.toMatch(/Newly failing|Fixed|Scenarios/);
  });
});
