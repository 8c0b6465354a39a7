/**
 * The public site's one stylesheet (site.css, next to this file), read once at start and served under
 * a name that carries a hash of its content: "/assets/site.3f2a9c1b.css". Pages link that name, so it
 * can be cached forever (immutable) and a new release changes the name. The plain "/assets/site.css"
 * is served too, with a short cache and an ETag, for anyone who links it directly.
 *
 * @example
 *   const assets = await loadSiteAssets();
 *   assets.cssHref; // "/assets/site.3f2a9c1b.css"
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

export interface SiteAssets {
  readonly css: Buffer;
  /** First 8 hex digits of the SHA-256 of the stylesheet. */
  readonly cssHash: string;
  readonly cssHref: string;
  /** Strong ETag of the stylesheet. */
  readonly cssEtag: string;
}

export const CSS_PATH = '/assets/site.css';

export async function loadSiteAssets(): Promise<SiteAssets> {
  const css = await readFile(new URL('./site.css', import.meta.url));
  const cssHash = createHash('sha256').update(css).digest('hex').slice(0, 8);
  return { css, cssHash, cssHref: `/assets/site.${cssHash}.css`, cssEtag: `"${cssHash}"` };
}
