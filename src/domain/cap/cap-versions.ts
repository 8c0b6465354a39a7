/**
 * The chain of CAP versions of one alert: the first is an Alert; each later one is an Update or, last,
 * a Cancel, and references EVERY earlier version (a superset of the IPAWS rule "all related non-expired
 * messages", so a receiver that missed a version still supersedes it). Nothing follows a Cancel.
 *
 * Identifiers: `<namespace>:<publicId>:<version>`, e.g. "ma.dgsn.tifli:TM-2026-000123:3". Stable (the
 * same version always has the same identifier, so a retried dispatch is recognised as the same message),
 * readable by an operator on the phone, unique per version as CAP requires, and free of spaces, commas,
 * "<" and "&". The namespace has the syntax of a URI scheme, so the identifier is also a valid IRI and
 * serves as the Atom entry id in the feed. The WMO-style `urn:oid:2.49.0.1.504.…` form needs an OID arc
 * assigned to the authority through the WMO Register of Alerting Authorities; Morocco's DGSN has none yet,
 * and an OID is digits only, so adopting it later means a numeric serial in place of the public id.
 *
 * @example
 *   const v1 = capAlert({ identifier: capIdentifier(ns, 'TM-2026-000123', 1), sender, sent, status, infos });
 *   const v2 = capUpdate([v1], { identifier: capIdentifier(ns, 'TM-2026-000123', 2), … });
 *   const v3 = capCancel([v1, v2], { identifier: capIdentifier(ns, 'TM-2026-000123', 3), … }); // references v1 and v2
 */
import type { FieldError } from '../errors.ts';
import { capSecond } from './cap-date.ts';
import type { CapAlertVersion, CapReference } from './cap-document.ts';
import { CapDocumentError } from './cap-validation.ts';

/** The default identifier namespace: the authority's domain, reversed. */
export const CAP_IDENTIFIER_NAMESPACE = 'ma.dgsn.tifli';

const NAMESPACE = /^[a-z][a-z0-9+.-]{0,62}$/;
const PUBLIC_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A version's identifier; a malformed part is a programming error (RangeError). */
export function capIdentifier(namespace: string, publicId: string, version: number): string {
  if (!NAMESPACE.test(namespace)) throw new RangeError('CAP identifier namespace must look like a URI scheme (lower-case letters, digits, "+", "-", ".").');
  if (!PUBLIC_ID.test(publicId)) throw new RangeError('CAP identifier public id must be 1 to 64 letters, digits, ".", "_" or "-".');
  if (!Number.isSafeInteger(version) || version < 1) throw new RangeError('CAP identifier version must be a positive integer.');
  return `${namespace}:${publicId}:${version}`;
}

/** What a version says, without its place in the chain. */
export type CapVersionContent = Omit<CapAlertVersion, 'msgType' | 'references'>;

/** The reference triple naming `v`. */
export const capReference = (v: Pick<CapAlertVersion, 'sender' | 'identifier' | 'sent'>): CapReference => ({ sender: v.sender, identifier: v.identifier, sent: v.sent });

/** The first version of an alert. */
export const capAlert = (content: CapVersionContent): CapAlertVersion => ({ ...content, msgType: 'Alert', references: [] });

function chainProblems(earlier: readonly CapAlertVersion[], next: CapVersionContent): FieldError[] {
  const problems: FieldError[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  if (earlier.length === 0) add('/references', 'needs the earlier versions (an Update or Cancel follows an Alert)');
  earlier.forEach((v, k) => {
    const field = `/references/${k}`;
    if (k === 0 && v.msgType !== 'Alert') add(field, 'must be the Alert that started the chain');
    if (k > 0 && v.msgType !== 'Update') add(field, v.msgType === 'Cancel' ? 'is a Cancel: nothing follows a Cancel' : 'must be an Update');
    if (v.sender !== next.sender) add(field, 'must have the same sender');
    if (v.status !== next.status) add(field, 'must have the same status (an Exercise never turns Actual)');
    if (v.identifier === next.identifier) add(field, 'must have a different identifier');
    const prev = earlier[k - 1];
    if (prev && capSecond(v.sent) < capSecond(prev.sent)) add(field, 'must be in the order the versions were sent');
    if (capSecond(v.sent) > capSecond(next.sent)) add(field, 'must not be sent after this version');
  });
  return problems;
}

function successor(msgType: 'Update' | 'Cancel', earlier: readonly CapAlertVersion[], content: CapVersionContent): CapAlertVersion {
  const problems = chainProblems(earlier, content);
  if (problems.length > 0) throw new CapDocumentError(problems);
  return { ...content, msgType, references: earlier.map(capReference) };
}

/** A version that supersedes all `earlier` ones (oldest first, starting with the Alert). */
export const capUpdate = (earlier: readonly CapAlertVersion[], content: CapVersionContent): CapAlertVersion => successor('Update', earlier, content);

/**
 * The last version: cancels the alert and references ALL earlier versions (oldest first), so every
 * receiver withdraws whichever of them it holds. Its infos should say the alert has ended (e.g. response
 * type AllClear, urgency Past, see CAP_CLOSING_RATINGS) and carry no description or photo of the child:
 * nothing personal stays public after closure. A photo resource is refused (cap-validation.ts).
 */
export const capCancel = (earlier: readonly CapAlertVersion[], content: CapVersionContent): CapAlertVersion => successor('Cancel', earlier, content);
