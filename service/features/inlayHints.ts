/**
 * Inlay hints of the later stages: after a 完成值 (or the 达成情况 of a qualitative indicator) its
 * completion and its score of the points (`完成率 75% · 15/20 分`), after a 累计完成值 its progress
 * against the time elapsed (`进度 30%，时间 58%`). Only the indicators in the requested range are
 * scored, so a large table costs what is on the screen.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { InlayHint, Range } from 'vscode-languageserver-types';
import { dutyObjectives, type Field, type Indicator, type ParseResult } from '../../grammar/src/index';
import type { ServiceContext } from '../context';
import { before } from '../ranges';
import { monitorStatus, scoreIndicator, scoringOf } from '../scoring';
import { actualHint, progressHint } from '../scoreWords';

function overlaps(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function hintAfter(field: Field, label: string): InlayHint {
  return { position: field.textRange.end, label, paddingLeft: true };
}

function indicatorHints(indicator: Indicator, parsed: ParseResult, ctx: ServiceContext, out: InlayHint[]): void {
  const scoring = scoringOf(ctx.settings);
  for (const point of indicator.monitors) {
    if (!point.toDate) continue;
    const label = progressHint(monitorStatus(indicator, point, parsed.ast, scoring), ctx.locale);
    if (label) out.push(hintAfter(point.toDate, label));
  }
  const anchor = indicator.attainment && (!indicator.actual || indicator.target?.value.kind !== 'quantity') ? indicator.attainment : indicator.actual;
  if (!anchor) return;
  const label = actualHint(scoreIndicator(indicator, scoring), ctx.locale);
  if (label) out.push(hintAfter(anchor, label));
}

export function inlayHints(_document: TextDocument, parsed: ParseResult, range: Range, ctx: ServiceContext): InlayHint[] {
  try {
    const out: InlayHint[] = [];
    for (const duty of parsed.ast.duties) {
      if (!overlaps(duty.range, range)) continue;
      for (const { objective } of dutyObjectives(duty)) {
        if (!overlaps(objective.range, range)) continue;
        for (const indicator of objective.indicators) {
          if (overlaps(indicator.range, range) && (indicator.actual || indicator.attainment || indicator.monitors.length)) indicatorHints(indicator, parsed, ctx, out);
        }
      }
    }
    return out.filter((h) => !before(h.position, range.start) && !before(range.end, h.position)).sort((a, b) => a.position.line - b.position.line);
  } catch {
    return [];
  }
}
