/**
 * Possible duplicates, inline while the child's names are typed: open cases whose names match in
 * either script (the API's tolerant name search), with a link to look before opening a second case.
 */
import { useEffect, useState } from 'react';
import { searchCases } from '../../api/endpoints.ts';
import type { CaseSearchItem } from '../../api/types.ts';
import { Link } from '../../app/Link.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { caseStatusLabel } from '../../i18n/vocab.ts';
import { childName } from '../case/case-labels.ts';

export function DuplicateWarnings({ names }: { readonly names: readonly string[] }) {
  const { t, lang } = useI18n();
  const [hits, setHits] = useState<CaseSearchItem[]>([]);
  const query = names.map((n) => n.trim()).filter(Boolean).join(' ');

  useEffect(() => {
    if (query.length < 2) {
      setHits([]);
      return;
    }
    let live = true;
    const timer = window.setTimeout(() => {
      searchCases({ name: query.slice(0, 100), status: ['open', 'alert_requested', 'alert_active'], limit: 5 }).then(
        (r) => live && setHits(r.items),
        () => live && setHits([]),
      );
    }, 500);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [query]);

  if (hits.length === 0) return null;
  return (
    <div className="notice notice--warn duplicates" role="status" data-testid="duplicates">
      <strong>{t('intake.duplicates')}</strong>
      <ul>
        {hits.map((h) => (
          <li key={h.case.id}>
            <Link to={`/cases/${h.case.id}`} target="_blank">
              <span dir="ltr">{h.case.reference}</span>
            </Link>{' '}
            {childName(h.publicRecord, lang) ?? ''} · {caseStatusLabel(h.case.status, lang)} · {h.case.sinceLastSeen[lang]}
            {h.nameScore !== null ? ` · ${Math.round(h.nameScore * 100)}%` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
