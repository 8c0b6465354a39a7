/**
 * The processing register for a CNDP declaration (Law 09-08): purposes, data categories with each
 * field's class, recipients (internal roles from the access rules, channels and their providers, which
 * abroad receive public data only), retention periods and security measures. Built, not written: the
 * fields and classes come from the code's classification (case record: field-classes.ts; stored tables:
 * their column classifications), the recipients from the channel list and the policy rules, the periods
 * and measures from the configuration. A field that exists without a class or a category makes the
 * build throw UnclassifiedFieldError naming it, so the register cannot silently drift from the code.
 *
 * @example
 *   const register = buildRegister({ ...defaultRegisterParts(), datasets: [caseRecordDataset(), ...tables], retention, security, generatedAt }, 'fr');
 *   renderRegisterMarkdown(register);
 */
import type { Role } from '../actor.ts';
import { CASE_FIELD_PATHS, DATA_CLASSES, FIELD_CLASSES, type DataClass, type PublicationCondition } from '../case/field-classes.ts';
import type { ChannelName } from '../distribution/channels.ts';
import { CASE_FIELD_INFO } from './case-field-info.ts';
import { type Bilingual, CATEGORY_LABELS, type DataCategory, type RegisterLanguage } from './data-categories.ts';
import { CHANNEL_RECIPIENTS, receivesSubscriberAddress } from './recipients.ts';
import { CLASS_LABELS, CLASS_MEANINGS, CONDITION_LABELS, REGISTER_HEADINGS, ROLE_LABELS } from './register-texts.ts';

/** A field's class as field-classes.ts declares it (a publication condition makes it public only then). */
export interface FieldClassRule {
  readonly class: DataClass;
  readonly when?: PublicationCondition;
  readonly otherwise?: DataClass;
}

export interface FieldDescription {
  readonly category: DataCategory;
  /** The field's name for people; the technical name is shown when absent. */
  readonly fr?: string;
  readonly ar?: string;
}

/** One body of data: the fields that exist, and what the code says about each. */
export interface DatasetInput {
  readonly id: string;
  readonly title: Bilingual;
  /** Where the values live and how they are protected. */
  readonly storage: Bilingual;
  /** Every field that exists (record leaves, or the table's columns as the database reports them). */
  readonly fields: readonly string[];
  readonly classes: Readonly<Record<string, FieldClassRule>>;
  readonly descriptions: Readonly<Record<string, FieldDescription>>;
}

export interface ProcessingInput {
  readonly id: string;
  readonly purpose: Bilingual;
  readonly legalBasis: Bilingual;
  readonly people: Bilingual;
  /** Dataset ids; a dataset that exists but serves no purpose makes the build throw. */
  readonly datasets: readonly string[];
}

export interface InternalRecipientInput {
  readonly data: Bilingual;
  readonly roles: readonly Role[];
}

export interface RegisterInput {
  readonly generatedAt: Date;
  readonly processings: readonly ProcessingInput[];
  readonly datasets: readonly DatasetInput[];
  readonly channels: readonly ChannelName[];
  readonly internalRecipients: readonly InternalRecipientInput[];
  readonly retention: readonly { readonly what: Bilingual; readonly period: Bilingual }[];
  readonly security: readonly Bilingual[];
  readonly rights: readonly Bilingual[];
}

/** A field exists without a class or a category: the register would lie about it. */
export class UnclassifiedFieldError extends Error {
  readonly dataset: string;
  readonly field: string;
  constructor(dataset: string, field: string, missing: 'class' | 'category' | 'table') {
    super(
      missing === 'class'
        ? `Field "${field}" of dataset "${dataset}" has no data class (public, restricted or sensitive): classify it before exporting the register.`
        : missing === 'category'
          ? `Field "${field}" of dataset "${dataset}" has no data category: describe it before exporting the register.`
          : `Table "${dataset}" is stored but not classified: classify its columns (src/app/privacy/stored-field-classes.ts) before exporting the register.`,
    );
    this.name = 'UnclassifiedFieldError';
    this.dataset = dataset;
    this.field = field;
  }
}

// ── The resolved register (one language) ─────────────────────────────────────────────────────────

export interface RegisterField {
  readonly name: string;
  readonly label: string;
  /** The declared class ('public' for conditionally public fields). */
  readonly class: DataClass;
  /** The class at rest and whenever the publication condition does not hold. */
  readonly atRest: DataClass;
  readonly classLabel: string;
  readonly condition: string | null;
}

export interface RegisterDataset {
  readonly id: string;
  readonly title: string;
  readonly storage: string;
  readonly categories: readonly { readonly id: DataCategory; readonly label: string; readonly fields: readonly RegisterField[] }[];
}

export interface ProcessingRegister {
  readonly language: RegisterLanguage;
  readonly title: string;
  readonly intro: string;
  readonly generatedAt: string;
  readonly controller: string;
  readonly classes: readonly { readonly class: DataClass; readonly label: string; readonly meaning: string }[];
  readonly processings: readonly {
    readonly id: string;
    readonly purpose: string;
    readonly legalBasis: string;
    readonly people: string;
    readonly datasets: readonly RegisterDataset[];
  }[];
  readonly recipients: {
    readonly internal: readonly { readonly data: string; readonly roles: readonly string[] }[];
    readonly channels: readonly { readonly channel: ChannelName; readonly recipient: string; readonly country: string; readonly foreign: boolean; readonly receives: readonly string[]; readonly caseDataClasses: readonly DataClass[]; readonly subscriberAddress: boolean }[];
  };
  readonly transfers: { readonly note: string; readonly recipients: readonly string[] };
  readonly retention: readonly { readonly what: string; readonly period: string }[];
  readonly security: readonly string[];
  readonly rights: readonly string[];
}

