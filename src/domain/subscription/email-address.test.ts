import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeEmail } from './email-address.ts';

test('valid e-mail addresses: trimmed, domain lowercased (and in ASCII), local part kept as typed', () => {
  const cases: readonly (readonly [string, string])[] = [
    ['amina@example.ma', 'amina@example.ma'],
    ['  Amina.B@Example.MA ', 'Amina.B@example.ma'],
    ['youssef+alertes@mail.gov.ma', 'youssef+alertes@mail.gov.ma'],
    ["o'neil_x-1@sub.domain-x.co.uk", "o'neil_x-1@sub.domain-x.co.uk"],
    ['x@bücher.de', 'x@xn--bcher-kva.de'],
    ['x@XN--BCHER-KVA.DE', 'x@xn--bcher-kva.de'],
    [`${'a'.repeat(64)}@example.ma`, `${'a'.repeat(64)}@example.ma`],
  ];
  for (const [typed, stored] of cases) assert.deepEqual(normalizeEmail(typed), { ok: true, address: stored }, typed);
});

test('invalid e-mail addresses are refused with one code', () => {
  const bad = [
    '',
    'amina',
    'amina@',
    '@example.ma',
    'amina@example',
    'amina@@example.ma',
    'amina@exa mple.ma',
    'ami na@example.ma',
    '.amina@example.ma',
    'amina.@example.ma',
    'ami..na@example.ma',
    '"amina"@example.ma',
    'amina@[192.168.0.1]',
    'amina@192.168.0.1',
    'amina@-example.ma',
    'amina@example-.ma',
    'amina@example.ma.',
    'amina@exa_mple.ma',
    'amina@example.ma/path',
    'amina@example.ma:25',
    'amina@ex%41mple.ma',
    'أمينة@example.ma',
    'amina@exa\nmple.ma',
    'amina\r\nBcc: x@y.ma@example.ma',
    `${'a'.repeat(65)}@example.ma`,
    `a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(63)}.ma`,
    `a@${'b'.repeat(64)}.ma`,
  ];
  for (const typed of bad) assert.deepEqual(normalizeEmail(typed), { ok: false, code: 'email_invalid' }, JSON.stringify(typed));
});
