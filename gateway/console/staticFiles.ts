import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Where `npm run console:build` writes the console (Vite's output). */
export const CONSOLE_DIST = path.resolve(__dirname, '..', '..', 'console', 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  body: Buffer;
  type: string;
  /** Vite's content-hashed assets never change under their name. */
  immutable: boolean;
  /** The gzipped body, for text files that shrink. */
  gzipped?: Buffer;
}

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt']);

/**
 * Reads the console's built files once, at start: a few hundred kilobytes, served from memory.
 * @returns path (`/assets/index-abc.js`) to file; empty when the console has not been built.
 */
export function loadConsoleFiles(dist = CONSOLE_DIST): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  if (!fs.existsSync(dist)) return files;
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const relative = `/${path.relative(dist, full).split(path.sep).join('/')}`;
        const body = fs.readFileSync(full);
        const gzipped = COMPRESSIBLE.has(path.extname(entry.name)) ? gzipSync(body, { level: 9 }) : undefined;
        files.set(relative, {
          body,
          gzipped: gzipped && gzipped.length < body.length ? gzipped : undefined,
          type: TYPES[path.extname(entry.name)] ?? 'application/octet-stream',
          immutable: relative.startsWith('/assets/'),
        });
      }
    }
  };
  walk(dist);
  return files;
}
