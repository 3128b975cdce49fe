/**
 * A deterministic generator of realistic .ttab tables, for benchmarks and
 * tests. The same options (and seed) always give the same text: the only
 * source of randomness is a seeded PRNG (mulberry32), never Math.random.
 *
 * `text` is canonical (docs/language.md): two spaces per level, one blank
 * line before each 职责, LF line endings, a trailing newline, one space
 * between keyword and text, continuation lines one level deeper than their
 * field, comments at the indentation of the line they precede. Formatting it
 * should therefore be a no-op.
 *
 * `data` is the same table as a plain JSON-able object: every field as the
 * string written in the file (continuation lines joined with '\n'), the
 * inherited fields (活动/预算项目/科室) only where they are written (not
 * resolved), optional fields left out when not written.
 */
import { INDICATOR_FIELD_KEYS, INHERITED_KEYS, KEYWORD_BY_KEY } from '../grammar/src/keywords';
import type { FieldKey } from '../grammar/src/ast';

// ---------------------------------------------------------------------------
// Data shape

export interface GeneratedInherited {
  activity: string[];
  project: string[];
  office: string[];
}

export interface GeneratedIndicator extends GeneratedInherited {
  name: string;
  category?: string;
  explanation?: string;
  target?: string;
  plan?: string;
  standard?: string;
  standardSource?: string;
  historyAverage?: string;
  lastYear?: string;
  historySource?: string;
  remark?: string;
}

export interface GeneratedObjective extends GeneratedInherited {
  title: string;
  indicators: GeneratedIndicator[];
}

export interface GeneratedItem extends GeneratedInherited {
  title: string;
  objectives: GeneratedObjective[];
}

export interface GeneratedDuty extends GeneratedInherited {
  /** 职责序号 as written, when present. */
  number?: string;
  title: string;
  objectives: GeneratedObjective[];
  items: GeneratedItem[];
}

export interface GeneratedTable {
  department: string;
  year: string;
  duties: GeneratedDuty[];
}

export interface GenerateOptions {
  /** Exact number of indicators (指标) in the table. */
  indicators: number;
  /** PRNG seed; default 1. */
  seed?: number;
  /** Write the English keyword aliases instead of the Chinese keywords. */
  english?: boolean;
}

export interface GeneratedResult {
  text: string;
  data: GeneratedTable;
}

/** The field keys in the form's column order, from the one keyword table. */
export { INDICATOR_FIELD_KEYS, INHERITED_KEYS } from '../grammar/src/keywords';

// ---------------------------------------------------------------------------
// PRNG

/** mulberry32: small, fast, good enough for test data. Returns [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    // Mix the seed so that small consecutive seeds give unrelated streams.
    this.next = mulberry32(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ (seed >>> 16));
  }
  float(): number {
    return this.next();
  }
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  /** Pick from [weight, value] pairs. */
  weighted<T>(list: readonly (readonly [number, T])[]): T {
    let total = 0;
    for (const [w] of list) total += w;
    let r = this.next() * total;
    for (const [w, v] of list) {
      r -= w;
      if (r < 0) return v;
    }
    return list[list.length - 1]![1];
  }
}

// ---------------------------------------------------------------------------
// Vocabulary

const DEPARTMENTS = [
  '投资促进局',
  '财政局',
  '教育局',
  '卫生健康委员会',
  '文化广电旅游体育局',
  '生态环境分局',
  '市场监督管理局',
  '应急管理局',
  '住房和城乡建设局',
  '农业农村局',
  '民政局',
  '人力资源和社会保障局',
  '司法局',
  '统计局',
  '城市管理综合执法局',
  '退役军人事务局',
  '医疗保障局',
  '行政审批局',
];

const VERBS = [
  '组织开展',
  '持续推进',
  '加强',
  '深入开展',
  '全面落实',
  '规范',
  '统筹推进',
  '扎实做好',
  '完善',
  '提升',
  '强化',
  '有序推进',
  '积极开展',
  '高质量完成',
  '做好',
  '落实',
];

