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
/** TT114/TT121: rates that may exceed 100% (growth). */
export const GROWTH_WORDS: readonly string[] = ['增长', '增速', '增幅'];
/** TT116: an explanation that gives a formula contains one of these. */
export const FORMULA_MARKS: readonly string[] = ['/', '／', '÷', '除以', '比', '占', '比例', '公式', '=', '＝', '计算'];
