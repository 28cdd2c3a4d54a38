import { describe, expect, it } from 'vitest';
import { MIN_SECRET_LENGTH, REDACTED, Redactor } from './redact.js';

const TOKEN = 'tok_9f8e7d6c5b4a3210';

describe('Redactor.redactText', () => {
  it('replaces every occurrence of a secret', () => {
    const r = new Redactor([TOKEN]);
    expect(r.redactText(`a ${TOKEN} b ${TOKEN}${TOKEN}`)).toBe(`a ${REDACTED} b ${REDACTED}${REDACTED}`);
  });

  it('leaves text alone when there are no secrets', () => {
    const r = new Redactor();
    expect(r.redactText('hello world')).toBe('hello world');
    expect(r.size).toBe(0);
  });

  it('prefers the longest secret when one contains another', () => {
    const r = new Redactor(['abcd', 'abcdefgh']);
    expect(r.redactText('xabcdefghx abcdx')).toBe(`x${REDACTED}x ${REDACTED}x`);
  });

  it('ignores secrets shorter than the minimum', () => {
    const r = new Redactor(['abc', '', null, undefined, 'a']);
    expect(MIN_SECRET_LENGTH).toBe(4);
    expect(r.size).toBe(0);
    expect(r.redactText('abc abc')).toBe('abc abc');
  });

  it('escapes regular-expression characters in secrets', () => {
    const r = new Redactor(['a.b*c(d)+[e]$^|\\']);
    expect(r.redactText('x a.b*c(d)+[e]$^|\\ y aXbbc')).toBe(`x ${REDACTED} y aXbbc`);
  });

  it('redacts URL-encoded forms (upper and lower hex, + for space)', () => {
    const secret = 'p@ss word/with=chars&more';
    const r = new Redactor([secret]);
    const enc = encodeURIComponent(secret);
    expect(r.redactText(`q=${enc}`)).toBe(`q=${REDACTED}`);
    expect(r.redactText(`q=${enc.toLowerCase()}`)).toBe(`q=${REDACTED}`);
    expect(r.redactText(`q=${enc.replace(/%20/g, '+')}`)).toBe(`q=${REDACTED}`);
  });

  it('redacts JSON-escaped forms', () => {
    const secret = 'se"cr\\et-value';
    const r = new Redactor([secret]);
    const json = JSON.stringify({ echo: secret });
    expect(json).not.toContain(secret);
    expect(r.redactText(json)).toBe(`{"echo":"${REDACTED}"}`);
  });

  it('redacts base64 forms, also inside a longer base64 stream (Basic credentials)', () => {
    const r = new Redactor([TOKEN]);
    expect(r.redactText(Buffer.from(TOKEN).toString('base64'))).toBe(REDACTED);
    for (const user of ['', 'u', 'us', 'usr', 'admin']) {
      const b64 = Buffer.from(`${user}:${TOKEN}`).toString('base64');
      const out = r.redactText(`Basic ${b64}`);
      expect(out).toContain(REDACTED);
      expect(Buffer.from(out.slice(6), 'base64').toString('latin1')).not.toContain(TOKEN);
      const url = Buffer.from(`${user}:${TOKEN}`).toString('base64url');
      expect(r.redactText(url)).toContain(REDACTED);
    }
  });

  it('also redacts the trimmed form of a secret read with a trailing newline', () => {
    const r = new Redactor([`${TOKEN}\n`]);
    expect(r.redactText(`Bearer ${TOKEN}`)).toBe(`Bearer ${REDACTED}`);
  });

  it('picks up secrets added later', () => {
    const r = new Redactor();
    expect(r.redactText(TOKEN)).toBe(TOKEN);
    r.add(TOKEN);
    expect(r.redactText(TOKEN)).toBe(REDACTED);
    expect(r.containsSecret(`x${TOKEN}`)).toBe(true);
    expect(r.containsSecret('nothing')).toBe(false);
  });

  it('finds one secret among many at the end of a large text', () => {
    // Speed is measured by simulator/scim/client.bench.ts, not asserted here.
    const secrets = Array.from({ length: 50 }, (_, i) => `secret-${i}-${'x'.repeat(10)}`);
    const r = new Redactor(secrets);
    const text = `${'lorem ipsum dolor sit amet '.repeat(40_000)}${secrets[7]}`;
    const out = r.redactText(text);
    expect(out.endsWith(REDACTED)).toBe(true);
    expect(out.length).toBe(text.length - secrets[7]!.length + REDACTED.length);
  });
});

describe('Redactor.redactHeaders', () => {
  it('blanks the Authorization credential whatever it is, keeping the scheme', () => {
    const r = new Redactor();
    expect(r.redactHeaders({ Authorization: 'Bearer abc' })).toEqual({ authorization: `Bearer ${REDACTED}` });
    expect(r.redactHeaders({ authorization: 'Basic dXNlcjpwYXNz' })).toEqual({ authorization: `Basic ${REDACTED}` });
    expect(r.redactHeaders({ 'Proxy-Authorization': 'SSWS 00abc' })).toEqual({ 'proxy-authorization': `SSWS ${REDACTED}` });
    expect(r.redactHeaders({ Authorization: 'rawtokenwithoutscheme' })).toEqual({ authorization: REDACTED });
    expect(r.redactHeaders({ Authorization: 'x' })).toEqual({ authorization: REDACTED });
    expect(r.redactHeaders({ Authorization: 'Bearer' })).toEqual({ authorization: 'Bearer' });
  });

  it('blanks cookie values and keeps names and attributes', () => {
    const r = new Redactor();
    expect(r.redactHeaders({ Cookie: 'sid=abc123; theme=dark' })).toEqual({ cookie: `sid=${REDACTED}; theme=${REDACTED}` });
    expect(r.redactHeaders({ 'set-cookie': ['sid=abc; Path=/; HttpOnly', 'b=c'] })).toEqual({
      'set-cookie': `sid=${REDACTED}; Path=/; HttpOnly, b=${REDACTED}`,
    });
  });

  it('redacts secrets in other headers, lower-cases names, joins lists and skips empties', () => {
    const r = new Redactor([TOKEN]);
    expect(
      r.redactHeaders({
        'X-Echo': `token=${TOKEN}`,
        Location: `http://h/Users?t=${encodeURIComponent(TOKEN)}`,
        'X-List': ['a', 'b'],
        'Content-Length': 12,
        'X-None': undefined,
      }),
    ).toEqual({
      'x-echo': `token=${REDACTED}`,
      location: `http://h/Users?t=${REDACTED}`,
      'x-list': 'a, b',
      'content-length': '12',
    });
  });
});

describe('Redactor.redactJson', () => {
  it('redacts strings and keys deeply without touching other values', () => {
    const r = new Redactor([TOKEN]);
    const v = { a: [TOKEN, 1, true, null], [TOKEN]: { b: `x${TOKEN}` } };
    expect(r.redactJson(v)).toEqual({ a: [REDACTED, 1, true, null], [REDACTED]: { b: `x${REDACTED}` } });
  });
});
