/**
 * Which network addresses the server may connect to when a stranger chose the URL (a browser's Web
 * Push endpoint is the one such URL: see test/privacy/outbound-requests.test.ts). Only public unicast
 * addresses: never loopback, private networks (RFC 1918, unique local), link-local (the cloud metadata
 * service at 169.254.169.254), carrier-grade NAT, multicast, documentation, benchmarking or reserved
 * ranges, nor IPv6 forms that wrap an IPv4 address (NAT64, 6to4, Teredo; an IPv4-mapped address is
 * judged as the IPv4 address it maps). Loopback can be let
 * through for the tests' protocol peers, never in production (config refuses it there).
 *
 * The check happens where the connection is made: `guardedLookup` replaces DNS resolution for the
 * request, so the address vetted is the address used (no second resolution for a rebinding DNS server
 * to answer differently), and a name with any disallowed address is refused whole. IP literals never
 * reach a lookup, so `literalAllowed` vets them first.
 *
 * @example
 *   const lookup = guardedLookup({ allowLoopback: false });
 *   https.request(url, { lookup, method: 'POST' });      // fails with code EBLOCKEDADDRESS for 10.0.0.7
 *   isAllowedAddress('169.254.169.254', { allowLoopback: false }); // false
 */
import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

export interface OutboundPolicy {
  /** Let 127.0.0.0/8 and ::1 through (test peers); never in production. */
  readonly allowLoopback: boolean;
}

/** Resolves a host name to all its addresses (dns.lookup by default; tests give their own). */
export type Resolver = (hostname: string) => Promise<readonly LookupAddress[]>;

export const BLOCKED_ADDRESS = 'EBLOCKEDADDRESS';

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['64:ff9b::', 96], // NAT64
  ['64:ff9b:1::', 48], // local NAT64
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments, Teredo
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) blocked.addSubnet(net, prefix, 'ipv6');
// IPv4-mapped addresses (::ffff:a.b.c.d) need no rule of their own: BlockList checks them against the
// IPv4 rules above (and an IPv4 address against a ::ffff:0:0/96 rule, which is why there is none).

/** Whether a connection to this IP address is allowed. Anything that is not an IP address is not. */
export function isAllowedAddress(address: string, policy: OutboundPolicy): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (loopback.check(address, type)) return policy.allowLoopback;
  return !blocked.check(address, type);
}

/** A URL host that is an IP literal ("10.0.0.7", "[fd00::1]"): allowed or not; undefined for a name. */
export function literalAllowed(hostname: string, policy: OutboundPolicy): boolean | undefined {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) === 0 ? undefined : isAllowedAddress(bare, policy);
}

const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request / net.connect that resolves the name and refuses the connection
 * (error code EBLOCKEDADDRESS) unless every address it resolves to is allowed.
 */
export function guardedLookup(policy: OutboundPolicy, resolve: Resolver = systemResolver) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
        if (wanted.length === 0) {
          callback(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), '');
          return;
        }
        if (!wanted.every((a) => isAllowedAddress(a.address, policy))) {
          callback(Object.assign(new Error('address not allowed'), { code: BLOCKED_ADDRESS }), '');
          return;
        }
        const first = wanted[0] as LookupAddress;
        if (options.all) callback(null, [...wanted]);
        else callback(null, first.address, first.family);
      },
      (err: unknown) => callback(Object.assign(new Error('lookup failed'), { code: (err as { code?: string }).code ?? 'ENOTFOUND' }), ''),
    );
  };
}
