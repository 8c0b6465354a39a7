/**
 * Issue #4: from the last decision (the prosecutor's approval) to the CAP document, the feed entry and
 * the public page being served, through the real use cases and HTTP routes on the embedded database.
 * Peer: a GET /healthz round trip (one database query) on the same app in the same run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { boot } from '../../src/app/bootstrap.ts';
import { decideAlert, requestAlertDecisions } from '../../src/app/alerts/alert-actions.ts';
import { createAlertDraft } from '../../src/app/alerts/create-alert.ts';
import { systemActor } from '../../src/app/accounts/actors.ts';
import { createUser } from '../../src/app/accounts/users.ts';
import { assessCaseNow, overrideCaseAssessment } from '../../src/app/cases/assess-case.ts';
import { openCase } from '../../src/app/cases/open-case.ts';
import { loadConfig } from '../../src/config/config.ts';
import type { Role, UserActor } from '../../src/domain/actor.ts';
import { validRecord } from '../../src/domain/case/case-fixtures.test-support.ts';
import { buildHttpApp } from '../../src/http/app.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { below, type FigureModule } from '../lib/figure.ts';
import { percentile } from '../lib/stats.ts';

export const alertPublicationFigure: FigureModule = {
  name: 'alert-publication',
  description: 'last decision → CAP document, feed entry and public page served (embedded database), against a /healthz round trip',
  async run(opts) {
    const dir = await mkdtemp(path.join(tmpdir(), 'tifli-bench-pub-'));
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, LOG_LEVEL: 'silent', MASTER_KEYS: `b:${Buffer.alloc(32, 5).toString('base64')}`, PUBLIC_BASE_URL: 'http://bench.test' });
    const ctx = await boot(config, { log: createLogger('silent') });
    const app = await buildHttpApp(ctx);
    try {
      const staff = async (username: string, role: Role, jurisdiction: string, jurisdictionPath: string[]): Promise<UserActor> => {
        const { user } = await createUser(ctx, systemActor('bench'), { username, displayName: username, role, jurisdiction });
        return { kind: 'user', id: user.id, username, role, jurisdiction, jurisdictionPath, ip: null };
      };
      const officer = await staff('bench-officer', 'officer', 'MA-RAB', ['MA', 'MA-04', 'MA-RAB']);
      const supervisor = await staff('bench-supervisor', 'supervisor', 'MA-04', ['MA', 'MA-04']);
      const central = await staff('bench-central', 'central_command', 'MA', ['MA']);
      const prosecutor = await staff('bench-prosecutor', 'prosecutor_liaison', 'MA-RAB', ['MA', 'MA-04', 'MA-RAB']);
      const rounds = opts.quick ? 3 : 10;
      const total: number[] = [];
      const peer: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const record = validRecord();
        record.lastSeen.at = new Date(Date.now() - 60 * 60_000).toISOString();
        const opened = await openCase(ctx, officer, record, { exercise: true });
        const a = await assessCaseNow(ctx, officer, opened.meta.id, { publishingEndangersChild: false });
        if (!a.eligible) await overrideCaseAssessment(ctx, officer, opened.meta.id, { reason: 'Banc de mesure : exercice.', eligible: true });
        const draft = await createAlertDraft(ctx, officer, opened.meta.id);
        await requestAlertDecisions(ctx, officer, draft.row.id);
        await decideAlert(ctx, supervisor, draft.row.id, { step: 'supervisor_check', outcome: 'approved' });
        await decideAlert(ctx, central, draft.row.id, { step: 'central_validation', outcome: 'approved' });
        const t0 = performance.now();
        await decideAlert(ctx, prosecutor, draft.row.id, {
          step: 'prosecutor_decision',
          outcome: 'approved',
          prosecutor: { court: 'TPI (banc)', fileReference: `B-${i}`, magistrate: 'Banc', decidedAt: new Date(Date.now() - 60_000) },
        });
        const id = draft.row.public_id;
        const [cap, feed, page] = await Promise.all([
          app.inject({ method: 'GET', url: `/alerts/${id}.cap` }),
          app.inject({ method: 'GET', url: '/feeds/alerts.atom' }),
          app.inject({ method: 'GET', url: `/alerts/${id}` }),
        ]);
        if (cap.statusCode !== 200 || !feed.body.includes(`${id}.cap`) || page.statusCode !== 200) throw new Error('publication not served');
        total.push((performance.now() - t0) / 1000);
        const p0 = performance.now();
        await app.inject({ method: 'GET', url: '/healthz' });
        peer.push((performance.now() - p0) / 1000);
        opts.log(`alert-publication: round ${i + 1}/${rounds} ${total[total.length - 1]?.toFixed(3)} s`);
      }
      return [
        { name: 'alert-publication.decision-to-served.p95', value: percentile(total, 95), unit: 's', peer: 'GET /healthz round trip on the same app', baseline: percentile(peer, 95), target: below(2, 's'), note: `${rounds} alerts, embedded database` },
      ];
    } finally {
      await app.close();
      await ctx.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
