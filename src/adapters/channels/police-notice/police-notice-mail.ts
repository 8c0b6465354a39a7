/**
 * The e-mail copy of the internal disappearance notice, sent once per version to the police units'
 * mailing list (POLICE_NOTICE_EMAIL). French and Arabic, with the Tamazight headline; public content
 * only (what the alert page shows): headline, area, reference, link. Exercises say so in the subject.
 *
 * @example
 *   const mail = noticeMail(noticeContent(message), 'avis@dgsn.example.ma', messageIdFor(key, from));
 */
import type { OutboundMail } from '../email/mailer.ts';
import type { PoliceNoticeContent } from '../../../app/police-notices/police-notice-content.ts';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const OUTCOME_FR = { found: 'enfant retrouvé', withdrawn: 'alerte retirée', expired: 'alerte expirée' } as const;
const OUTCOME_AR = { found: 'تم العثور على الطفل', withdrawn: 'تم سحب الإنذار', expired: 'انتهت مدة الإنذار' } as const;

function titles(c: PoliceNoticeContent): { fr: string; ar: string } {
  switch (c.msgType) {
    case 'Alert':
      return { fr: 'Avis de disparition', ar: 'إشعار باختفاء' };
    case 'Update':
      return { fr: 'Avis de disparition — mise à jour', ar: 'إشعار باختفاء — تحيين' };
    case 'Cancel':
      return { fr: `Fin de l’avis de disparition (${OUTCOME_FR[c.outcome ?? 'withdrawn']})`, ar: `نهاية الإشعار باختفاء (${OUTCOME_AR[c.outcome ?? 'withdrawn']})` };
  }
}

export function noticeMail(c: PoliceNoticeContent, to: string, messageId: string): OutboundMail {
  const t = titles(c);
  const exercise = c.exercise ? '[EXERCICE / تمرين] ' : '';
  const subject = `${exercise}${t.fr} / ${t.ar} — ${c.reference} (v${c.version})`;
  const lines: string[] = [`${exercise}${t.fr}`, `${t.ar}`, ''];
  if (c.headline) lines.push(c.headline['fr-MA'], c.headline['ar-MA'], c.headline['zgh-Tfng'], '');
  if (c.areaDesc) lines.push(`Zone / المنطقة : ${c.areaDesc['fr-MA']} — ${c.areaDesc['ar-MA']}`);
  lines.push(`Référence / المرجع : ${c.reference}`, `Version : ${c.version}`, `Page publique / الصفحة العمومية : ${c.pageUrl}`, '', 'Détails du dossier : console Tifli, avec vos accès habituels. / تفاصيل الملف: منصة طفلي حسب صلاحياتكم.');
  const html = [
    `<p><strong>${esc(`${exercise}${t.fr}`)}</strong><br><strong dir="rtl" lang="ar">${esc(t.ar)}</strong></p>`,
    c.headline ? `<p lang="fr">${esc(c.headline['fr-MA'])}</p><p dir="rtl" lang="ar">${esc(c.headline['ar-MA'])}</p><p lang="zgh">${esc(c.headline['zgh-Tfng'])}</p>` : '',
    c.areaDesc ? `<p>Zone / المنطقة : ${esc(c.areaDesc['fr-MA'])} — <span dir="rtl" lang="ar">${esc(c.areaDesc['ar-MA'])}</span></p>` : '',
    `<p>Référence / المرجع : <strong>${esc(c.reference)}</strong> — version ${c.version}</p>`,
    `<p><a href="${esc(c.pageUrl)}">${esc(c.pageUrl)}</a></p>`,
  ].join('\n');
  return { to, subject, text: lines.join('\n'), html, messageId, headers: { 'Auto-Submitted': 'auto-generated' } };
}
