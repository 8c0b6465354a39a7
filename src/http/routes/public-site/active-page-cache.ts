/**
 * Rendered pages of active alerts, kept per alert view and language. During a surge every reader of
 * a language gets the same page until the alert's version changes (a new view object) or the time
 * its "last seen … ago" line depends on does, so the page is rendered once per such state instead of
 * per request.
 * Keyed by the view object (a WeakMap): views are immutable and the alert source keeps one object per
 * published version, so a new version is a new key and a forgotten view takes its pages with it. Only
 * the latest page per language is kept.
 *
 * @example
 *   const pages = createActivePageCache();
 *   const { body, etag } = pages.get(view, 'fr', `${minutesSinceLastSeen}:${hour}`, () => render());
 */
import { etagOf } from './http-cache.ts';

export interface CachedPage {
  readonly body: string;
  readonly etag: string;
}

export interface ActivePageCache {
  /** The page for `view` in `lang` at time key `time`; rendered by `render` when the key changed. */
  get(view: object, lang: string, time: string, render: () => string): CachedPage;
}

export function createActivePageCache(): ActivePageCache {
  const byView = new WeakMap<object, Map<string, { time: string; page: CachedPage }>>();
  return {
    get(view, lang, time, render) {
      let pages = byView.get(view);
      if (!pages) byView.set(view, (pages = new Map<string, { time: string; page: CachedPage }>()));
      const kept = pages.get(lang);
      if (kept?.time === time) return kept.page;
      const body = render();
      const page = { body, etag: etagOf(body) };
      pages.set(lang, { time, page });
      return page;
    },
  };
}
