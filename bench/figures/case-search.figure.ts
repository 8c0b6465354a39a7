/**
 * Case search by name (issue #3) on PostgreSQL: 100,000 synthetic cases (20,000 with --quick) spread
 * over Morocco's cities, searched through the real use case (indexed name keys, then scoring), against a
 * naive peer on the same table in the same run: a substring ILIKE on the Latin family name, which is
 * what the search would be without the key index (and which misses other spellings and scripts).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { loadMoroccoBoundaries } from '../../src/adapters/geo/morocco-boundaries.ts';
import { caseNameKeys } from '../../src/app/cases/case-names.ts';
import { searchCases } from '../../src/app/cases/search-cases.ts';
import type { AppContext } from '../../src/app/context.ts';
import { seedJurisdictions } from '../../src/app/reference-data/seed-jurisdictions.ts';
import type { UserActor } from '../../src/domain/actor.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { loadMasterKeyRing } from '../../src/platform/crypto/master-keys.ts';
import { openDatabase } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrator.ts';
import { below, type FigureInput, type FigureModule } from '../lib/figure.ts';
import { createScratchDatabase, describeServer, postgresUnavailable } from '../lib/postgres.ts';
import { percentile } from '../lib/stats.ts';
import { loadConfig } from '../../src/config/config.ts';

const GIVEN: readonly (readonly [string, string])[] = [
  ['Mohamed', 'محمد'], ['Youssef', 'يوسف'], ['Fatima Zahra', 'فاطمة الزهراء'], ['Khadija', 'خديجة'], ['Hamza', 'حمزة'], ['Amine', 'أمين'],
  ['Salma', 'سلمى'], ['Imane', 'إيمان'], ['Othmane', 'عثمان'], ['Ayoub', 'أيوب'], ['Zakaria', 'زكرياء'], ['Ilyas', 'إلياس'], ['Aya', 'آية'],
  ['Hiba', 'هبة'], ['Chaimae', 'شيماء'], ['Meryem', 'مريم'], ['Soufiane', 'سفيان'], ['Bilal', 'بلال'], ['Anas', 'أنس'], ['Oumaima', 'أميمة'],
  ['Nouhaila', 'نهيلة'], ['Achraf', 'أشرف'], ['Rayane', 'ريان'], ['Adam', 'آدم'], ['Yasmine', 'ياسمين'], ['Sara', 'سارة'], ['Omar', 'عمر'],
  ['Ismail', 'إسماعيل'], ['Mehdi', 'مهدي'], ['Nada', 'ندى'],
];
const FAMILY: readonly (readonly [string, string])[] = [
  ['Alaoui', 'العلوي'], ['El Idrissi', 'الإدريسي'], ['Bennani', 'بناني'], ['Tazi', 'التازي'], ['Benjelloun', 'بنجلون'], ['Berrada', 'برادة'],
  ['Chraibi', 'الشرايبي'], ['El Amrani', 'العمراني'], ['Ouazzani', 'الوزاني'], ['Lahlou', 'لحلو'], ['Bouazza', 'بوعزة'], ['Ait Lahcen', 'آيت لحسن'],
  ['Oubella', 'أوبلا'], ['Amellal', 'أملال'], ['Naciri', 'الناصري'], ['Fassi Fihri', 'الفاسي الفهري'], ['Skalli', 'السقالي'], ['Kettani', 'الكتاني'],
  ['Slaoui', 'السلاوي'], ['Benkirane', 'بنكيران'], ['Mernissi', 'المرنيسي'], ['Zniber', 'زنيبر'], ['Tahiri', 'الطاهري'], ['Hajji', 'الحجي'],
  ['Sqalli', 'الصقلي'], ['Bekkali', 'البقالي'], ['Filali', 'الفيلالي'], ['Guessous', 'كسوس'], ['Belhaj', 'بلحاج'], ['Raji', 'الراجي'],
];
/** Spellings an officer might type for names stored otherwise. */
const QUERIES = ['Mohammed Alaoui', 'Yousef Benani', 'Fatima-Zahra El Idrissi', 'Khadija Berrada', 'حمزة الوزاني', 'Amin Tazi', 'Othman Lahlou', 'Ayoub Ait Lahcen', 'Zakariae Chraibi', 'Meriem Kettani', 'Soufian Benkirane', 'Chaimaa Filali'];
const CITIES = [
  { lat: 33.5731, lon: -7.5898, prov: 'MA-CAS', reg: 'MA-06' }, { lat: 34.0209, lon: -6.8416, prov: 'MA-RAB', reg: 'MA-04' },
  { lat: 31.6295, lon: -7.9811, prov: 'MA-MAR', reg: 'MA-07' }, { lat: 34.0331, lon: -5.0003, prov: 'MA-FES', reg: 'MA-03' },
  { lat: 35.7595, lon: -5.834, prov: 'MA-TNG', reg: 'MA-01' }, { lat: 30.4278, lon: -9.5981, prov: 'MA-AGD', reg: 'MA-09' },
];

