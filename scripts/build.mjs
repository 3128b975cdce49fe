// Bundles every entry point with esbuild. Type checking is `npm run typecheck` (tsc).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { browserContexts } from './browserBuild.mjs';

const entries = [
  { in: 'cli/index.ts', out: 'dist/cli.js' },
  { in: 'server/src/node/main.ts', out: 'dist/server.js' },
  { in: 'bench/bench.ts', out: 'dist/bench.js' },
  // the VS Code extension host provides 'vscode'
  { in: 'client/src/node/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
].filter((e) => fs.existsSync(e.in));

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const contexts = await Promise.all([
  ...entries.map((e) =>
    esbuild.context({
      entryPoints: [e.in],
      outfile: e.out,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: !production,
      minify: production,
      logLevel: 'warning',
      external: e.external ?? [],
      // chevrotain ships ESM only; bundling makes it loadable from CommonJS entry points.
      mainFields: ['module', 'main'],
    }),
  ),
  // the same extension for VS Code for the Web (package.json "browser"): dist/web/
  ...browserContexts(production),
]);
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
