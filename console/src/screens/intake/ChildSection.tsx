/** Section 1 of the revised report: the child's identity (names in both scripts, sex, birth date or age, ID card). */
import { useI18n } from '../../i18n/i18n.tsx';
import { vocabOptions } from '../../i18n/vocab.ts';
import { SelectField, TextField } from '../../ui/Field.tsx';
import type { Binder } from './binder.ts';

export function ChildSection({ b }: { readonly b: Binder }) {
  const { t, lang } = useI18n();
  return (
    <section className="form-section" id="section-child" aria-labelledby="h-child">
      <h2 id="h-child">{t('intake.s1')}</h2>
      <div className="grid-2">
        <TextField label={t('intake.givenNameAr')} {...b.bind('child', 'givenNameAr')} dir="rtl" error={b.errorAt('/child/givenNameAr')} maxLength={100} name="givenNameAr" />
        <TextField label={t('intake.familyNameAr')} {...b.bind('child', 'familyNameAr')} dir="rtl" error={b.errorAt('/child/familyNameAr')} maxLength={100} name="familyNameAr" />
        <TextField label={t('intake.givenNameLatin')} {...b.bind('child', 'givenNameLatin')} dir="ltr" error={b.errorAt('/child/givenNameLatin')} maxLength={100} name="givenNameLatin" />
        <TextField label={t('intake.familyNameLatin')} {...b.bind('child', 'familyNameLatin')} dir="ltr" error={b.errorAt('/child/familyNameLatin')} maxLength={100} name="familyNameLatin" />
      </div>
      <TextField label={t('intake.otherNames')} hint={t('intake.commaHint')} {...b.bind('child', 'otherNames')} error={b.errorAt('/child/otherNames')} name="otherNames" />
      <div className="grid-3">
        <SelectField label={t('intake.sex')} {...b.bind('child', 'sex')} options={vocabOptions('sex', lang)} placeholder={t('common.choose')} required error={b.errorAt('/child/sex')} name="sex" />
        <TextField label={t('intake.birthDate')} type="date" {...b.bind('child', 'birthDate')} dir="ltr" error={b.errorAt('/child/birthDate')} name="birthDate" />
        <TextField label={t('intake.age')} hint={t('intake.ageHint')} type="number" min={0} max={119} inputMode="numeric" {...b.bind('child', 'ageYears')} dir="ltr" error={b.errorAt('/child/ageYears')} name="ageYears" />
      </div>
      <TextField label={t('intake.idCard')} hint={t('intake.sensitive')} {...b.bind('child', 'idCardNumber')} dir="ltr" error={b.errorAt('/child/idCardNumber')} maxLength={40} name="idCardNumber" />
    </section>
  );
}
