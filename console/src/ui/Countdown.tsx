/**
 * Time left until a deadline (the prosecutor's decision on the urgent path), or how late it is,
 * updated every second and announced politely to screen readers only once a minute.
 */
import { useI18n } from '../i18n/i18n.tsx';
import { useNow } from './useNow.ts';

const pad = (n: number) => String(n).padStart(2, '0');

export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

export function Countdown({ dueAt, serverOffsetMs = 0 }: { readonly dueAt: string; readonly serverOffsetMs?: number }) {
  const { t } = useI18n();
  const now = useNow(1000, serverOffsetMs);
  const left = Date.parse(dueAt) - now;
  const late = left < 0;
  return (
    <span className={`countdown${late ? ' countdown--late' : left < 15 * 60_000 ? ' countdown--soon' : ''}`} data-testid="countdown">
      <span className="visually-hidden">{late ? t('countdown.late') : t('countdown.left')}</span>
      <span aria-hidden="true">{late ? '−' : ''}</span>
      <time dateTime={dueAt} dir="ltr">
        {formatDuration(left)}
      </time>
    </span>
  );
}
