/**
 * The syntax codes (TT0xx) the parser reports (grammar/src/messages.ts has
 * their titles and messages): their explanations, so hover, docs/rules.md
 * and the settings check know them like every other code. They are always
 * errors: settings and disable comments do not apply to them.
 */
import type { Message } from '../../../grammar/src/index';
import { SYNTAX_RULES } from '../../../grammar/src/index';
import { syntaxRule, type SyntaxRule } from '../define';
import type { FixProposal, FixSite } from '../fix';

const EXPLANATIONS: Record<keyof typeof SYNTAX_RULES, Message> = {
  TT001: {
    zh: '这段文本无法读取。请重新输入该行，并检查是否从其他程序粘贴进了控制字符。',
    en: 'This text cannot be read. Retype the line and check for control characters pasted from another program.',
  },
  TT002: {
    zh: '每行须是字段（字段名 + 空格 + 内容）、续行（+）、注释（#）或空行。常见原因：字段名后缺少空格，或字段名写错（如把「指标值」写成「指示值」、「标准来源」写成「标准来原」）；能认出想写的字段名时，快速修复会改正它。',
    en: 'Every line is a field (keyword, space, text), a continuation (+), a comment (#) or blank. Usually the space after the keyword is missing or the keyword is misspelt (指示值, 标准来原); where the intended keyword is clear, the quick fix corrects it.',
  },
  TT003: {
    zh: '每个字段属于一个层级：指标的字段写在「指标」之下，「指标」写在「目标」之下，「目标」写在「职责」或「事项」之下。请把该行移到正确的层级之下。',
    en: 'Each field belongs to one level: indicator fields below an 指标 line, 指标 below a 目标, 目标 below a 职责 or 事项. Move the line below the level it belongs to.',
  },
  TT004: {
    zh: '以 + 开头的续行接续上一字段的内容，但它上面没有字段。请在前面写出字段名，或把内容并入上一字段。',
    en: 'A + line continues the field above it, and there is none. Start the line with a field keyword, or join it to the field above.',
  },
  TT005: {
    zh: '文件太大，编辑器不做分析，以免卡顿。一个文件只放一个部门一个年度的目标表；过大的表请拆分。',
    en: 'The file is too large for the editor to analyse without slowing down. Keep one table per department and year in a file; split a larger one.',
  },
  TT010: {
    zh: '同一层级中，单值字段（如 指标值、解释、备注）只能出现一次，以第一次为准。请删除或合并重复的一行。',
    en: 'A single-valued field (指标值, 解释, 备注 …) appears once per block; the first one counts. Delete or merge the repeated line.',
  },
  TT011: {
    zh: '年度须为四位数字的年份，如 2022，报表标题和导出都要用到它。',
    en: 'The year is four digits, such as 2022; the form title and the export use it.',
  },
  TT012: {
    zh: '表头字段（部门、年度）写在第一个职责之前，且各只写一次。',
    en: 'The header fields (部门, 年度) come before the first duty, once each.',
  },
};

/** TT002: the line's first word and the keyword it most likely meant (grammar/src/keywords.ts, keywordSuggestion). */
interface KeywordData {
  word: string;
  replacement: string;
}

function isKeywordData(x: unknown): x is KeywordData {
  return typeof x === 'object' && x !== null && typeof (x as KeywordData).word === 'string' && typeof (x as KeywordData).replacement === 'string';
}

/** Replace the line's first word with the keyword (a space after it when none followed). */
function keywordFix(data: unknown, site: FixSite): FixProposal[] {
  if (!isKeywordData(data)) return [];
  const start = site.range.start;
  const keyword = data.replacement.trimEnd();
  const title = data.replacement === `${data.word} ` ? { zh: `在「${keyword}」后加空格`, en: `Add a space after '${keyword}'` } : { zh: `改为「${keyword}」`, en: `Change to '${keyword}'` };
  return [{ title, edits: [{ range: { start, end: { line: start.line, character: start.character + data.word.length } }, newText: data.replacement }], preferred: true }];
}

const FIXES: Partial<Record<keyof typeof SYNTAX_RULES, (data: unknown, site: FixSite) => FixProposal[]>> = { TT002: keywordFix };

export const SYNTAX: readonly SyntaxRule[] = Object.values(SYNTAX_RULES).map((rule) =>
  syntaxRule({
    code: rule.code,
    scope: 'syntax',
    defaultSeverity: rule.severity,
    title: rule.title,
    explanation: EXPLANATIONS[rule.code],
    messages: {},
    ...(FIXES[rule.code] ? { fixes: FIXES[rule.code] } : {}),
  }),
);
