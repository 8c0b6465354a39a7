import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Role, UserActor } from '../actor.ts';
import { decide } from './policy.ts';

const user = (role: Role, path: string[]): UserActor => ({ kind: 'user', id: 'u', username: 'u', role, jurisdiction: path[path.length - 1] ?? 'MA', jurisdictionPath: path, ip: null });
const casablancaCase = { jurisdictionPath: ['MA', 'MA-06', 'MA-CAS'] };

test('an officer reads full case files of their province, not of another one', () => {
  assert.deepEqual(decide(user('officer', ['MA', 'MA-06', 'MA-CAS']), 'case.read_full', casablancaCase), { allowed: true });
  assert.deepEqual(decide(user('officer', ['MA', 'MA-04', 'MA-RAB']), 'case.read_full', casablancaCase), { allowed: false, reason: 'jurisdiction' });
});

test('a police unit works on its whole province', () => {
  assert.deepEqual(decide(user('officer', ['MA', 'MA-06', 'MA-CAS', 'MA-CAS-U01']), 'case.read_full', casablancaCase), { allowed: true });
  assert.deepEqual(decide(user('officer', ['MA', 'MA-04', 'MA-RAB', 'MA-RAB-U01']), 'case.read_full', casablancaCase), { allowed: false, reason: 'jurisdiction' });
});

test('regional and national staff reach everything below them; roles still decide', () => {
  assert.deepEqual(decide(user('supervisor', ['MA', 'MA-06']), 'case.read_full', casablancaCase), { allowed: true });
  assert.deepEqual(decide(user('central_command', ['MA']), 'case.read_full', casablancaCase), { allowed: true });
  assert.deepEqual(decide(user('communications', ['MA']), 'case.read_full', casablancaCase), { allowed: false, reason: 'role' });
  assert.deepEqual(decide(user('officer', ['MA', 'MA-06', 'MA-CAS']), 'case.reopen', casablancaCase), { allowed: false, reason: 'role' });
});

test('API tokens need the scope and stay inside their jurisdiction; the public reaches only public actions', () => {
  const token = { kind: 'api_token' as const, id: 't', name: 'partner', scopes: ['cases:read'], jurisdiction: 'MA-06', jurisdictionPath: ['MA', 'MA-06'], ip: null };
  assert.deepEqual(decide(token, 'case.read_summary'), { allowed: true });
  assert.deepEqual(decide(token, 'case.create'), { allowed: false, reason: 'scope' });
  assert.deepEqual(decide({ kind: 'public', ip: null }, 'case.read_summary'), { allowed: false, reason: 'unauthenticated' });
});

test('a unit does not administer its province: only case work widens to the province', () => {
  const unitAdmin = user('administrator', ['MA', 'MA-06', 'MA-CAS', 'MA-CAS-U01']);
  assert.deepEqual(decide(unitAdmin, 'jurisdiction.create_unit', { jurisdictionPath: ['MA', 'MA-06', 'MA-CAS'] }), { allowed: false, reason: 'jurisdiction' });
});
