/**
 * E-mail addresses a citizen types for e-mail alerts, checked and put in one stored form.
 *
 * Rules (deliberately stricter than RFC 5321/5322, which allow forms no webmail user types and many
 * servers refuse):
 * - trimmed; at most 254 characters in all, 64 before the "@" (RFC 5321 limits);
 * - the local part is a dot-atom of ASCII characters (letters, digits and !#$%&'*+/=?^_`{|}~-, dots
 *   between atoms): no quoted strings, no comments, no spaces, no non-ASCII (SMTPUTF8 is not assumed
 *   of the relays); its case is kept, because only the receiving server may fold it;
 * - the domain is a host name of at least two labels: Unicode names are turned into their ASCII
 *   (punycode) form, everything is lowercased, each label is 1–63 letters, digits or inner hyphens,
 *   and the top-level label is not all digits (so no IP addresses and no "[1.2.3.4]" literals).
 *
 * @example
 *   normalizeEmail('  Amina.B@Example.MA '); // { ok: true, address: 'Amina.B@example.ma' }
 *   normalizeEmail('x@bücher.de');           // { ok: true, address: 'x@xn--bcher-kva.de' }
 *   normalizeEmail('a@b');                   // { ok: false, code: 'email_invalid' }
 */

export const EMAIL_MAX = 254;
export const EMAIL_LOCAL_MAX = 64;

export type EmailResult = { readonly ok: true; readonly address: string } | { readonly ok: false; readonly code: 'email_invalid' };

const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LOCAL = new RegExp(`^${ATOM}(?:\\.${ATOM})*$`);
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The ASCII, lowercase form of a domain, or undefined when it is not a plain host name. */
function asciiDomain(domain: string): string | undefined {
  if (domain === '' || /[\s/\\?#@:%[\]]/.test(domain)) return undefined;
  let host: string;
  try {
    // The WHATWG URL parser applies IDNA (UTS #46): Unicode labels become xn--…, letters are lowercased.
    host = new URL(`http://${domain}`).hostname;
  } catch {
    return undefined;
  }
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return undefined;
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? '')) return undefined;
  return host;
}

export function normalizeEmail(input: string): EmailResult {
  const text = input.normalize('NFC').trim();
  const fail: EmailResult = { ok: false, code: 'email_invalid' };
  if (text.length === 0 || text.length > EMAIL_MAX) return fail;
  const at = text.lastIndexOf('@');
  if (at <= 0) return fail;
  const local = text.slice(0, at);
  if (local.length > EMAIL_LOCAL_MAX || !LOCAL.test(local)) return fail;
  const domain = asciiDomain(text.slice(at + 1));
  if (domain === undefined) return fail;
  const address = `${local}@${domain}`;
  return address.length <= EMAIL_MAX ? { ok: true, address } : fail;
}
