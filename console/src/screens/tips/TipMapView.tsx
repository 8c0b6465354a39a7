/** The tips on the offline map, coloured by score, with the last confirmed sighting they are measured from; click a tip to open it. */
import { useEffect, useState } from 'react';
import L from 'leaflet';
import type { TipMap } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { BaseMap } from '../../map/BaseMap.tsx';

const colourOf = (score: number | null) => (score === null ? '#8a99a8' : score >= 60 ? '#b3261e' : score >= 30 ? '#d08700' : '#5b6b7a');

export function TipMapView({ map, selected, onSelect }: { readonly map: TipMap | undefined; readonly selected: string | null; onSelect: (id: string) => void }) {
  const { t } = useI18n();
  const [leaflet, setLeaflet] = useState<L.Map | null>(null);

  useEffect(() => {
    if (!leaflet || !map) return;
    const group = L.featureGroup().addTo(leaflet);
    for (const f of map.features) {
      const [lon = 0, lat = 0] = f.geometry.coordinates;
      const p = f.properties;
      if (p.kind === 'last_confirmed_sighting') {
        L.circleMarker([lat, lon], { radius: 10, color: '#0d5c63', weight: 3, fillColor: '#ffffff', fillOpacity: 1 }).bindTooltip(t('tips.lastSighting')).addTo(group);
        continue;
      }
      const marker = L.circleMarker([lat, lon], { radius: p.tipId === selected ? 10 : 7, color: p.tipId === selected ? '#1d2630' : '#ffffff', weight: 2, fillColor: colourOf(p.score), fillOpacity: 0.95 });
      marker.bindTooltip(`${p.reference} · ${p.score ?? '—'}`);
      marker.on('click', () => onSelect(p.tipId));
      marker.addTo(group);
    }
    if (map.features.length) leaflet.fitBounds(group.getBounds().pad(0.3), { maxZoom: 13 });
    return () => {
      group.remove();
    };
  }, [leaflet, map, selected, onSelect, t]);

  return (
    <section className="panel" aria-labelledby="tip-map-title">
      <h2 id="tip-map-title">{t('tips.map')}</h2>
      <BaseMap label={t('tips.map')} onReady={setLeaflet} height={300} />
      {map?.truncated ? <p className="field__hint">{t('tips.truncated', { n: map.total })}</p> : null}
    </section>
  );
}