/** Noun phrases: the things the department does. */
const OBJECTS = [
  '招商推介会',
  '财务人员业务培训',
  '安全生产检查',
  '政务公开信息发布',
  '公共文化活动',
  '农村人居环境整治',
  '老旧小区改造',
  '食品安全抽检',
  '校园安全隐患排查',
  '职业技能培训',
  '困难群众救助',
  '基层医疗卫生服务',
  '森林防火巡查',
  '河道保洁',
  '重点项目建设',
  '企业走访服务',
  '法律援助案件办理',
  '统计数据质量核查',
  '精神文明创建',
  '志愿服务活动',
  '全民健身赛事',
  '图书馆借阅服务',
  '非物质文化遗产保护传承',
  '退役军人服务保障',
  '应急物资储备',
  '消防安全宣传',
  '防汛抗旱应急演练',
  '高标准农田建设',
  '畜禽粪污资源化利用',
  '生活垃圾分类宣传',
  '大气污染防治',
  '地表水水质监测',
  '就业援助',
  '社会保险经办',
  '劳动保障监察',
  '残疾人康复服务',
  '养老服务补贴发放',
  '城乡低保审核',
  '国有资产清查',
  '预算绩效评价',
  '政府采购监管',
  '审计问题整改',
  '档案数字化加工',
  '信访事项办理',
  '网格化服务管理',
  '市容环境秩序整治',
  '道路维修养护',
  '公共自行车运营维护',
  '双招双引',
  '重大活动宣传报道',
];

const SCOPES = [
  '全区',
  '辖区内',
  '各街道（镇）',
  '全市',
  '重点行业领域',
  '各社区',
  '区直各部门',
  '全区中小学',
  '辖区企业',
  '农村地区',
  '开发区',
  '各园区',
];

const PURPOSES = [
  '提高服务质量和群众满意度',
  '保障人民群众生命财产安全',
  '促进经济社会高质量发展',
  '营造良好营商环境',
  '提升精细化管理水平',
  '确保各项工作任务按期完成',
  '增强群众获得感和幸福感',
  '推动各项政策落地见效',
  '防范化解重大风险',
  '改善生态环境质量',
  '提高财政资金使用效益',
  '吸引投资方来开发区投资兴业',
  '巩固拓展脱贫攻坚成果',
  '推进治理体系和治理能力现代化',
];

const MEASURES = [
  '按照年度工作计划分月组织实施',
  '建立工作台账并实行销号管理',
  '定期通报工作进展情况',
  '联合相关部门开展督导检查',
  '委托第三方机构开展评估',
  '对发现的问题限期整改到位',
  '加强与上级部门的沟通协调',
  '通过线上线下相结合的方式开展',
  '统筹安排专项资金予以保障',
  '纳入年度目标责任考核',
];

const OFFICES = [
  '办公室',
  '综合科',
  '财务科',
  '招商联络科',
  '精神文明创建科',
  '政策法规科',
  '规划发展科',
  '安全监管科',
  '社会事务科',
  '宣传教育科',
  '执法监督科',
  '项目管理科',
  '人事科',
  '审计科',
  '信息中心',
  '服务中心',
];

const PROJECTS_SUFFIX = ['专项经费', '工作经费', '项目', '补助资金', '运行维护经费', '专项资金'];

const SOURCES = [
  '年度工作计划',
  '内部统计',
  '规划目标',
  '行业标准',
  '上级文件要求',
  '统计年鉴',
  '统计公报',
];

const EXTRA_SOURCES = [
  '《“十四五”发展规划》',
  '区委区政府年度重点工作安排',
  '上级主管部门考核办法',
  '项目实施方案',
  '历年工作台账',
  '财政部门预算批复',
];

const REMARKS = [
  '本年度新增指标，无历史数据',
  '标准值和历史值均无，该项工作为今年新设',
  '上年值为全年实际完成数',
  '历史值口径调整，仅供参考',
  '指标值根据上级下达任务确定',
  '受政策调整影响，与上年不具可比性',
];

const QUALITATIVE_VALUES = [
  '有效加强',
  '明显提升',
  '持续改善',
  '逐步完善',
  '有效提高',
  '有效整改',
  '完成',
  '显著增强',
  '长期',
  '稳步提升',
  '多评合一,有效优化审批流程',
  '群众安全意识有效提高',
  '营商环境持续优化',
];

const COMMENTS = [
  '数据来源：2021年决算',
  '指标值经局务会审议通过',
  'TODO 与财务科核对上年值',
  '口径同上年',
  '此项与上级考核指标一致',
  '2023年拟调整为季度考核',
];

// ---------------------------------------------------------------------------
// Text helpers

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/g;
function cjkLength(s: string): number {
  return s.match(CJK)?.length ?? 0;
}

