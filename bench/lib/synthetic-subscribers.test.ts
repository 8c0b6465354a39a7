import { test } from 'node:test';
import assert from 'node:assert/strict';
import { areaCells } from '../../src/domain/subscription/subscription-area.ts';
import { loadMoroccoBoundaries } from '../../src/adapters/geo/morocco-boundaries.ts';
import { loadCities, subscriberGenerator } from './synthetic-subscribers.ts';

test('the synthetic circles have radii of 1–10 km and the very cell the platform stores for them', async () => {
  const geo = await loadMoroccoBoundaries();
  const gen = subscriberGenerator(await loadCities(), 11);
  for (let i = 0; i < 300; i++) {
    const s = gen.next();
    assert.ok(s.radiusKm >= 1 && s.radiusKm <= 10, `radius ${s.radiusKm}`);
    assert.deepEqual([s.cell], areaCells({ kind: 'circle', lat: s.lat, lon: s.lon, radiusKm: s.radiusKm }, geo));
  }
});

test('the generator is seeded: the same seed gives the same population', async () => {
  const cities = await loadCities();
  assert.equal(cities[0]?.name, 'Casablanca');
  const a = subscriberGenerator(cities, 5);
  const b = subscriberGenerator(cities, 5);
  for (let i = 0; i < 50; i++) assert.deepEqual(a.next(), b.next());
});
