/**
 * Outbound alerts (channel-port.ts) for the broadcast channels' tests, built from the synthetic
 * fixtures: the public views of the public-site tests and the CAP Exercise chain (Alert → Update →
 * Cancel), so the body a partner receives is a real, schema-valid CAP document. Posters are small
 * binary buffers that name their language and format and hold every byte value (CR, LF, NUL, "--"),
 * which is what a multipart encoder must carry through untouched.
 *
 * @example
 *   const message = outboundAlert('Alert');
 *   const bytes = await message.poster('ar-MA', 'square'); // Buffer naming "ar-MA/square"
 */
import type { OutboundAlert, PosterFormat } from '../../../app/distribution/channel-port.ts';
import type { AlertLanguage } from '../../../domain/alert-text/alert-languages.ts';
import { capXml } from '../../../domain/cap/cap-document.ts';
import { exerciseChain } from '../../../domain/cap/cap-fixtures.test-support.ts';
import { endedAlert, yasmine } from '../../../http/public/public-alert-fixtures.test-support.ts';

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

/** A stand-in poster: distinct per language and format, binary throughout. */
export function posterBytes(lang: AlertLanguage, format: PosterFormat, size = 0): Buffer {
  const head = Buffer.concat([Buffer.from(`\xff\xd8 poster ${lang}/${format}\r\n--\r\n`, 'latin1'), ALL_BYTES]);
  return size > head.length ? Buffer.concat([head, Buffer.alloc(size - head.length, 0x2d)]) : head;
}

export function outboundAlert(msgType: OutboundAlert['msgType'], over: Partial<OutboundAlert> & { posterSize?: number } = {}): OutboundAlert {
  const chain = exerciseChain();
  const doc = msgType === 'Alert' ? chain.alert : msgType === 'Update' ? chain.update : chain.cancel;
  const version = msgType === 'Alert' ? 1 : msgType === 'Update' ? 2 : 3;
  const sentAt = doc.sent;
  const view = msgType === 'Cancel' ? endedAlert('found', { version, exercise: true, endedAt: sentAt }) : yasmine({ version, exercise: true, sentAt });
  const { posterSize, ...rest } = over;
  return {
    action: msgType === 'Cancel' ? 'retract' : 'publish',
    alertId: '0b6f3c8e-3a1f-4a51-9d1e-6f0f6c2f9a11',
    publicId: view.publicId,
    version,
    msgType,
    updateKind: msgType === 'Update' ? 'zone' : null,
    exercise: true,
    pageUrl: `https://tifli.example.ma/alerts/${view.publicId}`,
    expiresAt: new Date(sentAt.getTime() + (msgType === 'Cancel' ? 24 : 72) * 3_600_000),
    sentAt,
    view,
    capXml: capXml(doc),
    topic: `alert-${view.publicId}`,
    posterUrl: (lang, format) => `https://tifli.example.ma/alerts/${view.publicId}/poster-${lang}-${format}.jpg`,
    poster: async (lang, format) => posterBytes(lang, format, posterSize),
    ...rest,
  };
}
