/**
 * The semantic diff as a reader sees it: plain text (terminal, `git diff` external driver),
 * Markdown (a pull-request comment), JSON (tools), and an HTML fragment (the VS Code webview).
 * The wording is built once, per locale, as a small view model of segments; each format only
 * escapes and lays it out — so the four always say the same thing.
 */
import { KEYWORD_BY_KEY, type InheritedKey, type Message, type ValueKey, type TextKey } from '../grammar/src/index';
import { type Locale, localize } from '../service/index';
import { escapeHtml } from '../report/escape';
import { hasChanges, type BlockChange, type BlockDiff, type IndicatorChange, type IndicatorDiff, type Lines, type Place, type Relation, type TableDiff } from './diff';

/** One compared pair of files: how to name each side, an optional note (e.g. "not in HEAD"), and the diff. */
export interface FileDiff {
  old: string;
  new: string;
  note?: Message;
  diff: TableDiff;
}

// ---------------------------------------------------------------------------
// Wording


const RELATION_NAMES: Record<Relation, Message> = {
  above: { zh: '高于', en: 'above' },
  equal: { zh: '等于', en: 'equal to' },
  below: { zh: '低于', en: 'below' },
};

const STATUS_NAMES: Record<IndicatorDiff['status'], Message> = {
  added: { zh: '新增', en: 'added' },
  removed: { zh: '删除', en: 'removed' },
  changed: { zh: '修改', en: 'changed' },
};

/** Longer texts (or several lines) are shown as a − / + pair instead of `old → new`. */
const INLINE_LIMIT = 40;
const PLACE_PART_LIMIT = 24;

type Mark = IndicatorDiff['status'];

/** A run of text; `value` is table text shown as written (code in Markdown/HTML), `name` a name in bold. */
interface Segment {
  text: string;
  as?: 'value' | 'name';
}

interface Detail {
  segments: Segment[];
  /** A long text change, shown below the line as − old / + new. */
  block?: { old: string | null; new: string | null };
}

interface Entry {
  mark: Mark;
  head: Segment[];
  where: string | null;
  lines: Lines;
  details: Detail[];
}

interface Section {
  title: string;
  entries: Entry[];
}

interface FileView {
  title: string;
  old: string;
  new: string;
  notes: string[];
  summary: string | null;
  sections: Section[];
  changed: boolean;
}

const plain = (text: string): Segment => ({ text });
const value = (text: string): Segment => ({ text, as: 'value' });
const name = (text: string): Segment => ({ text, as: 'name' });

function colon(locale: Locale): string {
  return locale === 'zh' ? '：' : ': ';
}

function paren(text: string, locale: Locale): string {
  return locale === 'zh' ? `（${text}）` : ` (${text})`;
}

function excerpt(text: string, max = PLACE_PART_LIMIT): string {
  const first = text.split('\n')[0]!;
  return first.length > max || first.length < text.length ? `${first.slice(0, max)}…` : first;
}

function placeText(place: Place | null, locale: Locale): string | null {
  if (!place) return null;
  const duty = `${localize(KEYWORD_BY_KEY.duty.label, locale)}${place.dutyNumber ? ` ${place.dutyNumber}` : ''} ${excerpt(place.duty)}`;
  return [duty, place.item, place.objective]
    .filter((p): p is string => p !== null)
    .map((p, i) => (i === 0 ? p : excerpt(p)))
    .join(' › ');
}

function indicatorCount(n: number, locale: Locale): string {
  return locale === 'zh' ? `${n} 个指标` : `${n} ${n === 1 ? 'indicator' : 'indicators'}`;
}

function linesText(lines: Lines, locale: Locale): string {
  if (lines.old !== undefined && lines.new !== undefined) {
    return lines.old === lines.new
      ? localize({ zh: `第 ${lines.new} 行`, en: `line ${lines.new}` }, locale)
      : localize({ zh: `第 ${lines.old} → ${lines.new} 行`, en: `line ${lines.old} → ${lines.new}` }, locale);
  }
  if (lines.new !== undefined) return localize({ zh: `第 ${lines.new} 行`, en: `line ${lines.new}` }, locale);
  return localize({ zh: `原第 ${lines.old ?? 0} 行`, en: `old line ${lines.old ?? 0}` }, locale);
}

