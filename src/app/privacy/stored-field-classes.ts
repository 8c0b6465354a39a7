/**
 * The data class and category of every column of every stored table, for the processing register.
 * The case record's own fields are classified in domain/case/field-classes.ts (the `record` and
 * `sensitive` columns hold them); this file covers the tables around it. Tips, subscriptions and staff
 * accounts had no classification module of their own: this is it (tips as the intake migration
 * describes them: contact restricted and sealed under the case key).
 *
 * Each map is typed over its table's Kysely interface (store/schema.ts), so a column added to the
 * schema without a class here fails type-checking; the register also compares these maps with the
 * columns the database actually has and fails naming any column or table left out.
 *
 * @example
 *   STORED_TABLES.tips.columns.contact; // { class: 'restricted', category: 'tipster_contact' }
 */
import type { DataClass, PublicationCondition } from '../../domain/case/field-classes.ts';
import type { Bilingual, DataCategory } from '../../domain/privacy/data-categories.ts';
import type { DB } from '../../store/schema.ts';

export interface ColumnRule {
  readonly class: DataClass;
  readonly category: DataCategory;
  readonly when?: PublicationCondition;
  readonly otherwise?: DataClass;
}

export interface TableClassification<T> {
  readonly title: Bilingual;
  readonly storage: Bilingual;
  readonly columns: { readonly [K in keyof T]-?: ColumnRule };
}

const rule = (category: DataCategory, cls: DataClass = 'restricted'): ColumnRule => ({ class: cls, category });
const TECH = rule('technical');
const PUB_ALERT = rule('alert_content', 'public');
const DB_CLEAR: Bilingual = { fr: 'Base de données, en clair (accès restreint et journalisé)', ar: 'قاعدة المعطيات، غير مشفرة (ولوج مقيد ومسجل)' };

const cases: TableClassification<DB['cases']> = {
  title: { fr: 'Dossiers : colonnes de recherche et de suivi', ar: 'الملفات: أعمدة البحث والتتبع' },
  storage: DB_CLEAR,
  columns: {
    id: TECH,
    reference: rule('child_identity', 'public'),
    status: TECH,
    jurisdiction_code: TECH,
    region_code: rule('last_seen', 'public'),
    province_code: rule('last_seen', 'public'),
    opened_by: rule('staff_identity'),
    opened_at: TECH,
    updated_at: TECH,
    version: TECH,
    last_seen_at: rule('last_seen', 'public'),
    last_seen_lat: rule('last_seen'),
    last_seen_lon: rule('last_seen'),
    child_sex: rule('child_description', 'public'),
    child_age_years: rule('child_description', 'public'),
    child_birth_date: rule('child_identity'),
    is_exercise: TECH,
    // The record's own leaves are classified one by one in domain/case/field-classes.ts (dataset case_record).
    record: rule('child_identity'),
    sensitive: rule('child_health', 'sensitive'),
    name_keys: rule('child_identity'),
    assessment: rule('circumstances'),
    assessment_override: rule('circumstances'),
    closed_at: TECH,
    closure_outcome: rule('circumstances'),
    closure_reason: rule('circumstances'),
    possible_duplicates: TECH,
  },
};

const case_events: TableClassification<DB['case_events']> = {
  title: { fr: 'Historique des dossiers', ar: 'سجل الملفات' },
  storage: DB_CLEAR,
  columns: { id: TECH, seq: TECH, case_id: TECH, at: TECH, kind: TECH, from_status: TECH, to_status: TECH, reason: rule('circumstances'), outcome: rule('circumstances'), actor_id: rule('staff_identity') },
};

