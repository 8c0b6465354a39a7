/**
 * Synthetic case records for the tests of this folder (no real person). `validRecord` is a plain,
 * valid intake; `seededRecord` fills every field, with a distinctive marker in each restricted and
 * sensitive one, so a test can prove none of them leaks.
 */
import type { CaseRecord } from './case-record.ts';

export const NOW = new Date('2026-03-11T14:00:00Z');

type Mutable<T> = T extends readonly (infer E)[] ? Mutable<E>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;
/** A deep copy that a test may change freely. */
export type Draft = Mutable<CaseRecord>;

export function validRecord(): Draft {
  return {
    child: {
      givenNameAr: 'ياسمين',
      familyNameAr: 'العمراني',
      givenNameLatin: 'Yasmine',
      familyNameLatin: 'El Amrani',
      otherNames: [],
      sex: 'female',
      birthDate: '2017-05-20',
      ageYears: 8,
      idCardNumber: null,
      heightCm: 128,
      build: 'slim',
      hair: { colour: 'black', length: 'long', texture: 'curly' },
      eyes: 'brown',
      visibleMarks: [{ kind: 'scar', description: 'small scar on the chin' }],
      clothing: { items: [{ garment: 'school_smock', colours: ['white'], note: null }, { garment: 'sneakers', colours: ['pink', 'white'], note: null }], description: null },
      languages: ['ary', 'fr'],
      photos: [{ id: 'ph-1', forPublication: true, takenOn: '2026-01-10' }],
      health: { medicalNeeds: null, disability: null },
    },
    lastSeen: {
      at: '2026-03-11T12:30:00Z',
      uncertaintyMinutes: 15,
      point: { lat: 34.0209, lon: -6.8416 },
      address: 'Avenue Mohammed V, Rabat',
      area: { commune: 'Rabat', neighbourhood: 'Hassan' },
      prefectureCode: 'MA-RAB',
      regionCode: 'MA-04',
    },
    circumstances: { narrative: 'Left school at noon and did not arrive home.', indicators: [], vulnerabilities: [] },
    investigation: { hobbies: [], personalProblems: null, placesFrequented: [], friends: [], school: null, onlineAccounts: [], phone: null },
    reporter: {
      givenName: 'Fatima',
      familyName: 'El Amrani',
      idCardNumber: null,
      relation: 'mother',
      relationDetail: null,
      phones: ['0612345678'],
      email: null,
      address: null,
      consents: {
        publishName: { given: true, at: '2026-03-11T13:00:00Z', wording: "J'accepte la publication du nom de mon enfant.", withdrawnAt: null },
        publishPhoto: { given: true, at: '2026-03-11T13:00:00Z', wording: "J'accepte la publication de la photo de mon enfant.", withdrawnAt: null },
      },
    },
    suspect: null,
    vehicle: null,
    prosecutor: null,
  };
}

