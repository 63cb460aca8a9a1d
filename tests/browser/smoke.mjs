// Browser smoke test of the built page, in the system's headless Chromium via playwright-core.
//
//   node tests/browser/smoke.mjs DIST_DIR        serve DIST_DIR on 127.0.0.1 (a free port) and test it
//   node tests/browser/smoke.mjs http://HOST/    test a page already served (e.g. by trunk serve)
//
// Environment: CHROMIUM (default /usr/bin/chromium), SCREENSHOT_DIR (default: a new temp dir).
// Prints the screenshots' paths. Exits non-zero on the first failed check.

import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const TIMEOUT_MS = 30_000;
const POD_ROW = /^pi-[a-z0-9]{5}\s/m;
// The API server's verdict on the lecture's `restartPolicy: Always`. Current Kubernetes
// (pkg/apis/batch/validation/validation.go, validateJobSpec) says `Required value` for Always and
// for empty (the pod default makes them indistinguishable); older releases said
// `Unsupported value`. Either exact wording passes; which one is shown is printed.
const RESTART_POLICY_ERRORS = [
  'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
  'spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
];

const target = process.argv[2];
if (!target) {
  console.error('usage: node tests/browser/smoke.mjs DIST_DIR | URL');
  process.exit(2);
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** A static file server for the dist dir, bound to 127.0.0.1 on a free port. */
function serve(dir) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

const fail = (msg) => {
  throw new Error(msg);
};

let server;
let context;
let exitCode = 0;
const problems = [];
try {
  let url = target;
  if (!/^https?:\/\//.test(target)) {
    server = await serve(target);
    url = `http://127.0.0.1:${server.address().port}/`;
  }
  const shots = process.env.SCREENSHOT_DIR || mkdtempSync(join(tmpdir(), 'ctrlscope-shots-'));
  const userDataDir = mkdtempSync(join(tmpdir(), 'ctrlscope-chromium-'));

  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1366, height: 900 },
    timeout: TIMEOUT_MS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  const text = (sel) => page.locator(sel).innerText();
  const check = (name) => {
    if (problems.length) fail(`${name}: ${problems.join('\n')}`);
    console.log(`ok - ${name}`);
  };

  console.log(`# ${url}`);
  await page.goto(url, { waitUntil: 'load' });

  // 1. The default manifest (the lecture's parallel Job) runs: pods pi-xxxxx are listed.
  await page
    .waitForFunction((re) => new RegExp(re, 'm').test(document.querySelector('#pods')?.textContent ?? ''),
      POD_ROW.source)
    .catch(async () => fail(`no pi-xxxxx pod row; #pods shows:\n${await text('#pods').catch(() => '(missing)')}`));
  if (!/^pi\s+Running\s+0\/8\b/m.test(await text('#jobs'))) {
    fail(`kubectl get jobs should show "pi Running 0/8", got:\n${await text('#jobs')}`);
  }
  check('default Job creates pods pi-xxxxx');

  // 2. Play advances virtual time; at 60x the Job finishes (8 pods, 2 at a time, 30 s each).
  await page.locator('select[aria-label="speed"]').selectOption('60');
  await page.locator('#play').click();
  await page
    .waitForFunction(() => /\b8\/8\b/.test(document.querySelector('#jobs')?.textContent ?? ''))
    .catch(async () => fail(`the Job did not reach 8/8 while playing; #jobs shows:\n${await text('#jobs')}`));
  const pods = (await text('#pods')).split('\n').filter((l) => POD_ROW.test(l));
  if (pods.length !== 8 || !pods.every((l) => /\bCompleted\b/.test(l))) {
    fail(`expected 8 Completed pods, got:\n${await text('#pods')}`);
  }
  check('Play runs the Job to 8/8 with 8 Completed pods');
  const running = join(shots, 'ctrlscope-complete.png');
  await page.screenshot({ path: running, fullPage: true });
  console.log(`# screenshot: ${running}`);

  // 3. The lecture's mistake: restartPolicy Always is rejected like the API server does.
  const editor = page.locator('#manifest');
  const manifest = await editor.inputValue();
  if (!manifest.includes('restartPolicy: Never')) fail('default manifest has no "restartPolicy: Never"');
  await editor.fill(manifest.replace('restartPolicy: Never', 'restartPolicy: Always'));
  await page
    .waitForFunction((msgs) => {
      const shown = document.querySelector('#validation')?.textContent ?? '';
      return msgs.some((m) => shown.includes(m));
    }, RESTART_POLICY_ERRORS)
    .catch(async () => fail(`no restartPolicy error; the validation area shows:\n${await text('#validation')}`));
  const errorLine = (await text('#errors')).split('\n').find((l) => l.includes('restartPolicy'));
  if (!/^\d+:\d+: spec\.template\.spec\.restartPolicy: /.test(errorLine ?? '')) {
    fail(`errors should read "line:col: message", got:\n${await text('#errors')}`);
  }
  console.log(`# ${errorLine}`);
  check('restartPolicy: Always is rejected with the API server\'s message');
  const invalid = join(shots, 'ctrlscope-invalid.png');
  await page.screenshot({ path: invalid, fullPage: true });
  console.log(`# screenshot: ${invalid}`);

  // 4. Fixing it brings the Job back.
  await editor.fill(manifest);
  await page.waitForFunction((re) => new RegExp(re, 'm').test(document.querySelector('#pods')?.textContent ?? ''),
    POD_ROW.source);
  check('restoring the manifest runs the Job again');
} catch (e) {
  console.log(`not ok - ${e.message}`);
  exitCode = 1;
} finally {
  await context?.close().catch(() => {});
  server?.close();
}
// No process.exit(): it could cut off output still queued for a pipe.
process.exitCode = exitCode;
