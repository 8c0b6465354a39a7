/**
 * Who receives data through each distribution channel, for the processing register. Typed over the
 * channel list (domain/distribution/channels.ts), so a channel added there without its recipient here
 * fails type-checking. Every channel carries the stored version's public content only (the outbox reads
 * the version, never the case); fan-out channels also hand the provider the subscriber's own address,
 * which the subscriber gave for exactly that delivery.
 *
 * @example
 *   CHANNEL_RECIPIENTS.facebook.foreign; // true (Meta Platforms: Ireland / United States)
 */
import { type ChannelName, channelKind } from '../distribution/channels.ts';
import type { Bilingual } from './data-categories.ts';

export interface ChannelRecipient {
  /** Who receives the data. */
  readonly name: Bilingual;
  /** True when the recipient is outside Morocco (Law 09-08 art. 43: public data only). */
  readonly foreign: boolean;
  /** Where, as far as the platform knows. */
  readonly country: Bilingual;
}

const MOROCCO: Bilingual = { fr: 'Maroc', ar: 'المغرب' };
const META_COUNTRY: Bilingual = { fr: 'Irlande / États-Unis', ar: 'إيرلندا / الولايات المتحدة' };

export const CHANNEL_RECIPIENTS: { readonly [C in ChannelName]: ChannelRecipient } = {
  facebook: { name: { fr: 'Meta Platforms (page Facebook de la DGSN)', ar: 'ميتا بلاتفورمز (صفحة فيسبوك للمديرية العامة للأمن الوطني)' }, foreign: true, country: META_COUNTRY },
  instagram: { name: { fr: 'Meta Platforms (compte Instagram de la DGSN)', ar: 'ميتا بلاتفورمز (حساب إنستغرام للمديرية العامة للأمن الوطني)' }, foreign: true, country: META_COUNTRY },
  whatsapp: { name: { fr: 'Meta Platforms (WhatsApp Business)', ar: 'ميتا بلاتفورمز (واتساب للأعمال)' }, foreign: true, country: META_COUNTRY },
  meta_partner: { name: { fr: 'Meta Platforms (transmission partenaire des alertes)', ar: 'ميتا بلاتفورمز (إحالة التنبيهات للشريك)' }, foreign: true, country: META_COUNTRY },
  sms: { name: { fr: 'Opérateurs de télécommunications (SMS)', ar: 'متعهدو الاتصالات (الرسائل القصيرة)' }, foreign: false, country: MOROCCO },
  email: { name: { fr: 'Prestataire de messagerie (SMTP) configuré', ar: 'مزود البريد الإلكتروني (SMTP) المعتمد' }, foreign: false, country: MOROCCO },
  webpush: {
    name: { fr: 'Services de notification des navigateurs (Google, Mozilla, Apple)', ar: 'خدمات إشعارات المتصفحات (غوغل، موزيلا، آبل)' },
    foreign: true,
    country: { fr: 'États-Unis', ar: 'الولايات المتحدة' },
  },
  webhook: { name: { fr: 'Médias partenaires (webhooks signés)', ar: 'وسائل الإعلام الشريكة (إشعارات موقعة)' }, foreign: false, country: MOROCCO },
  police_notice: { name: { fr: 'Unités de police de la DGSN (avis de disparition)', ar: 'وحدات الشرطة التابعة للمديرية العامة (برقية الاختفاء)' }, foreign: false, country: MOROCCO },
};

/** Whether the provider also gets the subscriber's own address (fan-out channels). */
export const receivesSubscriberAddress = (channel: ChannelName): boolean => channelKind(channel) === 'fan_out';
