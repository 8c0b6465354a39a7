/**
 * Schemas of Meta's WhatsApp webhook routes. The handshake's query is Meta's (`hub.*`, bounded, other
 * parameters tolerated); the notification body has no schema here on purpose: it must be checked against
 * its signature as raw bytes before it is read at all (adapters/channels/whatsapp/whatsapp-webhook.ts
 * parses it afterwards, tolerating the fields Meta adds over time).
 */
import { Type } from 'typebox';

export const HandshakeQuery = Type.Object({
  'hub.mode': Type.Optional(Type.String({ maxLength: 64 })),
  'hub.verify_token': Type.Optional(Type.String({ maxLength: 512 })),
  'hub.challenge': Type.Optional(Type.String({ maxLength: 512 })),
});

/** The echoed challenge, as text/plain. */
export const HandshakeResponse = Type.String({ maxLength: 256 });

export const NotificationResponse = Type.Object({
  /** Events read from the notification (statuses and messages, including those with nothing to do). */
  received: Type.Integer({ minimum: 0 }),
}, { additionalProperties: false });
