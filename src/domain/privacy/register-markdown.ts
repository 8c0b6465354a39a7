/**
 * The processing register as Markdown, in the register's language (Arabic wrapped right-to-left).
 *
 * @example
 *   process.stdout.write(renderRegisterMarkdown(buildRegister(input, 'ar')));
 */
import type { ProcessingRegister } from './processing-register.ts';
import { REGISTER_HEADINGS } from './register-texts.ts';

/** A table cell: pipes and line breaks would break the row. */
export const cell = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

/** Wraps Arabic output so Markdown viewers that allow HTML lay it out right to left. */
export function directional(lang: 'fr' | 'ar', lines: readonly string[]): string {
  const body = lines.join('\n');
  return lang === 'ar' ? `<div dir="rtl" lang="ar">\n\n${body}\n\n</div>\n` : `${body}\n`;
}

export function renderRegisterMarkdown(r: ProcessingRegister): string {
  const h = <K extends keyof typeof REGISTER_HEADINGS>(k: K) => REGISTER_HEADINGS[k][r.language];
  const out: string[] = [`# ${r.title}`, '', r.intro, '', `${h('generatedAt')} : ${r.generatedAt}`, '', `## ${h('controller')}`, '', r.controller, ''];

  out.push(`## ${h('classes')}`, '');
  for (const c of r.classes) out.push(`- **${c.label}** — ${c.meaning}`);
  out.push('');

  out.push(`## ${h('processings')}`, '');
  for (const p of r.processings) {
    out.push(`### ${p.purpose}`, '', `- ${h('legalBasis')} : ${p.legalBasis}`, `- ${h('people')} : ${p.people}`, '');
    for (const d of p.datasets) {
      out.push(`#### ${d.title}`, '', d.storage, '', `| ${h('category')} | ${h('field')} | ${h('class')} |`, '|---|---|---|');
      for (const c of d.categories) {
        for (const f of c.fields) {
          const cls = f.condition ? `${f.classLabel} (${f.condition})` : f.classLabel;
          out.push(`| ${cell(c.label)} | ${cell(f.label)} \`${cell(f.name)}\` | ${cell(cls)} |`);
        }
      }
      out.push('');
    }
  }

  out.push(`## ${h('recipients')}`, '', `### ${h('internalRecipients')}`, '');
  for (const i of r.recipients.internal) out.push(`- ${i.data} : ${i.roles.join(', ')}`);
  out.push('', `### ${h('channelRecipients')}`, '', `| ${h('channel')} | ${h('recipient')} | ${h('country')} | ${h('foreign')} | ${h('receives')} |`, '|---|---|---|---|---|');
  for (const c of r.recipients.channels) {
    out.push(`| \`${c.channel}\` | ${cell(c.recipient)} | ${cell(c.country)} | ${c.foreign ? h('yes') : h('no')} | ${cell(c.receives.join(' ; '))} |`);
  }
  out.push('', `## ${h('transfers')}`, '', r.transfers.note, '');
  for (const name of r.transfers.recipients) out.push(`- ${name}`);
  out.push('', `## ${h('retention')}`, '');
  for (const e of r.retention) out.push(`- **${e.what}** : ${e.period}`);
  out.push('', `## ${h('security')}`, '');
  for (const s of r.security) out.push(`- ${s}`);
  out.push('', `## ${h('rights')}`, '');
  for (const s of r.rights) out.push(`- ${s}`);
  return directional(r.language, out);
}
