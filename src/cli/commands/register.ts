/**
 * `tifli register [--lang fr|ar] [--format md|json]`: the processing register for a CNDP declaration
 * (Law 09-08), generated from the field classification in the code, the columns the database really
 * has, the channel list, the policy rules and the configured periods (app/privacy/processing-register.ts).
 * Printed on stdout. Exits 1 naming the table or field when something stored has no data class.
 *
 * @example
 *   npx tifli register --lang ar --format md > registre-ar.md
 *   RETENTION_RESTRICTED_MONTHS=18 npx tifli register --format json | jq '.retention'
 */
import { processingRegister } from '../../app/privacy/processing-register.ts';
import { isRegisterLanguage } from '../../domain/privacy/data-categories.ts';
import { UnclassifiedFieldError } from '../../domain/privacy/processing-register.ts';
import { renderRegisterMarkdown } from '../../domain/privacy/register-markdown.ts';
import type { CliCommand } from './command.ts';
import { UsageError, err, openContext, parse, withUsage } from './privacy-cli.ts';

const USAGE = 'Usage: tifli register [--lang fr|ar] [--format md|json]\n';

export const registerCommand: CliCommand = {
  summary: 'export the processing register (CNDP declaration) in French or Arabic, from the code’s classification',
  run: (args) =>
    withUsage('register', USAGE, async () => {
      const values = parse(args, { lang: { type: 'string' }, format: { type: 'string' } });
      const lang = values.lang ?? 'fr';
      const format = values.format ?? 'md';
      if (!isRegisterLanguage(lang)) throw new UsageError('--lang must be fr or ar');
      if (format !== 'md' && format !== 'json') throw new UsageError('--format must be md or json');
      const ctx = await openContext();
      try {
        const register = await processingRegister(ctx, lang);
        process.stdout.write(format === 'json' ? `${JSON.stringify(register, null, 2)}\n` : renderRegisterMarkdown(register));
        return 0;
      } catch (e) {
        if (!(e instanceof UnclassifiedFieldError)) throw e;
        err(`tifli register: ${e.message}`);
        return 1;
      } finally {
        await ctx.close();
      }
    }),
};
