/** Deliveries that failed after their last attempt (recipients as opaque ids), with a retry per channel or for all. */
import { useState } from 'react';
import { retryDeadLetters } from '../../api/endpoints.ts';
import type { DeadLetter } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { channelLabel } from '../../i18n/vocab.ts';
import { Problem } from '../../ui/Problem.tsx';

export function DeadLetters({ alertId, items, mayRetry }: { readonly alertId: string; readonly items: readonly DeadLetter[]; readonly mayRetry: boolean }) {
  const { t, lang, dateTime } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const channels = [...new Set(items.map((i) => i.channel))];

  const retry = async (channel?: string) => {
    setBusy(channel ?? '*');
    setError(null);
    try {
      setDone((await retryDeadLetters(alertId, channel)).requeued);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel" aria-labelledby="dead-title">
      <h2 id="dead-title">
        {t('board.deadLetters')} <span className={`count${items.length ? ' count--alarm' : ''}`}>{items.length}</span>
      </h2>
      {done !== null ? (
        <p className="notice notice--ok" role="status">
          {t('board.requeued', { n: done })}
        </p>
      ) : null}
      {error ? <Problem error={error} /> : null}
      {items.length === 0 ? (
        <p className="empty">{t('board.noDeadLetters')}</p>
      ) : (
        <>
          {mayRetry ? (
            <div className="actions">
              <button type="button" className="button button--primary" disabled={busy !== null} onClick={() => void retry()} data-testid="retry-all">
                {t('board.retryAll')}
              </button>
              {channels.map((c) => (
                <button key={c} type="button" className="button" disabled={busy !== null} onClick={() => void retry(c)}>
                  {t('board.retryChannel', { channel: channelLabel(c, lang) })}
                </button>
              ))}
            </div>
          ) : null}
          <table className="table" data-testid="dead-letters">
            <thead>
              <tr>
                <th scope="col">{t('board.channel')}</th>
                <th scope="col">{t('board.version')}</th>
                <th scope="col">{t('board.recipient')}</th>
                <th scope="col">{t('board.attempts')}</th>
                <th scope="col">{t('board.error')}</th>
                <th scope="col">{t('board.failedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={`${d.dispatchId}:${d.recipient}`}>
                  <td>{channelLabel(d.channel, lang)}</td>
                  <td>v{d.version}</td>
                  <td dir="ltr">
                    <code>{d.recipient}</code>
                  </td>
                  <td>{d.attempts}</td>
                  <td dir="ltr">{d.errorCode ?? '—'}</td>
                  <td>{dateTime(d.failedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
