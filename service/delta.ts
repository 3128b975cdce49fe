/**
 * How far one quantity is from another, as people read it: percentage points
 * for ratios (`+2.0 个百分点` / `+2.0 pts`), otherwise an amount in the later
 * value's own unit as written (万元 stays 万元) with the relative change
 * (`+12 次 (+9.1%)`). Used by hover (target vs plan/standard/history) and by
 * the semantic diff (old target → new target).
 */
import type { Message, Quantity } from '../grammar/src/index';

const signedNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, signDisplay: 'exceptZero' });
const signedPoints = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
const signedPercent = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });

/** `to` − `from`; both must be comparable (same dimension and currency). */
export function quantityDelta(from: Quantity, to: Quantity): Message {
  const diff = to.normalized - from.normalized;
  if (to.dimension === 'ratio') {
    const points = signedPoints.format(diff);
    return { zh: `${points} 个百分点`, en: `${points} pts` };
  }
  // In the later value's own unit as written, else in the dimension's base unit.
  const scale = to.number !== 0 ? to.normalized / to.number : 0;
  const [amount, unit] = scale !== 0 ? [diff / scale, `${to.magnitude ?? ''}${to.unit ?? ''}`] : [diff, to.baseUnit ?? ''];
  const absolute = `${signedNumber.format(amount)}${unit ? ` ${unit}` : ''}`;
  if (from.normalized === 0) return { zh: absolute, en: absolute };
  const relative = `${signedPercent.format((diff / Math.abs(from.normalized)) * 100)}%`;
  return { zh: `${absolute}（${relative}）`, en: `${absolute} (${relative})` };
}
