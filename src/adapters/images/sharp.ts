/**
 * sharp, set up once for a long-running process. Every photo and poster is processed once: libvips's
 * operation cache (up to 50 MB and 100 operations by default) would only keep images nobody asks for
 * again, as native memory that grows through a soak until the cache is full. So the cache is off.
 *
 * @example
 *   import sharp from '../images/sharp.ts';
 *   await sharp(bytes).jpeg().toBuffer();
 */
import sharp from 'sharp';

sharp.cache(false);

export default sharp;
