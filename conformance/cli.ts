import fs from 'node:fs';
import path from 'node:path';
import { initSetup, readSetup, SetupError, subgraphEnvironment, type ConformanceSetup } from './keys';
import { serveKeys } from './keyServer';
import { formatMarkdown, formatText } from './report';
import { runSuite } from './run';

const USAGE = `usage:
  npm run conformance -- --init [<dir>] [--jwks-port <port>] [--jwks-host <host>] [--issuer <iss>] [--audience <aud>]
  npm run conformance -- --env [<dir>]
  npm run conformance -- --url <subgraph url> --agency <id> [--keys <dir>] [--client <id>] [--stranger <id>] [--contact-clients <id>,<id>]
                         [--signatures required|optional] [--max-lifetime <s>] [--clock-skew <s>]
                         [--format text|json|markdown] [--out <file>]
<dir> defaults to $ONEROOF_DATA_DIR/conformance (./data/conformance). See docs/agency-protocol.md.`;

class UsageError extends Error {}

const defaultDir = () => path.join(process.env.ONEROOF_DATA_DIR || 'data', 'conformance');

function parse(argv: string[]): Map<string, string> {
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i]!;
    if (!flag.startsWith('--')) throw new UsageError(`unexpected argument ${flag}`);
    const value = argv[i + 1];
    const takesValue = value !== undefined && !value.startsWith('--');
    if (!takesValue && !['--init', '--env'].includes(flag)) throw new UsageError(`${flag} needs a value`);
    options.set(flag, takesValue ? value : '');
    if (takesValue) i += 1;
  }
  return options;
}

function number(options: Map<string, string>, flag: string): number | undefined {
  const raw = options.get(flag);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw new UsageError(`${flag} must be a whole number, got "${raw}"`);
  return Number(raw);
}

function printEnvironment(setup: ConformanceSetup): void {
  const env = subgraphEnvironment(setup);
  process.stdout.write(Object.entries(env).map(([k, v]) => `export ${k}='${v}'`).join('\n') + '\n');
  process.stderr.write(`Start the subgraph under test with the environment above (no NODE_ENV=production: the suite serves its keys over\nplain http on ${setup.jwksHost}:${setup.jwksPort}), then run:\n  npm run conformance -- --url <its /graphql URL> --agency <its agency id> --keys ${setup.dir}\n`);
}

async function run(options: Map<string, string>): Promise<number> {
  const known = ['--url', '--agency', '--keys', '--client', '--stranger', '--contact-clients', '--signatures', '--max-lifetime', '--clock-skew', '--format', '--out'];
  const unknown = [...options.keys()].filter((flag) => !known.includes(flag));
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown.join(', ')}`);
  const url = options.get('--url');
  const agency = options.get('--agency');
  if (!url || !agency) throw new UsageError('--url and --agency are required');
  const signatures = options.get('--signatures') ?? 'required';
  if (signatures !== 'required' && signatures !== 'optional') throw new UsageError('--signatures must be required or optional');
  const format = options.get('--format') ?? 'text';
  if (!['text', 'json', 'markdown'].includes(format)) throw new UsageError('--format must be text, json or markdown');
  const setup = readSetup(options.get('--keys') || defaultDir());
  let keyServer;
  try {
    keyServer = await serveKeys(setup);
  } catch (error) {
    throw new SetupError(`cannot serve the JWKS documents on port ${setup.jwksPort}: ${(error as Error).message}`);
  }
  try {
    const report = await runSuite({
      url, agency, client: options.get('--client'), stranger: options.get('--stranger'), contactClients: options.get('--contact-clients')?.split(','), signaturesRequired: signatures === 'required',
      maxLifetimeSeconds: number(options, '--max-lifetime'), clockSkewSeconds: number(options, '--clock-skew'),
    }, setup);
    const text = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : format === 'markdown' ? formatMarkdown(report) : formatText(report);
    const out = options.get('--out');
    if (out) {
      fs.writeFileSync(out, text);
      process.stderr.write(formatText(report).split('\n').slice(-3).join('\n'));
    } else {
      process.stdout.write(text);
    }
    return report.ok ? 0 : 1;
  } finally {
    await keyServer.close();
  }
}

/** `npm run conformance`: exit 0 when the subgraph conforms, 1 when a MUST failed, 2 when it could not be tested. */
async function main(): Promise<number> {
  const options = parse(process.argv.slice(2));
  if (options.has('--init')) {
    const setup = await initSetup(options.get('--init') || defaultDir(), {
      jwksPort: number(options, '--jwks-port'), jwksHost: options.get('--jwks-host'), issuer: options.get('--issuer'), audience: options.get('--audience'),
    });
    printEnvironment(setup);
    return 0;
  }
  if (options.has('--env')) {
    printEnvironment(readSetup(options.get('--env') || defaultDir()));
    return 0;
  }
  return run(options);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof UsageError || error instanceof SetupError;
    process.stderr.write(`${known ? (error as Error).message : String((error as Error).stack ?? error)}\n${error instanceof UsageError ? `${USAGE}\n` : ''}`);
    process.exit(2);
  },
);
