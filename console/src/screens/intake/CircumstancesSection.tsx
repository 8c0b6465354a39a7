/** Section 4: the circumstances — narrative, indicators, vulnerabilities (sensitive), and a suspect or vehicle when there is one. */
import { useI18n } from '../../i18n/i18n.tsx';
import { vocabOptions } from '../../i18n/vocab.ts';
import { CheckBox, CheckGroup, SelectField, TextArea, TextField } from '../../ui/Field.tsx';
import type { Binder } from './binder.ts';

export function CircumstancesSection({ b }: { readonly b: Binder }) {
  const { t, lang } = useI18n();
  const f = b.form;
  return (
    <section className="form-section" id="section-circumstances" aria-labelledby="h-circumstances">
      <h2 id="h-circumstances">{t('intake.s4')}</h2>
      <TextArea label={t('intake.narrative')} {...b.bind('circumstances', 'narrative')} rows={5} maxLength={10000} name="narrative" />
      <CheckGroup legend={t('intake.indicators')} options={vocabOptions('circumstance', lang)} values={f.circumstances.indicators} onChange={(indicators) => b.patch('circumstances', { indicators })} />
      <CheckGroup legend={t('intake.vulnerabilities')} hint={t('intake.sensitive')} options={vocabOptions('vulnerability', lang)} values={f.circumstances.vulnerabilities} onChange={(vulnerabilities) => b.patch('circumstances', { vulnerabilities })} />
      <CheckBox label={t('intake.hasSuspect')} checked={f.suspect.present} onChange={(present) => b.patch('suspect', { present })} />
      {f.suspect.present ? (
        <fieldset className="sub">
          <legend>{t('intake.suspect')}</legend>
          <div className="grid-3">
            <TextField label={t('intake.suspectName')} {...b.bind('suspect', 'name')} maxLength={100} />
            <SelectField label={t('intake.sex')} {...b.bind('suspect', 'sex')} options={vocabOptions('sex', lang)} placeholder={t('common.unknown')} />
            <TextField label={t('intake.suspectAge')} type="number" min={0} max={120} {...b.bind('suspect', 'approximateAge')} dir="ltr" />
          </div>
          <TextArea label={t('intake.suspectDescription')} {...b.bind('suspect', 'description')} maxLength={2000} />
        </fieldset>
      ) : null}
      <CheckBox label={t('intake.hasVehicle')} checked={f.vehicle.present} onChange={(present) => b.patch('vehicle', { present })} />
      {f.vehicle.present ? (
        <fieldset className="sub">
          <legend>{t('intake.vehicle')}</legend>
          <div className="grid-3">
            <SelectField label={t('intake.vehicleKind')} {...b.bind('vehicle', 'kind')} options={vocabOptions('vehicle', lang)} placeholder={t('common.unknown')} />
            <TextField label={t('intake.vehicleMake')} {...b.bind('vehicle', 'make')} maxLength={200} />
            <TextField label={t('intake.vehicleModel')} {...b.bind('vehicle', 'model')} maxLength={200} />
            <SelectField label={t('intake.vehicleColour')} {...b.bind('vehicle', 'colour')} options={vocabOptions('colour', lang)} placeholder={t('common.unknown')} />
            <TextField label={t('intake.plate')} {...b.bind('vehicle', 'plate')} maxLength={40} dir="ltr" />
          </div>
          <TextArea label={t('intake.vehicleDescription')} {...b.bind('vehicle', 'description')} maxLength={2000} />
        </fieldset>
      ) : null}
    </section>
  );
}
