/** Request schemas of the live dashboard routes (the response lives in the dashboard presenter). */
import { Type } from 'typebox';
import { closed } from '../../schema-kit.ts';

export { DashboardView } from '../../presenters/dashboard.presenter.ts';

/** No query parameters: unknown ones are refused, not ignored. */
export const NoQuery = Type.Object({}, closed);

/** EventSource sends this; anything else gets 406 rather than a stream that never ends. */
export const EVENT_STREAM = 'text/event-stream';

/** Without `alert`, the dashboard; with it, that alert's board. */
export const EventsQuery = Type.Object({ alert: Type.Optional(Type.String({ format: 'uuid', maxLength: 36 })) }, closed);
