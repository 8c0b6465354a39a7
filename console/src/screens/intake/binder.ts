/**
 * Binding form inputs to the intake draft: `bind('child', 'givenNameAr')` gives the value and the
 * change handler of one text field; `patch('lastSeen', { lat, lon })` changes several at once;
 * `errorAt('/child/sex')` gives the localised validation message for a record path.
 */
import type { FieldError } from '../../../../src/domain/errors.ts';
import type { TextKey } from '../../i18n/i18n.tsx';
import type { IntakeForm } from './form-model.ts';

export type Section = 'child' | 'lastSeen' | 'circumstances' | 'investigation' | 'reporter' | 'suspect' | 'vehicle';
type StringKeys<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T];

export interface Binder {
  readonly form: IntakeForm;
  bind: <S extends Section>(section: S, key: StringKeys<IntakeForm[S]>) => { value: string; onChange: (v: string) => void };
  patch: <S extends Section>(section: S, changes: Partial<IntakeForm[S]>) => void;
  set: (update: (f: IntakeForm) => IntakeForm) => void;
  /** The message for a record path (only once the officer asked to submit). */
  errorAt: (path: string) => string | undefined;
}

const MESSAGES: Readonly<Record<string, TextKey>> = {
  'is required': 'validation.required',
  'a name is required in Arabic or Latin script': 'validation.nameRequired',
  'must be written in Arabic script': 'validation.arabicScript',
  'must be written in Latin script': 'validation.latinScript',
  'give the birth date or an estimated age (ageYears)': 'validation.ageOrBirth',
  'is in the future': 'validation.future',
};

export function makeBinder(form: IntakeForm, setForm: (update: (f: IntakeForm) => IntakeForm) => void, errors: readonly FieldError[] | null, t: (k: TextKey) => string): Binder {
  const patch = <S extends Section>(section: S, changes: Partial<IntakeForm[S]>) => setForm((f) => ({ ...f, [section]: { ...f[section], ...changes } }));
  return {
    form,
    bind: (section, key) => ({
      value: form[section][key] as unknown as string,
      onChange: (v: string) => patch(section, { [key]: v } as unknown as Partial<IntakeForm[typeof section]>),
    }),
    patch,
    set: setForm,
    errorAt: (path) => {
      const e = errors?.find((x) => x.field === path || x.field.startsWith(`${path}/`));
      if (!e) return undefined;
      const key = MESSAGES[e.message];
      return key ? t(key) : `${t('validation.check')} (${e.message})`;
    },
  };
}
