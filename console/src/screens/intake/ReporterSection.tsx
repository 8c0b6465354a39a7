/**
 * Section 6: the person reporting (parent, guardian or the person with effective care) and their
 * answers to the publication questions, recorded with the exact wording put to them.
 */
import { useI18n } from '../../i18n/i18n.tsx';
import { vocabOptions } from '../../i18n/vocab.ts';
import { SelectField, TextField } from '../../ui/Field.tsx';
import type { Binder } from './binder.ts';
import type { YesNo } from './form-model.ts';

function Consent({ legend, wording, value, onChange, name }: { readonly legend: string; readonly wording: string; readonly value: YesNo; onChange: (v: YesNo) => void; readonly name: string }) {
  const { t } = useI18n();
  return (
    <fieldset className="radio-group consent">
      <legend>{legend}</legend>
      <blockquote className="consent__wording">{wording}</blockquote>
      {(
        [
          ['yes', t('consent.yes')],
          ['no', t('consent.no')],
          ['', t('consent.notAsked')],
        ] as const
      ).map(([v, label]) => (
        <div className="check" key={v || 'none'}>
          <input id={`${name}-${v || 'none'}`} type="radio" name={name} checked={value === v} onChange={() => onChange(v)} />
          <label htmlFor={`${name}-${v || 'none'}`}>{label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function ReporterSection({ b }: { readonly b: Binder }) {
  const { t, lang } = useI18n();
  const r = b.form.reporter;
  return (
    <section className="form-section" id="section-reporter" aria-labelledby="h-reporter">
      <h2 id="h-reporter">{t('intake.s6')}</h2>
      <div className="grid-2">
        <TextField label={t('intake.reporterGiven')} {...b.bind('reporter', 'givenName')} required maxLength={100} error={b.errorAt('/reporter/givenName')} name="reporterGiven" />
        <TextField label={t('intake.reporterFamily')} {...b.bind('reporter', 'familyName')} required maxLength={100} error={b.errorAt('/reporter/familyName')} name="reporterFamily" />
        <SelectField label={t('intake.relation')} {...b.bind('reporter', 'relation')} options={vocabOptions('relation', lang)} placeholder={t('common.choose')} required error={b.errorAt('/reporter/relation')} name="relation" />
        {r.relation === 'other' ? <TextField label={t('intake.relationDetail')} {...b.bind('reporter', 'relationDetail')} required maxLength={200} error={b.errorAt('/reporter/relationDetail')} /> : <span />}
        <TextField label={t('intake.phones')} hint={t('intake.commaHint')} type="tel" {...b.bind('reporter', 'phones')} dir="ltr" error={b.errorAt('/reporter/phones')} name="phones" />
        <TextField label={t('intake.email')} type="email" {...b.bind('reporter', 'email')} dir="ltr" maxLength={200} error={b.errorAt('/reporter/email')} />
        <TextField label={t('intake.reporterId')} hint={t('intake.sensitive')} {...b.bind('reporter', 'idCardNumber')} dir="ltr" maxLength={40} error={b.errorAt('/reporter/idCardNumber')} />
        <TextField label={t('intake.reporterAddress')} {...b.bind('reporter', 'address')} maxLength={200} />
      </div>
      <h3>{t('intake.consents')}</h3>
      <p className="field__hint">{t('intake.consentsHint')}</p>
      <Consent legend={t('intake.consentName')} wording={t('consent.nameWording')} value={r.consentName} onChange={(consentName) => b.patch('reporter', { consentName })} name="consent-name" />
      <Consent legend={t('intake.consentPhoto')} wording={t('consent.photoWording')} value={r.consentPhoto} onChange={(consentPhoto) => b.patch('reporter', { consentPhoto })} name="consent-photo" />
      {r.consentName || r.consentPhoto ? <TextField label={t('intake.consentAt')} type="datetime-local" {...b.bind('reporter', 'consentAt')} dir="ltr" error={b.errorAt('/reporter/consents')} /> : null}
    </section>
  );
}
