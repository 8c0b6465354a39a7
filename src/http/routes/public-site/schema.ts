/**
 * Path parameters of the public site. A public id is short and URL-safe; anything else is answered
 * with the HTML "alert not found" page (the routes attach the validation result instead of failing
 * with problem+json). The query string has no schema on purpose: only `lang` is read, through a
 * fixed list, and the tracking parameters platforms append to shared links (fbclid, utm_*) must not
 * turn a shared alert into an error.
 */
import { Type } from 'typebox';

export const PUBLIC_ID_MAX = 64;

export const AlertParams = Type.Object({ publicId: Type.String({ minLength: 1, maxLength: PUBLIC_ID_MAX, pattern: '^[A-Za-z0-9_-]+$' }) }, { additionalProperties: false });

export const AssetParams = Type.Object({ file: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