function fmtNumber(n: number, decimals: number): string {
  return decimals === 0 ? String(Math.round(n)) : n.toFixed(decimals);
}

/** Build a sentence of clauses joined by '，' until it has between min and max CJK characters. */
function sentence(rng: Rng, min: number, max: number, clause: () => string): string {
  const goal = rng.int(min, max);
  let s = clause();
  for (let guard = 0; cjkLength(s) < goal && guard < 8; guard++) {
    const next = clause();
    if (s.includes(next)) continue;
    if (cjkLength(s) + cjkLength(next) > max) break;
    s += '，' + next;
  }
  // Too short even so (a single short clause): pad with a purpose.
  while (cjkLength(s) < min) s += '，' + rng.pick(PURPOSES);
  return s;
}

// ---------------------------------------------------------------------------
// Indicator kinds: name, category and coherent values

interface Quantity {
  /** Build the text of a quantity around a base number. */
  text(rng: Rng, base: number, strict: boolean): string;
  base(rng: Rng): number;
}

type Kind = 'count' | 'rate' | 'timely' | 'time' | 'cost' | 'effect' | 'effectRate' | 'satisfaction' | 'composite' | 'area' | 'plain';

interface KindInfo {
  metrics: readonly string[];
  categories: readonly string[];
}

const KINDS: Record<Kind, KindInfo> = {
  count: {
    metrics: ['举办次数', '开展次数', '检查次数', '培训人次', '服务人数', '发放份数', '出版期数', '覆盖户数', '完成数量', '宣传场次'],
    categories: ['产出/数量', '产出/数量', '产出/数量', '产出指标/数量指标'],
  },
  rate: {
    metrics: ['完成率', '合格率', '覆盖率', '达标率', '整改率', '办结率', '准确率', '知晓率'],
    categories: ['产出/质量', '产出/质量', '产出·质量', '产出指标/质量指标'],
  },
  timely: {
    metrics: ['完成及时率', '资金拨付及时率', '办结及时率'],
    categories: ['产出/时效'],
  },
  time: {
    metrics: ['办结时限', '响应时间', '处置时限', '审批时限'],
    categories: ['产出/时效', '产出/时效', '产出-时效'],
  },
  cost: {
    metrics: ['资金', '项目经费', '预算执行金额', '补贴发放金额', '成本控制数'],
    categories: ['产出/成本', '产出/成本', '产出指标/成本指标'],
  },
  effect: {
    metrics: ['社会影响', '改善情况', '长效机制建立', '带动作用', '服务水平'],
    categories: ['效益/社会', '效益/社会', '效益/经济', '效益/生态', '效益/可持续影响', '效益指标/社会效益指标'],
  },
  effectRate: {
    metrics: ['群众知晓率', '优良天数比例', '问题复发率下降幅度'],
    categories: ['效益/社会', '效益/生态'],
  },
  satisfaction: {
    metrics: ['服务对象满意度', '群众满意度', '企业满意度', '参训人员满意度'],
    categories: ['满意度', '满意度', '满意度指标'],
  },
  composite: {
    metrics: ['宣传发布量', '媒体报道数量'],
    categories: ['产出/数量'],
  },
  area: {
    metrics: ['建设面积', '治理面积', '绿化面积', '维修长度'],
    categories: ['产出/数量'],
  },
  plain: {
    metrics: ['新增市场主体数量', '引进项目数', '到位资金'],
    categories: ['效益/经济'],
  },
};

const KIND_WEIGHTS: readonly (readonly [number, Kind])[] = [
  [26, 'count'],
  [18, 'rate'],
  [6, 'timely'],
  [5, 'time'],
  [8, 'cost'],
  [12, 'effect'],
  [4, 'effectRate'],
  [10, 'satisfaction'],
  [3, 'composite'],
  [4, 'area'],
  [4, 'plain'],
];

const COUNT_UNITS: Record<string, readonly string[]> = {
  举办次数: ['次', '场'],
  开展次数: ['次', '场次'],
  检查次数: ['次', '家', '户'],
  培训人次: ['人次'],
  服务人数: ['人', '名'],
  发放份数: ['份', '册'],
  出版期数: ['期'],
  覆盖户数: ['户', '家'],
  完成数量: ['个', '项', '件', '处', '座', '套', '台'],
  宣传场次: ['场', '场次'],
};

