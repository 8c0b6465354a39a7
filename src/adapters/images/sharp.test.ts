import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from './sharp.ts';

test("libvips keeps no cache of images already processed: a long-running worker's native memory does not fill it", async () => {
  const image = await sharp({ create: { width: 800, height: 800, channels: 3, background: '#336699' } }).png().toBuffer();
  for (let i = 0; i < 3; i++) await sharp(image).resize(400).jpeg().toBuffer();
  const stats = sharp.cache();
  assert.deepEqual([stats.memory.max, stats.items.max, stats.files.max], [0, 0, 0], 'no cache limits');
  assert.deepEqual([stats.memory.current, stats.items.current], [0, 0], 'nothing held');
});
