/**
 * Distances from an alert zone to the res-7 cells around it (a distance transform over an H3 cell
 * set, which h3-js does not offer): for every cell outside the zone whose centre lies within `maxKm`
 * of a zone cell's centre, that distance.
 *
 * Nearest-source propagation in order of distance (Dijkstra's order): the zone's boundary cells are
 * the sources; each cell reached takes the nearest of its neighbour's source and the boundary cells
 * next to that source (a neighbour's source alone drifts up to a few kilometres from the nearest), so
 * separate parts of a zone compete fairly for the cells between them. zone-bands.test.ts compares the
 * result with brute force.
 *
 * Two walks, the same propagation: on H3's local IJ lattice (integer coordinates, typed arrays, one h3
 * call per cell in and out: ~3× faster, the figure planning and the who-is-inside bench wait on) and,
 * where local IJ is undefined (across a pentagon, or too far for one origin), on the cells' string
 * indexes with gridDisk.
 *
 * @example
 *   outerDistances(['871f8d...'], 56); // Map { '871f8c...' => 1.9, ... }
 */
import { cellToLatLng, cellToLocalIj, getResolution, gridDisk, localIjToCell } from 'h3-js';
import { KM_PER_DEGREE_LAT } from '../geo/distance.ts';
import { MinHeap } from './min-heap.ts';
import { cellsAtResolution, ZONE_CELL_RESOLUTION } from './zone-cells.ts';

/** Cells farther than maxKm plus this cannot lead back to a cell within maxKm (a step moves ≤ ~2.8 km). */
const EXPAND_MARGIN_KM = 6.4;

export function outerDistances(zoneCells: readonly string[], maxKm: number): Map<string, number> {
  if (zoneCells.some((c) => getResolution(c) > ZONE_CELL_RESOLUTION)) throw new RangeError(`zone cells must have resolution ≤ ${ZONE_CELL_RESOLUTION}`);
  const inside = new Set(cellsAtResolution(zoneCells, ZONE_CELL_RESOLUTION));
  if (inside.size === 0) return new Map();
  return latticeDistances(inside, maxKm) ?? walkDistances(inside, maxKm);
}

/** H3's six neighbour offsets in local IJ coordinates (axes 120° apart). */
const NEIGHBOURS: readonly (readonly [number, number])[] = [
  [1, 0],
  [0, 1],
  [1, 1],
  [-1, 0],
  [0, -1],
  [-1, -1],
];

/** Offsets within two steps (the boundary cells "next to" a source). */
const NEAR: readonly (readonly [number, number])[] = (() => {
  const out: [number, number][] = [];
  for (let di = -2; di <= 2; di++) for (let dj = -2; dj <= 2; dj++) if (Math.max(Math.abs(di), Math.abs(dj), Math.abs(di - dj)) <= 2) out.push([di, dj]);
  return out;
})();

const INSIDE = 1;
const REACHED = 2;
const SETTLED = 3;

/**
 * The propagation on the local IJ lattice around one zone cell; undefined when local IJ is not
 * defined for some cell (the caller then walks the cells). Distances between a cell and its source
 * are measured between their true centres; the lattice only orders the walk.
 */
