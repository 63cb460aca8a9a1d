// Shared by the browser test (smoke.mjs) and the measurements (scripts/measure-ui.mjs):
// a static server for the trunk-built dist dir and a headless Debian Chromium via playwright-core.

import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/**
 * Serves `dir` on 127.0.0.1 (a free port). Resolves to the server; its URL is `urlOf(server)`.
 * With `prefix` (e.g. `/course/k8s/`), the files are served only under that sub-path and
 * everything else is a 404, like a course site that hosts the app in a folder.
 */
export function serve(dir, prefix = '/') {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end('not found (outside the sub-path)');
      return;
    }
    path = '/' + path.slice(prefix.length);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const body = readFileSync(file);
      res.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  server.prefix = prefix;
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

export const urlOf = (server) => `http://127.0.0.1:${server.address().port}${server.prefix ?? '/'}`;

/** A URL as given, or a dist dir served locally (under `prefix`). Returns { url, close }. */
export async function target(arg, prefix = '/') {
  if (/^https?:\/\//.test(arg)) return { url: arg, close: () => {} };
  const server = await serve(arg, prefix);
  return { url: urlOf(server), close: () => server.close() };
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Chromium with a fresh profile. */
export async function launch({ width = 1366, height = 768, reducedMotion } = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'ctrlscope-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width, height },
    reducedMotion,
    timeout: 30_000,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/** Waits one animation frame (Yew renders before the next one). */
export const frame = (page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
