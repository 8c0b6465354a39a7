/**
 * H3 cells as ranges of their finest descendants, so "which cells of set A overlap set B" becomes
 * B-tree lookups in SQL on both PGlite and PostgreSQL. Every H3 cell's descendants at resolution 15
 * form one contiguous run of 64-bit indexes (same base cell and leading digits, the rest varying from
 * 0 to 6), so a cell is the range [lo, hi] of that run. Two H3 cells overlap exactly when one is an
 * ancestor of (or equal to) the other, i.e. when one's `lo` falls inside the other's range.
 *
 * h3-js has no function for this (it would enumerate 7^(15-r) children), hence the bit arithmetic on
 * the documented index layout: resolution in bits 52–55, digit i (1…15) in bits 3·(15−i)…3·(15−i)+2.
 *
 * @example
 *   const { lo, hi } = cellRange('861f0c907ffffff');
 *   // a subscriber cell s is inside zone cell z  ⇔  z.lo ≤ s.lo ≤ z.hi
 */
import { cellToParent, getResolution } from 'h3-js';

const RES_SHIFT = 52n;
const RES_MASK = 0xfn << RES_SHIFT;

export interface CellRange {
  /** The cell itself as a signed-64-safe integer (H3 indexes have bit 63 clear). */
  readonly cell: bigint;
  readonly lo: bigint;
  readonly hi: bigint;
}

/** The cell's res-15 descendant range. */
export function cellRange(h3: string): CellRange {
  const cell = BigInt(`0x${h3}`);
  const res = Number((cell & RES_MASK) >> RES_SHIFT);
  // Digits res+1…15 occupy the low 3·(15−res) bits.
  const freeBits = BigInt(3 * (15 - res));
  const freeMask = (1n << freeBits) - 1n;
  const base = (cell & ~RES_MASK & ~freeMask) | (15n << RES_SHIFT);
  let six = 0n;
  for (let i = 0n; i < freeBits; i += 3n) six |= 6n << i;
  return { cell, lo: base, hi: base | six };
}

/** Every ancestor of the cells from resolution `minRes` up to (not including) each cell's own, deduplicated. */
export function ancestorCells(cells: readonly string[], minRes: number): string[] {
  const out = new Set<string>();
  for (const c of cells) {
    const res = getResolution(c);
    for (let r = Math.max(0, minRes); r < res; r++) out.add(cellToParent(c, r));
  }
  return [...out];
}

/** H3 hex → decimal string, as PostgreSQL int8 parameters travel. */
export const cellToInt8 = (h3: string): string => BigInt(`0x${h3}`).toString();
