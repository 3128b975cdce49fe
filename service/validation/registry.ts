/**
 * The catalog: every code the checker can report, each one registered
 * definition (define.ts), gathered from the families in rules/. Hover on a
 * diagnostic, docs/rules.md (kept in step by test/validation.test.ts), the
 * settings check, the quick fixes and the review report all read this one
 * list, so they cannot disagree about which codes exist.
 *
 * Adding a rule: write its definition in the family it belongs to (or a new
 * family listed below) and its section in docs/rules.md.
 */
import type { Message, Severity } from '../../grammar/src/index';
import { dataMovedBy, type DutyRule, type IndicatorRule, type RuleDefinition, type TableRule } from './define';
import type { FixProposal, FixSite } from './fix';
import { LIFECYCLE } from './rules/lifecycle';
import { REFERENCES } from './rules/references';
import { STRUCTURE } from './rules/structure';
import { SYNTAX } from './rules/syntax';
import { TABLE } from './rules/table';
import { VALUES } from './rules/values';
import { WORDING } from './rules/wording';

/** What every caller may know of a rule. */
export interface RuleInfo {
  code: string;
  defaultSeverity: Severity;
  title: Message;
  /** Why it matters and what to do, 1–3 sentences. */
  explanation: Message;
  /** Syntax codes (TT0xx) are always errors: settings and disable comments do not apply to them. */
  syntax: boolean;
}

export type RegisteredRule = RuleDefinition & RuleInfo;

const FAMILIES: readonly (readonly RuleDefinition[])[] = [SYNTAX, STRUCTURE, VALUES, REFERENCES, WORDING, TABLE, LIFECYCLE];

function register(): Record<string, RegisteredRule> {
  const catalog: Record<string, RegisteredRule> = {};
  for (const family of FAMILIES) {
    for (const rule of family) {
      if (catalog[rule.code]) throw new Error(`rule ${rule.code} is registered twice`);
      catalog[rule.code] = { ...rule, syntax: rule.scope === 'syntax' } as RegisteredRule;
    }
  }
  return catalog;
}

/** Every code the checker can report, syntax and domain, keyed by code. */
export const RULES: Readonly<Record<string, RegisteredRule>> = register();

const inCodeOrder = Object.values(RULES).sort((a, b) => a.code.localeCompare(b.code));

/** Every rule, in code order. */
export function allRules(): RegisteredRule[] {
  return inCodeOrder.slice();
}

export function isSyntaxCode(code: string): boolean {
  return RULES[code]?.syntax === true;
}

/** The checks by scope, in code order: what validate() runs per indicator, per duty and over the table. */
export const INDICATOR_RULES: readonly IndicatorRule[] = inCodeOrder.filter((r): r is RegisteredRule & IndicatorRule => r.scope === 'indicator');
export const DUTY_RULES: readonly DutyRule[] = inCodeOrder.filter((r): r is RegisteredRule & DutyRule => r.scope === 'duty');
export const TABLE_RULES: readonly TableRule[] = inCodeOrder.filter((r): r is RegisteredRule & TableRule => r.scope === 'table');

/** The quick fixes a rule offers for one of its findings (none for an unknown code). */
export function quickFixes(code: string, data: unknown, site: FixSite): FixProposal[] {
  const rule = RULES[code];
  if (!rule?.fixes) return [];
  // The data's line numbers are relative to the finding's first line (see the reporter); the fix gets them whole.
  return rule.fixes(dataMovedBy(rule, data, site.range.start.line), site);
}
