// The extension's browser bundles (VS Code for the Web: vscode.dev, github.dev, a web worker extension
// host) and the check that they hold nothing that only works on Node.
//
//   dist/web/extension.js  package.json "browser": CommonJS, as the web worker extension host loads it
//   dist/web/server.js     the language server, a classic worker script (the extension starts it from a
//                          blob: URL where the host refuses workers from remote extensions, and the
//                          host's wrapper loads it with importScripts, which takes no ES module)
//
// esbuild already refuses Node's built-in modules on platform 'browser'. What it lets through and what
// fails only at run time in a worker are Node's globals (Buffer, process, setImmediate, __dirname…) and
// require() calls left in the output; the check below rejects both (nodeFreeCheck).
import * as esbuild from 'esbuild';

/** Node globals a browser does not have. */
const NODE_GLOBALS = ['Buffer', 'process', 'setImmediate', 'clearImmediate', 'global', '__dirname', '__filename'];
const MARK = '__ttab_node_global__';

export const BROWSER_ENTRIES = [
  { in: 'client/src/browser/extension.ts', out: 'dist/web/extension.js', format: 'cjs', external: ['vscode'] },
  { in: 'server/src/browser/main.ts', out: 'dist/web/server.js', format: 'iife' },
];

/** The options every browser bundle shares (the e2e suite for the browser uses them too). */
export function browserOptions(production = false) {
  return {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
    // the CSV libraries' own browser builds (their Node builds use Buffer without asking)
    alias: { 'csv-parse/sync': 'csv-parse/browser/esm/sync', 'csv-stringify/sync': 'csv-stringify/browser/esm/sync' },
  };
}

/**
 * Where each free Node global and each require() of the bundle comes from. A second, in-memory build
 * of the same entry with every Node global defined as a marker: esbuild's `define` replaces only
 * free references (never a local of the same name), so each marker left is a real use of the global,
 * and esbuild's `// path` comments name the module it is in.
 */
export async function nodeFreeProblems(options) {
  const define = { ...options.define };
  for (const name of NODE_GLOBALS) define[name] = `${MARK}${name}`;
  const result = await esbuild.build({ ...options, define, write: false, minify: false, sourcemap: false, logLevel: 'silent', metafile: false, outfile: 'check.js' });
  const text = result.outputFiles.find((f) => f.path.endsWith('check.js')).text;
  const modules = new Map(); // module → { uses: Map<global, count>, guards: Set<global> }
  const requires = new Set();
  let module = '(bundle)';
  for (const line of text.split('\n')) {
    const header = /^\s*\/\/ (\S+\.(?:ts|js|mjs|cjs))$/.exec(line);
    if (header) {
      module = header[1];
      continue;
    }
    for (const m of line.matchAll(new RegExp(`(typeof\\s+)?${MARK}(\\w+)`, 'g'))) {
      const entry = modules.get(module) ?? { uses: new Map(), guards: new Set() };
      modules.set(module, entry);
      if (m[1]) entry.guards.add(m[2]);
      else entry.uses.set(m[2], (entry.uses.get(m[2]) ?? 0) + 1);
    }
    for (const m of line.matchAll(/(?<![.\w$])require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) if (!(options.external ?? []).includes(m[1])) requires.add(`${module}: require("${m[1]}")`);
    if (line.includes('Dynamic require of')) requires.add(`${module}: a dynamic require() (esbuild's __require)`);
  }
  const problems = [...requires];
  for (const [file, { uses, guards }] of modules) {
    const ours = !file.includes('node_modules/');
    for (const [name, count] of uses) {
      // a library may use a global it has first tested for (typeof Buffer !== 'undefined' && …); our code may not use one at all
      if (ours || !guards.has(name)) problems.push(`${file}: ${name}${count > 1 ? ` ×${count}` : ''}`);
    }
  }
  return problems;
}

/** An esbuild plugin that fails the build when the bundle would need Node at run time. */
function nodeFreeCheck(options) {
  return {
    name: 'node-free-check',
    setup(build) {
      build.onEnd(async (result) => {
        if (result.errors.length > 0) return undefined;
        const problems = await nodeFreeProblems(options);
        if (problems.length === 0) return undefined;
        return {
          errors: problems.map((text) => ({ text: `${options.outfile} needs Node at run time, which a browser does not have: ${text}` })),
        };
      });
    },
  };
}

/** The esbuild contexts of the browser bundles, each checked after every build. */
export function browserContexts(production) {
  return BROWSER_ENTRIES.map((e) => {
    const options = { ...browserOptions(production), entryPoints: [e.in], outfile: e.out, format: e.format, external: e.external ?? [] };
    return esbuild.context({ ...options, plugins: [nodeFreeCheck(options)] });
  });
}
