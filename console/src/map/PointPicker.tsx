/**
 * Picking a point on the offline map: click (or tap) sets it; with the keyboard, pan to it and press
 * "here, at the centre"; or type the coordinates. Other points (the last-seen point, the places
 * already placed) show for reference.
 *
 * @example
 *   <PointPicker label={t('intake.pickLastSeen')} value={{ lat, lon }} onPick={(p) => set(p)} others={places} />
 */
import { useEffect, useState } from 'react';
import L from 'leaflet';
import { useI18n } from '../i18n/i18n.tsx';
import { BaseMap } from './BaseMap.tsx';

export interface MapPoint {
  readonly lat: number;
  readonly lon: number;
}

export interface LabelledPoint extends MapPoint {
  readonly label: string;
}

export function PointPicker({ label, value, onPick, others = [] }: { readonly label: string; readonly value: MapPoint | null; onPick: (p: MapPoint) => void; readonly others?: readonly LabelledPoint[] }) {
  const { t } = useI18n();
  const [map, setMap] = useState<L.Map | null>(null);

  useEffect(() => {
    if (!map) return;
    const pick = (e: L.LeafletMouseEvent) => onPick({ lat: round(e.latlng.lat), lon: round(e.latlng.lng) });
    map.on('click', pick);
    return () => {
      map.off('click', pick);
    };
  }, [map, onPick]);

  useEffect(() => {
    if (!map) return;
    const group = L.layerGroup().addTo(map);
    for (const o of others) L.circleMarker([o.lat, o.lon], { radius: 6, color: '#5b6b7a', fillColor: '#ffffff', fillOpacity: 1, weight: 2 }).bindTooltip(o.label).addTo(group);
    if (value) L.circleMarker([value.lat, value.lon], { radius: 9, color: '#b3261e', fillColor: '#e2463b', fillOpacity: 0.9, weight: 3 }).addTo(group);
    return () => {
      group.remove();
    };
  }, [map, value, others]);

  // A point typed in or restored from a draft comes into view (a clicked point is in view already).
  useEffect(() => {
    if (map && value && !map.getBounds().contains([value.lat, value.lon])) map.setView([value.lat, value.lon], Math.max(map.getZoom(), 11));
  }, [map, value]);

  return (
    <div className="picker">
      <BaseMap label={label} onReady={setMap} />
      <button
        type="button"
        className="button button--small"
        disabled={!map}
        onClick={() => {
          if (!map) return;
          const c = map.getCenter();
          onPick({ lat: round(c.lat), lon: round(c.lng) });
        }}
      >
        {t('map.useCentre')}
      </button>
    </div>
  );
}

/** Five decimals: about a metre, more than a sighting's precision. */
const round = (v: number) => Math.round(v * 100_000) / 100_000;
