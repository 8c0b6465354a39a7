import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CASE_FIELD_PATHS, SENSITIVE_PATHS } from '../case/field-classes.ts';
import { CHANNELS } from '../distribution/channels.ts';
import { type DatasetInput, type RegisterInput, UnclassifiedFieldError, buildRegister, caseRecordDataset } from './processing-register.ts';
import { PROCESSINGS, REGISTER_RIGHTS, internalRecipients, registerRetention, registerSecurity } from './register-parts.ts';
import { renderRegisterMarkdown } from './register-markdown.ts';

const statistics: DatasetInput = {
  id: 'retention_statistics',
  title: { fr: 'Statistiques', ar: 'إحصائيات' },
  storage: { fr: 'Base', ar: 'قاعدة' },
  fields: ['closed_year', 'cases'],
  classes: { closed_year: { class: 'restricted' }, cases: { class: 'restricted' } },
  descriptions: { closed_year: { category: 'statistics' }, cases: { category: 'statistics' } },
};

function input(datasets: readonly DatasetInput[] = [caseRecordDataset(), statistics]): RegisterInput {
  return {
    generatedAt: new Date('2026-11-23T09:00:00Z'),
    processings: PROCESSINGS,
    datasets,
    channels: CHANNELS,
    internalRecipients: internalRecipients(),
    retention: registerRetention({ restrictedMonths: 18, tipsMonths: 4, pendingSubscriptionDays: 7 }),
    security: registerSecurity({ sessionIdleMinutes: 30, sessionMaxHours: 12, loginMaxAttempts: 5, lockoutMinutes: 15, secondFactorRoles: ['officer', 'dpo'] }),
    rights: REGISTER_RIGHTS,
  };
}

test('every field of the case record appears with its class; sensitive ones are sensitive at rest', () => {
  const r = buildRegister(input(), 'fr');
  const search = r.processings.find((p) => p.id === 'missing_child_search');
  const dataset = search?.datasets.find((d) => d.id === 'case_record');
  assert.ok(dataset);
  const fields = dataset.categories.flatMap((c) => c.fields);
  assert.deepEqual(fields.map((f) => f.name).sort(), [...CASE_FIELD_PATHS].sort());
  for (const f of fields.filter((x) => (SENSITIVE_PATHS as readonly string[]).includes(x.name))) assert.equal(f.atRest, 'sensitive', f.name);
  const name = fields.find((f) => f.name === 'child.givenNameLatin');
  assert.equal(name?.class, 'public');
  assert.equal(name?.atRest, 'restricted');
  assert.match(name?.condition ?? '', /consentement du tuteur/);
  assert.equal(fields.find((f) => f.name === 'child.health.medicalNeeds')?.classLabel, 'sensible');
});

test('a field that exists without a class makes the export fail, naming it', () => {
  const dataset = caseRecordDataset();
  const withFake: DatasetInput = { ...dataset, fields: [...dataset.fields, 'child.shoeSize'] };
  assert.throws(
    () => buildRegister(input([withFake, statistics]), 'fr'),
    (e: unknown) => e instanceof UnclassifiedFieldError && e.field === 'child.shoeSize' && e.dataset === 'case_record' && /child\.shoeSize.*no data class/.test(e.message),
  );
  // A stored column with a class but no category fails too, as does a dataset no purpose claims.
  const noCategory: DatasetInput = { ...statistics, fields: [...statistics.fields, 'tips'], classes: { ...statistics.classes, tips: { class: 'restricted' } } };
  assert.throws(() => buildRegister(input([caseRecordDataset(), noCategory]), 'ar'), /Field "tips" of dataset "retention_statistics" has no data category/);
  assert.throws(() => buildRegister(input([caseRecordDataset(), statistics, { ...statistics, id: 'mystery_table' }]), 'fr'), /"mystery_table" is stored but serves no declared purpose/);
});

test('recipients come from the channel list: foreign platforms receive public data only', () => {
  const r = buildRegister(input(), 'fr');
  assert.deepEqual(r.recipients.channels.map((c) => c.channel), [...CHANNELS]);
  for (const c of r.recipients.channels) assert.deepEqual(c.caseDataClasses, ['public'], c.channel);
  const foreign = r.recipients.channels.filter((c) => c.foreign).map((c) => c.channel);
  assert.deepEqual(foreign.sort(), ['facebook', 'instagram', 'meta_partner', 'webpush', 'whatsapp']);
  assert.ok(r.transfers.recipients.some((n) => /Meta Platforms/.test(n)));
  // What a channel carries is derived from the public fields: the child's description, never the health category.
  const facebook = r.recipients.channels.find((c) => c.channel === 'facebook');
  assert.match(facebook?.receives.join(' ') ?? '', /Signalement de l'enfant/);
  assert.doesNotMatch(facebook?.receives.join(' ') ?? '', /Santé/);
  assert.equal(r.recipients.channels.find((c) => c.channel === 'whatsapp')?.subscriberAddress, true);
  assert.equal(facebook?.subscriberAddress, false);
  // Internal recipients follow the policy rules.
  const full = r.recipients.internal.find((i) => /Dossier complet/.test(i.data));
  assert.ok(full?.roles.includes('délégué à la protection des données'));
  assert.ok(!full?.roles.includes('service de communication'));
});

test('periods come from the configuration, in French and in Arabic; the Markdown is right-to-left in Arabic', () => {
  const fr = buildRegister(input(), 'fr');
  assert.ok(fr.retention.some((e) => /18 mois après la clôture/.test(e.period)));
  assert.ok(fr.retention.some((e) => /^4 mois/.test(e.period)), 'tips at their own period');
  const ar = buildRegister(input(), 'ar');
  assert.ok(ar.retention.some((e) => /18 شهرا بعد إغلاق الملف/.test(e.period)));
  const md = renderRegisterMarkdown(ar);
  assert.match(md, /^<div dir="rtl" lang="ar">/);
  assert.match(md, /# سجل المعالجات/);
  assert.match(md, /\| حساس \|/);
  assert.match(md, /`child\.idCardNumber`/);
  const mdFr = renderRegisterMarkdown(fr);
  assert.match(mdFr, /## Transferts hors du Maroc/);
  assert.match(mdFr, /TOTP\) obligatoire pour : officiers de police chargés du dossier, délégué/);
});