const photos: TableClassification<DB['photos']> = {
  title: { fr: 'Photos des dossiers', ar: 'صور الملفات' },
  storage: { fr: 'Base de données ; photos non publiables chiffrées sous la clé du dossier', ar: 'قاعدة المعطيات؛ الصور غير القابلة للنشر مشفرة بمفتاح الملف' },
  columns: {
    id: TECH,
    case_id: TECH,
    publishable: TECH,
    encrypted: TECH,
    mime: TECH,
    width: TECH,
    height: TECH,
    bytes: { class: 'public', when: 'photo_published', otherwise: 'sensitive', category: 'child_photos' },
    thumb: { class: 'public', when: 'photo_published', otherwise: 'sensitive', category: 'child_photos' },
    sha256: rule('child_photos'),
    byte_size: TECH,
    uploaded_by: rule('staff_identity'),
    created_at: TECH,
    deleted_at: TECH,
  },
};

const data_keys: TableClassification<DB['data_keys']> = {
  title: { fr: 'Clés de chiffrement des dossiers', ar: 'مفاتيح تشفير الملفات' },
  storage: { fr: 'Base de données ; clé scellée sous une clé maîtresse, effacée à la purge', ar: 'قاعدة المعطيات؛ مفتاح مختوم بمفتاح رئيسي، يُمحى عند الحذف' },
  columns: { id: TECH, owner_type: TECH, owner_id: TECH, wrapped_key: rule('technical', 'sensitive'), master_key_id: TECH, created_at: TECH, rotated_at: TECH, destroyed_at: TECH, destroyed_reason: TECH },
};

const alerts: TableClassification<DB['alerts']> = {
  title: { fr: 'Alertes : brouillons et chaîne de décisions', ar: 'التنبيهات: المسودات وسلسلة القرارات' },
  storage: DB_CLEAR,
  columns: {
    id: TECH,
    public_id: PUB_ALERT,
    case_id: TECH,
    state: TECH,
    is_exercise: TECH,
    created_by: rule('staff_identity'),
    created_at: TECH,
    updated_at: TECH,
    revision: TECH,
    // Texts (public once published) and the zone drawn around the restricted last-seen point.
    draft: rule('alert_content'),
    chain: rule('prosecutor'),
    expires_at: TECH,
    published_at: TECH,
    ended_at: TECH,
    end_outcome: TECH,
    prosecutor_due_at: TECH,
    prosecutor_escalations: TECH,
    current_version: TECH,
  },
};

const alert_decisions: TableClassification<DB['alert_decisions']> = {
  title: { fr: 'Décisions de publication (chaîne signée)', ar: 'قرارات النشر (سلسلة موقعة)' },
  storage: DB_CLEAR,
  columns: { alert_id: TECH, seq: TECH, kind: TECH, outcome: TECH, decided_by: rule('staff_identity'), decided_at: TECH, hash: TECH, record: rule('prosecutor') },
};

const alert_versions: TableClassification<DB['alert_versions']> = {
  title: { fr: 'Versions publiées des alertes (CAP)', ar: 'النسخ المنشورة من التنبيهات (CAP)' },
  storage: { fr: 'Base de données ; immuables, expurgées à sens unique à la purge', ar: 'قاعدة المعطيات؛ غير قابلة للتعديل، تُنقح في اتجاه واحد عند الحذف' },
  columns: {
    alert_id: TECH,
    version: TECH,
    msg_type: TECH,
    update_kind: TECH,
    cap_identifier: TECH,
    sent_at: TECH,
    expires_at: TECH,
    public_content: PUB_ALERT,
    cap_xml: PUB_ALERT,
    zone_cells: PUB_ALERT,
    photo_id: PUB_ALERT,
    redacted_at: TECH,
  },
};

const police_notices: TableClassification<DB['police_notices']> = {
  title: { fr: 'Avis de disparition aux unités de police', ar: 'برقيات الاختفاء إلى وحدات الشرطة' },
  storage: DB_CLEAR,
  columns: { id: TECH, alert_id: TECH, version: TECH, jurisdiction_id: TECH, content: PUB_ALERT, created_at: TECH, read_at: TECH, read_by: rule('staff_identity') },
};

