/**
 * Section 5: the investigation profile — hobbies, personal problems (sensitive), places frequented
 * (picked on the map), friends, school, online accounts, the child's phone.
 */
import { useCallback, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { vocabOptions } from '../../i18n/vocab.ts';
import { PointPicker, type MapPoint } from '../../map/PointPicker.tsx';
import { SelectField, TextArea, TextField } from '../../ui/Field.tsx';
import type { Binder } from './binder.ts';
import { pointOf, type AccountForm, type FriendForm, type PlaceForm } from './form-model.ts';

export function InvestigationSection({ b }: { readonly b: Binder }) {
  const { t, lang } = useI18n();
  const inv = b.form.investigation;
  const [target, setTarget] = useState(0);
  const { patch } = b;
  const setPlaces = useCallback((places: PlaceForm[]) => patch('investigation', { places }), [patch]);
  const setFriends = (friends: FriendForm[]) => b.patch('investigation', { friends });
  const setAccounts = (accounts: AccountForm[]) => b.patch('investigation', { accounts });
  const lastSeen = pointOf(b.form.lastSeen.lat, b.form.lastSeen.lon);
  const active = inv.places[target];
  const others = useMemo(
    () => [
      ...(lastSeen ? [{ ...lastSeen, label: t('intake.lastSeenPoint') }] : []),
      ...inv.places.flatMap((p, i) => {
        const pt = pointOf(p.lat, p.lon);
        return pt && i !== target ? [{ ...pt, label: p.label || `#${i + 1}` }] : [];
      }),
    ],
    [lastSeen, inv.places, target, t],
  );
  const onPick = useCallback(
    (p: MapPoint) => {
      if (!inv.places[target]) return;
      setPlaces(inv.places.map((x, j) => (j === target ? { ...x, lat: String(p.lat), lon: String(p.lon) } : x)));
    },
    [inv.places, target, setPlaces],
  );

  return (
    <section className="form-section" id="section-investigation" aria-labelledby="h-investigation">
      <h2 id="h-investigation">{t('intake.s5')}</h2>
      <TextArea label={t('intake.hobbies')} hint={t('intake.lineHint')} {...b.bind('investigation', 'hobbies')} rows={3} name="hobbies" />
      <TextArea label={t('intake.personalProblems')} hint={t('intake.sensitive')} {...b.bind('investigation', 'personalProblems')} maxLength={2000} name="personalProblems" />

      <fieldset className="repeat">
        <legend>{t('intake.places')}</legend>
        {inv.places.map((p, i) => (
          <div className="repeat__row" key={i}>
            <TextField label={t('intake.placeLabel')} value={p.label} onChange={(v) => setPlaces(inv.places.map((x, j) => (j === i ? { ...x, label: v } : x)))} maxLength={200} />
            <TextField label={t('intake.placeAddress')} value={p.address} onChange={(v) => setPlaces(inv.places.map((x, j) => (j === i ? { ...x, address: v } : x)))} maxLength={200} />
            <TextField label={t('intake.lat')} value={p.lat} onChange={(v) => setPlaces(inv.places.map((x, j) => (j === i ? { ...x, lat: v } : x)))} dir="ltr" inputMode="decimal" />
            <TextField label={t('intake.lon')} value={p.lon} onChange={(v) => setPlaces(inv.places.map((x, j) => (j === i ? { ...x, lon: v } : x)))} dir="ltr" inputMode="decimal" />
            <button type="button" className="button button--small" aria-pressed={target === i} onClick={() => setTarget(i)}>
              {t('intake.placeOnMap')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setPlaces(inv.places.filter((_, j) => j !== i))} aria-label={t('intake.removeItem', { n: i + 1 })}>
              ✕
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            setPlaces([...inv.places, { label: '', address: '', lat: '', lon: '' }]);
            setTarget(inv.places.length);
          }}
          disabled={inv.places.length >= 20}
        >
          {t('intake.addPlace')}
        </button>
        {active ? (
          <>
            <p className="field__hint" role="status">
              {t('intake.placingOnMap', { label: active.label || `#${target + 1}` })}
            </p>
            <PointPicker label={t('intake.mapPlaces')} value={pointOf(active.lat, active.lon)} onPick={onPick} others={others} />
          </>
        ) : null}
      </fieldset>

      <fieldset className="repeat">
        <legend>{t('intake.friends')}</legend>
        {inv.friends.map((x, i) => (
          <div className="repeat__row" key={i}>
            <TextField label={t('intake.friendName')} value={x.name} onChange={(v) => setFriends(inv.friends.map((y, j) => (j === i ? { ...y, name: v } : y)))} maxLength={100} />
            <TextField label={t('intake.phone')} type="tel" value={x.phone} onChange={(v) => setFriends(inv.friends.map((y, j) => (j === i ? { ...y, phone: v } : y)))} dir="ltr" maxLength={40} />
            <TextField label={t('intake.note')} value={x.note} onChange={(v) => setFriends(inv.friends.map((y, j) => (j === i ? { ...y, note: v } : y)))} maxLength={200} />
            <button type="button" className="button button--quiet" onClick={() => setFriends(inv.friends.filter((_, j) => j !== i))} aria-label={t('intake.removeItem', { n: i + 1 })}>
              ✕
            </button>
          </div>
        ))}
        <button type="button" className="button button--small" onClick={() => setFriends([...inv.friends, { name: '', phone: '', note: '' }])} disabled={inv.friends.length >= 30}>
          {t('intake.addFriend')}
        </button>
      </fieldset>

      <div className="grid-3">
        <TextField label={t('intake.school')} {...b.bind('investigation', 'schoolName')} maxLength={200} />
        <TextField label={t('intake.schoolLevel')} {...b.bind('investigation', 'schoolLevel')} maxLength={40} />
        <TextField label={t('intake.schoolAddress')} {...b.bind('investigation', 'schoolAddress')} maxLength={200} />
      </div>

      <fieldset className="repeat">
        <legend>{t('intake.accounts')}</legend>
        {inv.accounts.map((a, i) => (
          <div className="repeat__row" key={i}>
            <SelectField label={t('intake.platform')} value={a.platform} onChange={(v) => setAccounts(inv.accounts.map((y, j) => (j === i ? { ...y, platform: v } : y)))} options={vocabOptions('platform', lang)} placeholder={t('common.choose')} />
            <TextField label={t('intake.handle')} value={a.handle} onChange={(v) => setAccounts(inv.accounts.map((y, j) => (j === i ? { ...y, handle: v } : y)))} dir="ltr" maxLength={200} />
            <button type="button" className="button button--quiet" onClick={() => setAccounts(inv.accounts.filter((_, j) => j !== i))} aria-label={t('intake.removeItem', { n: i + 1 })}>
              ✕
            </button>
          </div>
        ))}
        <button type="button" className="button button--small" onClick={() => setAccounts([...inv.accounts, { platform: '', handle: '' }])} disabled={inv.accounts.length >= 20}>
          {t('intake.addAccount')}
        </button>
      </fieldset>
      <TextField label={t('intake.childPhone')} type="tel" {...b.bind('investigation', 'phone')} dir="ltr" maxLength={40} error={b.errorAt('/investigation/phone')} />
    </section>
  );
}
