/**
 * `crmflow`: the headless CLI over the same engine as the language server.
 */
import { runConnectionsCli } from './salesforce/connections/connectionsCli';
import { emulatorMain } from './salesforce/emulator/server';
import { runSnapshotCli } from './salesforce/gateway/snapshotCli';
import { runDemo } from './cli/demoCommand';
import type { CliIo } from './cli/io';
import { runValidate } from './cli/validateCommand';

const USAGE = `Usage: crmflow <command> [options]

Commands:
  demo                     start the built-in Salesforce emulator and run the example workspace on it
  validate [paths…]        check dataflows and crmflow.yaml like the editor does (--json for machine output);
                           exits 1 when there are errors
  snapshot [conn] [Obj…]   fill the describe cache .crmflow/metadata/<conn>/ from the org (--help)
  connections [list|test]  list the project's connections or test one
  emulator [options]       run the local Salesforce emulator (crmflow emulator --help)
  help                     this text

The language server for other editors: node <extension>/dist/server.js --stdio`;

type Command = (args: string[], io: CliIo) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  validate: runValidate,
  demo: runDemo,
  emulator: async (args) => {
    await emulatorMain(args);
    return 0;
  },
  snapshot: (args, io) => runSnapshotCli(args, streams(io)),
  connections: (args, io) => runConnectionsCli(args, streams(io)),
  help: (_args, io) => {
    io.out(USAGE);
    return 0;
  },
};

/** The gateway's CLI entries write to streams. */
function streams(io: CliIo) {
  return { cwd: io.cwd, env: io.env as NodeJS.ProcessEnv, stdout: process.stdout, stderr: process.stderr };
}

async function main(argv: string[]): Promise<number> {
  const io: CliIo = { cwd: process.cwd(), env: process.env, out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };
  const [name = 'help', ...args] = argv;
  const cmd = COMMANDS[name === '--help' || name === '-h' ? 'help' : name];
  if (!cmd) {
    io.err(`crmflow: unknown command '${name}'.\n\n${USAGE}`);
    return 2;
  }
  return cmd(args, io);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`crmflow: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