function ge(rng: Rng): string {
  return rng.weighted([
    [6, '≥'],
    [1, '>='],
    [1, '不低于'],
    [1, '不少于'],
    [1, '至少'],
  ] as const);
}

function le(rng: Rng): string {
  return rng.weighted([
    [6, '≤'],
    [1, '<='],
    [1, '不超过'],
    [1, '不高于'],
  ] as const);
}

/** The five values of one indicator, coherent with each other. */
interface Values {
  target: string;
  plan?: string;
  standard?: string;
  historyAverage?: string;
  lastYear?: string;
}

function percentValue(rng: Rng, base: number, target: boolean): string {
  const v = base >= 100 ? '100' : fmtNumber(base, Number.isInteger(base) || rng.chance(0.7) ? 0 : 1);
  if (!target || v === '100') return `${v}%`;
  return rng.weighted([
    [5, `≥${v}%`],
    [2, `${v}%`],
    [1, `不低于${v}%`],
    [1, `${v}%以上`],
  ] as const);
}

function makeValues(rng: Rng, kind: Kind, metric: string): Values {
  switch (kind) {
    case 'count': {
      const unit = rng.pick(COUNT_UNITS[metric] ?? ['次']);
      const big = unit === '人次' || unit === '份' || unit === '户' || unit === '人' || unit === '册';
      const base = big ? rng.int(2, 400) * 50 : rng.int(1, 60);
      const t = (n: number): string => {
        if (n >= 10000 && rng.chance(0.5)) return `${fmtNumber(n / 10000, n % 10000 === 0 ? 0 : 1)}万${unit}`;
        return `${n}${unit}`;
      };
      const target = rng.weighted([
        [5, t(base)],
        [3, `${ge(rng)}${t(base)}`],
        [2, `${t(base)}以上`],
        [1, `约${t(base)}`],
      ] as const);
      return historyFor(rng, target, () => t(Math.max(1, Math.round(base * (0.7 + rng.float() * 0.4)))));
    }
    case 'rate':
    case 'timely':
    case 'effectRate':
    case 'satisfaction': {
      const base = rng.weighted([
        [4, 100],
        [3, 95],
        [3, 90],
        [1, 85],
        [1, 98],
        [1, 80 + rng.int(0, 19) + (rng.chance(0.3) ? 0.5 : 0)],
      ] as const);
      const target = percentValue(rng, base, true);
      return historyFor(rng, target, () => percentValue(rng, Math.min(100, base - rng.int(0, 6) + rng.float()), false));
    }
    case 'time': {
      const [n, unit] = rng.pick([
        [12, '小时'],
        [24, '小时'],
        [2, '小时'],
        [3, '个工作日'],
        [5, '个工作日'],
        [15, '天'],
        [30, '天'],
        [7, '日'],
        [1, '周'],
        [3, '个月'],
      ] as const);
      const target = rng.weighted([
        [4, `${le(rng)}${n}${unit}`],
        [2, `${n}${unit}以内`],
        [1, `${n}${unit}`],
        [1, `不超过${n}${unit}`],
      ] as const);
      return historyFor(rng, target, () => `${n}${unit}`);
    }
    case 'cost': {
      const yuan = rng.weighted([
        [3, rng.int(5, 900) * 10000 + rng.int(0, 99) * 100],
        [2, rng.int(1000, 60000) * 10000 + rng.int(0, 99) * 100],
        [1, rng.int(10, 200) * 1000000],
      ] as const);
      const t = (y: number): string => {
        if (y >= 1e8 && rng.chance(0.6)) return `${fmtNumber(y / 1e8, 2).replace(/\.?0+$/, '')}亿${rng.chance(0.7) ? '元' : ''}`;
        const wan = fmtNumber(y / 1e4, 2).replace(/\.?0+$/, '');
        return rng.chance(0.6) ? `${wan}万元` : `${wan}万`;
      };
      const target = rng.weighted([
        [4, t(yuan)],
        [2, `${le(rng)}${t(yuan)}`],
        [1, `${t(yuan)}以内`],
      ] as const);
      return historyFor(rng, target, () => t(Math.round((yuan * (0.8 + rng.float() * 0.3)) / 100) * 100));
    }
    case 'effect': {
      const target = rng.pick(QUALITATIVE_VALUES);
      return historyFor(rng, target, () => rng.pick(['/', rng.pick(QUALITATIVE_VALUES)]));
    }
    case 'composite': {
      const parts = rng.chance(0.5)
        ? [
            ['公众号', rng.int(100, 400), '期'],
            ['抖音', rng.int(20, 300), '条'],
            ['快手', rng.int(10, 80), '条'],
          ]
        : [
            ['电视播放时长', rng.int(10, 90) * 100, '小时'],
            ['专题片', rng.int(1, 9), '个'],
          ];
      const sep = rng.chance(0.8) ? '；' : '，';
      const colon = rng.chance(0.8) ? '：' : ':';
      const target = parts.map(([l, n, u]) => `${l}${colon}${n}${u}`).join(sep);
      return historyFor(rng, target, () =>
        parts.map(([l, n, u]) => `${l}${colon}${Math.round((n as number) * (0.7 + rng.float() * 0.4))}${u}`).join(sep),
      );
    }
    case 'area': {
      const [n, unit] = rng.pick([
        [rng.int(1, 50) * 1000, '亩'],
        [fmtNumber(rng.int(5, 200) / 10, 1), '万平方米'],
        [rng.int(2, 80) * 100, '平方米'],
        [rng.int(5, 120), '公里'],
        [rng.int(2, 40) * 100, '米'],
        [rng.int(1, 30), '公顷'],
      ] as const);
      const target = rng.chance(0.5) ? `${ge(rng)}${n}${unit}` : `${n}${unit}`;
      return historyFor(rng, target, () => `${n}${unit}`);
    }
    case 'plain': {
      const target = rng.pick([`${rng.int(1, 9)}万`, `${rng.int(10, 900)}`, `≥${rng.int(2, 60)}`, `${fmtNumber(rng.int(10, 300) / 10, 1)}万`]);
      return historyFor(rng, target, () => `${rng.int(10, 900)}`);
    }
  }
}