const dispatches: TableClassification<DB['dispatches']> = {
  title: { fr: 'Envois par canal (compteurs)', ar: 'الإرسالات حسب القناة (عدادات)' },
  storage: DB_CLEAR,
  columns: {
    id: TECH,
    alert_id: TECH,
    version: TECH,
    channel: TECH,
    action: TECH,
    status: TECH,
    planned: TECH,
    plan_cursor: TECH,
    total: TECH,
    sent: TECH,
    skipped: TECH,
    dead: TECH,
    deferred: TECH,
    retracted_at: TECH,
    created_at: TECH,
    updated_at: TECH,
  },
};

const deliveries: TableClassification<DB['deliveries']> = {
  title: { fr: 'Remises par destinataire', ar: 'التوصيلات حسب المرسل إليه' },
  storage: DB_CLEAR,
  columns: {
    dispatch_id: TECH,
    // A subscription id or a broadcast target, never an address.
    recipient: TECH,
    status: TECH,
    attempts: TECH,
    next_attempt_at: TECH,
    provider_ref: TECH,
    provider_status: TECH,
    error_code: TECH,
    skip_reason: TECH,
    sent_at: TECH,
    updated_at: TECH,
  },
};

const tips: TableClassification<DB['tips']> = {
  title: { fr: 'Signalements du public', ar: 'إشعارات العموم' },
  storage: { fr: 'Base de données ; coordonnées du signalant chiffrées sous la clé du dossier', ar: 'قاعدة المعطيات؛ وسائل الاتصال بصاحب الإشعار مشفرة بمفتاح الملف' },
  columns: {
    id: TECH,
    reference: TECH,
    alert_id: TECH,
    case_id: TECH,
    alert_version: TECH,
    source: TECH,
    source_detail: TECH,
    idempotency_key: TECH,
    request_hash: TECH,
    language: TECH,
    seen: rule('tip_content'),
    seen_at: rule('tip_content'),
    place: rule('tip_content'),
    lat: rule('tip_content'),
    lon: rule('tip_content'),
    contact: rule('tipster_contact'),
    has_photo: TECH,
    received_at: TECH,
    // Triage (migration 20261123T0910): the officers' assessment of the tip.
    status: TECH,
    status_changed_at: TECH,
    duplicate_of: TECH,
    score: rule('tip_content'),
    score_parts: rule('tip_content'),
    triaged_at: TECH,
    group_id: TECH,
    assigned_to: rule('staff_identity'),
    assigned_at: TECH,
  },
};

const tip_status_history: TableClassification<DB['tip_status_history']> = {
  title: { fr: 'Historique du tri des signalements', ar: 'سجل فرز الإشعارات' },
  storage: DB_CLEAR,
  columns: { id: TECH, seq: TECH, tip_id: TECH, at: TECH, actor_id: rule('staff_identity'), from_status: TECH, to_status: TECH, reason: rule('tip_content'), duplicate_of: TECH },
};

const officer_notifications: TableClassification<DB['officer_notifications']> = {
  title: { fr: 'Notifications aux officiers', ar: 'إشعارات الضباط' },
  storage: DB_CLEAR,
  columns: { id: TECH, kind: TECH, recipient_id: rule('staff_identity'), jurisdiction_code: TECH, case_id: TECH, tip_id: TECH, score: rule('tip_content'), created_at: TECH, read_at: TECH },
};

const tip_photos: TableClassification<DB['tip_photos']> = {
  title: { fr: 'Photos jointes aux signalements', ar: 'الصور المرفقة بالإشعارات' },
  storage: { fr: 'Base de données ; chiffrées sous la clé du dossier', ar: 'قاعدة المعطيات؛ مشفرة بمفتاح الملف' },
  columns: { tip_id: TECH, case_id: TECH, mime: TECH, width: TECH, height: TECH, bytes: rule('tip_photo'), thumb: rule('tip_photo'), sha256: rule('tip_photo'), byte_size: TECH, created_at: TECH, deleted_at: TECH },
};

