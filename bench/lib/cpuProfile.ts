import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../scripts/processes';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Busy time (idle and the program's own idle loop excluded). */
  busyMs: number;
  /** Self time by function, most first. */
  self: { frame: string; ms: number }[];
  /** Time with a frame of this module on the stack (a package under node_modules, or a repository file). */
  inclusive: { module: string; ms: number }[];
}

/** `@apollo/gateway`, `jose`, `lib/policy/fieldPolicy.ts`, `node:internal`, or `(gc)`-like names. */
function moduleOf(url: string, functionName: string): string {
  if (!url) return `(${functionName || 'anonymous'})`;
  const file = url.replace(/^file:\/\//, '');
  const packages = file.split('/node_modules/');
  if (packages.length > 1) {
    const rest = packages[packages.length - 1].split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (file.startsWith(ROOT)) return path.relative(ROOT, file);
  return file.startsWith('node:') ? 'node:internal' : file;
}

/**
 * Reads a `--cpu-prof` file and says where the time went.
 * @param window - only the samples of these last milliseconds before the profile ended (the load
 *   window, without start-up and module compilation); default the whole profile.
 */
export function summarizeProfile(file: string, top = 20, window?: { lastMs: number }): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  const from = window ? profile.endTime - window.lastMs * 1000 : -Infinity;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < from) return;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') {
      idleMs += ms;
      return;
    }
    const frame = `${functionName || '(anonymous)'} ${moduleOf(url, functionName)}:${lineNumber + 1}`;
    self.set(frame, (self.get(frame) ?? 0) + ms);
    const seen = new Set<string>();
    for (let frame: number | undefined = id; frame !== undefined; frame = parent.get(frame)) {
      const { url: u, functionName: f } = byId.get(frame)!.callFrame;
      if (u) seen.add(moduleOf(u, f));
    }
    if (seen.size === 0) seen.add(moduleOf(url, functionName));
    for (const module of seen) inclusive.set(module, (inclusive.get(module) ?? 0) + ms);
  });
  const sorted = <K extends string>(map: Map<string, number>, key: K) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, ms]) => ({ [key]: name, ms: Math.round(ms) }) as Record<K, string> & { ms: number });
  return { totalMs: Math.round(totalMs), busyMs: Math.round(totalMs - idleMs), self: sorted(self, 'frame'), inclusive: sorted(inclusive, 'module') };
}
