/**
 * The word lists the rules read, in one place: what makes a target vague,
 * which indicators are better when lower, which rates may pass 100%, what
 * shows a formula. Phrasing taken from real tables (../shared/seed/).
 */

/** TT109: vague targets as written in real tables. */
export const VAGUE_TARGETS: readonly string[] = [
  '有效加强', '明显提升', '进一步完善', '有效提升', '稳步提升', '显著提高', '不断完善', '逐步提高',
  '有效整改', '有效强化', '明显改善', '显著改善', '有所提高', '有所提升', '大幅提升', '持续改善',
  '良好', '较好', '明显', '显著', '提高', '提升', '加强', '改善', '完善',
];
/** TT109: a qualitative target made only of these adverbs followed by these verbs is vague too. */
export const VAGUE_ADVERBS: readonly string[] = [
  '有效', '明显', '进一步', '稳步', '显著', '不断', '逐步', '持续', '全面', '切实', '大幅', '有所', '积极', '充分', '较大', '大力', '更加', '继续',
];
export const VAGUE_VERBS: readonly string[] = [
  '加强', '提升', '提高', '完善', '整改', '强化', '改善', '推进', '优化', '增强', '改进', '增加', '扩大', '推动', '加快', '规范', '巩固', '降低', '减少',
];

/** TT111/TT113: words in an indicator's name saying that lower values are better. */
export const LESS_IS_BETTER_WORDS: readonly string[] = [
  '发生率', '事故率', '投诉率', '差错率', '失误率', '违规率', '违纪率', '空置率', '逾期率', '失败率', '返工率', '超标率',
  '成本', '费用', '降低', '减少', '压减', '压缩', '控制在',
];
/** …and these, when the target is a duration (dimension time). */
export const DURATION_WORDS: readonly string[] = ['时长', '用时', '耗时', '时间', '天数', '周期', '时限'];
/** TT114/TT121: rates that may exceed 100% (growth; 保值增值率 = year-end over year-start equity). */
export const GROWTH_WORDS: readonly string[] = ['增长', '增速', '增幅', '增值'];
/** A word, and the longer words that contain it but mean something else (计算 is not 计算机). */
export interface Word {
  word: string;
  not?: readonly string[];
}

/** TT116: an explanation that gives a formula contains one of these words. */
export const FORMULA_MARKS: readonly Word[] = [
  { word: '/' }, { word: '／' }, { word: '÷' }, { word: '×' }, { word: '除以' }, { word: '=' }, { word: '＝' }, { word: '公式' },
  { word: '比例' }, { word: '比率' }, { word: '比重' },
  { word: '比', not: ['比较', '对比', '相比', '比赛', '评比', '比武', '比对', '比如', '好比', '比拼', '无比', '比肩'] },
  { word: '占', not: ['占地', '占用', '占有', '侵占', '挤占', '抢占', '占领', '霸占', '占据'] },
  { word: '计算', not: ['计算机', '计算器'] },
];

/**
 * TT109: a target is vague when every clause of it has one of these action verbs (or is a vague
 * outcome) and none of it is measurable: no number, no threshold word, no concrete deliverable.
 */
export const ACTION_VERBS: readonly string[] = [
  '加强', '强化', '优化', '提升', '提高', '完善', '健全', '推进', '推动', '促进', '开展', '做好', '抓好', '搞好',
  '确保', '保障', '改善', '增强', '改进', '深化', '落实', '规范', '加快', '加大', '巩固', '扩大', '夯实', '营造', '打造', '整改',
];
/** …outcomes that say nothing checkable. */
export const VAGUE_OUTCOMES: readonly string[] = ['明显成效', '显著成效', '取得成效', '初见成效', '预期效果', '良好效果', '良好氛围', '有所提高', '有所提升', '稳步提升'];
/** …words that make a clause measurable (a threshold, a deadline, a frequency). */
export const MEASURABLE_WORDS: readonly string[] = [
  '零', '全覆盖', '全部', '百分之', '按时', '按期', '如期', '限期', '达标', '合格', '验收', '不发生', '杜绝', '无重大', '无一',
  '每月', '每季', '每半年', '每年', '每周', '每日', '年底前', '年内', '月底前', '之前', '以前',
];
/** …verbs that name a concrete deliverable: done or not (完成示范点建设, 建成, 出台). */
export const DELIVERABLE_VERBS: readonly string[] = [
  '完成', '建成', '办结', '出台', '印发', '制定', '编制', '竣工', '上线', '投入使用', '交付', '挂牌', '签订', '通过',
];

/** TT110: 约 before a number is approximate, except in these words (签约10个 is a count of signings). */
export const AGREEMENT_WORDS: readonly string[] = [
  '节约', '签约', '履约', '违约', '预约', '集约', '制约', '合约', '续约', '解约', '租约', '特约', '公约', '条约', '契约', '邀约', '缔约', '守约',
];

/** A target that says how much something changes (同比增长15%), not its level. */
export const CHANGE_WORDS: readonly string[] = ['增长', '增加', '提高', '提升', '下降', '降低', '减少', '压减', '压缩', '增幅', '增速', '同比', '环比', '较上年'];

/** TT124: indicators whose values have no unit by nature (an index, a coefficient, a rank). */
export const DIMENSIONLESS_WORDS: readonly string[] = ['指数', '系数', '比值', '倍数', '排名', '名次', '位次'];

/** TT124: the unit a count indicator's name implies (培训人数 → 人), longest first. */
export const UNIT_OF_NAME: readonly (readonly [string, string])[] = [
  ['人次', '人次'], ['场次', '场次'], ['户次', '户次'], ['人数', '人'], ['次数', '次'], ['个数', '个'], ['件数', '件'], ['户数', '户'],
  ['家数', '家'], ['篇数', '篇'], ['期数', '期'], ['项数', '项'], ['处数', '处'], ['份数', '份'], ['场数', '场'], ['天数', '天'],
];
