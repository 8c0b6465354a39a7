/**
 * Which push endpoints we are willing to POST to. A subscription's endpoint comes from a browser, i.e.
 * from anyone on the Internet, so it is also the one URL a stranger can make our server request. Push
 * services are https (RFC 8030 §8); plain http is accepted only for loopback hosts when loopback is
 * allowed (the tests' push service). Anything else (another scheme, http elsewhere, credentials in the
 * URL, a malformed URL) is refused as permanent `webpush_bad_endpoint`, an IP literal outside the
 * public address space as `webpush_blocked_endpoint`, and nothing is sent. Host names are vetted when
 * they are resolved, at connection time (platform/outbound-address.ts).
 *
 * @example
 *   const url = checkPushEndpoint(recipient.address, { allowLoopback: false });   // URL, or throws DeliveryError
 */
import { DeliveryError } from '../../../domain/distribution/delivery-failure.ts';
import { literalAllowed, type OutboundPolicy } from '../../../platform/outbound-address.ts';

/** 127.0.0.0/8, ::1 and localhost: traffic that never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function checkPushEndpoint(endpoint: string, policy: OutboundPolicy): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new DeliveryError({ kind: 'permanent', code: 'webpush_bad_endpoint' });
  }
  const allowed = url.protocol === 'https:' || (url.protocol === 'http:' && policy.allowLoopback && isLoopbackHost(url.hostname));
  if (!allowed || url.username !== '' || url.password !== '') {
    throw new DeliveryError({ kind: 'permanent', code: 'webpush_bad_endpoint' });
  }
  if (literalAllowed(url.hostname, policy) === false) throw new DeliveryError({ kind: 'permanent', code: 'webpush_blocked_endpoint' });
  return url;
}
