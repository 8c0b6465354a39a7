/**
 * The processing register of this installation (`tifli register`): the domain builds it from the code's
 * field classification, the stored tables' column classification compared with the columns the
 * database really has, the channel list, the policy rules and the configured periods. A stored table
 * or column nobody classified makes it throw, naming it.
 *
 * @example
 *   const register = await processingRegister(ctx, 'ar');
 *   process.stdout.write(renderRegisterMarkdown(register));
 */
import { sql } from 'kysely';
import type { Config } from '../../config/config.ts';
import { ROLES_WITH_RESTRICTED_ACCESS } from '../../domain/actor.ts';
import { CHANNELS } from '../../domain/distribution/channels.ts';
import type { RegisterLanguage } from '../../domain/privacy/data-categories.ts';
import { type DatasetInput, type ProcessingRegister, type RegisterInput, UnclassifiedFieldError, buildRegister, caseRecordDataset } from '../../domain/privacy/processing-register.ts';
import { PROCESSINGS, REGISTER_RIGHTS, internalRecipients, registerRetention, registerSecurity } from '../../domain/privacy/register-parts.ts';
import type { Database } from '../../store/database.ts';
import type { AppContext } from '../context.ts';
import { PENDING_RETENTION_DAYS } from '../subscriptions/subscription-maintenance.ts';
import { NOT_PERSONAL_TABLES, STORED_TABLES, type TableClassification } from './stored-field-classes.ts';

/** The tables of the application's schema and their columns, as the database reports them. */
export async function storedColumns(db: Database['db']): Promise<ReadonlyMap<string, readonly string[]>> {
  const r = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(db);
  const out = new Map<string, string[]>();
  for (const row of r.rows) out.set(row.table_name, [...(out.get(row.table_name) ?? []), row.column_name]);
  return out;
}

const classifiedTables = STORED_TABLES as Readonly<Record<string, TableClassification<Record<string, unknown>> | undefined>>;

/**
 * One dataset per stored table: the columns the database has, the classes this code gives them. A table
 * neither classified nor declared free of personal data throws; so does a column without a class (in
 * buildRegister).
 */
export function tableDatasets(columns: ReadonlyMap<string, readonly string[]>): DatasetInput[] {
  const out: DatasetInput[] = [];
  for (const [table, names] of columns) {
    if (Object.hasOwn(NOT_PERSONAL_TABLES, table)) continue;
    const c = Object.hasOwn(classifiedTables, table) ? classifiedTables[table] : undefined;
    if (!c) throw new UnclassifiedFieldError(table, '*', 'table');
    const rules = c.columns as Readonly<Record<string, (typeof c.columns)[string]>>;
    out.push({
      id: table,
      title: c.title,
      storage: c.storage,
      fields: names,
      classes: rules,
      descriptions: Object.fromEntries(Object.entries(rules).map(([name, r]) => [name, { category: r.category }])),
    });
  }
  return out;
}

export function registerInput(config: Config, columns: ReadonlyMap<string, readonly string[]>, now: Date): RegisterInput {
  return {
    generatedAt: now,
    processings: PROCESSINGS,
    datasets: [caseRecordDataset(), ...tableDatasets(columns)],
    channels: CHANNELS,
    internalRecipients: internalRecipients(),
    retention: registerRetention({ restrictedMonths: config.retention.restrictedMonths, tipsMonths: config.retention.tipsMonths, pendingSubscriptionDays: PENDING_RETENTION_DAYS }),
    security: registerSecurity({
      sessionIdleMinutes: config.session.idleMinutes,
      sessionMaxHours: config.session.maxHours,
      loginMaxAttempts: config.login.maxAttempts,
      lockoutMinutes: config.login.lockoutMinutes,
      secondFactorRoles: ROLES_WITH_RESTRICTED_ACCESS,
    }),
    rights: REGISTER_RIGHTS,
  };
}

export async function processingRegister(ctx: Pick<AppContext, 'config' | 'store' | 'clock'>, lang: RegisterLanguage): Promise<ProcessingRegister> {
  return buildRegister(registerInput(ctx.config, await storedColumns(ctx.store.db), ctx.clock.now()), lang);
}
