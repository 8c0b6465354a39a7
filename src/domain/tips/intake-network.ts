/**
 * The keys tip intake counts submissions under: the client's own address, and its network (an IPv4
 * /24, an IPv6 /48: what one household, office or small provider usually holds), so a flood spread
 * over neighbouring addresses still adds up. IPv4-mapped IPv6 ("::ffff:10.1.2.3") counts as IPv4.
 * These keys live in memory only; no address or network is ever stored (DESIGN §2, Law 09-08).
 *
 * @example
 *   intakeSourceKeys('203.0.113.7');       // { address: '203.0.113.7', network: '203.0.113.0/24' }
 *   intakeSourceKeys('2001:db8:1:2::5');   // { address: '2001:db8:1:2:0:0:0:5', network: '2001:db8:1::/48' }
 */
import { isIPv4, isIPv6 } from 'node:net';

export interface IntakeSourceKeys {
  readonly address: string;
  readonly network: string;
}

/** Eight 16-bit groups of an IPv6 address, or undefined. */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  // A trailing dotted IPv4 part becomes two groups.
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1] !== undefined && dotted[2] !== undefined) {
    const o = dotted[2].split('.').map(Number);
    text = `${dotted[1]}${(((o[0] ?? 0) << 8) | (o[1] ?? 0)).toString(16)}:${(((o[2] ?? 0) << 8) | (o[3] ?? 0)).toString(16)}`;
  }
  const [head = '', tail, extra] = text.split('::');
  if (extra !== undefined) return undefined;
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  if ((tail === undefined && missing !== 0) || missing < 0) return undefined;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right].map((g) => Number.parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}

export function intakeSourceKeys(ip: string): IntakeSourceKeys {
  if (isIPv4(ip)) return { address: ip, network: `${ip.split('.').slice(0, 3).join('.')}.0/24` };
  if (isIPv6(ip)) {
    const g = ipv6Groups(ip);
    if (g) {
      // ::ffff:a.b.c.d is an IPv4 client on a dual-stack socket.
      if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
        const v4 = [(g[6] ?? 0) >> 8, (g[6] ?? 0) & 255, (g[7] ?? 0) >> 8, (g[7] ?? 0) & 255].join('.');
        return intakeSourceKeys(v4);
      }
      return { address: g.map((x) => x.toString(16)).join(':'), network: `${g.slice(0, 3).map((x) => x.toString(16)).join(':')}::/48` };
    }
  }
  // Not an address (a unit test's fake client): it is its own network.
  return { address: ip, network: `other:${ip}` };
}
