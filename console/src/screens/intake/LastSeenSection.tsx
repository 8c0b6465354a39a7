/**
 * Section 3: when and where the child was last seen. The point is picked on the offline map (or
 * typed); the server names the province and region it falls in, and says when it lies just outside
 * the simplified boundary, for the officer to confirm.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { locatePoint } from '../../api/endpoints.ts';
import type { LocationView } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { PointPicker, type MapPoint } from '../../map/PointPicker.tsx';
import { TextField } from '../../ui/Field.tsx';
import type { Binder } from './binder.ts';
import { pointOf } from './form-model.ts';

export function LastSeenSection({ b }: { readonly b: Binder }) {
  const { t, lang } = useI18n();
  const s = b.form.lastSeen;
  const point = useMemo(() => pointOf(s.lat, s.lon), [s.lat, s.lon]);
  const [located, setLocated] = useState<LocationView | 'outside' | null>(null);
  const { patch } = b;
  const onPick = useCallback((p: MapPoint) => patch('lastSeen', { lat: String(p.lat), lon: String(p.lon) }), [patch]);

  useEffect(() => {
    if (!point) {
      setLocated(null);
      return;
    }
    let live = true;
    const timer = window.setTimeout(() => {
      locatePoint(point.lat, point.lon).then(
        (l) => live && setLocated(l),
        () => live && setLocated('outside'),
      );
    }, 400);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [point]);

  return (
    <section className="form-section" id="section-last-seen" aria-labelledby="h-last-seen">
      <h2 id="h-last-seen">{t('intake.s3')}</h2>
      <div className="grid-2">
        <TextField label={t('intake.lastSeenAt')} type="datetime-local" {...b.bind('lastSeen', 'at')} dir="ltr" required error={b.errorAt('/lastSeen/at')} name="lastSeenAt" />
        <TextField label={t('intake.uncertainty')} type="number" min={0} max={10080} inputMode="numeric" {...b.bind('lastSeen', 'uncertaintyMinutes')} dir="ltr" error={b.errorAt('/lastSeen/uncertaintyMinutes')} name="uncertainty" />
      </div>
      <p className="field__hint">{t('intake.pickHint')}</p>
      <PointPicker label={t('intake.mapLastSeen')} value={point} onPick={onPick} />
      <div className="grid-2">
        <TextField label={t('intake.lat')} {...b.bind('lastSeen', 'lat')} inputMode="decimal" dir="ltr" required error={b.errorAt('/lastSeen/point')} name="lat" />
        <TextField label={t('intake.lon')} {...b.bind('lastSeen', 'lon')} inputMode="decimal" dir="ltr" required name="lon" />
      </div>
      {located === 'outside' ? (
        <p className="notice notice--warn" role="status">
          {t('intake.outsideMorocco')}
        </p>
      ) : located ? (
        <p className={`notice${located.distanceKm > 0 ? ' notice--warn' : ''}`} role="status" data-testid="located">
          {t('intake.locatedIn', { province: located.province.names[lang], region: located.region.names[lang] })}
          {located.distanceKm > 0 ? ` ${t('intake.nearBoundary', { km: located.distanceKm })}` : ''}
        </p>
      ) : null}
      <TextField label={t('intake.address')} hint={t('intake.addressHint')} {...b.bind('lastSeen', 'address')} maxLength={200} name="address" />
      <div className="grid-2">
        <TextField label={t('intake.neighbourhood')} hint={t('intake.publicHint')} {...b.bind('lastSeen', 'neighbourhood')} maxLength={200} name="neighbourhood" />
        <TextField label={t('intake.commune')} hint={t('intake.publicHint')} {...b.bind('lastSeen', 'commune')} maxLength={200} name="commune" />
      </div>
    </section>
  );
}
