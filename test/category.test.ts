import { describe, expect, it } from 'vitest';
import { categoryLevels, parseCategory } from '../grammar/src/category';

describe('parseCategory', () => {
  const cases: [string, string | null, string | null][] = [
    ['产出/数量', '产出', '数量'],
    ['产出/质量', '产出', '质量'],
    ['产出/时效', '产出', '时效'],
    ['产出/成本', '产出', '成本'],
    ['效益/经济', '效益', '经济'],
    ['效益/社会', '效益', '社会'],
    ['效益/生态', '效益', '生态'],
    ['效益/可持续影响', '效益', '可持续影响'],
    ['满意度', '满意度', null],
    ['满意度指标', '满意度', null],
    ['满意度/服务对象满意度指标', '满意度', '服务对象满意度'],
    ['产出', '产出', null],
    ['效益指标', '效益', null],
    ['产出指标/数量指标', '产出', '数量'],
    ['效益/社会效益指标', '效益', '社会'],
    ['效益指标-经济效益指标', '效益', '经济'],
    ['效益—生态效益', '效益', '生态'],
    ['产出·时效', '产出', '时效'],
    ['产出、质量', '产出', '质量'],
    ['产出 数量', '产出', '数量'],
    ['产出／数量', '产出', '数量'],
    ['  产出 / 数量指标  ', '产出', '数量'],
    ['效益/可持续影响指标', '效益', '可持续影响'],
    ['社会效益指标', '效益', '社会'],
    ['数量指标', '产出', '数量'],
    ['成本', '产出', '成本'],
    ['成本指标', '产出', '成本'],
    // 财预〔2021〕101号: 成本 as a first level
    ['成本/经济成本', '成本', '经济成本'],
    ['成本指标/社会成本指标', '成本', '社会成本'],
    ['成本-生态环境成本', '成本', '生态环境成本'],
    ['成本/生态成本', '成本', '生态环境成本'],
    ['经济成本', '成本', '经济成本'],
    ['成本/数量', null, null],
    // unrecognised
    ['', null, null],
    ['/', null, null],
    ['产出/经济', null, null],
    ['效益/数量', null, null],
    ['满意度/数量', null, null],
    ['产出/其他', null, null],
    ['其他', null, null],
    ['投入/数量', null, null],
  ];
  it.each(cases)('%j → %s / %s', (text, level1, level2) => {
    const c = parseCategory(text);
    if (level1 === null) {
      expect(c).toBeUndefined();
      return;
    }
    expect(c).toEqual({ level1, level2, raw: text.trim() });
  });

  it('lists the second levels in the official order', () => {
    expect(categoryLevels.产出).toEqual(['数量', '质量', '时效', '成本']);
    expect(categoryLevels.效益).toEqual(['经济', '社会', '生态', '可持续影响']);
    // every listed level reads back
    for (const [l1, l2s] of Object.entries(categoryLevels)) {
      for (const l2 of l2s) expect(parseCategory(`${l1}/${l2}`)).toMatchObject({ level1: l1, level2: l2 });
    }
  });
});
