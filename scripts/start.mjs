// `npm start`: the main job for now — check every example table and export each
// one as JSON into out/examples/ (the extension issue turns this into opening VS Code).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const ttab = path.join(root, 'bin', 'ttab.js');
const run = (args, opts = {}) => spawnSync(process.execPath, [ttab, ...args], { cwd: root, encoding: 'utf8', ...opts });

const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

console.log('== ttab check examples/');
const check = run(['check', 'examples'], { stdio: 'inherit' });
console.log(check.status === 0 ? '检查通过 / no errors' : `ttab check exited ${check.status}`);

const outDir = path.join(root, 'out', 'examples');
fs.mkdirSync(outDir, { recursive: true });
console.log(`== ttab export --format json → ${path.relative(root, outDir)}/`);
for (const file of fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.ttab')).sort()) {
  const result = run(['export', '--format', 'json', path.join('examples', file)]);
  if (result.status === 2) {
    process.stderr.write(result.stderr);
    process.exit(2);
  }
  const model = JSON.parse(result.stdout);
  const indicators = model.duties
    .flatMap((d) => [...d.objectives, ...d.items.flatMap((i) => i.objectives)])
    .reduce((n, o) => n + o.indicators.length, 0);
  const target = path.join(outDir, file.replace(/\.ttab$/, '.json'));
  fs.writeFileSync(target, result.stdout);
  console.log(`${file}: ${model.department} ${model.year} — ${model.duties.length} 职责 duties, ${indicators} 指标 indicators → ${path.relative(root, target)}`);
}
process.exit(check.status ?? 1);
