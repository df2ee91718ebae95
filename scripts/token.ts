import { AGENCIES, isAgencyId } from '../lib/agencies';
import { mintDevToken } from '../lib/auth/devIssuer';
import { loadConfig } from '../lib/config';
import { isRole, type Role } from '../lib/viewer';

const USAGE = 'usage: npm run token -- --sub <id> --agency <agency> --role <ROLE> [--role <ROLE>] [--name <name>] [--ttl <minutes>]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  if (process.env.NODE_ENV === 'production') fail('npm run token refuses to run when NODE_ENV=production.');
  const args = process.argv.slice(2);
  const roles: Role[] = [];
  let sub: string | undefined;
  let agency: string | undefined;
  let name: string | undefined;
  let ttl = 60;
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    if (value === undefined) fail(`${flag} needs a value.`);
    if (flag === '--sub') sub = value;
    else if (flag === '--agency') agency = value;
    else if (flag === '--name') name = value;
    else if (flag === '--role') {
      if (!isRole(value)) fail(`unknown role ${value}.`);
      roles.push(value);
    } else if (flag === '--ttl') {
      ttl = Number(value);
    } else fail(`unknown option ${flag}.`);
  }
  const config = loadConfig();
  // Longer tokens would be refused by the gateway and every subgraph (ONEROOF_TOKEN_MAX_LIFETIME_SECONDS).
  const maxMinutes = Math.floor(config.auth.lifetime.maxSeconds / 60);
  if (!(Number.isInteger(ttl) && ttl >= 1 && ttl <= maxMinutes)) fail(`--ttl must be whole minutes between 1 and ${maxMinutes} (the maximum token lifetime).`);
  if (!sub) fail('--sub is required.');
  if (!isAgencyId(agency)) fail(`--agency must be one of ${AGENCIES.join(', ')}.`);
  if (roles.length === 0) fail('at least one --role is required.');
  const token = await mintDevToken(config.dataDir, { sub, name, agency, roles }, { ttlMinutes: ttl, audience: config.auth.audience });
  process.stdout.write(`${token}\n`);
}

void main();
