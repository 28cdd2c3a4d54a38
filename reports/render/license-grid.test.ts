import { describe, expect, it } from 'vitest';
import type { CheckResult, ScenarioResult } from '../../suites/model/result.js';
import { licenseGridSection } from './license-grid.js';
import { plainPaint } from './paint.js';

const location = { file: 'scenarios/dbt/01-grid.yaml', line: 1, col: 1 };

function check(user: string, groups: string[], mode: string, expected: string, actual: string): CheckResult {
  return {
    id: 'expect.account.user.license',
    kind: 'expectation',
    title: `account user ${user} license equals ${expected}`,
    status: expected === actual ? 'passed' : 'failed',
    level: 'MUST',
    expected,
    actual,
    exchangeIds: [],
    licenseRow: { user, groups, mode, source: 'ssoMapping' },
  };
}

function scenario(checks: CheckResult[]): ScenarioResult {
  return {
    id: 'dbt-platform/01-grid', title: 'grid', suite: 'dbt-platform', file: location.file, location, tags: [], seed: 1, startedAt: '', status: 'failed', durationMs: 1,
    steps: [{ index: 0, title: 'SSO sign-in', kind: 'control', status: 'failed', location, durationMs: 1, checks, exchangeIds: [] }],
    teardown: [], rules: [], exchanges: [], virtualEnd: '',
  };
}

describe('license grid', () => {
  it('prints every license check as an aligned row: verdict, step, user, groups, mode, source, expected, actual', () => {
    const lines = licenseGridSection([scenario([check('dev@example.com', ['dbt_developers'], 'SSO / manual', 'developer', 'developer'), check('both@example.com', ['dbt_developers', 'dbt_read_only'], 'SSO / manual', 'developer', 'read_only')])], plainPaint);
    expect(lines).toEqual([
      '',
      'License grid',
      '',
      '  dbt-platform/01-grid',
      '     step         user              groups                         mode          source      expected   actual',
      '  ✓  SSO sign-in  dev@example.com   dbt_developers                 SSO / manual  ssoMapping  developer  developer',
      '  ✗  SSO sign-in  both@example.com  dbt_developers, dbt_read_only  SSO / manual  ssoMapping  developer  read_only',
    ]);
  });

  it('prints nothing when the run has no license check', () => {
    expect(licenseGridSection([scenario([])], plainPaint)).toEqual([]);
  });
});
