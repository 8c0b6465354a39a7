/**
 * Tip triage for one case: the tips as a list (best scored or newest first, filtered by status), on
 * the offline map around the last confirmed sighting, and on a timeline with their near-duplicate
 * groups, side by side; one tip open with its explained score, photo, group and history, its status
 * to move and its assignment. The tipsters' words are shown as text only, never as markup. New tips
 * arrive by themselves (the live dashboard says when this case has more).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { caseTips, caseTipsMap, caseTipsTimeline } from '../../api/endpoints.ts';
import type { TipStatus } from '../../api/types.ts';
import { Link } from '../../app/Link.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLiveDashboard } from '../../live/useLiveDashboard.ts';
import { Problem } from '../../ui/Problem.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { TIP_STATUSES, tipStatusLabel } from './tip-labels.ts';
import { TipDetailPanel } from './TipDetailPanel.tsx';
import { TipList } from './TipList.tsx';
import { TipMapView } from './TipMapView.tsx';
import { TipTimelineView } from './TipTimelineView.tsx';

export function TipsScreen({ caseId }: { readonly caseId: string }) {
  const { t, lang } = useI18n();
  const [sort, setSort] = useState<'score' | 'time'>('score');
  const [status, setStatus] = useState<TipStatus | ''>('');
  const [selected, setSelected] = useState<string | null>(null);
  const filter = useMemo(() => (status ? [status] : undefined), [status]);
  const list = useAsync(() => caseTips(caseId, { sort, ...(filter ? { status: filter } : {}) }), [caseId, sort, filter]);
  const map = useAsync(() => caseTipsMap(caseId, filter), [caseId, filter]);
  const timeline = useAsync(() => caseTipsTimeline(caseId, filter), [caseId, filter]);

  // New tips for this case (the live dashboard counts them): load again, without a refresh button.
  const { dashboard } = useLiveDashboard();
  const mine = dashboard?.tips?.cases.find((c) => c.caseId === caseId);
  const signal = mine ? `${mine.waiting}:${mine.lastReceivedAt}` : '';
  const seen = useRef(signal);
  const reloadAll = () => {
    list.reload();
    map.reload();
    timeline.reload();
  };
  useEffect(() => {
    if (signal === seen.current) return;
    seen.current = signal;
    reloadAll();
    // Only the signal matters: reloadAll calls the stable reload functions.
  }, [signal]);

  const error = list.error ?? map.error ?? timeline.error;
  return (
    <div className="screen tips">
      <div className="screen__head">
        <h1>{t('tips.title')}</h1>
        <Link to={`/cases/${caseId}`}>{t('board.openCase')}</Link>
        <p className="muted" data-testid="tips-total">
          {list.value ? t('tips.total', { n: list.value.total }) : ''}
        </p>
      </div>
      <div className="actions" role="group" aria-label={t('tips.filters')}>
        <label htmlFor="tips-sort">{t('tips.sort')}</label>
        <select id="tips-sort" value={sort} onChange={(e) => setSort(e.target.value === 'time' ? 'time' : 'score')}>
          <option value="score">{t('tips.byScore')}</option>
          <option value="time">{t('tips.byTime')}</option>
        </select>
        <label htmlFor="tips-status">{t('tips.status')}</label>
        <select id="tips-status" value={status} onChange={(e) => setStatus((e.target.value || '') as TipStatus | '')}>
          <option value="">{t('tips.allStatuses')}</option>
          {TIP_STATUSES.map((s) => (
            <option key={s} value={s}>
              {tipStatusLabel(s, lang)}
            </option>
          ))}
        </select>
      </div>
      {error ? <Problem error={error} /> : null}
      <div className="tips__grid">
        <TipList page={list.value} selected={selected} onSelect={setSelected} />
        <div className="tips__side">
          <TipMapView map={map.value} selected={selected} onSelect={setSelected} />
          <TipTimelineView timeline={timeline.value} selected={selected} onSelect={setSelected} />
        </div>
      </div>
      {selected ? <TipDetailPanel key={selected} tipId={selected} onSelect={setSelected} onChanged={reloadAll} /> : null}
    </div>
  );
}
