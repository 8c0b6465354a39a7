/** An in-console link: a real <a href> (keyboard, middle-click, copy link) that navigates without reloading. */
import type { AnchorHTMLAttributes, MouseEvent, ReactNode } from 'react';
import { hrefOf, navigate } from './router.ts';

interface Props extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  readonly to: string;
  readonly children: ReactNode;
}

export function Link({ to, children, onClick, ...rest }: Props) {
  const go = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || rest.target === '_blank') return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={hrefOf(to)} onClick={go} {...rest}>
      {children}
    </a>
  );
}
