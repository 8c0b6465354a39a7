/**
 * Whether two segments meet, and whether the rings of a polygon are simple (no edge crosses,
 * touches or runs back over another). Planar, on longitude/latitude: a drawn zone's edges are a
 * few kilometres to a few hundred long, and a crossing is a crossing in any projection that keeps
 * straight lines roughly straight. O(n²) over the edges with a bounding-box test first, which is
 * instant for the 500 positions a drawn polygon may have.
 *
 * @example
 *   segmentsMeet([0, 0], [2, 2], [0, 2], [2, 0]); // true (an X)
 *   firstSelfIntersection([[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]); // { ring: 0, edge: 0, otherRing: 0, otherEdge: 2 } (a bow tie)
 */
import type { Position } from '../geo/coordinates.ts';

/** Sign of the cross product (b − a) × (c − a): > 0 when c is left of a→b, 0 when collinear. */
function orientation(a: Position, b: Position, c: Position): number {
  return Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
}

/** p, known to be collinear with a–b, lies within the segment's box (so on the segment). */
function within(a: Position, b: Position, p: Position): boolean {
  return p[0] >= Math.min(a[0], b[0]) && p[0] <= Math.max(a[0], b[0]) && p[1] >= Math.min(a[1], b[1]) && p[1] <= Math.max(a[1], b[1]);
}

/** True when the closed segments a–b and c–d share at least one point. */
export function segmentsMeet(a: Position, b: Position, c: Position, d: Position): boolean {
  const o1 = orientation(a, b, c);
  const o2 = orientation(a, b, d);
  const o3 = orientation(c, d, a);
  const o4 = orientation(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && within(a, b, c)) || (o2 === 0 && within(a, b, d)) || (o3 === 0 && within(c, d, a)) || (o4 === 0 && within(c, d, b));
}

export interface SelfIntersection {
  readonly ring: number;
  readonly edge: number;
  readonly otherRing: number;
  readonly otherEdge: number;
}

interface Edge {
  readonly ring: number;
  readonly edge: number;
  /** Edges in the ring, to know which pairs are neighbours. */
  readonly edgesInRing: number;
  readonly a: Position;
  readonly b: Position;
  readonly minX: number;
  readonly maxX: number;
  readonly minY: number;
  readonly maxY: number;
}

function edgesOf(rings: readonly (readonly Position[])[]): Edge[] {
  const edges: Edge[] = [];
  rings.forEach((ring, r) => {
    for (let i = 0; i + 1 < ring.length; i++) {
      const a = ring[i];
      const b = ring[i + 1];
      if (!a || !b) continue;
      edges.push({ ring: r, edge: i, edgesInRing: ring.length - 1, a, b, minX: Math.min(a[0], b[0]), maxX: Math.max(a[0], b[0]), minY: Math.min(a[1], b[1]), maxY: Math.max(a[1], b[1]) });
    }
  });
  return edges;
}

/**
 * Two consecutive edges of a ring share a vertex by construction; they are at fault only when the
 * second turns straight back along the first (a spike), which makes them overlap. `first` ends
 * where `second` starts.
 */
function backtracks(first: Edge, second: Edge): boolean {
  const [a, shared, c] = [first.a, first.b, second.b];
  if (orientation(a, shared, c) !== 0) return false;
  return (shared[0] - a[0]) * (c[0] - shared[0]) + (shared[1] - a[1]) * (c[1] - shared[1]) < 0;
}

function neighbours(e: Edge, f: Edge): boolean {
  if (e.ring !== f.ring) return false;
  const gap = Math.abs(e.edge - f.edge);
  return gap === 1 || gap === e.edgesInRing - 1;
}

/**
 * The first pair of edges that meet where they should not, across all rings of a polygon (outer
 * ring and holes; a hole touching the outer ring counts too). Rings must be closed and free of
 * repeated consecutive positions (zone-polygon.ts checks that first).
 */
export function firstSelfIntersection(rings: readonly (readonly Position[])[]): SelfIntersection | undefined {
  const edges = edgesOf(rings);
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i];
    if (!e) continue;
    for (let j = i + 1; j < edges.length; j++) {
      const f = edges[j];
      if (!f || f.minX > e.maxX || f.maxX < e.minX || f.minY > e.maxY || f.maxY < e.minY) continue;
      const hit = neighbours(e, f) ? (f.edge === e.edge + 1 ? backtracks(e, f) : backtracks(f, e)) : segmentsMeet(e.a, e.b, f.a, f.b);
      if (hit) return { ring: e.ring, edge: e.edge, otherRing: f.ring, otherEdge: f.edge };
    }
  }
  return undefined;
}
