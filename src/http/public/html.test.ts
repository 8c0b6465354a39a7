import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, html, joinHtml, SafeHtml } from './html.ts';

test('the five HTML-special characters are escaped, everything else is kept', () => {
  assert.equal(escapeHtml(`<script>alert("x" + 'y') & more</script>`), '&lt;script&gt;alert(&quot;x&quot; + &#39;y&#39;) &amp; more&lt;/script&gt;');
  assert.equal(escapeHtml('طفلة مختفية ⵜⴰⵔⴱⴰⵜ — Hassan, 8 ans'), 'طفلة مختفية ⵜⴰⵔⴱⴰⵜ — Hassan, 8 ans');
  assert.equal(escapeHtml('&amp;'), '&amp;amp;', 'an entity in data is shown as typed, not decoded');
});

test('interpolated text cannot open a tag or leave an attribute', () => {
  const evil = `"><img src=x onerror=alert(1)><script>alert(1)</script>'`;
  const out = html`<a title="${evil}" data-x='${evil}'>${evil}</a>`.toString();
  assert.ok(!out.includes('<script'), out);
  assert.ok(!out.includes('<img'), out);
  assert.equal(out.split('"').length - 1, 2, 'only the template’s own double quotes remain');
  assert.equal(out.split("'").length - 1, 2, 'only the template’s own single quotes remain');
});

test('fragments made by html nest without double escaping; arrays render in order', () => {
  const items = ['a<b', 'c&d'].map((s) => html`<li>${s}</li>`);
  assert.equal(html`<ul>${items}</ul>`.toString(), '<ul><li>a&lt;b</li><li>c&amp;d</li></ul>');
  assert.equal(html`${html`<b>${'<i>'}</b>`}`.toString(), '<b>&lt;i&gt;</b>');
});

test('null, undefined and false render nothing; numbers render as digits; non-finite numbers are refused', () => {
  assert.equal(html`[${null}${undefined}${false}${0}${12.5}]`.toString(), '[012.5]');
  assert.throws(() => html`${Number.NaN}`, RangeError);
  assert.throws(() => html`${Infinity}`, RangeError);
});

test('joinHtml skips empty parts and escapes a text separator', () => {
  assert.equal(joinHtml(['a', null, '', false, html`<b>b</b>`], ' & ').toString(), 'a &amp; <b>b</b>');
  assert.equal(joinHtml([], ' · ').toString(), '');
});

test('SafeHtml cannot be made from outside the template tag', () => {
  assert.throws(() => new SafeHtml(Symbol('SafeHtml') as never, '<script>'), TypeError);
});