function historyFor(rng: Rng, target: string, hist: () => string): Values {
  const v: Values = { target };
  // 规划值: often not on the form, or '/'.
  if (rng.chance(0.55)) v.plan = rng.chance(0.5) ? '/' : target;
  // 标准值: usually given.
  if (rng.chance(0.85)) v.standard = rng.chance(0.15) ? '/' : rng.chance(0.6) ? target : hist();
  // History: new indicators have none.
  if (rng.chance(0.8)) {
    const isNew = rng.chance(0.12);
    v.historyAverage = isNew ? rng.pick(['/', '／', '无', '—']) : hist();
    v.lastYear = isNew ? '/' : hist();
  }
  return v;
}

// ---------------------------------------------------------------------------
// Generation

class Builder {
  readonly lines: string[] = [];
  constructor(private readonly english: boolean) {}

  field(indent: number, key: FieldKey, text: string): void {
    const info = KEYWORD_BY_KEY[key];
    const kw = this.english ? info.en : info.zh;
    const pad = ' '.repeat(indent);
    const parts = text.split('\n');
    this.lines.push(parts[0] === '' ? `${pad}${kw}` : `${pad}${kw} ${parts[0]}`);
    for (let i = 1; i < parts.length; i++) this.lines.push(`${pad}  + ${parts[i]}`);
  }

  comment(indent: number, text: string): void {
    this.lines.push(`${' '.repeat(indent)}# ${text}`);
  }

  blank(): void {
    this.lines.push('');
  }

  inherited(indent: number, level: GeneratedInherited): void {
    for (const key of INHERITED_KEYS) for (const t of level[key]) this.field(indent, key, t);
  }
}

function emptyInherited(): GeneratedInherited {
  return { activity: [], project: [], office: [] };
}

class TableGenerator {
  private remaining: number;
  private readonly b: Builder;
  private readonly dept: string;

  constructor(
    private readonly rng: Rng,
    indicators: number,
    english: boolean,
  ) {
    this.remaining = Math.max(0, Math.floor(indicators));
    this.b = new Builder(english);
    this.dept = rng.pick(DEPARTMENTS);
  }

  run(): GeneratedResult {
    const { rng, b } = this;
    const year = String(rng.int(2019, 2025));
    b.comment(0, `${this.dept} ${year}`);
    b.field(0, 'department', this.dept);
    b.field(0, 'year', year);
    const data: GeneratedTable = { department: this.dept, year, duties: [] };
    let n = 1;
    while (this.remaining > 0) data.duties.push(this.duty(n++));
    return { text: b.lines.join('\n') + '\n', data };
  }

  private objectText(): string {
    return this.rng.pick(OBJECTS);
  }