export function latticeDistances(inside: ReadonlySet<string>, maxKm: number): Map<string, number> | undefined {
  const cells = [...inside];
  const origin = cells[0] ?? '';
  const is = new Int32Array(cells.length);
  const js = new Int32Array(cells.length);
  try {
    cells.forEach((c, n) => {
      const ij = cellToLocalIj(origin, c);
      is[n] = ij.i;
      js[n] = ij.j;
    });
  } catch {
    return undefined;
  }
  // A grid around the zone's IJ box, padded by as many steps as maxKm can take (≥ 1.2 km a step here).
  const pad = Math.ceil(((maxKm + EXPAND_MARGIN_KM) * 1.1) / 1.2) + 2;
  let [iMin, iMax, jMin, jMax] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let n = 0; n < cells.length; n++) {
    iMin = Math.min(iMin, is[n] ?? 0);
    iMax = Math.max(iMax, is[n] ?? 0);
    jMin = Math.min(jMin, js[n] ?? 0);
    jMax = Math.max(jMax, js[n] ?? 0);
  }
  const i0 = iMin - pad;
  const j0 = jMin - pad;
  const width = iMax - iMin + 2 * pad + 1;
  const height = jMax - jMin + 2 * pad + 1;
  const size = width * height;
  const at = (i: number, j: number): number => (i - i0) * height + (j - j0);
  const state = new Uint8Array(size);
  const km = new Float64Array(size).fill(Infinity);
  const source = new Int32Array(size).fill(-1);
  for (let n = 0; n < cells.length; n++) state[at(is[n] ?? 0, js[n] ?? 0)] = INSIDE;

  // Sources: inside cells with a neighbour outside, with their true centres.
  const srcI: number[] = [];
  const srcJ: number[] = [];
  const srcLat: number[] = [];
  const srcLon: number[] = [];
  const srcCos: number[] = [];
  const sourceAt = new Int32Array(size).fill(-1);
  const queue = new MinHeap<number>((a, b) => (km[a] ?? 0) - (km[b] ?? 0));
  for (let n = 0; n < cells.length; n++) {
    const i = is[n] ?? 0;
    const j = js[n] ?? 0;
    if (!NEIGHBOURS.some(([di, dj]) => state[at(i + di, j + dj)] !== INSIDE)) continue;
    const [lat, lon] = cellToLatLng(cells[n] ?? '');
    const s = srcI.length;
    srcI.push(i);
    srcJ.push(j);
    srcLat.push(lat);
    srcLon.push(lon);
    srcCos.push(Math.cos((lat * Math.PI) / 180));
    const k = at(i, j);
    sourceAt[k] = s;
    source[k] = s;
    km[k] = 0;
    queue.push(k);
  }
  // Where a lattice point lies on the earth: a quadratic fit of latitude and longitude over the
  // sources' true centres and a few points at the edge of the grid (the lattice is a gnomonic
  // projection's hex grid: smooth, but neither isotropic nor of constant scale across a big zone).
  // Candidates are compared by their fitted positions; the distance kept is between true centres.
  const refI = [...srcI];
  const refJ = [...srcJ];
  const refLat = [...srcLat];
  const refLon = [...srcLon];
  for (const [fi, fj] of [[0, 0], [0.5, 0], [1, 0], [0, 0.5], [1, 0.5], [0, 1], [0.5, 1], [1, 1]] as const) {
    const i = Math.round(i0 + fi * (width - 1));
    const j = Math.round(j0 + fj * (height - 1));
    try {
      const [lat, lon] = cellToLatLng(localIjToCell(origin, { i, j }));
      refI.push(i);
      refJ.push(j);
      refLat.push(lat);
      refLon.push(lon);
    } catch {
      // A corner beyond local IJ's reach: the fit does with the others.
    }
  }
  const fitLat = quadraticFit(refI, refJ, refLat);
  const fitLon = quadraticFit(refI, refJ, refLon);
  if (!fitLat || !fitLon) return undefined;
  const near = new Map<number, readonly number[]>();
  const sourcesNear = (s: number): readonly number[] => {
    let list = near.get(s);
    if (!list) {
      list = NEAR.map(([di, dj]) => sourceAt[at((srcI[s] ?? 0) + di, (srcJ[s] ?? 0) + dj)] ?? -1).filter((x) => x >= 0);
      near.set(s, list);
    }
    return list;
  };
  const stopKm = maxKm + EXPAND_MARGIN_KM;
  for (let k = queue.pop(); k !== undefined; k = queue.pop()) {
    if (state[k] === SETTLED) continue;
    const d = km[k] ?? Infinity;
    if (d > stopKm) break;
    if (state[k] !== INSIDE) state[k] = SETTLED;
    const i = Math.floor(k / height) + i0;
    const j = (k % height) + j0;
    const sources = sourcesNear(source[k] ?? -1);
    for (const [di, dj] of NEIGHBOURS) {
      const ni = i + di;
      const nj = j + dj;
      if (ni < i0 || nj < j0 || ni >= i0 + width || nj >= j0 + height) continue;
      const m = at(ni, nj);
      if (state[m] === INSIDE || state[m] === SETTLED) continue;
      let improved = false;
      const lat = fitLat(ni, nj);
      const lon = fitLon(ni, nj);
      const cos = Math.cos((lat * Math.PI) / 180);
      for (const s of sources) {
        const e = planarDistanceKm(lat, lon, cos, srcLat[s] ?? 0, srcLon[s] ?? 0, srcCos[s] ?? 1);
        if (e < (km[m] ?? Infinity) - 1e-9) {
          km[m] = e;
          source[m] = s;
          improved = true;
        }
      }
      if (improved) {
        state[m] = REACHED;
        queue.push(m);
      }
    }
  }
  const out = new Map<string, number>();
  for (let k = 0; k < size; k++) {
    // The fitted distance is within metres of the true one; keep a kilometre of margin before checking.
    if (state[k] !== SETTLED || (km[k] ?? Infinity) > maxKm + 1) continue;
    const s = source[k] ?? -1;
    let cell: string;
    try {
      cell = localIjToCell(origin, { i: Math.floor(k / height) + i0, j: (k % height) + j0 });
    } catch {
      return undefined;
    }
    const [lat, lon] = cellToLatLng(cell);
    const trueKm = planarDistanceKm(lat, lon, Math.cos((lat * Math.PI) / 180), srcLat[s] ?? 0, srcLon[s] ?? 0, srcCos[s] ?? 1);
    if (trueKm < maxKm) out.set(cell, trueKm);
  }
  return out;
}

/**
 * Least-squares fit of v ≈ a + b·i + c·j + d·i² + e·i·j + f·j² (centred on the points' mean for
 * conditioning), by the normal equations; undefined when they are singular (too few points).
 */
