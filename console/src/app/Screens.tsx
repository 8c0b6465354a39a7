/** Which screen a console path shows. */
import { DashboardScreen } from '../screens/dashboard/DashboardScreen.tsx';
import { DecisionsScreen } from '../screens/decisions/DecisionsScreen.tsx';
import { DecisionScreen } from '../screens/decisions/DecisionScreen.tsx';
import { IntakeScreen } from '../screens/intake/IntakeScreen.tsx';
import { CaseScreen } from '../screens/case/CaseScreen.tsx';
import { AlertBoardScreen } from '../screens/alert-board/AlertBoardScreen.tsx';
import { ComposerScreen } from '../screens/composer/ComposerScreen.tsx';
import { AuditScreen } from '../screens/audit/AuditScreen.tsx';
import { TipsScreen } from '../screens/tips/TipsScreen.tsx';
import { NotFound } from '../screens/NotFound.tsx';
import { matchRoute } from './router.ts';

export function Screens({ path }: { readonly path: string }) {
  if (path === '/' || path === '') return <DashboardScreen />;
  if (path === '/cases/new') return <IntakeScreen />;
  if (path === '/decisions') return <DecisionsScreen />;
  if (path === '/audit') return <AuditScreen />;
  let m = matchRoute('/cases/:id/tips', path);
  if (m?.id) return <TipsScreen key={m.id} caseId={m.id} />;
  m = matchRoute('/cases/:id', path);
  if (m?.id) return <CaseScreen key={m.id} id={m.id} />;
  m = matchRoute('/decisions/:id', path);
  if (m?.id) return <DecisionScreen key={m.id} alertId={m.id} />;
  m = matchRoute('/alerts/:id/compose', path);
  if (m?.id) return <ComposerScreen key={m.id} alertId={m.id} />;
  m = matchRoute('/alerts/:id', path);
  if (m?.id) return <AlertBoardScreen key={m.id} alertId={m.id} />;
  return <NotFound />;
}