const subscriptions: TableClassification<DB['subscriptions']> = {
  title: { fr: 'Abonnements des citoyens', ar: 'اشتراكات المواطنين' },
  storage: DB_CLEAR,
  columns: {
    id: TECH,
    channel: TECH,
    status: TECH,
    address: rule('subscriber_address'),
    address_key: rule('subscriber_address'),
    push_keys: rule('subscriber_address'),
    languages: rule('subscriber_preferences'),
    area: rule('subscriber_preferences'),
    quiet_hours: rule('subscriber_preferences'),
    consent: rule('subscriber_consent'),
    confirm_secret_hash: TECH,
    confirm_expires_at: TECH,
    confirm_attempts: TECH,
    created_at: TECH,
    updated_at: TECH,
    confirmed_at: rule('subscriber_consent'),
    unsubscribed_at: rule('subscriber_consent'),
  },
};

const subscription_cells: TableClassification<DB['subscription_cells']> = {
  title: { fr: "Zones des abonnés (cellules H3)", ar: 'مناطق المشتركين (خلايا H3)' },
  storage: DB_CLEAR,
  columns: { subscription_id: TECH, channel: TECH, cell: rule('subscriber_preferences'), lo: rule('subscriber_preferences'), hi: rule('subscriber_preferences'), reach: rule('subscriber_preferences') },
};

const users: TableClassification<DB['users']> = {
  title: { fr: 'Comptes des agents', ar: 'حسابات الموظفين' },
  storage: { fr: 'Base de données ; mot de passe condensé, secret TOTP scellé', ar: 'قاعدة المعطيات؛ كلمة المرور مختزلة، وسر TOTP مختوم' },
  columns: {
    id: TECH,
    username: rule('staff_identity'),
    display_name: rule('staff_identity'),
    role: rule('staff_identity'),
    jurisdiction_code: rule('staff_identity'),
    locale: TECH,
    password_hash: rule('staff_credentials'),
    totp_secret_enc: rule('staff_credentials', 'sensitive'),
    totp_enabled_at: TECH,
    failed_logins: TECH,
    locked_until: TECH,
    disabled_at: TECH,
    totp_last_step: TECH,
    created_at: TECH,
    updated_at: TECH,
  },
};

const sessions: TableClassification<DB['sessions']> = {
  title: { fr: 'Sessions des agents', ar: 'جلسات الموظفين' },
  storage: DB_CLEAR,
  columns: {
    id_hash: TECH,
    user_id: TECH,
    csrf_token: TECH,
    second_factor_done: TECH,
    ip: rule('access_log'),
    user_agent: rule('access_log'),
    created_at: TECH,
    last_seen_at: TECH,
    expires_at: TECH,
    revoked_at: TECH,
  },
};

const api_tokens: TableClassification<DB['api_tokens']> = {
  title: { fr: "Jetons d'API (partenaires, unités)", ar: 'رموز الواجهة البرمجية (الشركاء، الوحدات)' },
  storage: { fr: 'Base de données ; jeton condensé', ar: 'قاعدة المعطيات؛ الرمز مختزل' },
  columns: {
    id: TECH,
    name: TECH,
    prefix: TECH,
    token_hash: rule('staff_credentials'),
    scopes: TECH,
    jurisdiction_code: TECH,
    created_by: rule('staff_identity'),
    created_at: TECH,
    expires_at: TECH,
    last_used_at: TECH,
    revoked_at: TECH,
  },
};

const enrolments: TableClassification<DB['enrolments']> = {
  title: { fr: 'Invitations et réinitialisations', ar: 'الدعوات وإعادة التعيين' },
  storage: { fr: 'Base de données ; lien condensé', ar: 'قاعدة المعطيات؛ الرابط مختزل' },
  columns: { id: TECH, token_hash: rule('staff_credentials'), purpose: TECH, user_id: TECH, role: rule('staff_identity'), jurisdiction_code: rule('staff_identity'), created_by: rule('staff_identity'), created_at: TECH, expires_at: TECH, used_at: TECH },
};

