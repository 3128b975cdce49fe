// Bundles every entry point with esbuild. Type checking is `npm run typecheck` (tsc).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { browserContexts } from './browserBuild.mjs';

/**
 * The Node extension is two bundles: dist/extension.js, loaded at activation (the language client,
 * the status bar, stand-ins for the other commands), and dist/features.js, which it requires on the
 * first use of a report, import, diff or rollover command (client/src/lazyCommands.ts) — exceljs
 * and the language service stay out of activation. This plugin leaves that one import to run time.
 * (The browser's bundle, scripts/browserBuild.mjs, inlines it: a web worker host loads one file.)
 */
const featuresOnFirstUse = {
  name: 'features-on-first-use',
  setup(build) {
    build.onResolve({ filter: /^\.\/features$/ }, (args) =>
      args.importer.endsWith(path.join('client', 'src', 'lazyCommands.ts')) ? { path: './features.js', external: true } : undefined,
    );
  },
};

const entries = [
  { in: 'cli/index.ts', out: 'dist/cli.js' },
  { in: 'server/src/node/main.ts', out: 'dist/server.js' },
  { in: 'bench/bench.ts', out: 'dist/bench.js' },
  // the VS Code extension host provides 'vscode'
  // import('./features') becomes require('./features.js'): the extension host's loader gives it 'vscode'
  { in: 'client/src/node/extension.ts', out: 'dist/extension.js', external: ['vscode'], plugins: [featuresOnFirstUse], supported: { 'dynamic-import': false } },
  { in: 'client/src/node/features.ts', out: 'dist/features.js', external: ['vscode'] },
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
      plugins: e.plugins ?? [],
      supported: e.supported ?? {},
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
