/** Entry point of the `tilth` command (npm run tilth -- COMMAND, npx tilth COMMAND). See cli.ts. */
import { runCli } from './cli';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Everything is closed by now; should a stray handle keep the event loop alive, do not hang an operator's shell.
    setTimeout(() => process.exit(code), 3000).unref();
  },
  (err: unknown) => {
    process.stderr.write(`tilth: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
