/** Section 8: the officer's safety judgement, the problems left (each a link to its field), and "open the case". */
import type { FieldError } from '../../../../src/domain/errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Binder } from './binder.ts';
import type { YesNo } from './form-model.ts';

export function ReviewSection({ b, problems, busy, onSubmit }: { readonly b: Binder; readonly problems: readonly FieldError[]; readonly busy: string | null; onSubmit: () => void }) {
  const { t } = useI18n();
  const choice = (v: YesNo, label: string) => (
    <div className="check" key={v || 'none'}>
      <input id={`endangers-${v || 'none'}`} type="radio" name="endangers" checked={b.form.endangers === v} onChange={() => b.set((f) => ({ ...f, endangers: v }))} />
      <label htmlFor={`endangers-${v || 'none'}`}>{label}</label>
    </div>
  );
  return (
    <section className="form-section" id="section-review" aria-labelledby="h-review">
      <h2 id="h-review">{t('intake.s8')}</h2>
      <fieldset className="radio-group">
        <legend>{t('intake.endangers')}</legend>
        {choice('no', t('intake.endangersNo'))}
        {choice('yes', t('intake.endangersYes'))}
        {choice('', t('intake.endangersLater'))}
      </fieldset>
      <div id="review-problems" tabIndex={-1}>
        {problems.length ? (
          <div className="problem" role="alert" data-testid="form-problems">
            <p className="problem__title">{t('intake.problems', { n: problems.length })}</p>
            <ul>
              {problems.map((p) => (
                <li key={`${p.field}:${p.message}`}>
                  <code dir="ltr">{p.field}</code> {b.errorAt(p.field)}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      <button type="button" className="button button--primary button--big" onClick={onSubmit} disabled={busy !== null} data-testid="open-case">
        {busy === 'create' ? t('intake.creating') : busy === 'photos' ? t('intake.uploading') : busy === 'assess' ? t('intake.assessing') : t('intake.submit')}
      </button>
    </section>
  );
}
