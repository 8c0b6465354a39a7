/**
 * Labelled form controls: every input has a visible label tied to it, an optional hint, and the
 * server's message for that field (problem+json `errors`) announced with it.
 *
 * @example
 *   <TextField label={t('signIn.username')} value={u} onChange={setU} autoComplete="username" required />
 */
import { useId, type ReactNode } from 'react';

interface Common {
  readonly label: string;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
  readonly required?: boolean;
  readonly disabled?: boolean;
  readonly name?: string;
}

function Wrapper({ id, label, hint, error, required, children }: Common & { readonly id: string; readonly children: ReactNode }) {
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {children}
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

const describedBy = (id: string, hint?: string, error?: string) => [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export function TextField(
  props: Common & {
    readonly value: string;
    onChange: (value: string) => void;
    readonly type?: 'text' | 'password' | 'email' | 'tel' | 'number' | 'date' | 'datetime-local' | 'search';
    readonly autoComplete?: string;
    readonly inputMode?: 'numeric' | 'decimal' | 'text' | 'tel';
    readonly maxLength?: number;
    readonly min?: number | string;
    readonly max?: number | string;
    readonly step?: number | string;
    readonly pattern?: string;
    readonly dir?: 'ltr' | 'rtl' | 'auto';
    readonly autoFocus?: boolean;
  },
) {
  const id = useId();
  return (
    <Wrapper id={id} {...props}>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        required={props.required}
        disabled={props.disabled}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        min={props.min}
        max={props.max}
        step={props.step}
        pattern={props.pattern}
        dir={props.dir ?? 'auto'}
        autoFocus={props.autoFocus}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
    </Wrapper>
  );
}

export function TextArea(props: Common & { readonly value: string; onChange: (value: string) => void; readonly rows?: number; readonly maxLength?: number; readonly dir?: 'ltr' | 'rtl' | 'auto' }) {
  const id = useId();
  return (
    <Wrapper id={id} {...props}>
      <textarea
        id={id}
        name={props.name}
        value={props.value}
        rows={props.rows ?? 3}
        maxLength={props.maxLength}
        onChange={(e) => props.onChange(e.target.value)}
        required={props.required}
        disabled={props.disabled}
        dir={props.dir ?? 'auto'}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
    </Wrapper>
  );
}

export interface Option {
  readonly value: string;
  readonly label: string;
}

export function SelectField(props: Common & { readonly value: string; onChange: (value: string) => void; readonly options: readonly Option[]; readonly placeholder?: string }) {
  const id = useId();
  return (
    <Wrapper id={id} {...props}>
      <select
        id={id}
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        required={props.required}
        disabled={props.disabled}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrapper>
  );
}

export function CheckBox(props: { readonly label: string; readonly checked: boolean; onChange: (checked: boolean) => void; readonly disabled?: boolean; readonly hint?: string; readonly name?: string; readonly value?: string }) {
  const id = useId();
  return (
    <div className="check">
      <input id={id} name={props.name} value={props.value} type="checkbox" checked={props.checked} disabled={props.disabled} onChange={(e) => props.onChange(e.target.checked)} aria-describedby={props.hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

/** A group of checkboxes over a vocabulary (indicators, languages, colours). */
export function CheckGroup(props: { readonly legend: string; readonly options: readonly Option[]; readonly values: readonly string[]; onChange: (values: string[]) => void; readonly hint?: string }) {
  const id = useId();
  return (
    <fieldset className="check-group" aria-describedby={props.hint ? `${id}-hint` : undefined}>
      <legend>{props.legend}</legend>
      {props.hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <div className="check-group__items">
        {props.options.map((o) => (
          <CheckBox
            key={o.value}
            value={o.value}
            label={o.label}
            checked={props.values.includes(o.value)}
            onChange={(on) => props.onChange(on ? [...props.values, o.value] : props.values.filter((v) => v !== o.value))}
          />
        ))}
      </div>
    </fieldset>
  );
}

/** Yes / no / not known, as radio buttons (null is "not known"). */
export function TriState(props: { readonly legend: string; readonly value: boolean | null; onChange: (v: boolean | null) => void; readonly labels: { readonly yes: string; readonly no: string; readonly unknown: string }; readonly name: string }) {
  const id = useId();
  const items: { v: boolean | null; label: string; key: string }[] = [
    { v: true, label: props.labels.yes, key: 'yes' },
    { v: false, label: props.labels.no, key: 'no' },
    { v: null, label: props.labels.unknown, key: 'unknown' },
  ];
  return (
    <fieldset className="radio-group">
      <legend>{props.legend}</legend>
      {items.map((i) => (
        <div className="check" key={i.key}>
          <input id={`${id}-${i.key}`} type="radio" name={`${props.name}-${id}`} checked={props.value === i.v} onChange={() => props.onChange(i.v)} />
          <label htmlFor={`${id}-${i.key}`}>{i.label}</label>
        </div>
      ))}
    </fieldset>
  );
}
