import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellToChildren, cellToParent, latLngToCell, gridDisk } from 'h3-js';
import { ancestorCells, cellRange } from './cell-ranges.ts';

const inside = (a: string, b: string) => {
  const ra = cellRange(a);
  const rb = cellRange(b);
  return rb.lo <= ra.lo && ra.lo <= rb.hi;
};

test('a cell range contains exactly its descendants: children and grandchildren fall inside, neighbours outside', () => {
  const casablanca = latLngToCell(33.57, -7.59, 5);
  for (const child of cellToChildren(casablanca, 7)) assert.ok(inside(child, casablanca));
  for (const n of gridDisk(casablanca, 1).filter((c) => c !== casablanca)) {
    for (const child of cellToChildren(n, 6)) assert.equal(inside(child, casablanca), false);
  }
});

test('the range of a res-15 cell is the cell itself at res 15, and ranges nest like cells', () => {
  const fine = latLngToCell(34.02, -6.83, 15);
  const r = cellRange(fine);
  assert.equal(r.lo, r.hi);
  assert.equal(r.lo, BigInt(`0x${fine}`));
  const p6 = cellToParent(fine, 6);
  const p3 = cellToParent(fine, 3);
  assert.ok(cellRange(p3).lo <= cellRange(p6).lo && cellRange(p6).hi <= cellRange(p3).hi);
  assert.ok(cellRange(p6).lo <= r.lo && r.lo <= cellRange(p6).hi);
});

test('ancestors stop at the minimum resolution and are deduplicated', () => {
  const cells = cellToChildren(latLngToCell(31.63, -8.0, 5), 7).slice(0, 10);
  const a = ancestorCells(cells, 3);
  assert.equal(a.length, new Set(a).size);
  assert.ok(a.includes(cellToParent(cells[0]!, 3)));
  assert.ok(a.includes(cellToParent(cells[0]!, 6)));
  assert.ok(!a.includes(cellToParent(cells[0]!, 2)));
});
