/**
 * A modal confirmation on the native <dialog>: focus moves into it and stays there, Escape cancels,
 * and focus returns where it was when it closes.
 *
 * @example
 *   <Dialog open={asking} title={t('closure.confirmTitle')} onClose={() => setAsking(false)}>…</Dialog>
 */
import { useEffect, useRef, type ReactNode } from 'react';

export function Dialog({ open, title, onClose, children }: { readonly open: boolean; readonly title: string; onClose: () => void; readonly children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="dialog-title">{title}</h2>
      {open ? children : null}
    </dialog>
  );
}
