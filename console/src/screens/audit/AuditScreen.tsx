/**
 * The audit log for auditors and the data-protection officer: search by actor, object, action and
 * time, newest first, page by page (each page served is itself recorded); and verification of the
 * whole hash chain against its anchor, naming the first broken entry.
 */
import { useState, type FormEvent } from 'react';
import { listAudit, verifyAudit } from '../../api/endpoints.ts';
import type { AuditEntry, AuditVerification } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { roleLabel } from '../../i18n/vocab.ts';
import { TextField } from '../../ui/Field.tsx';
import { Problem } from '../../ui/Problem.tsx';

interface Filters {
  actorId: string;
  objectType: string;
  objectId: string;
  actionPrefix: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { actorId: '', objectType: '', objectId: '', actionPrefix: '', from: '', to: '' };
const opt = (v: string) => (v.trim() ? v.trim() : undefined);
const instant = (local: string) => (local ? new Date(local).toISOString() : undefined);

export function AuditScreen() {
  const { t, lang, dateTime } = useI18n();
  const { can } = useSession();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = (k: keyof Filters) => (v: string) => setFilters((f) => ({ ...f, [k]: v }));

  const search = async (more: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const page = await listAudit({
        actorId: opt(filters.actorId),
        objectType: opt(filters.objectType),
        objectId: opt(filters.objectId),
        actionPrefix: opt(filters.actionPrefix),
        from: instant(filters.from),
        to: instant(filters.to),
        limit: 50,
        ...(more && cursor ? { cursor } : {}),
      });
      setEntries((e) => (more && e ? [...e, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setVerification(await verifyAudit());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="screen audit">
      <div className="screen__head">
        <h1>{t('audit.title')}</h1>
      </div>
      {can('audit.verify') ? (
        <section className="panel" aria-labelledby="verify-title">
          <h2 id="verify-title">{t('audit.verifyTitle')}</h2>
          <button type="button" className="button button--primary" onClick={() => void verify()} disabled={busy} data-testid="verify">
            {t('audit.verify')}
          </button>
          {verification ? (
            <p className={`notice ${verification.ok ? 'notice--ok' : 'notice--alarm'}`} role="status" data-testid="verification" data-ok={verification.ok}>
              {verification.ok ? t('audit.intact', { n: verification.entries }) : t('audit.broken', { seq: verification.firstBreak?.seq ?? '?', kind: verification.firstBreak?.kind ?? '?' })}{' '}
              <code dir="ltr">
                {verification.lastSeq}:{verification.lastHash.slice(0, 16)}…
              </code>
            </p>
          ) : null}
        </section>
      ) : null}
      {can('audit.read') ? (
        <form
          className="panel"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            void search(false);
          }}
          aria-labelledby="search-title"
        >
          <h2 id="search-title">{t('audit.search')}</h2>
          <div className="grid-3">
            <TextField label={t('audit.actor')} value={filters.actorId} onChange={set('actorId')} dir="ltr" maxLength={100} />
            <TextField label={t('audit.objectType')} value={filters.objectType} onChange={set('objectType')} dir="ltr" maxLength={64} />
            <TextField label={t('audit.objectId')} value={filters.objectId} onChange={set('objectId')} dir="ltr" maxLength={200} />
            <TextField label={t('audit.action')} hint={t('audit.actionHint')} value={filters.actionPrefix} onChange={set('actionPrefix')} dir="ltr" maxLength={100} />
            <TextField label={t('audit.from')} type="datetime-local" value={filters.from} onChange={set('from')} dir="ltr" />
            <TextField label={t('audit.to')} type="datetime-local" value={filters.to} onChange={set('to')} dir="ltr" />
          </div>
          <button type="submit" className="button button--primary" disabled={busy} data-testid="audit-search">
            {t('audit.searchButton')}
          </button>
        </form>
      ) : null}
      {error ? <Problem error={error} /> : null}
      {entries ? (
        <section className="panel" aria-labelledby="entries-title">
          <h2 id="entries-title">{t('audit.entries', { n: entries.length })}</h2>
          <div className="table-wrap">
            <table className="table table--dense" data-testid="audit-entries">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('audit.at')}</th>
                  <th scope="col">{t('audit.actor')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.object')}</th>
                  <th scope="col">{t('audit.purpose')}</th>
                  <th scope="col">{t('audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.seq}>
                    <td dir="ltr">{e.seq}</td>
                    <td>{dateTime(e.at)}</td>
                    <td>
                      <span dir="ltr">{e.actor.id ?? e.actor.type}</span>
                      {e.actor.role ? ` · ${roleLabel(e.actor.role, lang)}` : ''}
                    </td>
                    <td dir="ltr">{e.action}</td>
                    <td dir="ltr">
                      {e.object.type}
                      {e.object.id ? `:${e.object.id}` : ''}
                    </td>
                    <td>{e.purpose ?? '—'}</td>
                    <td dir="ltr">
                      <code className="details">{JSON.stringify(e.details)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {cursor ? (
            <button type="button" className="button" onClick={() => void search(true)} disabled={busy}>
              {t('audit.more')}
            </button>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
