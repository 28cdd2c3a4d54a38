import { describe, expect, it } from 'vitest';
import { CidrError, IpAllowlist, parseCidr } from './cidr.js';

describe('parseCidr', () => {
  it('parses IPv4 and IPv6 ranges and bare addresses', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ address: '10.0.0.0', prefix: 8, family: 'ipv4' });
    expect(parseCidr(' 2001:db8::/32 ')).toEqual({ address: '2001:db8::', prefix: 32, family: 'ipv6' });
    expect(parseCidr('192.168.1.7')).toEqual({ address: '192.168.1.7', prefix: 32, family: 'ipv4' });
    expect(parseCidr('::1')).toEqual({ address: '::1', prefix: 128, family: 'ipv6' });
    expect(parseCidr('0.0.0.0/0').prefix).toBe(0);
  });

  it('refuses what is not an address or has a bad prefix', () => {
    for (const bad of ['', 'localhost', '10.0.0/8', '10.0.0.0/33', '10.0.0.0/-1', '10.0.0.0/', '10.0.0.0/8/8', '::/129', '::1/abc', '300.1.1.1/8']) {
      expect(() => parseCidr(bad), bad).toThrow(CidrError);
    }
  });
});

describe('IpAllowlist', () => {
  it('matches IPv4 ranges at their edges', () => {
    const list = new IpAllowlist(['10.0.0.0/8', '192.168.1.0/24']);
    expect(list.allows('10.0.0.0')).toBe(true);
    expect(list.allows('10.255.255.255')).toBe(true);
    expect(list.allows('11.0.0.0')).toBe(false);
    expect(list.allows('9.255.255.255')).toBe(false);
    expect(list.allows('192.168.1.200')).toBe(true);
    expect(list.allows('192.168.2.1')).toBe(false);
    expect(list.allows('127.0.0.1')).toBe(false);
  });

  it('matches IPv6 ranges, and IPv4-mapped IPv6 addresses against IPv4 ranges', () => {
    const list = new IpAllowlist(['2001:db8::/32', '127.0.0.0/8']);
    expect(list.allows('2001:db8:ffff::1')).toBe(true);
    expect(list.allows('2001:db9::1')).toBe(false);
    expect(list.allows('::ffff:127.0.0.1')).toBe(true);
    expect(list.allows('::1')).toBe(false);
    expect(new IpAllowlist(['::1']).allows('::1')).toBe(true);
    expect(new IpAllowlist(['::1/128']).allows('127.0.0.1')).toBe(false);
    expect(new IpAllowlist(['fe80::/10']).allows('fe80::1%eth0')).toBe(true);
  });

  it('/0 allows everything of its family; an empty list and junk allow nothing', () => {
    expect(new IpAllowlist(['0.0.0.0/0']).allows('203.0.113.9')).toBe(true);
    expect(new IpAllowlist(['::/0']).allows('2001:db8::1')).toBe(true);
    expect(new IpAllowlist([]).allows('127.0.0.1')).toBe(false);
    expect(new IpAllowlist(['0.0.0.0/0']).allows(undefined)).toBe(false);
    expect(new IpAllowlist(['0.0.0.0/0']).allows('not-an-ip')).toBe(false);
  });

  it('refuses a list with a bad entry', () => {
    expect(() => new IpAllowlist(['10.0.0.0/8', 'nope'])).toThrow(/nope/);
  });
});