function list(items: readonly string[], locale: Locale): string {
  return items.length === 0 ? localize({ zh: '（无）', en: '(none)' }, locale) : items.join(locale === 'zh' ? '、' : '; ');
}

function isShort(text: string | null): boolean {
  return text === null || (text.length <= INLINE_LIMIT && !text.includes('\n'));
}

/** `label: old → new`, `label: added X`, `label: removed (was X)`, or a − / + block for long text. */
function textChange(label: string, before: string | null, after: string | null, locale: Locale): Detail {
  const head = `${label}${colon(locale)}`;
  if (!isShort(before) || !isShort(after)) return { segments: [plain(label)], block: { old: before, new: after } };
  if (before === null) return { segments: [plain(head + localize({ zh: '新增 ', en: 'added ' }, locale)), value(after ?? '')] };
  if (after === null) return { segments: [plain(head + localize({ zh: '删除（原为 ', en: 'removed (was ' }, locale)), value(before), plain(localize({ zh: '）', en: ')' }, locale))] };
  return { segments: [plain(head), value(before), plain(' → '), value(after)] };
}

function indicatorDetail(change: IndicatorChange, locale: Locale): Detail {
  switch (change.kind) {
    case 'renamed':
      return { segments: [plain(localize({ zh: '改名：', en: 'renamed: ' }, locale)), name(change.old), plain(' → '), name(change.new)] };
    case 'moved':
      return { segments: [plain(`${localize({ zh: '移动：', en: 'moved: ' }, locale)}${placeText(change.old, locale)} → ${placeText(change.new, locale)}`)] };
    case 'value': {
      const detail = textChange(localize(KEYWORD_BY_KEY[change.key].label, locale), change.old, change.new, locale);
      if (change.equivalent) detail.segments.push(plain(paren(localize({ zh: '含义相同', en: 'same meaning' }, locale), locale)));
      else if (change.delta) detail.segments.push(plain(`${locale === 'zh' ? '，' : ', '}${localize(change.delta, locale)}`));
      return detail;
    }
    case 'relation': {
      const verdict = change.better === null ? '' : paren(localize(change.better ? { zh: '变好', en: 'better' } : { zh: '变差', en: 'worse' }, locale), locale);
      const reference = localize(KEYWORD_BY_KEY[change.key].label, locale);
      return {
        segments: [
          plain(
            localize(
              {
                zh: `指标值相对${reference}：由${RELATION_NAMES[change.old].zh}变为${RELATION_NAMES[change.new].zh}${verdict}`,
                en: `target vs ${reference}: was ${RELATION_NAMES[change.old].en}, now ${RELATION_NAMES[change.new].en}${verdict}`,
              },
              locale,
            ),
          ),
        ],
      };
    }
    case 'text':
      return textChange(localize(KEYWORD_BY_KEY[change.key].label, locale), change.old, change.new, locale);
    case 'inherited':
      return {
        segments: [plain(`${localize(KEYWORD_BY_KEY[change.key].label, locale)}${colon(locale)}`), value(list(change.old, locale)), plain(' → '), value(list(change.new, locale))],
      };
  }
}

function blockDetail(change: BlockChange, locale: Locale): Detail {
  switch (change.kind) {
    case 'renamed':
      return { segments: [plain(localize({ zh: '改名：', en: 'renamed: ' }, locale)), name(change.old), plain(' → '), name(change.new)] };
    case 'renumbered': {
      const none = localize({ zh: '无', en: 'none' }, locale);
      return { segments: [plain(`${localize({ zh: '序号：', en: 'number: ' }, locale)}${change.old ?? none} → ${change.new ?? none}`)] };
    }
    case 'moved':
      return { segments: [plain(`${localize({ zh: '移动：', en: 'moved: ' }, locale)}${placeText(change.old, locale)} → ${placeText(change.new, locale)}`)] };
  }
}

