import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../model/result.js';
import { restoreWrittenIds } from './written-ids.js';

const check = (id: string): CheckResult => ({ id, kind: 'expectation', title: id, status: 'passed', level: 'MUST', exchangeIds: [] });

describe('restoreWrittenIds', () => {
  it('puts placeholders back into ids, longest value first, leaving other ids alone', () => {
    const written = [{ path: 'Resources[id eq "{{users.a.id}}"].id', matcher: { equals: '{{users.a.id}}' } }, { path: 'members[value eq "{{users.ab.id}}"]' }];
    const rendered = [{ path: 'Resources[id eq "7f3c"].id', matcher: { equals: '7f3c' } }, { path: 'members[value eq "7f3c-9"]' }];
    const checks = restoreWrittenIds([check('expect.body.Resources[id eq "7f3c"].id'), check('expect.idp.members[value eq "7f3c-9"]'), check('expect.status')], written, rendered);
    expect(checks.map((c) => c.id)).toEqual(['expect.body.Resources[id eq "{{users.a.id}}"].id', 'expect.idp.members[value eq "{{users.ab.id}}"]', 'expect.status']);
  });

  it('returns the same checks when nothing was rendered', () => {
    const checks = [check('expect.status')];
    expect(restoreWrittenIds(checks, [{ path: 'a' }], [{ path: 'a' }])).toBe(checks);
  });
});
