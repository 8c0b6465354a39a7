/** Section 2: the description the public will use — height, build, hair, eyes, visible marks, clothing, languages — and health (sensitive). */
import { useI18n } from '../../i18n/i18n.tsx';
import { vocabOptions } from '../../i18n/vocab.ts';
import { CheckGroup, SelectField, TextArea, TextField } from '../../ui/Field.tsx';
import type { Binder } from './binder.ts';
import type { ClothingForm, MarkForm } from './form-model.ts';

export function DescriptionSection({ b }: { readonly b: Binder }) {
  const { t, lang } = useI18n();
  const c = b.form.child;
  const setMarks = (marks: MarkForm[]) => b.patch('child', { marks });
  const setClothing = (clothing: ClothingForm[]) => b.patch('child', { clothing });
  return (
    <section className="form-section" id="section-description" aria-labelledby="h-description">
      <h2 id="h-description">{t('intake.s2')}</h2>
      <div className="grid-3">
        <TextField label={t('intake.height')} type="number" min={30} max={220} inputMode="numeric" {...b.bind('child', 'heightCm')} dir="ltr" error={b.errorAt('/child/heightCm')} name="heightCm" />
        <SelectField label={t('intake.build')} {...b.bind('child', 'build')} options={vocabOptions('build', lang)} placeholder={t('common.unknown')} name="build" />
        <SelectField label={t('intake.eyes')} {...b.bind('child', 'eyes')} options={vocabOptions('eyes', lang)} placeholder={t('common.unknown')} name="eyes" />
        <SelectField label={t('intake.hairColour')} {...b.bind('child', 'hairColour')} options={vocabOptions('hairColour', lang)} placeholder={t('common.unknown')} name="hairColour" />
        <SelectField label={t('intake.hairLength')} {...b.bind('child', 'hairLength')} options={vocabOptions('hairLength', lang)} placeholder={t('common.unknown')} name="hairLength" />
        <SelectField label={t('intake.hairTexture')} {...b.bind('child', 'hairTexture')} options={vocabOptions('hairTexture', lang)} placeholder={t('common.unknown')} name="hairTexture" />
      </div>

      <fieldset className="repeat">
        <legend>{t('intake.marks')}</legend>
        {c.marks.map((m, i) => (
          <div className="repeat__row" key={i}>
            <SelectField label={t('intake.markKind')} value={m.kind} onChange={(v) => setMarks(c.marks.map((x, j) => (j === i ? { ...x, kind: v } : x)))} options={vocabOptions('mark', lang)} placeholder={t('common.choose')} />
            <TextField label={t('intake.markWhere')} value={m.description} onChange={(v) => setMarks(c.marks.map((x, j) => (j === i ? { ...x, description: v } : x)))} maxLength={200} />
            <button type="button" className="button button--quiet" onClick={() => setMarks(c.marks.filter((_, j) => j !== i))} aria-label={t('intake.removeItem', { n: i + 1 })}>
              ✕
            </button>
          </div>
        ))}
        <button type="button" className="button button--small" onClick={() => setMarks([...c.marks, { kind: '', description: '' }])} disabled={c.marks.length >= 20}>
          {t('intake.addMark')}
        </button>
      </fieldset>

      <fieldset className="repeat">
        <legend>{t('intake.clothing')}</legend>
        {c.clothing.map((item, i) => (
          <div className="repeat__row repeat__row--wide" key={i}>
            <SelectField label={t('intake.garment')} value={item.garment} onChange={(v) => setClothing(c.clothing.map((x, j) => (j === i ? { ...x, garment: v } : x)))} options={vocabOptions('garment', lang)} placeholder={t('common.choose')} />
            <CheckGroup
              legend={t('intake.colours')}
              options={vocabOptions('colour', lang)}
              values={item.colours}
              onChange={(colours) => setClothing(c.clothing.map((x, j) => (j === i ? { ...x, colours: colours.slice(0, 4) } : x)))}
            />
            <TextField label={t('intake.clothingNote')} value={item.note} onChange={(v) => setClothing(c.clothing.map((x, j) => (j === i ? { ...x, note: v } : x)))} maxLength={200} />
            <button type="button" className="button button--quiet" onClick={() => setClothing(c.clothing.filter((_, j) => j !== i))} aria-label={t('intake.removeItem', { n: i + 1 })}>
              ✕
            </button>
          </div>
        ))}
        <button type="button" className="button button--small" onClick={() => setClothing([...c.clothing, { garment: '', colours: [], note: '' }])} disabled={c.clothing.length >= 20}>
          {t('intake.addGarment')}
        </button>
      </fieldset>
      <TextArea label={t('intake.clothingDescription')} {...b.bind('child', 'clothingDescription')} maxLength={2000} name="clothingDescription" />
      <CheckGroup legend={t('intake.languages')} options={vocabOptions('language', lang)} values={c.languages} onChange={(languages) => b.patch('child', { languages })} />
      <div className="grid-2 sensitive">
        <TextArea label={t('intake.medicalNeeds')} hint={t('intake.sensitive')} {...b.bind('child', 'medicalNeeds')} maxLength={2000} name="medicalNeeds" />
        <TextArea label={t('intake.disability')} hint={t('intake.sensitive')} {...b.bind('child', 'disability')} maxLength={2000} name="disability" />
      </div>
    </section>
  );
}
