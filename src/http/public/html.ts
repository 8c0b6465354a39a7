/**
 * The one HTML escaping helper of the public site. `html` is a tagged template: every interpolated
 * value is escaped unless it is a SafeHtml fragment made by `html` itself, so markup can only come
 * from the literal parts of templates in this folder, never from data. There is deliberately no
 * "raw" escape hatch: the pages need none (the CSS is a separate file, the map SVG is built with
 * `html` too).
 *
 * Values: strings and finite numbers are escaped text; null, undefined and false render nothing (for
 * `cond && html\`…\``); arrays render each item in order. Attribute values must sit inside double
 * quotes in the template; both quote characters are escaped, so a value cannot close the attribute.
 *
 * @example
 *   const row = html`<a href="/alerts/${id}">${headline}</a>`;
 *   html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`.toString();
 *   html`<p>${'<script>'}</p>`.toString(); // "<p>&lt;script&gt;</p>"
 */

const TOKEN: unique symbol = Symbol('SafeHtml');

/** A fragment of markup produced by `html`: safe to place in a page as it is. */
export class SafeHtml {
  readonly #markup: string;
  constructor(token: typeof TOKEN, markup: string) {
    if (token !== TOKEN) throw new TypeError('SafeHtml is made by the html template tag only.');
    this.#markup = markup;
  }
  toString(): string {
    return this.#markup;
  }
}

export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/g;

/** Text for an element body or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(SPECIAL, (c) => ESCAPES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.toString();
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('A number in a page must be finite.');
    return String(value);
  }
  return value.map(render).join('');
}

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(TOKEN, out);
}

/** Fragments joined with a separator (itself escaped when it is text). */
export function joinHtml(parts: readonly HtmlValue[], separator: HtmlValue): SafeHtml {
  const kept = parts.filter((p) => p !== null && p !== undefined && p !== false && p !== '');
  return new SafeHtml(TOKEN, kept.map((p, i) => (i === 0 ? render(p) : render(separator) + render(p))).join(''));
}
