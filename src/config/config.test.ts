import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from './config.ts';

test('defaults give an embedded database in ./data and a local base URL', () => {
  const c = loadConfig({});
  assert.equal(c.database.mode, 'embedded');
  assert.match(c.database.mode === 'embedded' ? c.database.dir : '', /data[/\\]pglite$/);
  assert.equal(c.port, 3000);
  assert.equal(c.publicBaseUrl, 'http://localhost:3000');
});

test('DATABASE_URL alone switches to PostgreSQL', () => {
  const c = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/tifli' });
  assert.deepEqual(c.database, { mode: 'postgres', url: 'postgres://u@db:5432/tifli', poolMax: 10 });
});

test('a bad value stops the start with a message naming the variable, and hides secrets', () => {
  const err = (() => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://root:hunter2@db/x', LOG_LEVEL: 'loud' });
    } catch (e) {
      return e;
    }
    return undefined;
  })();
  assert.ok(err instanceof ConfigError);
  assert.match(err.message, /PORT: must be a whole number/);
  assert.match(err.message, /DATABASE_URL: must be a postgres/);
  assert.match(err.message, /LOG_LEVEL/);
  assert.ok(!err.message.includes('hunter2'), 'the database password is not echoed');
});

test('production refuses to start without master keys; key ids and sizes are checked', () => {
  assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /MASTER_KEYS: required when NODE_ENV=production/);
  const k = Buffer.alloc(32, 1).toString('base64');
  assert.throws(() => loadConfig({ MASTER_KEYS: `a:${k}`, MASTER_KEY_ACTIVE: 'b' }), /MASTER_KEY_ACTIVE: names key "b"/);
  assert.throws(() => loadConfig({ MASTER_KEYS: `a:${k},a:${k}` }), /key ids must be unique/);
  const ok = loadConfig({ NODE_ENV: 'production', MASTER_KEYS: `old:${k},new:${Buffer.alloc(32, 2).toString('base64')}` });
  assert.equal(ok.masterKeyActive, 'new');
});

test('alert fatigue settings: defaults, and a wrong value names its variable', () => {
  const c = loadConfig({});
  assert.equal(c.alerts.fatigue.maxPushesPerDayPerArea, 3);
  assert.deepEqual(c.alerts.fatigue.quietHours, { start: '22:00', end: '07:00' });
  assert.throws(() => loadConfig({ ALERT_QUIET_HOURS: '25:00-07:00' }), /ALERT_QUIET_HOURS/);
  assert.throws(() => loadConfig({ ALERT_QUIET_TIERS: 'critical' }), /ALERT_QUIET_TIERS/);
  assert.equal(loadConfig({ ALERT_QUIET_HOURS: 'off' }).alerts.fatigue.quietHours, null);
});
