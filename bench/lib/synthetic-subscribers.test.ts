import { test } from 'node:test';
import assert from 'node:assert/strict';
import { areaCells } from '../../src/domain/subscription/subscription-area.ts';
import { loadMoroccoBoundaries } from '../../src/adapters/geo/morocco-boundaries.ts';
import { loadCities, subscriberGenerator } from './synthetic-subscribers.ts';

test('the synthetic circles get the cells the platform stores for them (none missing, at most a stray extra)', async () => {
  const geo = await loadMoroccoBoundaries();
  const gen = subscriberGenerator(await loadCities(), 11);
  let identical = 0;
  const n = 300;
  for (let i = 0; i < n; i++) {
    const s = gen.next();
    assert.ok(s.radiusKm >= 1 && s.radiusKm <= 10, `radius ${s.radiusKm}`);
    const platform = areaCells({ kind: 'circle', lat: s.lat, lon: s.lon, radiusKm: s.radiusKm }, geo);
    for (const c of platform) assert.ok(s.cells.includes(c), `cell ${c} of the platform's cover is missing`);
    if (platform.join() === s.cells.join()) identical += 1;
  }
  assert.ok(identical >= n * 0.98, `${identical}/${n} identical covers`);
});

test('the generator is seeded: the same seed gives the same population', async () => {
  const cities = await loadCities();
  assert.equal(cities[0]?.name, 'Casablanca');
  const a = subscriberGenerator(cities, 5);
  const b = subscriberGenerator(cities, 5);
  for (let i = 0; i < 50; i++) assert.deepEqual(a.next(), b.next());
});