function resolveDataset(d: DatasetInput, lang: RegisterLanguage): RegisterDataset {
  const byCategory = new Map<DataCategory, RegisterField[]>();
  for (const name of d.fields) {
    const rule = Object.hasOwn(d.classes, name) ? d.classes[name] : undefined;
    if (!rule || !(DATA_CLASSES as readonly string[]).includes(rule.class)) throw new UnclassifiedFieldError(d.id, name, 'class');
    const description = Object.hasOwn(d.descriptions, name) ? d.descriptions[name] : undefined;
    if (!description || !Object.hasOwn(CATEGORY_LABELS, description.category)) throw new UnclassifiedFieldError(d.id, name, 'category');
    const field: RegisterField = {
      name,
      label: description[lang] ?? name,
      class: rule.class,
      atRest: rule.otherwise ?? rule.class,
      classLabel: CLASS_LABELS[rule.class][lang],
      condition: rule.when ? `${CONDITION_LABELS[rule.when][lang]} ; ${CLASS_LABELS[rule.otherwise ?? 'restricted'][lang]}` : null,
    };
    byCategory.set(description.category, [...(byCategory.get(description.category) ?? []), field]);
  }
  return {
    id: d.id,
    title: d.title[lang],
    storage: d.storage[lang],
    categories: [...byCategory].map(([id, fields]) => ({ id, label: CATEGORY_LABELS[id][lang], fields })),
  };
}

/** Categories holding at least one field that can be public: what a channel can carry. */
function publicCategories(datasets: readonly RegisterDataset[]): DataCategory[] {
  const found = new Set<DataCategory>();
  for (const d of datasets) for (const c of d.categories) if (c.fields.some((f) => f.class === 'public')) found.add(c.id);
  return [...found];
}

export function buildRegister(input: RegisterInput, lang: RegisterLanguage): ProcessingRegister {
  const datasets = new Map(input.datasets.map((d) => [d.id, resolveDataset(d, lang)]));
  const used = new Set<string>();
  const processings = input.processings.map((p) => {
    // A processing whose data is not stored in this installation (a table not migrated yet) lists what exists.
    const own = p.datasets.flatMap((id) => {
      used.add(id);
      const d = datasets.get(id);
      return d ? [d] : [];
    });
    return { id: p.id, purpose: p.purpose[lang], legalBasis: p.legalBasis[lang], people: p.people[lang], datasets: own };
  });
  const orphan = input.datasets.find((d) => !used.has(d.id));
  if (orphan) throw new Error(`Dataset "${orphan.id}" is stored but serves no declared purpose: add it to a processing of the register.`);

  const publicOnes = publicCategories([...datasets.values()])
    .filter((c) => c !== 'alert_content')
    .map((c) => CATEGORY_LABELS[c][lang]);
  const alertContent = CATEGORY_LABELS.alert_content[lang];
  const channels = input.channels.map((channel) => {
    const r = CHANNEL_RECIPIENTS[channel];
    const receives = [`${alertContent} : ${publicOnes.join(', ')}`, ...(receivesSubscriberAddress(channel) ? [CATEGORY_LABELS.subscriber_address[lang]] : [])];
    // Of the case, a channel carries the stored version's public view only; a fan-out provider also gets
    // the address the subscriber gave it for this delivery (their own number or push endpoint).
    return { channel, recipient: r.name[lang], country: r.country[lang], foreign: r.foreign, receives, caseDataClasses: ['public'] as const, subscriberAddress: receivesSubscriberAddress(channel) };
  });
  return {
    language: lang,
    title: REGISTER_HEADINGS.title[lang],
    intro: REGISTER_HEADINGS.intro[lang],
    generatedAt: input.generatedAt.toISOString(),
    controller: REGISTER_HEADINGS.controllerName[lang],
    classes: DATA_CLASSES.map((c) => ({ class: c, label: CLASS_LABELS[c][lang], meaning: CLASS_MEANINGS[c][lang] })),
    processings,
    recipients: {
      internal: input.internalRecipients.map((r) => ({ data: r.data[lang], roles: r.roles.map((role) => ROLE_LABELS[role][lang]) })),
      channels,
    },
    transfers: { note: REGISTER_HEADINGS.transfersNote[lang], recipients: [...new Set(channels.filter((c) => c.foreign).map((c) => c.recipient))] },
    retention: input.retention.map((e) => ({ what: e.what[lang], period: e.period[lang] })),
    security: input.security.map((s) => s[lang]),
    rights: input.rights.map((s) => s[lang]),
  };
}

/** The case record as a dataset: its leaves, their classes (field-classes.ts) and descriptions (case-field-info.ts). */
export function caseRecordDataset(): DatasetInput {
  return {
    id: 'case_record',
    title: { fr: 'Dossier de disparition (formulaire révisé)', ar: 'ملف الاختفاء (الاستمارة المنقحة)' },
    storage: {
      fr: 'Base de données ; champs sensibles chiffrés ensemble (AES-256-GCM) sous la clé propre au dossier',
      ar: 'قاعدة المعطيات؛ الحقول الحساسة مشفرة معا (AES-256-GCM) بمفتاح خاص بالملف',
    },
    fields: CASE_FIELD_PATHS,
    classes: FIELD_CLASSES,
    descriptions: CASE_FIELD_INFO,
  };
}
