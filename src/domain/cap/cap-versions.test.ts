import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assessCase } from '../case/assessment.ts';
import { NOW, validRecord, type Draft } from '../case/case-fixtures.test-support.ts';
import { CAP_CLOSING_RATINGS, capRatings } from './cap-ratings.ts';
import { exerciseChain, exerciseContent, SENT } from './cap-fixtures.test-support.ts';
import { CapDocumentError } from './cap-validation.ts';
import { capAlert, capCancel, capIdentifier, capReference, capUpdate } from './cap-versions.ts';

const later = (minutes: number) => new Date(SENT.getTime() + minutes * 60_000);

describe('CAP version chain', () => {
  test('identifiers are stable, per version, and usable in references', () => {
    assert.equal(capIdentifier('ma.dgsn.tifli', 'TM-2026-000123', 1), 'ma.dgsn.tifli:TM-2026-000123:1');
    assert.equal(capIdentifier('ma.dgsn.tifli', 'TM-2026-000123', 12), capIdentifier('ma.dgsn.tifli', 'TM-2026-000123', 12));
    assert.throws(() => capIdentifier('MA DGSN', 'TM-2026-000123', 1), RangeError);
    assert.throws(() => capIdentifier('ma.dgsn.tifli', 'TM,2026', 1), RangeError);
    assert.throws(() => capIdentifier('ma.dgsn.tifli', 'TM-2026-000123', 0), RangeError);
  });

  test('an Alert references nothing; an Update references the Alert; a Cancel references every earlier version', () => {
    const { alert, update, cancel } = exerciseChain();
    assert.equal(alert.msgType, 'Alert');
    assert.deepEqual(alert.references, []);
    assert.equal(update.msgType, 'Update');
    assert.deepEqual(update.references, [capReference(alert)]);
    assert.equal(cancel.msgType, 'Cancel');
    assert.deepEqual(cancel.references, [capReference(alert), capReference(update)]);

    const second = capUpdate([alert, update], exerciseContent(3, later(45)));
    const closing = capCancel([alert, update, second], exerciseContent(4, later(60), { resources: [] }));
    assert.deepEqual(
      closing.references.map((r) => r.identifier),
      [alert, update, second].map((v) => v.identifier),
    );
  });

  test('the chain refuses what would confuse a receiver', () => {
    const { alert, update, cancel } = exerciseChain();
    const fieldsOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        assert.ok(e instanceof CapDocumentError);
        return e.errors.map((x) => `${x.field} ${x.message}`);
      }
      assert.fail('expected a CapDocumentError');
    };
    assert.match(fieldsOf(() => capUpdate([], exerciseContent(2, later(1))))[0]!, /needs the earlier versions/);
    assert.match(fieldsOf(() => capUpdate([update], exerciseContent(3, later(40))))[0]!, /must be the Alert/);
    assert.match(fieldsOf(() => capUpdate([alert, update, cancel], exerciseContent(4, later(200))))[0]!, /nothing follows a Cancel/);
    assert.match(fieldsOf(() => capUpdate([alert], { ...exerciseContent(2, later(1)), status: 'Actual' }))[0]!, /same status/);
    assert.match(fieldsOf(() => capUpdate([alert], { ...exerciseContent(2, later(1)), sender: 'someone.else' }))[0]!, /same sender/);
    assert.match(fieldsOf(() => capUpdate([alert], exerciseContent(1, later(1))))[0]!, /different identifier/);
    assert.match(fieldsOf(() => capUpdate([alert], exerciseContent(2, later(-1))))[0]!, /must not be sent after this version/);
    assert.match(fieldsOf(() => capCancel([update, alert], exerciseContent(3, later(60))))[0]!, /must be the Alert/);
  });

  test('a first version built from content has the Alert shape', () => {
    const v = capAlert(exerciseContent(1, SENT));
    assert.equal(v.msgType, 'Alert');
    assert.equal(v.status, 'Exercise');
    assert.equal(v.infos.length, 3);
  });
});

describe('CAP ratings from the assessment', () => {
  const assess = (indicators: Draft['circumstances']['indicators']) => {
    const record = validRecord();
    record.circumstances.indicators = indicators;
    return assessCase(record, NOW, { publishingEndangersChild: false });
  };

  test('a witnessed abduction is Observed, a suspected one Likely; the alert is always Immediate', () => {
    const witnessed = assess(['abduction_witnessed']);
    assert.equal(witnessed.priority, 'critical');
    assert.deepEqual(capRatings(witnessed), { urgency: 'Immediate', severity: 'Extreme', certainty: 'Observed' });
    const suspected = assess(['abduction_suspected']);
    assert.deepEqual(capRatings(suspected), { urgency: 'Immediate', severity: suspected.priority === 'critical' ? 'Extreme' : 'Severe', certainty: 'Likely' });
  });

  test('critical is Extreme; high and normal are Severe, never Moderate', () => {
    const a = assess(['abduction_suspected']);
    assert.equal(capRatings({ ...a, priority: 'critical' }).severity, 'Extreme');
    assert.equal(capRatings({ ...a, priority: 'high' }).severity, 'Severe');
    assert.equal(capRatings({ ...a, priority: 'normal' }).severity, 'Severe');
    assert.deepEqual(CAP_CLOSING_RATINGS, { urgency: 'Past', severity: 'Minor', certainty: 'Observed' });
  });
});
