/** What the live board stream sends (GET /api/live/events?alert=…, event `board`). */
import type { AlertView, DeadLetter, DispatchItem } from '../../api/types.ts';

export interface BoardView {
  readonly alert: AlertView;
  readonly distribution: readonly DispatchItem[];
  readonly deadLetters: readonly DeadLetter[];
}
