/**
 * The TextMate grammar (syntaxes/ttab.tmLanguage.json) repeats what the
 * language core defines: every keyword, Chinese and English, and the unit
 * catalog's units. This keeps the two in step: each keyword line and each
 * unit after a number must be matched by the grammar's own patterns.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_KEYWORDS, defaultUnitCatalog, keywordForms } from '../grammar/src/index';

interface Rule {
  match?: string;
  begin?: string;
  patterns?: Rule[];
  include?: string;
}

const grammar = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'syntaxes', 'ttab.tmLanguage.json'), 'utf8')) as {
  patterns: Rule[];
  repository: Record<string, Rule>;
};

/** Every `match`/`begin` regex of the grammar (Oniguruma syntax; the ones used here are also valid in JavaScript). */
function regexes(): RegExp[] {
  const out: RegExp[] = [];
  const visit = (rule: Rule) => {
    for (const source of [rule.match, rule.begin]) {
      if (source) out.push(new RegExp(source));
    }
    rule.patterns?.forEach(visit);
  };
  Object.values(grammar.repository).forEach(visit);
  return out;
}

describe('TextMate grammar in step with the language core', () => {
  const all = regexes();

  it.each(ALL_KEYWORDS.flatMap(keywordForms))('highlights the keyword %s at a line start', (keyword) => {
    const line = `    ${keyword} 文字`;
    const matched = all.some((re) => {
      const m = re.exec(line);
      return m !== null && m.slice(1).includes(keyword);
    });
    expect(matched).toBe(true);
  });

  it('knows every unit of the catalog after a number', () => {
    const source = JSON.stringify(grammar);
    const missing = defaultUnitCatalog.units.map((u) => u.unit).filter((unit) => !source.includes(unit));
    expect(missing).toEqual([]);
  });
});
