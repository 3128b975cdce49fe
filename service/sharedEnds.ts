/**
 * What two versions of a list share at both ends: an edit gives a new tree whose blocks outside
 * the edit are the same objects as before (grammar/src/incremental.ts), so what a version kept per
 * block is kept for those at both ends, and only what lies between is made again.
 */

/** How many items two lists share, the same objects at the same places, at their start (`head`) and, after that, at their end (`tail`). */
export function sharedEnds(a: readonly unknown[], b: readonly unknown[]): { head: number; tail: number } {
  return sharedEndsBy(a, b, identical);
}

const identical = (x: unknown, y: unknown): boolean => x === y;

/** Whether two lists hold the same objects in the same order. */
export function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** As sharedEnds, with items compared by `same` (lists rebuilt on every edit whose items are equal, not the same objects). */
export function sharedEndsBy<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): { head: number; tail: number } {
  let head = 0;
  while (head < a.length && head < b.length && same(a[head]!, b[head]!)) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && same(a[a.length - 1 - tail]!, b[b.length - 1 - tail]!)) tail++;
  return { head, tail };
}

/**
 * A result per item of `items`: the items shared at both ends with the list it replaced
 * (`previous`) take theirs from its results, and `make` makes the others' — so an edit in a duty
 * of hundreds of 事项 makes the result of the one it changed. Also says how many were shared.
 */
export function resultsReusingEnds<T, R>(items: readonly T[], previous: { items: readonly T[]; results: readonly R[] } | undefined, make: (item: T) => R): { results: R[]; head: number; tail: number } {
  const { head, tail } = previous ? sharedEnds(previous.items, items) : { head: 0, tail: 0 };
  const n = items.length;
  const results = new Array<R>(n);
  for (let k = 0; k < head; k++) results[k] = previous!.results[k]!;
  for (let k = head; k < n - tail; k++) results[k] = make(items[k]!);
  for (let k = n - tail; k < n; k++) results[k] = previous!.results[k - n + previous!.items.length]!;
  return { results, head, tail };
}
