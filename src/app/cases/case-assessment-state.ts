/**
 * The assessment as stored with a case: the computed result, the officer's judgement on safety and,
 * when given, the officer's override. Recomputing after an edit keeps the judgement and re-applies the
 * override on the new facts, so a typo fix does not silently undo an officer's decision.
 */
import { type Assessment, type OfficerJudgement, assessCase, overrideAssessment } from '../../domain/case/assessment.ts';
import type { CaseRecord } from '../../domain/case/case-record.ts';

export function judgementOf(assessment: Assessment | null): OfficerJudgement {
  const met = assessment?.override?.original.criteria.safety.met ?? assessment?.criteria.safety.met;
  return { publishingEndangersChild: met === true ? false : met === false ? true : null };
}

export function reassess(record: CaseRecord, now: Date, previous: Assessment | null, judgement: OfficerJudgement = judgementOf(previous)): Assessment {
  const computed = assessCase(record, now, judgement);
  const o = previous?.override;
  if (!o) return computed;
  try {
    return overrideAssessment(computed, { by: o.by, reason: o.reason, eligible: previous.eligible, priority: previous.priority }, new Date(o.at));
  } catch {
    // The new facts contradict the override (e.g. safety now judged at risk): the computed result stands.
    return computed;
  }
}
