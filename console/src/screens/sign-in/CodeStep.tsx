/** The second factor at sign-in: the 6-digit code from the authenticator app. */
import { sendSecondFactor } from '../../api/endpoints.ts';
import type { SessionStage } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { TextField } from '../../ui/Field.tsx';
import { Problem } from '../../ui/Problem.tsx';
import { useCodeSubmission } from './use-code-submission.ts';

export function CodeStep({ onDone }: { onDone: (stage: SessionStage, csrf: string) => void }) {
  const { t } = useI18n();
  const form = useCodeSubmission(sendSecondFactor, onDone);

  return (
    <form onSubmit={(e) => void form.submit(e)} aria-labelledby="code-title" noValidate>
      <h2 id="code-title">{t('signIn.codeTitle')}</h2>
      <TextField
        label={t('signIn.code')}
        hint={t('signIn.codeHint')}
        value={form.code}
        onChange={form.type}
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        dir="ltr"
        autoFocus
        name="code"
      />
      {form.error ? <Problem error={form.error} /> : null}
      <button type="submit" className="button button--primary" disabled={form.busy || !form.complete}>
        {form.busy ? t('common.wait') : t('signIn.verify')}
      </button>
    </form>
  );
}
