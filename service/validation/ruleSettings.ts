/**
 * Reading rule settings as written in `.ttab/rules.json` (or the editor's
 * settings): `{ "TT109": "off", "TT111": "error", "historyFactor": 5 }`.
 */
import type { Message } from '../../grammar/src/index';
import type { RuleSetting, ServiceSettings } from '../context';
import { DEFAULT_SETTINGS } from '../context';
import { RULES } from './registry';

const SEVERITY_SETTINGS: readonly RuleSetting[] = ['error', 'warning', 'info', 'off'];

/**
 * Keeps the valid entries and reports each invalid one: an unknown code or key, a bad severity,
 * a syntax code set to anything but "error" (syntax errors cannot be turned off or lowered), a
 * bad historyFactor.
 */
export function parseRuleSettings(json: unknown): { settings: ServiceSettings; problems: Message[] } {
  const rules: Record<string, RuleSetting> = {};
  let historyFactor = DEFAULT_SETTINGS.historyFactor;
  const problems: Message[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    problems.push({
      zh: '规则设置必须是一个对象，如 { "TT109": "off" }',
      en: 'rule settings must be an object, such as { "TT109": "off" }',
    });
    return { settings: { rules, historyFactor }, problems };
  }
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    if (key === 'historyFactor') {
      if (typeof value === 'number' && Number.isFinite(value) && value > 0) historyFactor = value;
      else problems.push({ zh: '"historyFactor" 必须是正数', en: '"historyFactor" must be a positive number' });
      continue;
    }
    const rule = RULES[key];
    if (!rule) {
      problems.push({ zh: `未知的规则代码或设置 "${key}"`, en: `unknown rule code or setting "${key}"` });
      continue;
    }
    if (typeof value !== 'string' || !(SEVERITY_SETTINGS as readonly string[]).includes(value)) {
      problems.push({
        zh: `"${key}" 的级别必须是 error、warning、info 或 off 之一，而不是 ${JSON.stringify(value)}`,
        en: `the severity of "${key}" must be one of error, warning, info, off, not ${JSON.stringify(value)}`,
      });
      continue;
    }
    if (rule.syntax && value !== 'error') {
      problems.push({
        zh: `"${key}" 是语法错误，不能关闭或降级`,
        en: `"${key}" is a syntax error: it cannot be turned off or lowered`,
      });
      continue;
    }
    rules[key] = value as RuleSetting;
  }
  return { settings: { rules, historyFactor }, problems };
}
