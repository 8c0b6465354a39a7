/**
 * One tip open: the tipster's words and place (as text), when it was seen, the photo, the score and
 * why, the near-duplicate group, the status history; move its status (a reason where needed), assign
 * it to myself, to a colleague who may triage the case (by name) or to nobody, and — for the case
 * officer — open the tipster's contact (audited).
 */
import { useState } from 'react';
import { assignTip, changeTipStatus, readTip, tipAssignees, tipPhotoUrl } from '../../api/endpoints.ts';
import { roleLabel } from '../../i18n/vocab.ts';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { SelectField, TextArea } from '../../ui/Field.tsx';
import { Problem } from '../../ui/Problem.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { needsReason, TIP_MOVES, tipSourceLabel, tipStatusLabel, verdictLabel } from './tip-labels.ts';

export function TipDetailPanel({ tipId, onSelect, onChanged }: { readonly tipId: string; onSelect: (id: string) => void; onChanged: () => void }) {
  const { t, lang, dateTime } = useI18n();
  const { user, can } = useSession();
  const [withContact, setWithContact] = useState(false);
  const detail = useAsync(() => readTip(tipId, withContact), [tipId, withContact]);
  const [to, setTo] = useState<string>('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [assignee, setAssignee] = useState('');
  const caseId = detail.value?.tip.caseId ?? null;
  const people = useAsync(async () => (caseId && can('tip.assign') ? (await tipAssignees(caseId)).items : []), [caseId]);
  const nameOf = (id: string) => people.value?.find((p) => p.id === id)?.displayName;

  const act = async (run: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await run();
      setTo('');
      setReason('');
      detail.reload();
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (detail.error) return <Problem error={detail.error} />;
  const d = detail.value;
  if (!d) return <p role="status">{t('common.loading')}</p>;
  const tip = d.tip;
  const moves = TIP_MOVES[tip.status];
  const target = moves.find((m) => m === to) ?? null;
  const score = tip.score;

  return (
    <section className="panel tip-detail" aria-labelledby="tip-detail-title" data-testid="tip-detail">
      <h2 id="tip-detail-title">
        {t('tips.tip')} <span dir="ltr">{tip.reference}</span> · {tipStatusLabel(tip.status, lang)}
      </h2>
      <div className="two-columns">
        <div>
          <blockquote className="tip__words pre" dir="auto" data-testid="tip-text">
            {tip.text}
          </blockquote>
          <dl className="facts">
            {tip.place ? (
              <div className="facts__row">
                <dt>{t('tips.place')}</dt>
                <dd dir="auto">{tip.place}</dd>
              </div>
            ) : null}
            <div className="facts__row">
              <dt>{t('tips.seenAt')}</dt>
              <dd>{dateTime(tip.seenAt)}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('tips.receivedAt')}</dt>
              <dd>{dateTime(tip.receivedAt)}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('tips.source')}</dt>
              <dd>{tipSourceLabel(tip.source, lang)}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('tips.assigned')}</dt>
              <dd data-testid="tip-assignee">{tip.assignedTo === null ? t('tips.nobody') : tip.assignedTo === user.id ? t('tips.me') : (nameOf(tip.assignedTo) ?? <code dir="ltr">{tip.assignedTo}</code>)}</dd>
            </div>
          </dl>
          {tip.hasPhoto ? <img className="tip__photo" src={tipPhotoUrl(tip.id)} alt={t('tips.photoAlt')} /> : null}
          <div className="contact">
            {d.contact.state === 'shown' ? (
              <p data-testid="tip-contact">
                {t('tips.contact')}: <span dir="auto">{d.contact.name ?? '—'}</span> · <span dir="ltr">{d.contact.phone ?? '—'}</span>
                {d.contact.callbackConsent ? ` · ${t('tips.callbackOk')}` : ''}
              </p>
            ) : d.contact.state === 'not_requested' ? (
              <button type="button" className="button button--small" onClick={() => setWithContact(true)}>
                {t('tips.showContact')}
              </button>
            ) : (
              <p className="muted">{t(`tips.contact_${d.contact.state}`)}</p>
            )}
          </div>
        </div>
        <div>
          {score ? (
            <div className="score-box" data-testid="tip-score">
              <p>
                <strong>{t('tips.score', { n: score.total })}</strong>
              </p>
              <ul>
                <li>{t('tips.reach', { points: score.breakdown.reach.points, max: score.breakdown.reach.max, verdict: verdictLabel(score.breakdown.reach.verdict, lang), km: score.breakdown.reach.distanceKm ?? '—' })}</li>
                <li>{t('tips.detail', { points: score.breakdown.detail.points, max: score.breakdown.detail.max, words: score.breakdown.detail.words })}</li>
                <li>{t('tips.photoPoints', { points: score.breakdown.photo.points, max: score.breakdown.photo.max })}</li>
                <li>{t('tips.sourcePoints', { points: score.breakdown.source.points, max: score.breakdown.source.max })}</li>
              </ul>
            </div>
          ) : (
            <p className="muted">{t('tips.notScored')}</p>
          )}
          {d.group && d.group.size > 1 ? (
            <div>
              <h3>{t('tips.groupTitle', { n: d.group.size })}</h3>
              <ul className="rows">
                {d.group.members.map((m) => (
                  <li key={m.id} className="row">
                    <button type="button" className="button button--quiet" onClick={() => onSelect(m.id)} disabled={m.id === tip.id}>
                      <span dir="ltr">{m.reference}</span> · {tipStatusLabel(m.status, lang)} · {m.score ?? '—'}
                      {m.lead ? ` · ${t('tips.lead')}` : ''}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {d.history.length ? (
            <div>
              <h3>{t('tips.history')}</h3>
              <ol className="rows">
                {d.history.map((h) => (
                  <li key={`${h.at}:${h.to}`} className="row">
                    {dateTime(h.at)} · {tipStatusLabel(h.from, lang)} → {tipStatusLabel(h.to, lang)}
                    {h.reason ? (
                      <q className="reason" dir="auto">
                        {h.reason}
                      </q>
                    ) : null}
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
          {can('tip.triage') ? (
            <form className="triage-form" onSubmit={(e) => e.preventDefault()} aria-label={t('tips.move')}>
              <SelectField label={t('tips.moveTo')} value={to} onChange={setTo} options={moves.map((m) => ({ value: m, label: tipStatusLabel(m, lang) }))} placeholder={t('common.choose')} name="tip-status" />
              {target && needsReason(target) ? <TextArea label={t('tips.reason')} value={reason} onChange={setReason} maxLength={500} name="tip-reason" /> : null}
              <button
                type="button"
                className="button button--primary"
                disabled={busy || !target || (needsReason(target) && !reason.trim())}
                onClick={() => target && void act(() => changeTipStatus(tip.id, target, reason.trim() || null))}
                data-testid="tip-move"
              >
                {t('tips.apply')}
              </button>
            </form>
          ) : null}
          {can('tip.assign') ? (
            <div className="actions">
              {tip.assignedTo !== user.id ? (
                <button type="button" className="button" disabled={busy} onClick={() => void act(() => assignTip(tip.id, user.id))} data-testid="tip-assign-me">
                  {t('tips.assignMe')}
                </button>
              ) : null}
              {people.value && people.value.length > 1 ? (
                <>
                  <SelectField
                    label={t('tips.assignTo')}
                    value={assignee}
                    onChange={setAssignee}
                    options={people.value.filter((p) => p.id !== tip.assignedTo).map((p) => ({ value: p.id, label: `${p.displayName} · ${roleLabel(p.role, lang)} · ${p.jurisdiction}` }))}
                    placeholder={t('common.choose')}
                    name="tip-assignee"
                  />
                  <button type="button" className="button" disabled={busy || !assignee} onClick={() => void act(() => assignTip(tip.id, assignee).then(() => setAssignee('')))} data-testid="tip-assign">
                    {t('tips.assign')}
                  </button>
                </>
              ) : null}
              {tip.assignedTo !== null ? (
                <button type="button" className="button button--quiet" disabled={busy} onClick={() => void act(() => assignTip(tip.id, null))}>
                  {t('tips.unassign')}
                </button>
              ) : null}
            </div>
          ) : null}
          {error ? <Problem error={error} /> : null}
        </div>
      </div>
    </section>
  );
}
