/**
 * Section 7: photos. They are chosen now and uploaded as soon as the case exists (the server
 * re-encodes them and strips their metadata); "may be published" marks the ones the guardian agreed
 * to show. Photos are not kept in the draft: after a lost connection, choose them again.
 */
import { useEffect, useMemo } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { CheckBox } from '../../ui/Field.tsx';

export interface ChosenPhoto {
  readonly file: File;
  readonly publishable: boolean;
}

const ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,image/heif';
const MAX_BYTES = 15 * 1024 * 1024;

export function PhotoSection({ photos, onChange }: { readonly photos: readonly ChosenPhoto[]; onChange: (photos: ChosenPhoto[]) => void }) {
  const { t } = useI18n();
  const urls = useMemo(() => photos.map((p) => URL.createObjectURL(p.file)), [photos]);
  useEffect(() => () => urls.forEach((u) => URL.revokeObjectURL(u)), [urls]);
  const tooBig = photos.filter((p) => p.file.size > MAX_BYTES);

  return (
    <section className="form-section" id="section-photos" aria-labelledby="h-photos">
      <h2 id="h-photos">{t('intake.s7')}</h2>
      <p className="field__hint">{t('intake.photosHint')}</p>
      <div className="field">
        <label htmlFor="photo-input">{t('intake.choosePhotos')}</label>
        <input
          id="photo-input"
          type="file"
          accept={ACCEPT}
          multiple
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            onChange([...photos, ...files.map((file) => ({ file, publishable: false }))].slice(0, 12));
            e.target.value = '';
          }}
        />
      </div>
      {tooBig.length ? (
        <p className="field__error" role="alert">
          {t('intake.photoTooBig')}
        </p>
      ) : null}
      <ul className="photos">
        {photos.map((p, i) => (
          <li key={`${p.file.name}:${i}`} className="photos__item">
            <img src={urls[i]} alt={t('intake.photoAlt', { n: i + 1 })} />
            <CheckBox label={t('intake.publishable')} checked={p.publishable} onChange={(publishable) => onChange(photos.map((x, j) => (j === i ? { ...x, publishable } : x)))} />
            <button type="button" className="button button--quiet" onClick={() => onChange(photos.filter((_, j) => j !== i))} aria-label={t('intake.removeItem', { n: i + 1 })}>
              ✕
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
