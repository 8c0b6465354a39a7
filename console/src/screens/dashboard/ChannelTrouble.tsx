/** Channels in trouble: dispatches that failed in part or whole, with dead letters to retry on the board. */
import type { DashboardView } from '../../api/types.ts';
import { Link } from '../../app/Link.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { channelLabel, dispatchStatusLabel } from '../../i18n/vocab.ts';

export function ChannelTrouble({ items }: { readonly items: NonNullable<DashboardView['channels']> }) {
  const { t, lang } = useI18n();
  return (
    <section className="panel panel--channels" aria-labelledby="dash-channels">
      <h2 id="dash-channels">
        {t('dashboard.channels')} <span className={`count${items.length ? ' count--alarm' : ''}`}>{items.length}</span>
      </h2>
      {items.length === 0 ? (
        <p className="empty">{t('dashboard.noTrouble')}</p>
      ) : (
        <ul className="rows" data-testid="channel-trouble">
          {items.map((c) => (
            <li key={`${c.alertId}:${c.version}:${c.channel}`} className="row row--alarm">
              <Link to={`/alerts/${c.alertId}`}>
                <strong dir="ltr">{c.caseReference}</strong> — {channelLabel(c.channel, lang)} (v{c.version})
              </Link>
              <span>{dispatchStatusLabel(c.status, lang)}</span>
              <span className="muted">{t('board.failedOf', { failed: c.failed, total: c.total })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
