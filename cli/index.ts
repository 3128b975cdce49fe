/** Entry of the bundled CLI (dist/cli.js). */
import { main } from './main';

const code = main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: process.cwd(),
  env: process.env,
});
process.exitCode = code;
