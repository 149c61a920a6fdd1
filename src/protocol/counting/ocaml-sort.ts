/**
 * OCaml's `Array.sort`, transcribed. It is a ternary heap sort, hence not stable: elements that compare
 * equal come out in an order that depends on the algorithm. Belenios's Majority Judgment sorts choices
 * with it and reports tied choices in that order, so reproducing its output byte for byte requires the
 * very same algorithm rather than `Array.prototype.sort` (which is stable).
 */

export type Comparison<T> = (a: T, b: T) => number;

/** Sorts `a` in place, ascending for `cmp`, exactly as OCaml's stdlib `Array.sort cmp a` would. */
export function ocamlArraySort<T>(cmp: Comparison<T>, a: T[]): void {
  const get = (i: number): T => a[i] as T;
  // Index of the greatest of the (up to three) sons of node i in a heap of size l; -1 if none
  // (OCaml raises `Bottom i` there).
  const maxSon = (l: number, i: number): number => {
    const i31 = 3 * i + 1;
    if (i31 + 2 < l) {
      let x = i31;
      if (cmp(get(i31), get(i31 + 1)) < 0) x = i31 + 1;
      if (cmp(get(x), get(i31 + 2)) < 0) x = i31 + 2;
      return x;
    }
    if (i31 + 1 < l && cmp(get(i31), get(i31 + 1)) < 0) return i31 + 1;
    return i31 < l ? i31 : -1;
  };
  // Sift e down from node i.
  const trickle = (l: number, start: number, e: T): void => {
    let i = start;
    for (;;) {
      const j = maxSon(l, i);
      if (j < 0 || !(cmp(get(j), e) > 0)) break;
      a[i] = get(j);
      i = j;
    }
    a[i] = e;
  };
  // Move the hole at node i down to a leaf, always following the greatest son; returns that leaf.
  const bubble = (l: number, start: number): number => {
    let i = start;
    for (let j = maxSon(l, i); j >= 0; j = maxSon(l, i)) {
      a[i] = get(j);
      i = j;
    }
    return i;
  };
  // Sift e up from the hole at node i.
  const trickleUp = (start: number, e: T): void => {
    let i = start;
    for (;;) {
      const father = Math.trunc((i - 1) / 3);
      if (!(cmp(get(father), e) < 0)) break;
      a[i] = get(father);
      if (father === 0) {
        a[0] = e;
        return;
      }
      i = father;
    }
    a[i] = e;
  };
  const l = a.length;
  for (let i = Math.trunc((l + 1) / 3) - 1; i >= 0; i--) trickle(l, i, get(i));
  for (let i = l - 1; i >= 2; i--) {
    const e = get(i);
    a[i] = get(0);
    trickleUp(bubble(i, 0), e);
  }
  if (l > 1) {
    const e = get(1);
    a[1] = get(0);
    a[0] = e;
  }
}
