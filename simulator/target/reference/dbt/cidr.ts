import { BlockList, isIP } from 'node:net';

/**
 * IPv4 and IPv6 CIDR ranges and "is this address in one of them" (the account's IP allowlist,
 * seed 003 "If your dbt platform account has IP restrictions enabled, Entra's SCIM provisioning
 * requests may be blocked"). Matching is Node's own `net.BlockList` (no dependency); this module
 * parses and checks the text. IPv4-mapped IPv6 addresses (`::ffff:10.1.2.3`, what a dual-stack
 * socket reports for an IPv4 client) match IPv4 ranges.
 */

export interface Cidr {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

export class CidrError extends Error {
  override name = 'CidrError';
}

/** `10.0.0.0/8`, `2001:db8::/32`; a bare address is a single host (/32, /128). */
export function parseCidr(text: string): Cidr {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const address = slash === -1 ? trimmed : trimmed.slice(0, slash);
  const version = isIP(address);
  if (version === 0) throw new CidrError(`'${text}' is not an IPv4 or IPv6 address or CIDR range`);
  const max = version === 4 ? 32 : 128;
  let prefix = max;
  if (slash !== -1) {
    const digits = trimmed.slice(slash + 1);
    if (!/^\d{1,3}$/.test(digits) || Number(digits) > max) throw new CidrError(`'${text}' has an invalid prefix length (0-${max})`);
    prefix = Number(digits);
  }
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

export class IpAllowlist {
  private readonly list = new BlockList();
  readonly ranges: readonly Cidr[];

  constructor(cidrs: readonly string[]) {
    this.ranges = cidrs.map(parseCidr);
    for (const range of this.ranges) this.list.addSubnet(range.address, range.prefix, range.family);
  }

  /** Whether a socket's remote address is inside one of the ranges (unparsable → false). */
  allows(address: string | undefined): boolean {
    if (address === undefined) return false;
    const bare = address.replace(/%.*$/, ''); // an IPv6 zone id (fe80::1%eth0)
    const version = isIP(bare);
    if (version === 0) return false;
    return this.list.check(bare, version === 4 ? 'ipv4' : 'ipv6');
  }
}
