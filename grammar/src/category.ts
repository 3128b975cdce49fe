/**
 * 类别 (indicator category), docs/language.md §5: `一级[/二级]`.
 * Both frameworks are read: 成本 as a second level of 产出, and 成本 as a
 * first level of its own (经济成本/社会成本/生态环境成本, 财预〔2021〕101号).
 * Pure module (no node imports).
 */

export type CategoryLevel1 = '产出' | '成本' | '效益' | '满意度';

export interface Category {
  level1: CategoryLevel1;
  /** Canonical second level ('数量', '社会', '可持续影响', '服务对象满意度' …), null when not given. */
  level2: string | null;
  /** The text as given, trimmed. */
  raw: string;
}

/** The second levels of each first level, canonical names, in the official order. */
export const categoryLevels: Record<CategoryLevel1, readonly string[]> = {
  产出: ['数量', '质量', '时效', '成本'],
  成本: ['经济成本', '社会成本', '生态环境成本'],
  效益: ['经济', '社会', '生态', '可持续影响'],
  满意度: ['服务对象满意度'],
};

/** Tried in this order; 成本 after the others, so that 成本 alone (and 成本指标) stays 产出/成本. */
const level1Names: readonly CategoryLevel1[] = ['满意度', '产出', '效益', '成本'];

/** Written forms of a second level (after removing separators), longest first → [level1, canonical]. */
const level2Forms: readonly (readonly [string, CategoryLevel1, string])[] = (() => {
  const forms: [string, CategoryLevel1, string][] = [];
  for (const l1 of level1Names) {
    for (const l2 of categoryLevels[l1]) {
      const variants = new Set<string>([l2, `${l2}指标`]);
      if (l1 === '效益') {
        variants.add(`${l2}效益`);
        variants.add(`${l2}效益指标`);
      }
      if (l2 === '可持续影响') {
        variants.add('可持续');
        variants.add('可持续指标');
      }
      if (l2 === '生态环境成本') variants.add('生态成本');
      if (l2 === '服务对象满意度') {
        variants.add('服务对象');
        variants.add('服务对象满意');
      }
      for (const v of variants) forms.push([v, l1, l2]);
    }
  }
  return forms.sort((a, b) => b[0].length - a[0].length);
})();

const separators = new Set(['/', '／', '-', '－', '—', '–', '·', '•', '・', '、', '|', '>', '＞', '\\']);

function isSeparatorOrWs(c: string): boolean {
  return separators.has(c) || c === ' ' || c === '\t' || c === '\u3000' || c === '\u00a0' || c === '\n' || c === '\r';
}

function matchLevel2(rest: string, level1: CategoryLevel1 | null): [CategoryLevel1, string] | undefined {
  for (const [form, l1, l2] of level2Forms) {
    if (rest === form && (level1 === null || level1 === l1)) return [l1, l2];
  }
  return undefined;
}

/**
 * Reads `产出/数量`, `产出指标/数量指标`, `效益-社会效益指标`, `满意度`, `满意度指标`, … (separators
 * / - — · 、 and spaces). A second level alone (`数量指标`, `社会效益`) implies its first level.
 * undefined when unrecognised.
 */
export function parseCategory(text: string): Category | undefined {
  const raw = text.trim();
  let compact = '';
  for (const c of raw) if (!isSeparatorOrWs(c)) compact += c;
  if (compact === '') return undefined;

  for (const l1 of level1Names) {
    if (!compact.startsWith(l1)) continue;
    if (l1 === '成本' && matchLevel2(compact, '产出')) break; // 成本, 成本指标: 产出/成本
    let rest = compact.slice(l1.length);
    if (rest.startsWith('指标')) rest = rest.slice(2);
    else if (rest.startsWith('类')) rest = rest.slice(1);
    if (rest === '') return { level1: l1, level2: null, raw };
    const l2 = matchLevel2(rest, l1);
    if (l2) return { level1: l1, level2: l2[1], raw };
  }
  const alone = matchLevel2(compact, null);
  if (alone) return { level1: alone[0], level2: alone[1], raw };
  return undefined;
}
