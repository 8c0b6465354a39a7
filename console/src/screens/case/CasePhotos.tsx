/** The case's photos as thumbnails (each read is audited with the console's stated purpose). */
import { listPhotos, photoUrl } from '../../api/endpoints.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useAsync } from '../../ui/useAsync.ts';

export function CasePhotos({ caseId }: { readonly caseId: string }) {
  const { t } = useI18n();
  const photos = useAsync(() => listPhotos(caseId), [caseId]);
  if (!photos.value?.items.length) return null;
  return (
    <section className="panel" aria-labelledby="photos-title">
      <h2 id="photos-title">{t('intake.s7')}</h2>
      <ul className="photos">
        {photos.value.items.map((p, i) => (
          <li key={p.id} className="photos__item">
            <img src={photoUrl(caseId, p.id, 'console: case file')} alt={t('intake.photoAlt', { n: i + 1 })} loading="lazy" />
            <span className="muted">{p.publishable ? t('intake.publishable') : t('case.notPublishable')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
