/**
 * A binary min-heap: the distance propagation's priority queue (a few dozen lines do not justify a
 * dependency).
 *
 * @example
 *   const h = new MinHeap<number>((a, b) => a - b);
 *   h.push(3); h.push(1); h.pop(); // 1
 */
export class MinHeap<T> {
  private readonly items: T[] = [];
  private readonly less: (a: T, b: T) => number;
  constructor(less: (a: T, b: T) => number) {
    this.less = less;
  }

  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const [p, c] = [a[parent] as T, a[i] as T];
      if (this.less(c, p) >= 0) break;
      a[parent] = c;
      a[i] = p;
      i = parent;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    a[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < a.length && this.less(a[l] as T, a[m] as T) < 0) m = l;
      if (r < a.length && this.less(a[r] as T, a[m] as T) < 0) m = r;
      if (m === i) break;
      [a[i], a[m]] = [a[m] as T, a[i] as T];
      i = m;
    }
    return top;
  }
}