function quadraticFit(is: readonly number[], js: readonly number[], vs: readonly number[]): ((i: number, j: number) => number) | undefined {
  const n = is.length;
  if (n < 6) return undefined;
  const ci = is.reduce((x, y) => x + y, 0) / n;
  const cj = js.reduce((x, y) => x + y, 0) / n;
  const basis = (i: number, j: number): number[] => {
    const x = (i - ci) / 100;
    const y = (j - cj) / 100;
    return [1, x, y, x * x, x * y, y * y];
  };
  const a = Array.from({ length: 6 }, () => new Array<number>(7).fill(0));
  for (let p = 0; p < n; p++) {
    const row = basis(is[p] ?? 0, js[p] ?? 0);
    for (let r = 0; r < 6; r++) {
      const ar = a[r] ?? [];
      for (let c = 0; c < 6; c++) ar[c] = (ar[c] ?? 0) + (row[r] ?? 0) * (row[c] ?? 0);
      ar[6] = (ar[6] ?? 0) + (row[r] ?? 0) * (vs[p] ?? 0);
    }
  }
  // Gaussian elimination with partial pivoting on the 6×7 augmented matrix.
  for (let c = 0; c < 6; c++) {
    let pivot = c;
    for (let r = c + 1; r < 6; r++) if (Math.abs(a[r]?.[c] ?? 0) > Math.abs(a[pivot]?.[c] ?? 0)) pivot = r;
    [a[c], a[pivot]] = [a[pivot] ?? [], a[c] ?? []];
    const ac = a[c] ?? [];
    const d = ac[c] ?? 0;
    if (Math.abs(d) < 1e-12) return undefined;
    for (let r = 0; r < 6; r++) {
      if (r === c) continue;
      const ar = a[r] ?? [];
      const f = (ar[c] ?? 0) / d;
      for (let k = c; k < 7; k++) ar[k] = (ar[k] ?? 0) - f * (ac[k] ?? 0);
    }
  }
  const coef = a.map((row, r) => (row[6] ?? 0) / (row[r] ?? 1));
  return (i, j) => basis(i, j).reduce((sum, b, k) => sum + b * (coef[k] ?? 0), 0);
}

/**
 * Distance in a local plane at the pair's mean latitude: within metres of haversine at the ~100 km
 * this runs over, and several times cheaper in the inner loop (the test compares with haversine).
 */
export function planarDistanceKm(lat1: number, lon1: number, cos1: number, lat2: number, lon2: number, cos2: number): number {
  const x = (lon2 - lon1) * KM_PER_DEGREE_LAT * ((cos1 + cos2) / 2);
  const y = (lat2 - lat1) * KM_PER_DEGREE_LAT;
  return Math.sqrt(x * x + y * y);
}

/** The same propagation walking H3 cells by their string indexes: the fallback where local IJ fails. */
export function walkDistances(inside: ReadonlySet<string>, maxKm: number): Map<string, number> {
  const expandKm = maxKm + EXPAND_MARGIN_KM;
  const nodes = new Map<string, Node>();
  const queue = new MinHeap<{ node: Node; km: number }>((a, b) => a.km - b.km);
  const boundary = new Set<string>();
  for (const c of inside) {
    if (gridDisk(c, 1).some((n) => !inside.has(n))) {
      boundary.add(c);
      const node = newNode(c);
      node.source = node;
      node.km = 0;
      nodes.set(c, node);
      queue.push({ node, km: 0 });
    }
  }
  const nearby = new Map<Node, readonly Node[]>();
  const sourcesNear = (source: Node): readonly Node[] => {
    let list = nearby.get(source);
    if (!list) nearby.set(source, (list = gridDisk(source.cell, 2).flatMap((c) => (boundary.has(c) ? [nodes.get(c) ?? newNode(c)] : []))));
    return list;
  };
  for (let item = queue.pop(); item; item = queue.pop()) {
    const { node, km } = item;
    if (node.settled || km !== node.km) continue;
    node.settled = true;
    if (km > expandKm) break;
    const sources = sourcesNear(node.source ?? node);
    for (const cell of gridDisk(node.cell, 1)) {
      if (inside.has(cell)) continue;
      let n = nodes.get(cell);
      if (n?.settled) continue;
      if (!n) nodes.set(cell, (n = newNode(cell)));
      let improved = false;
      for (const source of sources) {
        const d = planarKm(n, source);
        if (d < n.km - 1e-9) {
          n.km = d;
          n.source = source;
          improved = true;
        }
      }
      if (improved) queue.push({ node: n, km: n.km });
    }
  }
  const out = new Map<string, number>();
  for (const [cell, node] of nodes) if (!inside.has(cell) && node.km < maxKm) out.set(cell, node.km);
  return out;
}

interface Node {
  readonly cell: string;
  readonly lat: number;
  readonly lon: number;
  readonly cos: number;
  /** Nearest boundary cell found so far, and the distance to it. */
  source: Node | null;
  km: number;
  settled: boolean;
}

function newNode(cell: string): Node {
  const [lat, lon] = cellToLatLng(cell);
  return { cell, lat, lon, cos: Math.cos((lat * Math.PI) / 180), source: null, km: Infinity, settled: false };
}

function planarKm(a: Node, b: Node): number {
  return planarDistanceKm(a.lat, a.lon, a.cos, b.lat, b.lon, b.cos);
}