  private activityText(): string {
    const { rng } = this;
    if (rng.chance(0.06)) {
      // Enumerated activities, written on continuation lines.
      const count = rng.int(2, 4);
      const lines: string[] = [];
      for (let i = 1; i <= count; i++) {
        const last = i === count;
        lines.push(`${i}、${rng.pick(VERBS)}${rng.pick(OBJECTS)}${rng.int(2, 30)}次${last ? '' : '；'}`);
      }
      return lines.join('\n');
    }
    return sentence(rng, 10, 60, () =>
      rng.weighted([
        [3, () => `${rng.pick(SCOPES)}${rng.pick(VERBS)}${rng.pick(OBJECTS)}`],
        [2, () => `${rng.pick(VERBS)}${rng.pick(OBJECTS)}${rng.int(2, 40)}次`],
        [2, () => rng.pick(MEASURES)],
        [2, () => rng.pick(PURPOSES)],
      ] as const)(),
    );
  }

  private explanationText(obj: string, metric: string, kind: Kind): string {
    const { rng } = this;
    const first = rng.pick([
      `反映${obj}${metric}情况`,
      `${rng.pick(SCOPES)}计划${rng.pick(VERBS)}${obj}的${metric}`,
      kind === 'rate' || kind === 'timely'
        ? `${obj}实际完成数量占计划数量的比例`
        : `${rng.pick(SCOPES)}${obj}${metric}`,
      kind === 'satisfaction' ? `通过问卷调查了解服务对象对${obj}的满意程度` : `考核${obj}工作成效`,
    ]);
    let s = first;
    const goal = rng.int(10, 60);
    for (let guard = 0; cjkLength(s) < goal && guard < 10; guard++) {
      const next = rng.chance(0.5) ? rng.pick(MEASURES) : rng.pick(PURPOSES);
      if (s.includes(next)) continue;
      if (cjkLength(s) + cjkLength(next) > 60) break;
      s += '，' + next;
    }
    if ((kind === 'rate' || kind === 'timely') && rng.chance(0.1)) {
      s += '\n' + `计算公式：${metric}=实际完成数/计划完成数×100%`;
    }
    return s;
  }

  private offices(): string[] {
    const { rng } = this;
    const first = rng.pick(OFFICES);
    if (!rng.chance(0.15)) return [first];
    let second = rng.pick(OFFICES);
    if (second === first) second = '办公室';
    return second === first ? [first] : [first, second];
  }

  private project(obj: string): string {
    return `${obj}${this.rng.pick(PROJECTS_SUFFIX)}`;
  }

  private duty(n: number): GeneratedDuty {
    const { rng, b } = this;
    const obj = this.objectText();
    const title =
      rng.chance(0.6)
        ? `${rng.pick(VERBS)}${obj}，${rng.pick(PURPOSES)}`
        : `${rng.pick(VERBS)}${obj}`;
    const duty: GeneratedDuty = { ...emptyInherited(), number: String(n), title, objectives: [], items: [] };
    if (rng.chance(0.1)) delete duty.number;
    duty.project.push(this.project(obj));
    if (rng.chance(0.3)) duty.project.push(this.project(this.objectText()));
    duty.office.push(...this.offices());
    if (rng.chance(0.3)) duty.activity.push(this.activityText());

    b.blank();
    b.field(0, 'duty', duty.number === undefined ? title : `${duty.number} ${title}`);
    b.inherited(2, duty);

    const shape = rng.weighted([
      [6, 'direct'],
      [3, 'items'],
      [1, 'both'],
    ] as const);
    if (shape !== 'items') {
      const count = rng.int(1, 4);
      for (let i = 0; i < count && this.remaining > 0; i++) duty.objectives.push(this.objective(2));
    }
    if (shape !== 'direct') {
      const count = rng.int(1, 3);
      for (let i = 0; i < count && this.remaining > 0; i++) duty.items.push(this.item());
    }
    return duty;
  }

  private item(): GeneratedItem {
    const { rng, b } = this;
    const title = sentence(rng, 8, 30, () => `${rng.pick(VERBS)}${rng.pick(OBJECTS)}`);
    const item: GeneratedItem = { ...emptyInherited(), title, objectives: [] };
    if (rng.chance(0.4)) item.activity.push(this.activityText());
    if (rng.chance(0.2)) item.office.push(...this.offices());
    b.field(2, 'item', title);
    b.inherited(4, item);
    const count = rng.int(1, 3);
    for (let i = 0; i < count && this.remaining > 0; i++) item.objectives.push(this.objective(4));
    return item;
  }

