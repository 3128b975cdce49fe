/**
 * What two versions of a list share at both ends: an edit gives a new tree whose blocks outside
 * the edit are the same objects as before (grammar/src/incremental.ts), so what a version kept per
 * block is kept for those at both ends, and only what lies between is made again.
 */

/** How many items two lists share, the same objects at the same places, at their start (`head`) and, after that, at their end (`tail`). */
export function sharedEnds(a: readonly unknown[], b: readonly unknown[]): { head: number; tail: number } {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { head, tail };
}
