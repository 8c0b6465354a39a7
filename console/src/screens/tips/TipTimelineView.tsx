/** The tips by time of sighting after the last confirmed sighting, with their near-duplicate groups. */
import type { TipTimeline } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { tipStatusLabel } from './tip-labels.ts';

export function TipTimelineView({ timeline, selected, onSelect }: { readonly timeline: TipTimeline | undefined; readonly selected: string | null; onSelect: (id: string) => void }) {
  const { t, lang, dateTime } = useI18n();
  const groupOf = new Map<string, number>();
  timeline?.groups.forEach((g, i) => g.tipIds.forEach((id) => groupOf.set(id, i + 1)));
  return (
    <section className="panel" aria-labelledby="tip-timeline-title">
      <h2 id="tip-timeline-title">{t('tips.timeline')}</h2>
      {!timeline ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <ol className="timeline" data-testid="tip-timeline">
          <li className="timeline__anchor">
            <time dateTime={timeline.lastConfirmedSighting.at}>{dateTime(timeline.lastConfirmedSighting.at)}</time> — {t('tips.lastSighting')}
          </li>
          {timeline.entries.map((e) => (
            <li key={e.tip.id} className={`timeline__entry${selected === e.tip.id ? ' timeline__entry--selected' : ''}`}>
              <button type="button" className="button button--quiet" onClick={() => onSelect(e.tip.id)}>
                <time dateTime={e.at}>{dateTime(e.at)}</time>
                {e.timeBasis === 'received_at' ? <span className="muted"> {t('tips.receivedBasis')}</span> : null} · <span dir="ltr">{e.tip.reference}</span> · {tipStatusLabel(e.tip.status, lang)}
                {groupOf.has(e.tip.id) ? <span className="tag">{t('tips.groupN', { n: groupOf.get(e.tip.id) ?? 0 })}</span> : null}
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