  private objective(indent: number): GeneratedObjective {
    const { rng, b } = this;
    const title = sentence(rng, 10, 40, () =>
      rng.chance(0.5) ? `${rng.pick(VERBS)}${rng.pick(OBJECTS)}` : rng.pick(PURPOSES),
    );
    const o: GeneratedObjective = { ...emptyInherited(), title, indicators: [] };
    if (rng.chance(0.85)) {
      o.activity.push(this.activityText());
      if (rng.chance(0.15)) o.activity.push(this.activityText());
    }
    if (rng.chance(0.1)) o.project.push(this.project(this.objectText()));
    b.field(indent, 'objective', title);
    b.inherited(indent + 2, o);
    const count = Math.min(this.remaining, rng.int(2, 8));
    for (let i = 0; i < count; i++) o.indicators.push(this.indicator(indent + 2));
    return o;
  }

  private indicator(indent: number): GeneratedIndicator {
    const { rng, b } = this;
    this.remaining--;
    const kind = rng.weighted(KIND_WEIGHTS);
    const info = KINDS[kind];
    const metric = rng.pick(info.metrics);
    const obj = this.objectText();
    const name = `${obj}${metric}`;
    const ind: GeneratedIndicator = { ...emptyInherited(), name };

    if (rng.chance(0.92)) ind.category = rng.pick(info.categories);
    ind.explanation = this.explanationText(obj, metric, kind);
    const v = makeValues(rng, kind, metric);
    ind.target = v.target;
    if (v.plan !== undefined) ind.plan = v.plan;
    if (v.standard !== undefined) {
      ind.standard = v.standard;
      ind.standardSource = v.standard === '/' ? '/' : rng.chance(0.85) ? rng.pick(SOURCES) : rng.pick(EXTRA_SOURCES);
    }
    if (v.historyAverage !== undefined) ind.historyAverage = v.historyAverage;
    if (v.lastYear !== undefined) ind.lastYear = v.lastYear;
    if (v.historyAverage !== undefined || v.lastYear !== undefined) {
      ind.historySource = v.lastYear === '/' ? '/' : rng.chance(0.9) ? rng.pick(SOURCES) : rng.pick(EXTRA_SOURCES);
    }
    if (rng.chance(0.12)) ind.remark = rng.pick(REMARKS);
    else if (rng.chance(0.02)) ind.remark = '';

    // Per-indicator overrides of the inherited fields.
    if (rng.chance(0.15)) ind.activity.push(this.activityText());
    if (rng.chance(0.08)) ind.office.push(...this.offices());
    if (rng.chance(0.04)) ind.project.push(this.project(obj));

    if (rng.chance(0.04)) b.comment(indent, rng.pick(COMMENTS));
    b.field(indent, 'indicator', name);
    const fi = indent + 2;
    for (const key of INDICATOR_FIELD_KEYS) {
      const t = ind[key];
      if (t !== undefined) b.field(fi, key, t);
    }
    b.inherited(fi, ind);
    return ind;
  }
}

/** Generate a table with exactly `opts.indicators` indicators. */
export function generateTable(opts: GenerateOptions): GeneratedResult {
  const rng = new Rng(opts.seed ?? 1);
  return new TableGenerator(rng, opts.indicators, opts.english ?? false).run();
}

/** UTF-8 byte length of a string. */
export function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/**
 * Generate a table of about `bytes` UTF-8 bytes (within a few percent for
 * sizes above a few kilobytes). Returns the indicator count it settled on.
 */
export function generateTableOfSize(
  bytes: number,
  seed = 1,
  english = false,
): GeneratedResult & { indicators: number } {
  // Measure the bytes per indicator on a sample, then refine once on the real size.
  const sampleN = Math.max(50, Math.min(500, Math.round(bytes / 500)));
  const sample = utf8Length(generateTable({ indicators: sampleN, seed, english }).text);
  let n = Math.max(1, Math.round((bytes / sample) * sampleN));
  let result = generateTable({ indicators: n, seed, english });
  const size = utf8Length(result.text);
  if (Math.abs(size - bytes) / bytes > 0.02) {
    n = Math.max(1, Math.round((n * bytes) / size));
    result = generateTable({ indicators: n, seed, english });
  }
  return { ...result, indicators: n };
}
