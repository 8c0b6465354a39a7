/** Per version and channel: what was done (publish or retract), its status and counts, with a progress bar. */
import type { DispatchItem } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { channelLabel, dispatchStatusLabel } from '../../i18n/vocab.ts';

export function ChannelTable({ items }: { readonly items: readonly DispatchItem[] }) {
  const { t, lang } = useI18n();
  const sorted = [...items].sort((a, b) => b.version - a.version || a.channel.localeCompare(b.channel));
  return (
    <section className="panel" aria-labelledby="channels-title">
      <h2 id="channels-title">{t('board.channels')}</h2>
      {sorted.length === 0 ? (
        <p className="empty">{t('board.noDispatch')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="channel-table">
            <thead>
              <tr>
                <th scope="col">{t('board.version')}</th>
                <th scope="col">{t('board.channel')}</th>
                <th scope="col">{t('board.action')}</th>
                <th scope="col">{t('board.status')}</th>
                <th scope="col">{t('board.progress')}</th>
                <th scope="col">{t('board.sent')}</th>
                <th scope="col">{t('board.pending')}</th>
                <th scope="col">{t('board.failed')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((d) => {
                const done = d.counts.sent + d.counts.skipped;
                return (
                  <tr key={d.id} data-channel={d.channel} data-action={d.action} data-status={d.status} className={d.status === 'failed' || d.status === 'partially_failed' ? 'row--alarm' : ''}>
                    <td>v{d.version}</td>
                    <th scope="row">{channelLabel(d.channel, lang)}</th>
                    <td>{d.action === 'retract' ? t('board.retract') : t('board.publish')}</td>
                    <td>{dispatchStatusLabel(d.status, lang)}</td>
                    <td>
                      {d.counts.total > 0 ? (
                        <progress max={d.counts.total} value={done} aria-label={t('board.progressOf', { done, total: d.counts.total })} />
                      ) : (
                        <span className="muted">{d.planned ? '—' : t('board.planning')}</span>
                      )}
                    </td>
                    <td>{d.counts.sent}</td>
                    <td>{d.counts.pending + d.counts.deferred}</td>
                    <td>{d.counts.failed}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
