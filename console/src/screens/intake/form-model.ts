/**
 * The intake form as the officer types it (strings and lists, so a half-filled form can be kept as a
 * draft), and its translation into the revised report (CaseRecord) the API takes. The same domain
 * validation and assessment the server runs are applied in the browser, so problems and the
 * assessment show while typing; the server checks again on submit.
 *
 * @example
 *   const record = toCaseRecord(form, consentWording, new Date());
 *   const problems = validateCaseRecord(record, new Date()); // [{ field: '/child/sex', message: 'is required' }]
 */
import type { CaseRecord, ConsentRecord, GeoPoint } from '../../../../src/domain/case/case-record.ts';

export interface MarkForm {
  kind: string;
  description: string;
}
export interface ClothingForm {
  garment: string;
  colours: string[];
  note: string;
}
export interface PlaceForm {
  label: string;
  address: string;
  lat: string;
  lon: string;
}
export interface FriendForm {
  name: string;
  phone: string;
  note: string;
}
export interface AccountForm {
  platform: string;
  handle: string;
}
export type YesNo = '' | 'yes' | 'no';

export interface IntakeForm {
  exercise: boolean;
  child: {
    givenNameAr: string;
    familyNameAr: string;
    givenNameLatin: string;
    familyNameLatin: string;
    otherNames: string;
    sex: string;
    birthDate: string;
    ageYears: string;
    idCardNumber: string;
    heightCm: string;
    build: string;
    hairColour: string;
    hairLength: string;
    hairTexture: string;
    eyes: string;
    marks: MarkForm[];
    clothing: ClothingForm[];
    clothingDescription: string;
    languages: string[];
    medicalNeeds: string;
    disability: string;
  };
  lastSeen: {
    /** datetime-local, in the browser's zone. */
    at: string;
    uncertaintyMinutes: string;
    lat: string;
    lon: string;
    address: string;
    commune: string;
    neighbourhood: string;
  };
  circumstances: { narrative: string; indicators: string[]; vulnerabilities: string[] };
  investigation: {
    hobbies: string;
    personalProblems: string;
    places: PlaceForm[];
    friends: FriendForm[];
    schoolName: string;
    schoolLevel: string;
    schoolAddress: string;
    accounts: AccountForm[];
    phone: string;
  };
  reporter: {
    givenName: string;
    familyName: string;
    idCardNumber: string;
    relation: string;
    relationDetail: string;
    phones: string;
    email: string;
    address: string;
    consentName: YesNo;
    consentPhoto: YesNo;
    /** When the guardian answered (datetime-local); defaults to when the answer was ticked. */
    consentAt: string;
  };
  suspect: { present: boolean; name: string; sex: string; approximateAge: string; description: string };
  vehicle: { present: boolean; kind: string; make: string; model: string; colour: string; plate: string; description: string };
  /** The officer's judgement: would publishing endanger the child? */
  endangers: YesNo;
}

