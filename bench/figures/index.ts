/**
 * The bench's figure modules, in the order `npm run bench` runs them. A new figure is a module
 * bench/figures/<name>.figure.ts exporting a FigureModule (see bench/lib/figure.ts) and one line here.
 */
import type { FigureModule } from '../lib/figure.ts';
import { idleRssFigure } from './idle-rss.figure.ts';
import { pgliteVsPostgresFigure } from './pglite-vs-postgres.figure.ts';
import { startupFigure } from './startup.figure.ts';
import { nameMatchingFigure } from './name-matching.figure.ts';
import { caseSearchFigure } from './case-search.figure.ts';
import { alertPublicationFigure } from './alert-publication.figure.ts';
import { whoIsInsideFigure } from './who-is-inside.figure.ts';
import { deliveryRateFigure } from './delivery-rate.figure.ts';
import { decisionToDeliveryFigure } from './decision-to-delivery.figure.ts';
import { tipSurgeFigure } from './tip-surge.figure.ts';
import { publicPageFigure } from './public-page.figure.ts';
import { soakFigure } from './soak.figure.ts';
import { fanOutMemoryFigure } from './fan-out-memory.figure.ts';

export const FIGURES: readonly FigureModule[] = [startupFigure, idleRssFigure, pgliteVsPostgresFigure, nameMatchingFigure, caseSearchFigure, alertPublicationFigure, whoIsInsideFigure, deliveryRateFigure, decisionToDeliveryFigure, tipSurgeFigure, publicPageFigure, soakFigure, fanOutMemoryFigure];
