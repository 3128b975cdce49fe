/**
 * Codes and messages of the problems the parser finds (syntax and model).
 * Every message is given in Simplified Chinese and English; codes are stable
 * (documented in docs/language.md §7) and never reused.
 */
import type { Message, Severity } from './ast';

export interface SyntaxRule {
  code: string;
  severity: Severity;
  title: Message;
}

export const SYNTAX_RULES = {
  TT001: { code: 'TT001', severity: 'error', title: { zh: '无法识别的文本', en: 'Unreadable text' } },
  TT002: { code: 'TT002', severity: 'error', title: { zh: '未知的行', en: 'Unknown line' } },
  TT003: { code: 'TT003', severity: 'error', title: { zh: '字段位置不对', en: 'Field not allowed here' } },
  TT004: { code: 'TT004', severity: 'error', title: { zh: '续行无所接续', en: 'Continuation with nothing to continue' } },
  TT005: { code: 'TT005', severity: 'error', title: { zh: '文件过大', en: 'File too large' } },
  TT010: { code: 'TT010', severity: 'error', title: { zh: '字段重复', en: 'Field given twice' } },
  TT011: { code: 'TT011', severity: 'error', title: { zh: '年度格式错误', en: 'Invalid year' } },
  TT012: { code: 'TT012', severity: 'error', title: { zh: '表头字段位置或次数不对', en: 'Misplaced or repeated header field' } },
} as const satisfies Record<string, SyntaxRule>;

export type SyntaxCode = keyof typeof SYNTAX_RULES;

const quoteZh = (s: string): string => `「${s}」`;
const quoteEn = (s: string): string => `'${s}'`;

/** Shorten a line for a message. */
function excerpt(s: string, max = 20): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

export const messages = {
  unreadable: (text: string): Message => ({
    zh: `无法识别的文本 ${quoteZh(excerpt(text))}`,
    en: `Unreadable text ${quoteEn(excerpt(text))}`,
  }),
  unknownLine: (line: string): Message => ({
    zh: `无法识别的行 ${quoteZh(excerpt(line))}：每行应以字段名（如 指标、指标值、备注）、续行符 + 或注释符 # 开头，字段名后须有空格`,
    en: `Unknown line ${quoteEn(excerpt(line))}: a line starts with a field keyword (e.g. 指标, 指标值, 备注) followed by a space, a continuation mark +, or a comment #`,
  }),
  misspeltKeyword: (line: string, word: string, keyword: string): Message => ({
    zh: `无法识别的行 ${quoteZh(excerpt(line))}：没有字段名 ${quoteZh(word)}，是否应为 ${quoteZh(keyword)}？`,
    en: `Unknown line ${quoteEn(excerpt(line))}: there is no keyword ${quoteEn(word)}; did you mean ${quoteEn(keyword)}?`,
  }),
  spaceAfterKeyword: (line: string, keyword: string): Message => ({
    zh: `无法识别的行 ${quoteZh(excerpt(line))}：字段名 ${quoteZh(keyword)} 后须有空格`,
    en: `Unknown line ${quoteEn(excerpt(line))}: the keyword ${quoteEn(keyword)} must be followed by a space`,
  }),
  fieldNeedsIndicator: (keyword: string): Message => ({
    zh: `字段 ${quoteZh(keyword)} 属于指标，须写在「指标」行之下`,
    en: `Field ${quoteEn(keyword)} belongs to an indicator: write it below an 指标 (indicator) line`,
  }),
  levelNeedsParent: (keyword: string, parent: string): Message => ({
    zh: `${quoteZh(keyword)} 须写在 ${quoteZh(parent)} 之下`,
    en: `${quoteEn(keyword)} must stand below a ${quoteEn(parent)} line`,
  }),
  inheritedNeedsLevel: (keyword: string): Message => ({
    zh: `字段 ${quoteZh(keyword)} 须写在职责、事项、目标或指标之下`,
    en: `Field ${quoteEn(keyword)} must stand below a duty, item, objective or indicator`,
  }),
  numberOnDuty: (keyword: string): Message => ({
    zh: `字段 ${quoteZh(keyword)} 须写在事项、目标或指标之下；职责的序号写在职责行上（职责 1 …）`,
    en: `Field ${quoteEn(keyword)} must stand below an item, objective or indicator; a duty's number goes on its 职责 line (职责 1 …)`,
  }),
  numberRepeated: (keyword: string): Message => ({
    zh: `字段 ${quoteZh(keyword)} 在同一层级重复出现，以第一次为准`,
    en: `Field ${quoteEn(keyword)} is given twice on this level; the first one counts`,
  }),
  continuationAlone: (): Message => ({
    zh: '续行符 + 之前没有可接续的字段',
    en: 'Continuation line (+) with no field above it to continue',
  }),
  // No line number in this message: the error moves with its duty when an edit above adds lines
  // (incremental reparse copies errors with shifted ranges, not re-worded messages).
  duplicateField: (keyword: string): Message => ({
    zh: `字段 ${quoteZh(keyword)} 在同一指标中重复出现，以第一次为准`,
    en: `Field ${quoteEn(keyword)} is given twice in this indicator; the first one counts`,
  }),
  invalidYear: (text: string): Message => ({
    zh: `年度应为四位数字的年份，而不是 ${quoteZh(excerpt(text))}`,
    en: `The year must be four digits, not ${quoteEn(excerpt(text))}`,
  }),
  headerAfterDuty: (keyword: string): Message => ({
    zh: `表头字段 ${quoteZh(keyword)} 须写在第一个职责之前`,
    en: `Header field ${quoteEn(keyword)} must come before the first duty`,
  }),
  headerRepeated: (keyword: string, firstLine: number): Message => ({
    zh: `表头字段 ${quoteZh(keyword)} 重复（第 ${firstLine} 行已有）`,
    en: `Header field ${quoteEn(keyword)} is given twice (already on line ${firstLine})`,
  }),
  tooLarge: (megabytes: string, limitMegabytes: number): Message => ({
    zh: `文件过大（${megabytes} MB，上限 ${limitMegabytes} MB），未做分析；请按部门和年度拆分表格`,
    en: `File too large (${megabytes} MB, limit ${limitMegabytes} MB); not analysed. Keep one table per department and year`,
  }),
  parserError: (detail: string): Message => ({
    zh: `语法错误：${detail}`,
    en: `Syntax error: ${detail}`,
  }),
};