/** A datetime-local value (YYYY-MM-DDTHH:mm) for an instant, in the browser's zone. */
export function toLocalInput(d: Date): string {
  const local = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export function emptyIntake(now = new Date()): IntakeForm {
  return {
    exercise: false,
    child: {
      givenNameAr: '',
      familyNameAr: '',
      givenNameLatin: '',
      familyNameLatin: '',
      otherNames: '',
      sex: '',
      birthDate: '',
      ageYears: '',
      idCardNumber: '',
      heightCm: '',
      build: '',
      hairColour: '',
      hairLength: '',
      hairTexture: '',
      eyes: '',
      marks: [],
      clothing: [],
      clothingDescription: '',
      languages: [],
      medicalNeeds: '',
      disability: '',
    },
    lastSeen: { at: toLocalInput(now), uncertaintyMinutes: '30', lat: '', lon: '', address: '', commune: '', neighbourhood: '' },
    circumstances: { narrative: '', indicators: [], vulnerabilities: [] },
    investigation: { hobbies: '', personalProblems: '', places: [], friends: [], schoolName: '', schoolLevel: '', schoolAddress: '', accounts: [], phone: '' },
    reporter: { givenName: '', familyName: '', idCardNumber: '', relation: '', relationDetail: '', phones: '', email: '', address: '', consentName: '', consentPhoto: '', consentAt: toLocalInput(now) },
    suspect: { present: false, name: '', sex: '', approximateAge: '', description: '' },
    vehicle: { present: false, kind: '', make: '', model: '', colour: '', plate: '', description: '' },
    endangers: '',
  };
}

const text = (v: string): string | null => (v.trim() === '' ? null : v.trim());
const list = (v: string): string[] =>
  v
    .split(/[\n,،]/)
    .map((s) => s.trim())
    .filter(Boolean);
const num = (v: string): number | null => {
  if (v.trim() === '') return null;
  const n = Number(v.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
};
const int = (v: string): number | null => {
  const n = num(v);
  return n === null ? null : Math.trunc(n);
};

export function pointOf(lat: string, lon: string): GeoPoint | null {
  const a = num(lat);
  const b = num(lon);
  return a === null || b === null ? null : { lat: a, lon: b };
}

/** An instant from a datetime-local value (browser zone); the raw value when it does not parse, for validation to flag. */
function instant(local: string): string {
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? local : d.toISOString();
}

function consent(answer: YesNo, at: string, wording: string): ConsentRecord | null {
  if (answer === '') return null;
  return { given: answer === 'yes', at: instant(at), wording, withdrawnAt: null };
}

export interface ConsentWordings {
  readonly name: string;
  readonly photo: string;
}

/** Photos chosen in the form but not uploaded yet count for the assessment with a placeholder id. */
export interface PendingPhoto {
  readonly publishable: boolean;
}

/**
 * The revised report from the form. Unknown values become null and empty lists, as the API wants;
 * required values left empty stay empty or null so that validation names them (`missing point` is
 * the only one given a placeholder, because a record cannot be assessed without one).
 */
export function toCaseRecord(f: IntakeForm, wordings: ConsentWordings, photos: readonly PendingPhoto[] = []): CaseRecord {
  const c = f.child;
  const r = f.reporter;
  return {
    child: {
      givenNameAr: text(c.givenNameAr),
      familyNameAr: text(c.familyNameAr),
      givenNameLatin: text(c.givenNameLatin),
      familyNameLatin: text(c.familyNameLatin),
      otherNames: list(c.otherNames),
      sex: c.sex as CaseRecord['child']['sex'],
      birthDate: text(c.birthDate),
      ageYears: int(c.ageYears),
      idCardNumber: text(c.idCardNumber),
      heightCm: num(c.heightCm),
      build: (text(c.build) as CaseRecord['child']['build']) ?? null,
      hair: {
        colour: (text(c.hairColour) as CaseRecord['child']['hair']['colour']) ?? null,
        length: (text(c.hairLength) as CaseRecord['child']['hair']['length']) ?? null,
        texture: (text(c.hairTexture) as CaseRecord['child']['hair']['texture']) ?? null,
      },
      eyes: (text(c.eyes) as CaseRecord['child']['eyes']) ?? null,
      visibleMarks: c.marks.filter((m) => m.kind).map((m) => ({ kind: m.kind as CaseRecord['child']['visibleMarks'][number]['kind'], description: text(m.description) })),
      clothing: {
        items: c.clothing
          .filter((i) => i.garment)
          .map((i) => ({ garment: i.garment as CaseRecord['child']['clothing']['items'][number]['garment'], colours: i.colours as CaseRecord['child']['clothing']['items'][number]['colours'], note: text(i.note) })),
        description: text(c.clothingDescription),
      },
      languages: c.languages as CaseRecord['child']['languages'],
      photos: photos.map((p, i) => ({ id: `pending-${i + 1}`, forPublication: p.publishable, takenOn: null })),
      health: { medicalNeeds: text(c.medicalNeeds), disability: text(c.disability) },
    },
    lastSeen: {
      at: instant(f.lastSeen.at),
      uncertaintyMinutes: int(f.lastSeen.uncertaintyMinutes) ?? 0,
      point: pointOf(f.lastSeen.lat, f.lastSeen.lon) as GeoPoint,
      address: text(f.lastSeen.address),
      area: { commune: text(f.lastSeen.commune), neighbourhood: text(f.lastSeen.neighbourhood) },
      prefectureCode: null,
      regionCode: null,
    },
    circumstances: {
      narrative: text(f.circumstances.narrative),
      indicators: f.circumstances.indicators as CaseRecord['circumstances']['indicators'],
      vulnerabilities: f.circumstances.vulnerabilities as CaseRecord['circumstances']['vulnerabilities'],
    },
    investigation: {
      hobbies: list(f.investigation.hobbies),
      personalProblems: text(f.investigation.personalProblems),
      placesFrequented: f.investigation.places.filter((p) => p.label.trim()).map((p) => ({ label: p.label.trim(), address: text(p.address), point: pointOf(p.lat, p.lon) })),
      friends: f.investigation.friends.filter((x) => x.name.trim()).map((x) => ({ name: x.name.trim(), phone: text(x.phone), note: text(x.note) })),
      school: text(f.investigation.schoolName) ? { name: f.investigation.schoolName.trim(), level: text(f.investigation.schoolLevel), address: text(f.investigation.schoolAddress) } : null,
      onlineAccounts: f.investigation.accounts
        .filter((a) => a.platform && a.handle.trim())
        .map((a) => ({ platform: a.platform as CaseRecord['investigation']['onlineAccounts'][number]['platform'], handle: a.handle.trim() })),
      phone: text(f.investigation.phone),
    },
    reporter: {
      givenName: r.givenName.trim(),
      familyName: r.familyName.trim(),
      idCardNumber: text(r.idCardNumber),
      relation: r.relation as CaseRecord['reporter']['relation'],
      relationDetail: text(r.relationDetail),
      phones: list(r.phones),
      email: text(r.email),
      address: text(r.address),
      consents: { publishName: consent(r.consentName, r.consentAt, wordings.name), publishPhoto: consent(r.consentPhoto, r.consentAt, wordings.photo) },
    },
    suspect: f.suspect.present
      ? { name: text(f.suspect.name), sex: (text(f.suspect.sex) as CaseRecord['child']['sex'] | null) ?? null, approximateAge: int(f.suspect.approximateAge), description: text(f.suspect.description) }
      : null,
    vehicle: f.vehicle.present
      ? {
          kind: (text(f.vehicle.kind) as NonNullable<CaseRecord['vehicle']>['kind']) ?? null,
          make: text(f.vehicle.make),
          model: text(f.vehicle.model),
          colour: (text(f.vehicle.colour) as NonNullable<CaseRecord['vehicle']>['colour']) ?? null,
          plate: text(f.vehicle.plate),
          description: text(f.vehicle.description),
        }
      : null,
    prosecutor: null,
  };
}

/** The record with placeholder values where a required fact is missing, good enough to assess (never sent). */
export function assessable(record: CaseRecord): CaseRecord {
  return { ...record, lastSeen: { ...record.lastSeen, point: record.lastSeen.point ?? { lat: 0, lon: 0 } } };
}

/** The form from a stored record (editing a case), the reverse of toCaseRecord. */
export function fromCaseRecord(rec: CaseRecord): IntakeForm {
  const base = emptyIntake(new Date(rec.lastSeen.at));
  const s = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const consentAt = rec.reporter.consents.publishName?.at ?? rec.reporter.consents.publishPhoto?.at;
  return {
    ...base,
    child: {
      givenNameAr: s(rec.child.givenNameAr),
      familyNameAr: s(rec.child.familyNameAr),
      givenNameLatin: s(rec.child.givenNameLatin),
      familyNameLatin: s(rec.child.familyNameLatin),
      otherNames: rec.child.otherNames.join(', '),
      sex: rec.child.sex,
      birthDate: s(rec.child.birthDate),
      ageYears: s(rec.child.ageYears),
      idCardNumber: s(rec.child.idCardNumber),
      heightCm: s(rec.child.heightCm),
      build: s(rec.child.build),
      hairColour: s(rec.child.hair.colour),
      hairLength: s(rec.child.hair.length),
      hairTexture: s(rec.child.hair.texture),
      eyes: s(rec.child.eyes),
      marks: rec.child.visibleMarks.map((m) => ({ kind: m.kind, description: s(m.description) })),
      clothing: rec.child.clothing.items.map((i) => ({ garment: i.garment, colours: [...i.colours], note: s(i.note) })),
      clothingDescription: s(rec.child.clothing.description),
      languages: [...rec.child.languages],
      medicalNeeds: s(rec.child.health.medicalNeeds),
      disability: s(rec.child.health.disability),
    },
    lastSeen: {
      at: toLocalInput(new Date(rec.lastSeen.at)),
      uncertaintyMinutes: s(rec.lastSeen.uncertaintyMinutes),
      lat: s(rec.lastSeen.point.lat),
      lon: s(rec.lastSeen.point.lon),
      address: s(rec.lastSeen.address),
      commune: s(rec.lastSeen.area.commune),
      neighbourhood: s(rec.lastSeen.area.neighbourhood),
    },
    circumstances: { narrative: s(rec.circumstances.narrative), indicators: [...rec.circumstances.indicators], vulnerabilities: [...rec.circumstances.vulnerabilities] },
    investigation: {
      hobbies: rec.investigation.hobbies.join('\n'),
      personalProblems: s(rec.investigation.personalProblems),
      places: rec.investigation.placesFrequented.map((p) => ({ label: p.label, address: s(p.address), lat: s(p.point?.lat), lon: s(p.point?.lon) })),
      friends: rec.investigation.friends.map((x) => ({ name: x.name, phone: s(x.phone), note: s(x.note) })),
      schoolName: s(rec.investigation.school?.name),
      schoolLevel: s(rec.investigation.school?.level),
      schoolAddress: s(rec.investigation.school?.address),
      accounts: rec.investigation.onlineAccounts.map((a) => ({ platform: a.platform, handle: a.handle })),
      phone: s(rec.investigation.phone),
    },
    reporter: {
      givenName: rec.reporter.givenName,
      familyName: rec.reporter.familyName,
      idCardNumber: s(rec.reporter.idCardNumber),
      relation: rec.reporter.relation,
      relationDetail: s(rec.reporter.relationDetail),
      phones: rec.reporter.phones.join(', '),
      email: s(rec.reporter.email),
      address: s(rec.reporter.address),
      consentName: rec.reporter.consents.publishName ? (rec.reporter.consents.publishName.given ? 'yes' : 'no') : '',
      consentPhoto: rec.reporter.consents.publishPhoto ? (rec.reporter.consents.publishPhoto.given ? 'yes' : 'no') : '',
      consentAt: consentAt ? toLocalInput(new Date(consentAt)) : base.reporter.consentAt,
    },
    suspect: rec.suspect
      ? { present: true, name: s(rec.suspect.name), sex: s(rec.suspect.sex), approximateAge: s(rec.suspect.approximateAge), description: s(rec.suspect.description) }
      : base.suspect,
    vehicle: rec.vehicle
      ? { present: true, kind: s(rec.vehicle.kind), make: s(rec.vehicle.make), model: s(rec.vehicle.model), colour: s(rec.vehicle.colour), plate: s(rec.vehicle.plate), description: s(rec.vehicle.description) }
      : base.vehicle,
    endangers: '',
  };
}
