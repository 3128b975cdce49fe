/**
 * The checker, as the rest of the service sees it: run the rules
 * (validate.ts), the catalog and its quick fixes (registry.ts), findings and
 * what to do with them (findings.ts), rule settings (ruleSettings.ts).
 * The rules themselves live in rules/, one file per family.
 */
export { validate, ValidationCache, type ValidateOptions } from './validate';
export { findingsOnLines, findingToDiagnostic, hasErrors, mostSevere, relatedInWords, type Finding, type RelatedPlace } from './findings';
export { allRules, isSyntaxCode, quickFixes, RULES, type RuleInfo } from './registry';
export { parseRuleSettings } from './ruleSettings';
export { direction, targetComparison, type Direction, type TargetComparison } from './facts';
export type { FixProposal, FixSite, InsertFieldData, ReplaceData } from './fix';
export type { UnknownUnitData } from './rules/values';
export { CARRIED_MARK } from './rules/lifecycle';