export const caseSearchFigure: FigureModule = {
  name: 'case-search',
  description: 'case search by name over 100,000 cases on PostgreSQL (indexed keys + scoring) against a substring ILIKE on the same table',
  async run(opts) {
    const n = opts.quick ? 20_000 : 100_000;
    const unavailable = await postgresUnavailable(opts.postgresUrl);
    const peer = `substring ILIKE on the family name, same ${n.toLocaleString('en')} cases, ${describeServer(opts.postgresUrl)}`;
    if (unavailable) return [{ name: 'case-search.p95', value: null, unit: 'ms', peer, baseline: null, target: below(300, 'ms'), note: unavailable }];
    const scratch = await createScratchDatabase(opts.postgresUrl);
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: scratch.url, LOG_LEVEL: 'silent', DATA_DIR: '/tmp/tifli-bench-unused', MASTER_KEYS: `bench:${Buffer.alloc(32, 3).toString('base64')}` });
    const store = await openDatabase(config.database);
    try {
      await migrateToLatest(store.db);
      const geo = await loadMoroccoBoundaries();
      await seedJurisdictions(store.db, geo, new Date());
      opts.log(`case-search: inserting ${n} cases`);
      const keyCache = new Map<string, string[]>();
      const start = Date.UTC(2025, 0, 1);
      const batch = 1000;
      for (let i = 0; i < n; i += batch) {
        const rows = [];
        for (let j = i; j < Math.min(n, i + batch); j++) {
          const g = GIVEN[(j * 7) % GIVEN.length] ?? GIVEN[0];
          const f = FAMILY[(j * 13 + Math.floor(j / 900)) % FAMILY.length] ?? FAMILY[0];
          const city = CITIES[j % CITIES.length] ?? CITIES[0];
          if (!g || !f || !city) continue;
          const latinOnly = j % 3 === 0;
          const child = { givenNameLatin: g[0], familyNameLatin: f[0], givenNameAr: latinOnly ? null : g[1], familyNameAr: latinOnly ? null : f[1], otherNames: [] };
          const cacheKey = `${g[0]}|${f[0]}|${latinOnly}`;
          let keys = keyCache.get(cacheKey);
          if (!keys) {
            keys = caseNameKeys({ child });
            keyCache.set(cacheKey, keys);
          }
          const at = new Date(start + j * 271_000);
          rows.push({
            id: randomUUID(),
            reference: `TM-BENCH-${j}`,
            status: j % 10 === 0 ? ('closed' as const) : ('open' as const),
            jurisdiction_code: city.prov,
            region_code: city.reg,
            province_code: city.prov,
            opened_by: null,
            opened_at: at,
            updated_at: at,
            last_seen_at: at,
            last_seen_lat: city.lat,
            last_seen_lon: city.lon,
            child_sex: j % 2 ? 'male' : 'female',
            child_age_years: 3 + (j % 15),
            child_birth_date: null,
            is_exercise: true,
            record: JSON.stringify({ child }),
            sensitive: null,
            name_keys: keys,
            assessment: null,
            possible_duplicates: '[]',
          });
        }
        await store.db.insertInto('cases').values(rows).execute();
      }
      await sql`analyze cases`.execute(store.db);
      const ctx = { store, config, clock: systemClock, log: createLogger('silent'), keys: await loadMasterKeyRing(config), geo, version: 'bench', jobs: { send: () => Promise.reject(new Error('the search bench sends no jobs')) } } satisfies AppContext;
      const actor: UserActor = { kind: 'user', id: randomUUID(), username: 'bench', role: 'central_command', jurisdiction: 'MA', jurisdictionPath: ['MA'], ip: null };
      const rounds = opts.quick ? 3 : 10;
      const ours: number[] = [];
      const naive: number[] = [];
      let found = 0;
      for (let r = 0; r < rounds; r++) {
        for (const q of QUERIES) {
          let t0 = performance.now();
          const hits = await searchCases(ctx, actor, { name: q, limit: 20 });
          ours.push(performance.now() - t0);
          if (hits.length > 0) found += 1;
          const family = q.split(' ').slice(-1)[0] ?? q;
          t0 = performance.now();
          await sql`select id from cases where record->'child'->>'familyNameLatin' ilike ${`%${family}%`} order by last_seen_at desc limit 20`.execute(store.db);
          naive.push(performance.now() - t0);
        }
      }
      const out: FigureInput[] = [
        { name: 'case-search.p50', value: percentile(ours, 50), unit: 'ms', peer, baseline: percentile(naive, 50), target: null, note: `${n} cases, ${ours.length} searches, ${found}/${ours.length} found a case for a differently spelled query` },
        { name: 'case-search.p95', value: percentile(ours, 95), unit: 'ms', peer, baseline: percentile(naive, 95), target: below(300, 'ms') },
      ];
      return out;
    } finally {
      await store.close();
      await scratch.drop();
    }
  },
};