function blockEntry(block: BlockDiff, locale: Locale): Entry {
  const level = localize(KEYWORD_BY_KEY[block.level].label, locale);
  const head: Segment[] = [plain(`${level} `)];
  if (block.number) head.push(plain(`${block.number} `));
  head.push(name(block.title));
  if (block.status !== 'changed') {
    head.push(plain(paren(indicatorCount(block.indicators, locale), locale)));
  }
  return {
    mark: block.status,
    head,
    where: placeText(block.place, locale),
    lines: block.lines,
    details: block.changes.map((c) => blockDetail(c, locale)),
  };
}

function indicatorEntry(indicator: IndicatorDiff, locale: Locale): Entry {
  const details = indicator.changes.map((c) => indicatorDetail(c, locale));
  if (indicator.status !== 'changed') {
    details.push({ segments: [plain(`${localize(KEYWORD_BY_KEY.target.label, locale)}${colon(locale)}`), value(indicator.target ?? localize({ zh: '（无）', en: '(none)' }, locale))] });
  }
  return { mark: indicator.status, head: [name(indicator.name)], where: placeText(indicator.place, locale), lines: indicator.lines, details };
}

function summaryText(diff: TableDiff, locale: Locale): string {
  const s = diff.summary;
  if (locale === 'zh') {
    const extra = [s.renamed ? `改名 ${s.renamed}` : '', s.moved ? `移动 ${s.moved}` : ''].filter(Boolean).join('，');
    return `指标：修改 ${s.changed}${extra ? `（${extra}）` : ''}，新增 ${s.added}，删除 ${s.removed}，未变 ${s.unchanged}`;
  }
  const extra = [s.renamed ? `${s.renamed} renamed` : '', s.moved ? `${s.moved} moved` : ''].filter(Boolean).join(', ');
  return `indicators: ${s.changed} changed${extra ? ` (${extra})` : ''}, ${s.added} added, ${s.removed} removed, ${s.unchanged} unchanged`;
}

function tableTitle(diff: TableDiff, locale: Locale): string {
  const side = diff.new.department || diff.new.year ? diff.new : diff.old;
  const department = side.department ?? localize({ zh: '（未写部门）', en: '(no department)' }, locale);
  return side.year ? `${department} ${side.year}` : department;
}

function viewOf(file: FileDiff, locale: Locale): FileView {
  const { diff } = file;
  const notes: string[] = [];
  if (file.note) notes.push(localize(file.note, locale));
  const sides = new Set(diff.errors.map((e) => e.side));
  for (const side of ['old', 'new'] as const) {
    if (!sides.has(side)) continue;
    const errors = diff.errors.filter((e) => e.side === side);
    const first = errors[0]!;
    const label = side === 'old' ? file.old : file.new;
    notes.push(
      localize(
        {
          zh: `${label} 有 ${errors.length} 处语法错误（第一处在第 ${first.line} 行：${first.code} ${first.message.zh}），差异只含能读出的部分`,
          en: `${label} has ${errors.length} syntax ${errors.length === 1 ? 'error' : 'errors'} (the first on line ${first.line}: ${first.code} ${first.message.en}); the diff covers what could be read`,
        },
        locale,
      ),
    );
  }
  const sections: Section[] = [];
  if (diff.header.length) {
    const entry = (h: TableDiff['header'][number]): Entry => {
      const change = textChange(localize(h.key === 'department' ? { zh: '部门', en: 'department' } : { zh: '年度', en: 'year' }, locale), h.old, h.new, locale);
      return { mark: 'changed', head: change.segments, where: null, lines: {}, details: change.block ? [change] : [] };
    };
    sections.push({ title: localize({ zh: '表头', en: 'Header' }, locale), entries: diff.header.map(entry) });
  }
  if (diff.blocks.length) {
    sections.push({ title: localize({ zh: '职责、事项与目标', en: 'Duties, sub-duties and objectives' }, locale), entries: diff.blocks.map((b) => blockEntry(b, locale)) });
  }
  if (diff.indicators.length) {
    sections.push({ title: localize({ zh: '指标', en: 'Indicators' }, locale), entries: diff.indicators.map((i) => indicatorEntry(i, locale)) });
  }
  const changed = hasChanges(diff);
  return {
    title: tableTitle(diff, locale),
    old: file.old,
    new: file.new,
    notes,
    summary: changed ? summaryText(diff, locale) : null,
    sections,
    changed,
  };
}

