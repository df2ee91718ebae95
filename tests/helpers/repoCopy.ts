import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
/** What a copy for running the code and its tests leaves out: the console's sources and build, browser tests, benchmark results. */
const LEFT_OUT = /^(console|tests\/browser|tests\/artifacts|bench\/results)\//;

/**
 * A copy of the repository's tracked files (the working tree's versions) in a temporary folder,
 * sharing this checkout's node_modules: for tests that change the repository as a developer would
 * (the scaffold adds an agency) without touching this checkout.
 * @returns the copy's root; remove it with `fs.rmSync(root, { recursive: true })`.
 */
export function copyRepository(): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-copy-'));
  const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\0');
  for (const file of tracked) {
    if (!file || LEFT_OUT.test(file) || !fs.existsSync(path.join(ROOT, file))) continue;
    fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(copy, file));
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  return copy;
}