const audit_log: TableClassification<DB['audit_log']> = {
  title: { fr: "Journal d'audit", ar: 'سجل التدقيق' },
  storage: { fr: 'Base de données ; ajout seul, chaîné par empreintes', ar: 'قاعدة المعطيات؛ بالإضافة فقط، مسلسل بالبصمات' },
  columns: {
    seq: TECH,
    id: TECH,
    at: rule('access_log'),
    actor_type: rule('access_log'),
    actor_id: rule('access_log'),
    actor_role: rule('access_log'),
    actor_jurisdiction: rule('access_log'),
    ip: rule('access_log'),
    object_type: rule('access_log'),
    object_id: rule('access_log'),
    action: rule('access_log'),
    purpose: rule('access_log'),
    details: rule('access_log'),
    prev_hash: TECH,
    hash: TECH,
  },
};

const legal_holds: TableClassification<DB['legal_holds']> = {
  title: { fr: 'Gels de conservation', ar: 'تجميد الحذف' },
  storage: DB_CLEAR,
  columns: { id: TECH, case_id: TECH, reason: rule('legal_hold'), placed_by: rule('staff_identity'), placed_at: rule('legal_hold'), lifted_by: rule('staff_identity'), lifted_at: rule('legal_hold'), lift_reason: rule('legal_hold') },
};

const rectifications: TableClassification<DB['rectifications']> = {
  title: { fr: 'Rectifications demandées par les familles', ar: 'التصحيحات التي طلبتها الأسر' },
  storage: { fr: 'Base de données ; valeurs et motif chiffrés sous la clé du dossier, effacés à la purge', ar: 'قاعدة المعطيات؛ القيم والسبب مشفرة بمفتاح الملف، وتُمحى عند الحذف' },
  columns: {
    id: TECH,
    case_id: TECH,
    field_path: rule('rectification'),
    old_value: rule('rectification', 'sensitive'),
    new_value: rule('rectification', 'sensitive'),
    reason: rule('rectification', 'sensitive'),
    requested_by: rule('rectification'),
    performed_by: rule('staff_identity'),
    performed_at: rule('rectification'),
    case_version: TECH,
    purged_at: TECH,
  },
};

const retention_statistics: TableClassification<DB['retention_statistics']> = {
  title: { fr: 'Statistiques anonymes', ar: 'الإحصائيات المجهولة' },
  storage: { fr: 'Base de données ; aucun identifiant de dossier', ar: 'قاعدة المعطيات؛ بدون أي معرف للملف' },
  columns: {
    closed_year: rule('statistics'),
    region_code: rule('statistics'),
    age_band: rule('statistics'),
    outcome: rule('statistics'),
    time_to_find: rule('statistics'),
    with_alert: rule('statistics'),
    cases: rule('statistics'),
    tips: rule('statistics'),
  },
};

const retention_progress: TableClassification<DB['retention_progress']> = {
  title: { fr: 'Avancement de la purge', ar: 'تقدم الحذف' },
  storage: DB_CLEAR,
  columns: { case_id: TECH, counted_at: TECH, tips_purged_at: TECH, purged_at: TECH },
};

/** Every classified table, by name. */
export const STORED_TABLES: { readonly [T in keyof DB]?: TableClassification<DB[T]> } = {
  cases,
  case_events,
  photos,
  data_keys,
  alerts,
  alert_decisions,
  alert_versions,
  police_notices,
  dispatches,
  deliveries,
  tips,
  tip_photos,
  tip_status_history,
  officer_notifications,
  subscriptions,
  subscription_cells,
  users,
  sessions,
  api_tokens,
  enrolments,
  audit_log,
  legal_holds,
  rectifications,
  retention_statistics,
  retention_progress,
};

/** Tables that hold no personal data at all, with the reason; anything else stored must be classified. */
export const NOT_PERSONAL_TABLES: Readonly<Record<string, string>> = {
  jurisdictions: 'reference data: regions, provinces and police units',
  audit_anchor: 'the audit chain’s last sequence number and hash',
  kysely_migration: 'applied migrations',
  kysely_migration_lock: 'migration lock',
};