function noChanges(locale: Locale): string {
  return localize({ zh: '没有语义变化', en: 'no semantic changes' }, locale);
}

// ---------------------------------------------------------------------------
// Text

const TEXT_MARK: Record<Mark, string> = { added: '+', removed: '-', changed: '~' };

function oneLine(text: string): string {
  return text.replace(/\r?\n/g, ' ⏎ ');
}

function textSegments(segments: readonly Segment[]): string {
  return segments.map((s) => oneLine(s.text)).join('');
}

export function renderText(files: readonly FileDiff[], locale: Locale): string {
  const out: string[] = [];
  for (const file of files) {
    const view = viewOf(file, locale);
    if (out.length) out.push('');
    out.push(`${view.title} · ${view.old} → ${view.new}`);
    for (const note of view.notes) out.push(`! ${oneLine(note)}`);
    out.push(view.summary ?? noChanges(locale));
    for (const section of view.sections) {
      out.push('', `${section.title}${colon(locale).trimEnd()}`);
      for (const entry of section.entries) {
        const where = entry.where ? ` 〔${oneLine(entry.where)}〕` : '';
        const lines = entry.lines.old !== undefined || entry.lines.new !== undefined ? `  ${linesText(entry.lines, locale)}` : '';
        out.push(`  ${TEXT_MARK[entry.mark]} ${localize(STATUS_NAMES[entry.mark], locale)} ${textSegments(entry.head)}${where}${lines}`);
        for (const detail of entry.details) {
          out.push(`      ${textSegments(detail.segments)}${detail.block ? colon(locale).trimEnd() : ''}`);
          if (detail.block) {
            if (detail.block.old !== null) for (const l of detail.block.old.split('\n')) out.push(`        - ${l}`);
            if (detail.block.new !== null) for (const l of detail.block.new.split('\n')) out.push(`        + ${l}`);
          }
        }
      }
    }
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------
// Markdown

/** User text in Markdown: shown as written, never as markup or HTML. */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>|~&!]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

function codeSpan(text: string): string {
  const t = oneLine(text);
  // a value with a backtick cannot sit in a plain code span; escape it as text instead
  if (t.includes('`') || t.trim() === '') return escapeMarkdown(t);
  return `\`${t}\``;
}

function mdSegments(segments: readonly Segment[]): string {
  return segments.map((s) => (s.as === 'value' ? codeSpan(s.text) : s.as === 'name' ? `**${escapeMarkdown(s.text)}**` : escapeMarkdown(s.text))).join('');
}

export function renderMarkdown(files: readonly FileDiff[], locale: Locale): string {
  const out: string[] = [`## ${localize({ zh: '绩效目标表语义差异', en: 'Semantic diff of the target tables' }, locale)}`];
  for (const file of files) {
    const view = viewOf(file, locale);
    out.push('', `### ${escapeMarkdown(view.title)} · ${codeSpan(view.old)} → ${codeSpan(view.new)}`, '');
    for (const note of view.notes) out.push(`> ${escapeMarkdown(note)}`, '');
    out.push(view.summary ? `**${escapeMarkdown(view.summary)}**` : `_${escapeMarkdown(noChanges(locale))}_`);
    for (const section of view.sections) {
      out.push('', `#### ${escapeMarkdown(section.title)}`, '');
      for (const entry of section.entries) {
        const where = entry.where ? ` · ${escapeMarkdown(entry.where)}` : '';
        const lines = entry.lines.old !== undefined || entry.lines.new !== undefined ? ` _(${escapeMarkdown(linesText(entry.lines, locale))})_` : '';
        out.push(`- **${escapeMarkdown(localize(STATUS_NAMES[entry.mark], locale))}** ${mdSegments(entry.head)}${where}${lines}`);
        for (const detail of entry.details) {
          out.push(`  - ${mdSegments(detail.segments)}`);
          if (detail.block) {
            out.push('', '    ```diff');
            if (detail.block.old !== null) for (const l of detail.block.old.split('\n')) out.push(`    - ${l.replace(/`/g, 'ˋ')}`);
            if (detail.block.new !== null) for (const l of detail.block.new.split('\n')) out.push(`    + ${l.replace(/`/g, 'ˋ')}`);
            out.push('    ```', '');
          }
        }
      }
    }
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------
// JSON

export function renderJson(files: readonly FileDiff[]): string {
  const json = {
    changed: files.some((f) => hasChanges(f.diff)),
    files: files.map((f) => ({ oldFile: f.old, newFile: f.new, note: f.note ?? null, changed: hasChanges(f.diff), ...f.diff })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

// ---------------------------------------------------------------------------
// HTML (the body of the VS Code webview; the page around it sets the CSP)

function htmlSegments(segments: readonly Segment[]): string {
  return segments
    .map((s) => (s.as === 'value' ? `<code>${escapeHtml(oneLine(s.text))}</code>` : s.as === 'name' ? `<strong>${escapeHtml(oneLine(s.text))}</strong>` : escapeHtml(oneLine(s.text))))
    .join('');
}

/** A link that asks the page's script to reveal a line (1-based) of one side; plain text when there is no line. */
function revealLink(lines: Lines, locale: Locale): string {
  const text = escapeHtml(linesText(lines, locale));
  const side = lines.new !== undefined ? 'new' : lines.old !== undefined ? 'old' : null;
  if (side === null) return '';
  const line = side === 'new' ? lines.new! : lines.old!;
  return `<a class="reveal" href="#" data-side="${side}" data-line="${line}">${text}</a>`;
}

/**
 * The diff of one pair of files as an HTML fragment: every piece of table text escaped; links to
 * lines are `<a class="reveal" data-side="old|new" data-line="N">`, for the page's script.
 */
export function renderHtml(file: FileDiff, locale: Locale): string {
  const view = viewOf(file, locale);
  const out: string[] = [`<section class="diff">`, `<h1>${escapeHtml(view.title)}</h1>`, `<p class="files"><code>${escapeHtml(view.old)}</code> → <code>${escapeHtml(view.new)}</code></p>`];
  for (const note of view.notes) out.push(`<p class="note">${escapeHtml(note)}</p>`);
  out.push(`<p class="summary">${escapeHtml(view.summary ?? noChanges(locale))}</p>`);
  for (const section of view.sections) {
    out.push(`<h2>${escapeHtml(section.title)}</h2>`, '<ul class="entries">');
    for (const entry of section.entries) {
      const where = entry.where ? ` <span class="where">${escapeHtml(entry.where)}</span>` : '';
      out.push(
        `<li class="${entry.mark}"><span class="mark">${escapeHtml(localize(STATUS_NAMES[entry.mark], locale))}</span> ${htmlSegments(entry.head)}${where} ${revealLink(entry.lines, locale)}`,
      );
      if (entry.details.length) {
        out.push('<ul class="details">');
        for (const detail of entry.details) {
          let block = '';
          if (detail.block) {
            const del = detail.block.old !== null ? `<del>${escapeHtml(detail.block.old)}</del>` : '';
            const ins = detail.block.new !== null ? `<ins>${escapeHtml(detail.block.new)}</ins>` : '';
            block = `<div class="block">${del}${ins}</div>`;
          }
          out.push(`<li>${htmlSegments(detail.segments)}${block}</li>`);
        }
        out.push('</ul>');
      }
      out.push('</li>');
    }
    out.push('</ul>');
  }
  out.push('</section>');
  return out.join('\n');
}