/** Every field filled; restricted and sensitive values are distinctive markers (strings or unusual numbers). */
export function seededRecord(): Draft {
  return {
    child: {
      givenNameAr: 'زمردة',
      familyNameAr: 'البرقوقي',
      givenNameLatin: 'Zumurrudmarker',
      familyNameLatin: 'Barquqimarker',
      otherNames: ['Aliasmarker'],
      sex: 'female',
      birthDate: '2013-02-03',
      ageYears: 13,
      idCardNumber: 'ZX987654',
      heightCm: 151,
      build: 'average',
      hair: { colour: 'brown', length: 'short', texture: 'straight' },
      eyes: 'hazel',
      visibleMarks: [{ kind: 'glasses', description: 'round red glasses' }],
      clothing: { items: [{ garment: 'hoodie', colours: ['red'], note: 'Raja crest' }], description: 'red hoodie, grey jeans' },
      languages: ['ary', 'rif'],
      photos: [
        { id: 'photo-for-publication', forPublication: true, takenOn: '2026-02-01' },
        { id: 'photo-never-published', forPublication: false, takenOn: '2025-07-07' },
      ],
      health: { medicalNeeds: 'MARKER-medical-insulin', disability: 'MARKER-disability' },
    },
    lastSeen: {
      at: '2026-03-11T09:40:00Z',
      uncertaintyMinutes: 30,
      point: { lat: 33.987654, lon: -6.876543 },
      address: 'MARKER-last-seen-address',
      area: { commune: 'Salé', neighbourhood: 'Tabriquet' },
      prefectureCode: 'MA-SAL',
      regionCode: 'MA-04',
    },
    circumstances: {
      narrative: 'MARKER-narrative',
      indicators: ['abduction_suspected', 'known_person_involved', 'earlier_runaways', 'online_contact'],
      vulnerabilities: ['medical_need', 'family_conflict', 'abuse_suspected'],
    },
    investigation: {
      hobbies: ['MARKER-hobby'],
      personalProblems: 'MARKER-personal-problems',
      placesFrequented: [{ label: 'MARKER-place-label', address: 'MARKER-place-address', point: { lat: 34.111111, lon: -5.222222 } }],
      friends: [{ name: 'Friendmarker', phone: '0611223344', note: 'MARKER-friend-note' }],
      school: { name: 'MARKER-school-name', level: 'MARKER-level', address: 'MARKER-school-address' },
      onlineAccounts: [{ platform: 'tiktok', handle: 'marker_handle_99' }],
      phone: '0698765432',
    },
    reporter: {
      givenName: 'Reportermarker',
      familyName: 'Reporterfamilymarker',
      idCardNumber: 'QQ112233',
      relation: 'testamentary_guardian',
      relationDetail: 'MARKER-relation-detail',
      phones: ['+212661234567'],
      email: 'marker.reporter@example.invalid',
      address: 'MARKER-reporter-address',
      consents: {
        publishName: { given: true, at: '2026-03-11T10:05:00Z', wording: 'MARKER-wording-name', withdrawnAt: '2026-03-11T10:06:00Z' },
        publishPhoto: { given: true, at: '2026-03-11T10:07:00Z', wording: 'MARKER-wording-photo', withdrawnAt: '2026-03-11T10:08:00Z' },
      },
    },
    suspect: { name: 'Suspectmarker', sex: 'male', approximateAge: 41, description: 'MARKER-suspect-description' },
    vehicle: { kind: 'grand_taxi', make: 'MARKER-make', model: 'MARKER-model', colour: 'navy', plate: 'MARKER-plate', description: 'MARKER-vehicle-description' },
    prosecutor: {
      court: 'MARKER-court',
      fileNumber: 'MARKER-file-number',
      publicationDecision: { reference: 'MARKER-decision-ref', decidedAt: '2026-03-11T11:15:00Z', publishName: false, publishPhoto: true, publishSuspect: false },
    },
  };
}

/**
 * Restricted and sensitive values of seededRecord that do not contain the word "marker" (every other
 * restricted or sensitive text there does), written out by hand so a leak test does not depend on the
 * classification it checks.
 */
export const SEEDED_SECRETS_WITHOUT_MARKER: readonly string[] = [
  '"زمردة"',
  '"البرقوقي"',
  '"2013-02-03"',
  '"ZX987654"',
  '"QQ112233"',
  '"photo-for-publication"',
  '"photo-never-published"',
  '33.987654',
  '-6.876543',
  '34.111111',
  '-5.222222',
  '"abduction_suspected"',
  '"known_person_involved"',
  '"earlier_runaways"',
  '"online_contact"',
  '"medical_need"',
  '"family_conflict"',
  '"abuse_suspected"',
  '"tiktok"',
  '"0611223344"',
  '"0698765432"',
  '"testamentary_guardian"',
  '"+212661234567"',
  '"2026-03-11T10:05:00Z"',
  '"2026-03-11T11:15:00Z"',
  '"male"',
  '"grand_taxi"',
  '"navy"',
];
