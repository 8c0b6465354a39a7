/**
 * A Leaflet map of Morocco that works without the internet: no tiles, the base layer is the bundled
 * region and province boundaries. Keyboard: focus the map, arrows pan, + and − zoom. Children get the
 * Leaflet map through `onReady` to add their own layers.
 *
 * @example
 *   <BaseMap label={t('map.lastSeen')} onReady={(map) => setMap(map)} />
 */
import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useI18n } from '../i18n/i18n.tsx';
import type { Feature, Geometry } from 'geojson';
import { loadBoundaries, type AreaProperties } from './boundaries.ts';

/** Morocco, Western Sahara included, with a margin. */
export const MOROCCO_BOUNDS = L.latLngBounds([20.5, -17.5], [36.2, -0.8]);

export function BaseMap({ label, onReady, className, height = 360 }: { readonly label: string; onReady: (map: L.Map) => void; readonly className?: string; readonly height?: number }) {
  const { lang } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const ready = useRef(onReady);
  ready.current = onReady;

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const map = L.map(node, { zoomSnap: 0.5, minZoom: 4, maxZoom: 16, maxBounds: MOROCCO_BOUNDS.pad(0.5), attributionControl: true, keyboard: true });
    map.fitBounds(MOROCCO_BOUNDS);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution('morocco-map (ODbL)');
    let layer: L.GeoJSON | null = null;
    let live = true;
    loadBoundaries().then(
      (fc) => {
        if (!live) return;
        layer = L.geoJSON(fc, {
          interactive: false,
          style: (f?: Feature<Geometry, AreaProperties>) =>
            f?.properties.level === 'region'
              ? { color: '#5b6b7a', weight: 1.6, fill: false }
              : { color: '#9aa7b3', weight: 0.7, fillColor: '#eef2f5', fillOpacity: 1 },
        }).addTo(map);
        layer.bringToBack();
      },
      () => undefined,
    );
    ready.current(map);
    return () => {
      live = false;
      layer?.remove();
      map.remove();
    };
  }, []);

  // Leaflet's own controls carry English labels: name the map region in the reader's language.
  useEffect(() => {
    el.current?.setAttribute('aria-label', label);
  }, [label, lang]);

  return <div ref={el} className={`map ${className ?? ''}`} style={{ height }} role="application" tabIndex={0} />;
}
