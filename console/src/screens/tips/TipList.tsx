/** The case's tips as a list: score, status, time, source, and the tipster's words (as text). */
import type { TipPage } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { tipSourceLabel, tipStatusLabel } from './tip-labels.ts';

export function TipList({ page, selected, onSelect }: { readonly page: TipPage | undefined; readonly selected: string | null; onSelect: (id: string) => void }) {
  const { t, lang, dateTime } = useI18n();
  return (
    <section className="panel tips__list" aria-labelledby="tip-list-title">
      <h2 id="tip-list-title">{t('tips.list')}</h2>
      {!page ? (
        <p role="status">{t('common.loading')}</p>
      ) : page.items.length === 0 ? (
        <p className="empty">{t('tips.none')}</p>
      ) : (
        <ul className="rows" data-testid="tip-list">
          {page.items.map((tip) => (
            <li key={tip.id} className={`row tip${selected === tip.id ? ' tip--selected' : ''}`} data-tip={tip.reference} data-status={tip.status}>
              <button type="button" className="tip__open" onClick={() => onSelect(tip.id)} aria-pressed={selected === tip.id}>
                <span className={`score score--${tip.score === null ? 'none' : tip.score.total >= 60 ? 'high' : tip.score.total >= 30 ? 'mid' : 'low'}`}>{tip.score ? tip.score.total : '—'}</span>
                <span dir="ltr" className="tip__ref">
                  {tip.reference}
                </span>
                <span className="tag">{tipStatusLabel(tip.status, lang)}</span>
                {tip.group && tip.group.size > 1 ? <span className="tag">{t('tips.group', { n: tip.group.size })}</span> : null}
                <span className="muted">
                  {dateTime(tip.seenAt ?? tip.receivedAt)} · {tipSourceLabel(tip.source, lang)}
                </span>
              </button>
              <p className="tip__text" dir="auto">
                {tip.text}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
