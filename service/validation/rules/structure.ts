/**
 * The shape of the table: every indicator has a name and a target, every
 * duty, 事项 and objective leads to at least one indicator.
 */
import { dutyRule, indicatorRule } from '../define';
import { excerpt, q, qe } from '../phrases';
import { headRange } from '../places';

export const STRUCTURE = [
  indicatorRule({
    code: 'TT101',
    scope: 'indicator',
    defaultSeverity: 'error',
    title: { zh: '指标缺少名称', en: 'Indicator without a name' },
    explanation: {
      zh: '绩效指标的名称是目标表的必填列，审核和考核都以它为准。请在「指标」后写出指标名称。',
      en: 'The indicator name is a required column of the form; review and assessment refer to it. Write the name after 指标.',
    },
    messages: {
      noName: () => ({
        zh: '指标缺少名称：请在「指标」后写出绩效指标的名称',
        en: 'Indicator without a name: write the performance indicator’s name after 指标',
      }),
    },
    check({ indicator, name }, report, say) {
      if (name === '') report(indicator.name.keywordRange, say.noName());
    },
  }),

  indicatorRule({
    code: 'TT102',
    scope: 'indicator',
    defaultSeverity: 'error',
    title: { zh: '指标缺少年度指标值', en: 'Indicator without a target value' },
    explanation: {
      zh: '没有年度指标值，年底就无从考核。请写出「指标值」，尽量是可衡量的数值，如 ≥95%、12场。',
      en: 'Without an annual target there is nothing to assess at the end of the year. Write a 指标值 (target), measurable where possible, such as ≥95% or 12场.',
    },
    messages: {
      noTarget: (name: string) => ({
        zh: `指标${q(excerpt(name))}缺少年度指标值（指标值）`,
        en: `Indicator ${qe(excerpt(name))} has no annual target value (指标值)`,
      }),
      emptyTarget: (name: string) => ({
        zh: `指标${q(excerpt(name))}的指标值为空`,
        en: `The target (指标值) of indicator ${qe(excerpt(name))} is empty`,
      }),
    },
    check({ indicator, name }, report, say) {
      const target = indicator.target;
      if (!target) report(headRange(indicator.name), say.noTarget(name));
      else if (target.value.kind === 'none') report(headRange(target), say.emptyTarget(name));
    },
  }),

  dutyRule({
    code: 'TT119',
    scope: 'duty',
    defaultSeverity: 'warning',
    title: { zh: '职责、事项或目标下没有指标', en: 'Duty, item or objective without an indicator' },
    explanation: {
      zh: '每个职责目标都要落实到至少一个绩效指标，否则该目标无法考核。请补充指标，或删除多余的层级。',
      en: 'Every objective needs at least one performance indicator, or it cannot be assessed. Add an indicator, or remove the empty level.',
    },
    messages: {
      emptyDuty: () => ({ zh: '职责下没有目标和指标', en: 'The duty has no objective and no indicator' }),
      emptyItem: () => ({ zh: '事项下没有目标和指标', en: 'The item has no objective and no indicator' }),
      emptyObjective: () => ({ zh: '目标下没有指标', en: 'The objective has no indicator' }),
    },
    check(duty, report, say) {
      if (duty.objectives.length === 0 && duty.items.length === 0) {
        const head = headRange(duty.title);
        if (duty.number && duty.title.text === '') head.end = duty.number.range.end;
        report(head, say.emptyDuty());
      }
      for (const item of duty.items) {
        if (item.objectives.length === 0) report(headRange(item.title), say.emptyItem());
      }
    },
    objective(objective, report, say) {
      if (objective.indicators.length === 0) report(headRange(objective.title), say.emptyObjective());
    },
  }),
  dutyRule({
    code: 'TT130',
    scope: 'duty',
    defaultSeverity: 'warning',
    title: { zh: '职责、事项或目标缺少内容', en: 'Duty, item or objective without text' },
    explanation: {
      zh: '部门职责和职责目标是目标表的必填列：只写了「职责 3」「事项」「目标」而没有内容，报表中这一格就是空的，审核时会被退回。请写出内容；若这一行本属于上面的职责（原表中合并的单元格），请把它下面的内容移到上面的职责之下。',
      en: 'The department duty and its objective are required columns: a 职责 3, 事项 or 目标 line with no text leaves that cell of the form empty, and a reviewer returns the table. Write the text; if the line belongs to the duty above (a merged cell of the form), move what is below it under that duty.',
    },
    messages: {
      noText: (level: string, levelEn: string) => ({
        zh: `${level}没有内容：请写出${level}的内容`,
        en: `The ${levelEn} has no text: write what the ${levelEn} is`,
      }),
    },
    check(duty, report, say) {
      if (duty.title.text === '') {
        const head = headRange(duty.title);
        if (duty.number) head.end = duty.number.range.end;
        report(head, say.noText('职责', 'duty'));
      }
      for (const item of duty.items) if (item.title.text === '') report(headRange(item.title), say.noText('事项', 'item'));
    },
    objective(objective, report, say) {
      if (objective.title.text === '') report(headRange(objective.title), say.noText('目标', 'objective'));
    },
  }),
];
