/**
 * The texts that go with a Facebook or Instagram post, composed only from the version's public view
 * (its published texts and reference), the public page URL and a few fixed words, so nothing that was
 * not published can reach a social network. Arabic comes first (the poster is Arabic), then French.
 * An exercise starts with a marker in both languages. An ended alert gets a closing text: "found — thank
 * you" or a neutral "alert ended", with no name and nothing about the child.
 *
 * @example
 *   alertCaption(message);                 // Facebook: every text in full
 *   alertCaption(message, IG_CAPTION_MAX); // Instagram: the Arabic description shortened to fit 2,200
 */
import type { OutboundAlert } from '../../../app/distribution/channel-port.ts';
import type { EndedPublicAlert } from '../../../domain/alert/public-alert.ts';
import { POSTER_LABELS } from '../../posters/poster-labels.ts';

export const EXERCISE_MARKER = 'تمرين / EXERCICE';
export const REFERENCE_LABEL = 'المرجع / Réf. :';
/** Instagram's caption limit (characters; counted here in UTF-16 units, which is never fewer). */
export const IG_CAPTION_MAX = 2200;
const ELLIPSIS = '…';

/** The longest prefix of `text` within `max` UTF-16 units, never splitting a character. */
function prefixWithin(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

const join = (blocks: readonly (string | null)[]): string => blocks.filter((b): b is string => b !== null && b !== '').join('\n\n');

/** The closing words of an ended alert, in Arabic then French (the found card's own words). */
export function closingLines(outcome: EndedPublicAlert['outcome']): string {
  const ar = POSTER_LABELS['ar-MA'];
  const fr = POSTER_LABELS['fr-MA'];
  return outcome === 'found' ? `${ar.foundTitle} — ${ar.thanks}\n${fr.foundTitle} — ${fr.thanks}` : `${ar.endedTitle}\n${fr.endedTitle}`;
}

export function closingCaption(message: OutboundAlert, outcome: EndedPublicAlert['outcome']): string {
  return join([message.exercise ? EXERCISE_MARKER : null, closingLines(outcome), message.pageUrl, `${REFERENCE_LABEL} ${message.view.reference}`]);
}

/**
 * The caption of a version: the active alert's texts, or the closing text when the view has ended.
 * With `max`, the Arabic description (the longest part, and on the poster already) is shortened first.
 */
export function alertCaption(message: OutboundAlert, max = Number.POSITIVE_INFINITY): string {
  const view = message.view;
  if (view.state === 'ended') return prefixWithin(closingCaption(message, view.outcome), max);
  const ar = view.texts['ar-MA'];
  const fr = view.texts['fr-MA'];
  const compose = (description: string | null) =>
    join([message.exercise ? EXERCISE_MARKER : null, ar.headline, description, ar.instruction, `${fr.headline}\n${fr.instruction}`, message.pageUrl, `${REFERENCE_LABEL} ${view.reference}`]);
  const full = compose(ar.description);
  if (full.length <= max) return full;
  const room = max - compose(null).length - 2 - ELLIPSIS.length;
  const cut = room > 0 ? prefixWithin(ar.description, room) : '';
  // End on a whole word when one ends near the cut.
  const space = cut.search(/\s\S*$/u);
  const shortened = (space > 0 && space > cut.length - 40 ? cut.slice(0, space) : cut).trimEnd();
  return prefixWithin(compose(shortened === '' ? null : shortened + ELLIPSIS), max);
}
