/**
 * The alert zone on the offline map: the circle around the last-seen point (its radius editable),
 * provinces and regions to add (lists, keyboard-friendly), polygons drawn by clicking vertices (or
 * "vertex at the map centre" from the keyboard), and a time slider showing how the circle grows after
 * publication on the server's schedule (estimated here from the case's facts).
 */
import { useEffect, useMemo, useState } from 'react';
import L from 'leaflet';
import { growthSchedule, type GrowthStep, type RadiusInput } from '../../../../src/domain/zone/zone-radius.ts';
import type { ZoneView } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { BaseMap } from '../../map/BaseMap.tsx';
import { loadBoundaries, type AreaProperties, type Boundaries } from '../../map/boundaries.ts';
import type { Feature, MultiPolygon } from 'geojson';
import { CheckGroup, TextField } from '../../ui/Field.tsx';

type Position = readonly [number, number];

function schedule(input: RadiusInput | null): GrowthStep[] {
  if (!input) return [];
  try {
    return growthSchedule(input, { outerKm: 160, stepMinutes: 30 });
  } catch {
    return [];
  }
}

export function ZoneEditor({
  zone,
  onChange,
  durationHours,
  onDuration,
  radiusInput = null,
}: {
  readonly zone: ZoneView;
  onChange: (zone: ZoneView) => void;
  readonly durationHours: number;
  /** Without it the duration is not shown: an active alert's expiry moves only by a renewal. */
  onDuration?: (hours: number) => void;
  readonly radiusInput?: RadiusInput | null;
}) {
  const { t, lang } = useI18n();
  const [map, setMap] = useState<L.Map | null>(null);
  const [areas, setAreas] = useState<Boundaries | null>(null);
  const [drawing, setDrawing] = useState<Position[] | null>(null);
  const steps = useMemo(() => schedule(radiusInput), [radiusInput]);
  const [stepIndex, setStepIndex] = useState(0);
  const step = steps[Math.min(stepIndex, steps.length - 1)];

  useEffect(() => {
    let live = true;
    loadBoundaries().then(
      (b) => live && setAreas(b),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  // Clicks add vertices while drawing.
  useEffect(() => {
    if (!map || drawing === null) return;
    const add = (e: L.LeafletMouseEvent) => setDrawing((d) => (d ? [...d, [e.latlng.lng, e.latlng.lat]] : d));
    map.on('click', add);
    return () => {
      map.off('click', add);
    };
  }, [map, drawing]);

  // What the zone covers, redrawn when it changes.
  useEffect(() => {
    if (!map) return;
    const group = L.layerGroup().addTo(map);
    const chosen = new Set([...zone.provinces, ...zone.regions]);
    if (areas) {
      L.geoJSON(areas, { filter: (f: Feature<MultiPolygon, AreaProperties>) => chosen.has(f.properties.code), style: { color: '#b3261e', weight: 1.5, fillColor: '#e2463b', fillOpacity: 0.25 }, interactive: false }).addTo(group);
    }
    for (const [i, c] of zone.circles.entries()) {
      const radiusKm = i === 0 && step ? step.radiusKm : c.radiusKm;
      L.circle([c.center.lat, c.center.lon], { radius: radiusKm * 1000, color: '#b3261e', weight: 2, fillOpacity: 0.15 }).addTo(group);
    }
    for (const p of zone.polygons) {
      const ring = (p.coordinates[0] ?? []).map((c) => [c[1] ?? 0, c[0] ?? 0] as [number, number]);
      L.polygon(ring, { color: '#7a2e8c', weight: 2, fillOpacity: 0.2 }).addTo(group);
    }
    if (drawing?.length) L.polyline(drawing.map((c) => [c[1], c[0]] as [number, number]), { color: '#7a2e8c', dashArray: '4 4' }).addTo(group);
    return () => {
      group.remove();
    };
  }, [map, zone, areas, drawing, step]);

  // Show the whole zone once the map is there.
  useEffect(() => {
    const first = zone.circles[0];
    if (map && first) map.fitBounds(L.latLng(first.center.lat, first.center.lon).toBounds(first.radiusKm * 2000), { maxZoom: 11 });
    // Only when the map appears: later, the officer moves it.
  }, [map]);

  const finish = () => {
    if (!drawing || drawing.length < 3) return;
    const first = drawing[0] as Position;
    const ring = [...drawing, first].map((c) => [Math.round(c[0] * 1e5) / 1e5, Math.round(c[1] * 1e5) / 1e5]);
    onChange({ ...zone, polygons: [...zone.polygons, { type: 'Polygon', coordinates: [ring] }] });
    setDrawing(null);
  };

  const regions = (areas?.features ?? []).filter((f) => f.properties.level === 'region');
  const provinces = (areas?.features ?? []).filter((f) => f.properties.level === 'province');

  return (
    <section className="panel zone" aria-labelledby="zone-title">
      <h2 id="zone-title">{t('zone.title')}</h2>
      <BaseMap label={t('zone.map')} onReady={setMap} height={420} />
      {steps.length > 1 ? (
        <div className="field">
          <label htmlFor="zone-time">{t('zone.growth')}</label>
          <input id="zone-time" type="range" min={0} max={steps.length - 1} step={1} value={stepIndex} onChange={(e) => setStepIndex(Number(e.target.value))} aria-valuetext={step ? t('zone.stepText', { minutes: step.offsetMinutes, km: step.radiusKm }) : undefined} />
          <p className="field__hint" role="status" data-testid="zone-step">
            {step ? t('zone.stepText', { minutes: step.offsetMinutes, km: step.radiusKm }) : ''} · {t('zone.estimate')}
          </p>
        </div>
      ) : null}
      {zone.circles.map((c, i) => (
        <TextField
          key={i}
          label={t('zone.radius', { n: i + 1 })}
          type="number"
          min={0.1}
          max={1000}
          step={0.1}
          value={String(c.radiusKm)}
          onChange={(v) => {
            const km = Number(v);
            if (Number.isFinite(km) && km > 0) onChange({ ...zone, circles: zone.circles.map((x, j) => (j === i ? { ...x, radiusKm: km } : x)) });
          }}
          dir="ltr"
        />
      ))}
      <div className="actions">
        {drawing === null ? (
          <button type="button" className="button" onClick={() => setDrawing([])} disabled={!map}>
            {t('zone.draw')}
          </button>
        ) : (
          <>
            <span role="status">{t('zone.drawing', { n: drawing.length })}</span>
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                if (!map) return;
                const c = map.getCenter();
                setDrawing((d) => [...(d ?? []), [c.lng, c.lat]]);
              }}
            >
              {t('zone.vertexAtCentre')}
            </button>
            <button type="button" className="button button--small" onClick={finish} disabled={drawing.length < 3}>
              {t('zone.finish')}
            </button>
            <button type="button" className="button button--small button--quiet" onClick={() => setDrawing(null)}>
              {t('common.cancel')}
            </button>
          </>
        )}
      </div>
      {zone.polygons.length ? (
        <ul className="rows">
          {zone.polygons.map((p, i) => (
            <li key={i} className="row">
              {t('zone.polygon', { n: i + 1, points: Math.max(0, (p.coordinates[0]?.length ?? 1) - 1) })}
              <button type="button" className="button button--quiet" onClick={() => onChange({ ...zone, polygons: zone.polygons.filter((_, j) => j !== i) })}>
                {t('zone.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <details>
        <summary>{t('zone.regions', { n: zone.regions.length })}</summary>
        <CheckGroup legend={t('zone.regionsLegend')} options={regions.map((f) => ({ value: f.properties.code, label: f.properties[lang] }))} values={zone.regions} onChange={(v) => onChange({ ...zone, regions: v })} />
      </details>
      <details>
        <summary>{t('zone.provinces', { n: zone.provinces.length })}</summary>
        <CheckGroup legend={t('zone.provincesLegend')} options={provinces.map((f) => ({ value: f.properties.code, label: f.properties[lang] }))} values={zone.provinces} onChange={(v) => onChange({ ...zone, provinces: v })} />
      </details>
      {onDuration ? <TextField label={t('zone.duration')} type="number" min={1} max={720} value={String(durationHours)} onChange={(v) => Number.isInteger(Number(v)) && Number(v) >= 1 && onDuration(Number(v))} dir="ltr" /> : null}
    </section>
  );
}
