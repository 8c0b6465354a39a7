/** Open cases of my jurisdiction with the time since each child was last seen, ticking. */
import { elapsedSinceLastSeen } from '../../../../src/domain/case/case-lifecycle.ts';
import type { DashboardView } from '../../api/types.ts';
import { Link } from '../../app/Link.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { caseStatusLabel } from '../../i18n/vocab.ts';
import { useNow } from '../../ui/useNow.ts';
import { childAge, childName } from '../case/case-labels.ts';

export function OpenCases({ cases, serverOffsetMs }: { readonly cases: NonNullable<DashboardView['openCases']>; readonly generatedAt: string; readonly serverOffsetMs: number }) {
  const { t, lang } = useI18n();
  const now = new Date(useNow(30_000, serverOffsetMs));
  return (
    <section className="panel panel--cases" aria-labelledby="dash-cases">
      <h2 id="dash-cases">
        {t('dashboard.openCases')} <span className="count">{cases.total}</span>
      </h2>
      {cases.items.length === 0 ? (
        <p className="empty">{t('dashboard.noCases')}</p>
      ) : (
        <table className="table" data-testid="open-cases">
          <thead>
            <tr>
              <th scope="col">{t('case.reference')}</th>
              <th scope="col">{t('case.child')}</th>
              <th scope="col">{t('case.status')}</th>
              <th scope="col">{t('case.sinceLastSeen')}</th>
            </tr>
          </thead>
          <tbody>
            {cases.items.map((c) => {
              const age = childAge(c.publicRecord);
              return (
                <tr key={c.id}>
                  <td>
                    <Link to={`/cases/${c.id}`} dir="ltr">
                      {c.reference}
                    </Link>
                    {c.exercise ? <span className="tag">{t('common.exercise')}</span> : null}
                  </td>
                  <td>
                    {childName(c.publicRecord, lang) ?? t('case.nameWithheld')}
                    {age !== null ? ` · ${t('case.age', { age })}` : ''}
                  </td>
                  <td>{caseStatusLabel(c.status, lang)}</td>
                  <td>
                    <time dateTime={c.lastSeenAt}>{elapsedSinceLastSeen(c.lastSeenAt, now).label[lang]}</time>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
