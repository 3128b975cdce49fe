/**
 * The nine real tables of examples/ against what was read from the seed
 * (test/fixtures/seed-targets/<部门>.json): number of indicators and the
 * exact list of target values, and every table parses without errors.
 * And their findings: exactly those a reviewer of the finance bureau would
 * raise, listed by hand in test/fixtures/example-findings/<部门>-<年度>.txt
 * (precision: a new finding on a real table fails until someone agrees with it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { indicatorsOf, parse } from '../grammar/src/index';
import { validate } from '../service/index';

const examplesDir = path.resolve(__dirname, '..', 'examples');
const fixturesDir = path.resolve(__dirname, 'fixtures', 'seed-targets');
const findingsDir = path.resolve(__dirname, 'fixtures', 'example-findings');
const seedDir = path.resolve(__dirname, '..', '..', 'shared', 'seed');

interface SeedTargets {
  department: string;
  year: number;
  indicators: number;
  targets: string[];
}

const fixtures = fs
  .readdirSync(fixturesDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(fixturesDir, f), 'utf8')) as SeedTargets);

describe('examples/', () => {
  it('holds one table per seed department, named <部门>-<年度>.ttab', () => {
    const examples = fs.readdirSync(examplesDir).filter((f) => f.endsWith('.ttab')).sort();
    expect(examples).toEqual(fixtures.map((f) => `${f.department}-${f.year}.ttab`).sort());
    expect(fixtures).toHaveLength(9);
    if (fs.existsSync(seedDir)) {
      const seeds = fs.readdirSync(seedDir).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, '')).sort();
      expect(fixtures.map((f) => f.department).sort()).toEqual(seeds);
    }
  });

  describe.each(fixtures)('$department', (fixture) => {
    const text = fs.readFileSync(path.join(examplesDir, `${fixture.department}-${fixture.year}.ttab`), 'utf8');
    const { ast, errors } = parse(text);

    it('parses without syntax errors, header as in the seed title', () => {
      expect(errors).toEqual([]);
      expect(ast.department?.text).toBe(fixture.department);
      expect(ast.year?.text).toBe(String(fixture.year));
    });

    it('has the seed’s indicators and their exact target values, in order', () => {
      const indicators = [...indicatorsOf(ast)];
      expect(indicators).toHaveLength(fixture.indicators);
      expect(indicators.map(({ indicator }) => indicator.target?.text ?? '')).toEqual(fixture.targets);
    });

    it('has exactly the findings a reviewer agrees with (test/fixtures/example-findings)', () => {
      const listed = fs
        .readFileSync(path.join(findingsDir, `${fixture.department}-${fixture.year}.txt`), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.startsWith('#'))
        .map((line) => line.split(' ').slice(0, 2).join(' '));
      const found = validate(parse(text)).map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code}`);
      expect(found).toEqual(listed);
    });

    it.runIf(fs.existsSync(seedDir))('matches the seed: its title, and every target value stands in the seed', () => {
      const seed = fs.readFileSync(path.join(seedDir, `${fixture.department}.txt`), 'utf8');
      const title = seed.split('\n')[0]!.replace(/^#+|\s+/g, '');
      expect(title).toBe(`${fixture.department}部门预算整体绩效目标表（${fixture.year}年度）`);
      // PDF breakage (stray spaces, line breaks, the separators of composite values) aside, each target is the seed's text.
      const squeeze = (s: string) => s.replace(/[\s;；]+/g, '');
      const seedText = squeeze(seed);
      for (const target of fixture.targets) expect(seedText).toContain(squeeze(target));
    });
  });
});
