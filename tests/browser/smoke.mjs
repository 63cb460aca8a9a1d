// End-to-end test of the built page in the system's headless Chromium (playwright-core).
//
//   node tests/browser/smoke.mjs DIST_DIR        serve DIST_DIR on 127.0.0.1 (a free port) and test it
//   node tests/browser/smoke.mjs http://HOST/    test a page already served (e.g. by trunk serve)
//
// Environment: CHROMIUM (default /usr/bin/chromium), SCREENSHOT_DIR (default: a new temp dir).
// Each check prints `ok - NAME (seconds)`; the first failure prints `not ok - ...` and exits 1.
// Screenshots (1366×768 and 1920×1080) are saved and their paths printed.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frame, launch, target } from './lib.mjs';

const TIMEOUT_MS = 30_000;
const examples = new URL('../../examples/', import.meta.url);
const example = (name) => readFileSync(new URL(name, examples), 'utf8');
// The API server's verdict on the lecture's `restartPolicy: Always` (current Kubernetes,
// pkg/apis/batch/validation/validation.go validateJobSpec; the old `Unsupported value` is gone).
const RESTART_POLICY_ERROR =
  'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"';

const arg = process.argv[2];
if (!arg) {
  console.error('usage: node tests/browser/smoke.mjs DIST_DIR | URL');
  process.exit(2);
}

const fail = (msg) => {
  throw new Error(msg);
};

let site;
let context;
let exitCode = 0;
const problems = [];
try {
  site = await target(arg);
  const shots = process.env.SCREENSHOT_DIR || mkdtempSync(join(tmpdir(), 'ctrlscope-shots-'));
  ({ context } = await launch({ width: 1366, height: 768 }));
  const page = context.pages()[0];
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });

  let t0 = Date.now();
  const check = (name) => {
    if (problems.length) fail(`${name}: ${problems.join('\n')}`);
    console.log(`ok - ${name} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
    t0 = Date.now();
  };
  const shot = async (name, size) => {
    const old = page.viewportSize();
    if (size) {
      await page.setViewportSize(size);
      await frame(page);
      await page.waitForTimeout(400); // let entry animations finish
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    const { width, height } = page.viewportSize();
    const path = join(shots, `ctrlscope-${name}-${width}x${height}.png`);
    await page.screenshot({ path });
    console.log(`# screenshot: ${path}`);
    if (size) await page.setViewportSize(old);
  };
  const shotBoth = async (name) => {
    await shot(name, { width: 1366, height: 768 });
    await shot(name, { width: 1920, height: 1080 });
  };
  const noPanic = async () => {
    if (await page.locator('#panic-banner').count()) {
      fail(`panic banner shown: ${await page.locator('#panic-banner').innerText()}`);
    }
  };
  const editor = page.locator('#manifest');
  /** Types into the editor like a user (fill = select all + insert) and waits for validation. */
  const setText = async (text) => {
    if ((await editor.inputValue()) === text) return;
    const rev = await page.locator('#validation').getAttribute('data-rev');
    await editor.fill(text);
    await page.waitForFunction(
      (r) => document.querySelector('#validation')?.dataset.rev !== r,
      rev,
    );
  };
  const preset = async (id) => {
    await page.selectOption('#preset', id);
    await frame(page);
  };
  const step = async () => {
    await page.click('#step');
    await frame(page);
  };
  /** Clicks "next event" until `fn()` (evaluated in the page) is true. Returns the step count. */
  const stepUntil = async (what, fn, arg, max = 400) => {
    for (let i = 0; i < max; i++) {
      if (await page.evaluate(fn, arg)) return i;
      await step();
    }
    fail(`${what}: not reached after ${max} steps (t=${await page.locator('#clock .at').innerText()})`);
  };
  /** Moves the timeline slider to `secs`, as a drag does. */
  const seek = async (secs) => {
    await page.$eval('#time', (el, v) => {
      el.value = String(v);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, secs);
    await frame(page);
  };
  const consoleRun = async (cmd) => {
    const last = () => document.querySelector('#console-out .entry:last-child')?.dataset.id ?? '';
    const before = await page.evaluate(last);
    await page.fill('#console-input', cmd);
    await page.press('#console-input', 'Enter');
    await page.waitForFunction(
      ([fn, b]) => new Function(`return (${fn})()`)() !== b,
      [last.toString(), before],
    );
    return page.locator('#console-out .entry pre').last().innerText();
  };

  console.log(`# ${site.url}`);
  await page.goto(site.url, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"]');
  check('the page renders');

  // 1. The lecture's parallel Job: 8 completions, 2 at a time → four waves of two pods.
  await preset('parallel-job');
  const parallel = example('parallel-job.yaml');
  if (!/completions: 8/.test(parallel) || !/parallelism: 2/.test(parallel)) fail('unexpected example');
  await setText(parallel);
  await page.click('#reset');
  await frame(page);
  const job = '[data-job="paral-1"]';
  await page.waitForSelector(job);
  // Walking the loop at t=0, one recorded step at a time: the Job's ADDED event, its key
  // queued, the sync, its decision, the creates, the status write; "live" leaves the walk.
  await page.click('#loop-walk-first');
  const walked = [];
  for (let i = 0; i < 7; i++) {
    await page.waitForSelector('#loop-walk-at');
    const hop = await page.$eval('#loop', (l) => l.querySelector('.hop.current')?.id ?? (l.querySelector('.decisions li.current') ? 'decide' : ''));
    walked.push(hop.replace('hop-', ''));
    if (i === 0) {
      const watch = await page.locator('#hop-watch li').first().innerText();
      if (!/ADDED\s+Job\/paral-1/.test(watch)) fail(`the walk starts at the Job's ADDED event, got "${watch}"`);
      // A screen reader hears the step: where, which hop, what it did.
      const said = await page.locator('#loop-walk-news').innerText();
      if (!/^step 1 of \d+ at 0:00 · .*: ADDED Job\/paral-1/.test(said)) fail(`the walk's live region says "${said}"`);
    }
    await page.click('#loop-walk-on');
  }
  if (walked.join(',') !== 'watch,queue,sync,decide,act,act,status') fail(`loop walk: ${walked.join(',')}`);
  await page.keyboard.press(',');
  await page.waitForSelector('#loop-walk-at');
  await page.click('#loop-live');
  await page.waitForSelector('#loop-walk-at', { state: 'detached' });
  // "live" went with the walk: the focus is on "◀ step", not lost to the document.
  const afterLive = await page.evaluate(() => document.activeElement?.id);
  if (afterLive !== 'loop-walk-back') fail(`focus after live: ${afterLive} ${await page.evaluate(() => document.activeElement?.tagName + ' ' + document.activeElement?.className)}`);
  check('walking the loop at t=0: watch → queue → sync → decide → act → act → status, one recorded step at a time, each said in a live region (, goes back, live leaves and hands the focus to ◀ step)');
  const counts = [];
  await stepUntil('Job paral-1 8/8', (sel) => document.querySelector(sel)?.dataset.completions === '8/8', job);
  // Step through again from t=0 and watch the pods appear.
  await page.click('#rewind');
  await frame(page);
  await stepUntil(
    'eight pods',
    ([sel, counts]) => {
      const n = document.querySelectorAll(`${sel} .wave .pod`).length;
      window.__counts = window.__counts || [];
      if (window.__counts.at(-1) !== n) window.__counts.push(n);
      return n >= 8;
    },
    [job, counts],
  );
  const seen = await page.evaluate(() => window.__counts);
  if (seen.join(',') !== '2,4,6,8') fail(`pods should appear two at a time (2,4,6,8), saw ${seen}`);
  await stepUntil('Job paral-1 8/8', (sel) => document.querySelector(sel)?.dataset.completions === '8/8', job);
  const waves = await page.$$eval(`${job} .wave[data-wave]`, (ws) => ws.map((w) => Number(w.dataset.size)));
  if (waves.join(',') !== '2,2,2,2') fail(`expected four waves of 2 pods, got ${waves}`);
  // Each wave after the first says what made room for it: the two pods of the wave before.
  const why = await page.$$eval(`${job} .wave[data-wave]`, (ws) => ws.map((w) => w.querySelector('.wave-why')?.textContent ?? ''));
  if (why.join('|') !== '|after 2 succeeded|after 2 succeeded|after 2 succeeded') fail(`wave reasons: ${why.join(' | ')}`);
  const completions = await page.locator(`${job} .completions`).innerText();
  if (completions !== '8/8') fail(`COMPLETIONS should read 8/8, got ${completions}`);
  const pods = await page.$$eval(`${job} .pod`, (ps) => ps.map((p) => p.dataset.status));
  if (pods.length !== 8 || pods.some((s) => s !== 'Completed')) fail(`expected 8 Completed pods, got ${pods}`);
  // A tile's name starts with the words it shows (WCAG 2.5.3), then the rest.
  const [tileName, tileShort, tilePod, tileText] = await page.$eval(`${job} .wave .pod`, (p) =>
    [p.getAttribute('aria-label'), p.querySelector('.pname').textContent, p.dataset.pod, p.textContent.replace(p.querySelector('.ico').textContent, '')]);
  if (tileName !== `${tileShort} Completed: pod ${tilePod}, ready 0/1, owner Job/paral-1` || !tileName.startsWith(`${tileText}:`)) fail(`a pod tile's name: ${tileName} (its text: ${tileText})`);
  // 320 px (400 % zoom), in classroom mode's larger type too: the waves wrap, nothing scrolls sideways.
  await page.setViewportSize({ width: 320, height: 640 });
  await page.evaluate(() => document.activeElement?.blur());
  const wide = [await page.evaluate(() => document.documentElement.scrollWidth)];
  await page.keyboard.press('p');
  await page.waitForFunction(() => document.documentElement.classList.contains('presenter'));
  wide.push(await page.evaluate(() => document.documentElement.scrollWidth));
  await page.keyboard.press('p');
  await page.waitForFunction(() => !document.documentElement.classList.contains('presenter'));
  await page.setViewportSize({ width: 1366, height: 768 });
  if (wide.some((w) => w > 320)) fail(`at 320 px the page is ${wide.join(' / ')} px wide (normal / classroom mode)`);
  const jobsTable = await consoleRun('kubectl get jobs');
  if (!/^paral-1\s+Complete\s+8\/8\s/m.test(jobsTable)) fail(`kubectl get jobs:\n${jobsTable}`);
  check('parallel Job: pods appear 2 at a time, four waves (each after 2 succeeded), 8/8, kubectl get jobs agrees; a tile\'s name starts with its visible words; 320 px wide in both modes');
  // Mid-run screenshot: back to the third wave.
  await page.$eval('#time', (el) => {
    el.value = '70';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await frame(page);
  await page.locator('.node .pod').first().click();
  await shotBoth('parallel-job');
  await page.keyboard.press('Escape');

  // 2. The lecture's mistake: restartPolicy Always, rejected at its line; the cluster keeps running.
  const always = parallel.replace('restartPolicy: OnFailure', 'restartPolicy: Always');
  const line = always.split('\n').findIndex((l) => l.includes('restartPolicy: Always')) + 1;
  await setText(always);
  const err = page.locator(`#errors li[data-line="${line}"]`);
  await err.waitFor();
  const errText = `${await err.locator('.loc').innerText()}: ${await err.locator('.msg').innerText()}`;
  const col = always.split('\n')[line - 1].indexOf('Always') + 1;
  // Beside the API server's words, what the lecture said (manifest::lecture).
  const lectureFix = await err.locator('.lecture-fix').innerText().catch(() => '');
  if (!lectureFix.includes('only OnFailure or Never')) fail(`no lecture note beside the error: "${lectureFix}"`);
  if (errText !== `${line}:${col}: ${RESTART_POLICY_ERROR}`) {
    fail(`expected "${line}:${col}: ${RESTART_POLICY_ERROR}", got "${errText}"`);
  }
  if (!(await page.locator(`.gutter .ln.err[data-line="${line}"]`).count())) fail(`line ${line} not marked in the gutter`);
  if (!(await page.locator('#apply').isDisabled())) fail('Apply should be disabled while the text is invalid');
  if (!(await page.locator(`${job} .wave .pod`).count())) fail('the last good run should keep running');
  console.log(`# ${errText}`);
  // Its place, clicked from far below in a long text, brings the line into the editor's view.
  await setText(always + '\n'.repeat(60));
  await err.waitFor();
  await page.focus('#manifest');
  await page.keyboard.press('Control+End');
  await err.locator('.loc').click();
  const shown = await page.evaluate((n) => {
    const code = document.querySelector('.code').getBoundingClientRect();
    const ln = document.querySelector(`.gutter > .ln:nth-child(${n})`).getBoundingClientRect();
    return ln.top >= code.top && ln.bottom <= code.bottom;
  }, line);
  if (!shown) fail(`clicking ${errText.split(':').slice(0, 2).join(':')} left line ${line} out of the editor's view`);
  check('restartPolicy: Always → the API server\'s exact error at its line (its place, clicked, shows the line), the lecture\'s mistake explained, gutter marked, last good run kept');
  await shotBoth('invalid');

  // 3. A changed Job template is refused like the API server refuses it.
  await setText(parallel.replace('image: ubuntu', 'image: ubuntu:24.04'));
  await page.waitForSelector('#preview .refused');
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('#notice.bad');
  const refusal = await page.locator('#notice').innerText();
  // Since 1.34 the API server prints the bad value as JSON (the internal PodSpec is abbreviated).
  const want = /The Job "paral-1" is invalid: spec\.template: Invalid value: \{"labels":\{"batch\.kubernetes\.io\/controller-uid":"[0-9a-f-]+",.*"job-name":"paral-1"\},.*"Spec":\{\.\.\.\}\}: field is immutable/;
  if (!want.test(refusal)) fail(`expected the refusal ${want}, got:\n${refusal}`);
  // What to do about it comes first, in the preview and the notice; the long answer is folded.
  const advice = "A Job's pod template cannot change once the Job exists. To run the new template: Reset cluster";
  if (!(await page.locator('#preview .refusal-hint').innerText()).startsWith(advice)) fail('no advice beside the refused template change');
  if (await page.locator('#preview .refusal-full pre').isVisible()) fail("the API server's long answer should be folded under the advice");
  if (!refusal.includes(advice)) fail(`the notice lacks the advice:\n${refusal}`);
  check('Ctrl+Enter applies; a changed Job template is refused: field is immutable, with what to do about it');

  // 4. DaemonSet: an image change rolls node by node.
  await preset('fluentd-daemonset');
  const ds = '[data-daemonset="fluentd-elasticsearch"]';
  await page.waitForSelector(ds);
  const rolled = () => {
    const d = document.querySelector('[data-daemonset="fluentd-elasticsearch"]');
    return d && d.dataset.desired === '4' && d.dataset.updated === '4' && d.dataset.available === '4';
  };
  await stepUntil('fluentd on 4 nodes', rolled);
  const fluentd = example('fluentd-daemonset.yaml');
  await setText(fluentd.replace('fluentd:v2.5.2', 'fluentd:v2.6.0'));
  await page.click('#apply');
  await page.waitForSelector('#notice.ok');
  const notice = await page.locator('#notice').innerText();
  if (!notice.includes('daemonset.apps/fluentd-elasticsearch configured')) fail(`apply said:\n${notice}`);
  const updated = [];
  let midShot = false;
  for (let i = 0; i < 400; i++) {
    await step();
    const u = Number(await page.locator(ds).getAttribute('data-updated'));
    if (process.env.DEBUG) console.log('# step', i, await page.locator('#clock .at').innerText(), u, await page.locator(`${ds} .ds-nodes`).innerText());
    if (updated.at(-1) !== u) updated.push(u);
    if (u === 2 && !midShot) {
      midShot = true;
      await shotBoth('daemonset-rollout');
      // Enlarged (L), the loop keeps the rollout it drives in view beneath it.
      await page.keyboard.press('l');
      await page.waitForSelector(`#loop.big .loop-dock ${ds}[data-updated="2"]`);
      const dock = await page.$eval('#loop.big .loop-dock', (d) => d.getBoundingClientRect().bottom <= innerHeight);
      if (!dock) fail('the enlarged loop\'s workloads are below the screen');
      // No modal dialog: what it covers is inert, the time bar above it is in Tab's way; its
      // hop boxes (they scroll) are Tab stops named by their hop.
      const bigLoop = await page.evaluate(() => ({
        modal: document.querySelector('#loop').getAttribute('aria-modal'),
        live: ['.topbar', '.col-editor', '.col-main', '.events'].filter((s) => !document.querySelector(s)?.inert),
        hops: [...document.querySelectorAll('#loop .hop-box')].filter((b) => b.tabIndex !== 0 || b.getAttribute('role') !== 'group' || !b.getAttribute('aria-label')).length,
      }));
      await page.focus('#loop-filter');
      await page.keyboard.press('Shift+Tab');
      const before = await page.evaluate(() => (document.activeElement?.closest('.timebar') ? 'timebar' : document.activeElement?.id));
      if (bigLoop.modal || bigLoop.live.length || bigLoop.hops || before !== 'timebar') fail(`enlarged loop: ${JSON.stringify(bigLoop)}, Shift+Tab from its first control to ${before}`);
      await shotBoth('loop-enlarged-rollout');
      await page.keyboard.press('Escape');
      await page.waitForSelector('#loop.big', { state: 'detached' });
    }
    if (await page.evaluate(rolled)) break;
  }
  const ups = updated.slice(updated.findIndex((u) => u > 0));
  if (ups.join(',') !== '1,2,3,4') fail(`UP-TO-DATE should go 1,2,3,4, saw ${updated}`);
  const dsTable = await consoleRun('get ds -n kube-system');
  if (!/^fluentd-elasticsearch\s+4\s+4\s+4\s+4\s+4\s/m.test(dsTable)) fail(`kubectl get ds:\n${dsTable}`);
  // 320 px: an Event's long image name breaks rather than widening the page.
  await page.setViewportSize({ width: 320, height: 640 });
  const narrow = await page.evaluate(() => [document.documentElement.scrollWidth, [...document.querySelectorAll('.emsg')].some((m) => m.textContent.includes('quay.io/fluentd_elasticsearch/fluentd'))]);
  await page.setViewportSize({ width: 1366, height: 768 });
  if (narrow[0] > 320 || !narrow[1]) fail(`at 320 px with the image names in Events: ${narrow}`);
  // Rolling back is another rolling update, to the previous ControllerRevision (renumbered).
  const undo = await consoleRun('kubectl rollout undo ds/fluentd-elasticsearch -n kube-system');
  if (undo !== 'daemonset.apps/fluentd-elasticsearch rolled back') fail(`rollout undo: ${undo}`);
  await stepUntil('the rollback started', () =>
    document.querySelector('[data-daemonset="fluentd-elasticsearch"]')?.dataset.updated !== '4');
  await stepUntil('the rollback rolled out', () => {
    const d = document.querySelector('[data-daemonset="fluentd-elasticsearch"]');
    return d && d.dataset.updated === '4' && d.dataset.available === '4';
  });
  const history = await consoleRun('kubectl rollout history ds/fluentd-elasticsearch -n kube-system');
  if (!/^REVISION\s+CHANGE-CAUSE\n2\s+<none>\n3\s+<none>$/m.test(history)) fail(`rollout history after undo:\n${history}`);
  const old = await consoleRun('get pods -n kube-system -l name=fluentd-elasticsearch -o wide');
  if ((old.match(/^fluentd-elasticsearch-\S+\s+1\/1\s+Running/gm) || []).length !== 4) fail(`get pods -l after undo:\n${old}`);
  check(`DaemonSet image change rolls node by node (UP-TO-DATE ${updated.join(',')}), seen under the enlarged loop too (no modal: the page it covers inert, Shift+Tab reaches the time bar, its hop boxes Tab stops); 320 px with long image names in Events; rollout undo rolls back, history 2, 3`);

  // 5. CronJob: a tick spawns a Job; the schedule in words and the next fire times.
  await preset('hello-cronjob');
  await page.waitForSelector('#schedule [data-cronjob="hello"]');
  const words = await page.locator('#schedule .words[lang="en"]').innerText();
  if (!/every minute/i.test(words)) fail(`schedule words: ${words}`);
  const zh = await page.locator('#schedule .words[lang="zh"]').innerText();
  if (zh !== '每分钟') fail(`schedule in Chinese: ${zh}`);
  const next = await page.$$eval('#schedule .next li time', (ts) => ts.map((t) => t.textContent));
  if (next.join(' ') !== '00:01:00Z 00:02:00Z 00:03:00Z 00:04:00Z 00:05:00Z') fail(`next fire times: ${next}`);
  await stepUntil('a Job spawned by the CronJob', () => !!document.querySelector('[data-cronjob-job]'));
  const spawned = await page.locator('[data-cronjob-job]').first().getAttribute('data-cronjob-job');
  if (!/^hello-\d+$/.test(spawned)) fail(`unexpected Job name ${spawned}`);
  const clock = await page.locator('#clock .at').innerText();
  // The controller acts 100 ms past the minute (nextScheduleTimeDuration), and the clock says so.
  if (clock !== 't = 1:00.1') fail(`the first tick should be at 1:00.1, was ${clock}`);
  const cjJobs = await consoleRun('get jobs');
  if (!cjJobs.includes(spawned)) fail(`kubectl get jobs does not list ${spawned}:\n${cjJobs}`);
  await stepUntil('three runs', () => document.querySelectorAll('[data-cronjob-job]').length >= 3);
  check(`CronJob: the 1:00 tick spawns ${spawned}; words "${words}" / "${zh}", next 5 fire times`);
  await shotBoth('cronjob');

  // 5b. spec.timeZone: the page takes zone offsets from the browser's Intl data (src/ui/intl_tz.rs),
  // the CLI from chrono-tz; both must put 09:30 New York (EST, -5) at 14:30Z and Kolkata (+5:30)
  // at 04:00Z on 2026-01-01.
  const tzYaml = ['America/New_York', 'Asia/Kolkata'].map((z, i) =>
    `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: tz${i}}\nspec:\n  schedule: "30 9 * * *"\n  timeZone: ${z}\n` +
    '  jobTemplate: {spec: {template: {spec: {containers: [{name: a, image: busybox}], restartPolicy: Never}}}}').join('\n---\n');
  await setText(tzYaml);
  await page.click('#apply');
  await page.waitForSelector('#schedule [data-cronjob="tz1"]');
  const firstNext = async (name) => page.$eval(`#schedule [data-cronjob="${name}"] .next li time`, (t) => t.textContent);
  const ny = await firstNext('tz0');
  const kolkata = await firstNext('tz1');
  if (ny !== '01-01 14:30:00Z' || kolkata !== '01-01 04:00:00Z') fail(`timeZone next times: New York ${ny} (want 01-01 14:30:00Z), Kolkata ${kolkata} (want 01-01 04:00:00Z)`);
  // Each time also as the zone's clock reads it.
  const nyLine = await page.$eval('#schedule [data-cronjob="tz0"] .next li', (l) => l.textContent);
  if (!nyLine.includes('= 09:30:00 America/New_York')) fail(`the zone's own clock: ${nyLine}`);
  check(`timeZone from the browser's zone data: 09:30 New York → ${ny}, 09:30 Kolkata → ${kolkata}, shown beside the zone's own 09:30`);

  // 6. Fail a pod by click and see the replacement (restartPolicy Never).
  await preset('pi-job');
  const pi = '[data-job="pi"]';
  await stepUntil('a running pi pod', () => !!document.querySelector('.node .pod[data-status="Running"]'));
  const victim = await page.locator('.node .pod[data-status="Running"]').first().getAttribute('data-pod');
  await page.locator(`.node .pod[data-pod="${victim}"]`).click();
  await page.click('#fail-pod');
  await page.waitForSelector('#notice.ok');
  // Paused, the container's exit shows at once (the kubelet reports it at that instant).
  const now = await page.locator(`${pi} .pod[data-pod="${victim}"]`).getAttribute('data-status');
  if (now !== 'Error') fail(`right after Fail the pod should show Error, got ${now}`);
  if (!(await page.locator('#fail-pod').isDisabled())) fail('Fail should be disabled for a pod that has failed');
  // The informers see the write at that instant too: the loop shows the pod's watch event.
  const watchBox = await page.locator("#hop-watch").innerText();
  if (!watchBox.includes(`MODIFIED Pod/${victim}`)) fail(`right after Fail the loop watch box shows:\n${watchBox}`);
  await stepUntil('a replacement pod', (sel) => document.querySelectorAll(`${sel} .pod`).length >= 2, pi);
  const status = await page.locator(`${pi} .pod[data-pod="${victim}"]`).getAttribute('data-status');
  if (status !== 'Error') fail(`the failed pod should show Error, got ${status}`);
  const names = await page.$$eval(`${pi} .pod`, (ps) => ps.map((p) => p.dataset.pod));
  const replaces = await page.locator(`${pi} .wave[data-wave="2"] .wave-why`).textContent();
  if (replaces !== 'replaces 1 failed') fail(`the replacement's wave should say "replaces 1 failed", got ${replaces}`);
  const marks = await page.locator('.marks .amark').count();
  if (marks !== 1) fail(`the fail should be one mark on the timeline, got ${marks}`);
  await stepUntil('pi Complete', (sel) => document.querySelector(sel)?.dataset.completions === '1/1', pi);
  const at = await page.locator('#time').inputValue();
  // Rewind and replay: the recorded fault reproduces the same pods.
  await page.click('#rewind');
  await frame(page);
  if ((await page.locator(`${pi} .pod`).count()) !== 1) fail('after rewinding, one pod');
  await page.$eval('#time', (el, v) => {
    el.value = v;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, at);
  await frame(page);
  const replayed = await page.$$eval(`${pi} .pod`, (ps) => ps.map((p) => p.dataset.pod));
  if (replayed.slice(0, 2).join() !== names.join()) fail(`replay differs: ${names} vs ${replayed}`);
  check(`fail ${victim} by click → Error and its watch event at once, replacement ${names[1]} (its wave: replaces 1 failed); rewind + replay reproduces it`);
  // A rewind goes on from the latest copy of the cluster kept before its target (one a
  // minute here), not from t=0: what it shows must be what a replay from t=0 shows (a reload
  // replays the saved session from t=0).
  {
    await preset('hello-cronjob');
    await seek(150);
    await consoleRun('kubectl label nodes worker-1 rack=r1');
    await seek(400);
    await seek(330);
    const snap = async () => [
      await consoleRun('kubectl get pods -o wide'),
      await consoleRun('kubectl get nodes --show-labels'),
      await consoleRun('kubectl get events'),
      await page.locator('#clock .at').innerText(),
    ].join('\n');
    const fromCopy = await snap();
    if (!fromCopy.includes('rack=r1')) fail(`the label recorded at 2:30 is missing at 5:30:\n${fromCopy}`);
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="true"]');
    const replayed = await snap();
    if (replayed !== fromCopy) fail(`a rewind to 5:30 from a kept copy differs from a replay from t=0:\n${fromCopy}\n---\n${replayed}`);
  }
  check('a rewind from 6:40 to 5:30 goes on from a copy of the cluster kept on the way and shows what a replay from t=0 shows (pods, nodes with a recorded label, events)');
  // A deleted pod's replacement: its wave says so (the kubelet's Killing marks the delete).
  await preset('pi-job');
  await stepUntil('a running pi pod', () => !!document.querySelector('.node .pod[data-status="Running"]'));
  const doomed = await page.locator('.node .pod[data-status="Running"]').first().getAttribute('data-pod');
  await page.locator(`.node .pod[data-pod="${doomed}"]`).click();
  await page.click('#delete-pod');
  await stepUntil('a replacement for the deleted pod', (sel) => !!document.querySelector(`${sel} .wave[data-wave="2"]`), pi);
  const deletedWhy = await page.locator(`${pi} .wave[data-wave="2"] .wave-why`).textContent();
  if (deletedWhy !== 'replaces 1 deleted') fail(`the deleted pod's replacement wave: ${deletedWhy}`);

  // The page saves when it leaves (pagehide): a stored session is changed from a page of the
  // same origin that is not the app, then the app is opened again.
  const reopenWith = async (mutate, arg) => {
    const back = page.url();
    const css = await page.evaluate(() => document.querySelector('link[rel="stylesheet"]').href);
    await page.goto('about:blank');
    // The style sheet: a document of the same origin without the app.
    const other = await page.context().newPage();
    await other.goto(css);
    await other.evaluate(mutate, arg);
    await other.close();
    await page.goto(back, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="true"]');
  };
  // 7. Reload keeps the YAML (and the recorded actions).
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# kept across reloads\n');
  const typed = await editor.inputValue();
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"]');
  if ((await editor.inputValue()) !== typed) fail('the editor text was not restored after reload');
  if ((await page.locator('.marks .amark').count()) !== 1) fail('the recorded fault was not restored');
  const restored = await page.$$eval(`${pi} .pod`, (ps) => ps.map((p) => p.dataset.pod));
  if (restored.slice(0, 2).join() !== names.join()) fail(`restored cluster differs: ${restored}`);
  // A saved session whose run manifest a newer check refuses keeps the user's text.
  const good = await page.evaluate(() => localStorage.getItem('ctrlscope:v1'));
  const stale = JSON.parse(good).text;
  await reopenWith((raw) => {
    const sv = JSON.parse(raw);
    sv.run = sv.run.replace('restartPolicy: Never', 'restartPolicy: Always');
    localStorage.setItem('ctrlscope:v1', JSON.stringify(sv));
  }, good);
  if ((await editor.inputValue()) !== stale) fail('a session whose run manifest is refused lost its editor text');
  await page.waitForSelector('#notice.bad');
  // One that does not read at all is kept aside and said, not silently saved over.
  await reopenWith(() => localStorage.setItem('ctrlscope:v1', '{"text": damaged'));
  await page.waitForSelector('#notice.bad');
  const keptAside = await page.evaluate(() => localStorage.getItem('ctrlscope:v1:previous'));
  if (keptAside !== '{"text": damaged' || !/could not be read/.test(await page.locator('#notice').innerText()))
    fail(`an unreadable session: kept aside ${keptAside}, notice ${await page.locator('#notice').innerText()}`);
  // One with a damaged field keeps the rest, the editor text first, and says so.
  await reopenWith((raw) => {
    const sv = JSON.parse(raw);
    sv.at_ms = 'abc';
    localStorage.setItem('ctrlscope:v1', JSON.stringify(sv));
  }, good);
  await page.waitForSelector('#notice.bad');
  const partialText = await editor.inputValue();
  if (partialText !== JSON.parse(good).text || !/Part of the session/.test(await page.locator('#notice').innerText()))
    fail(`a session with a damaged field: text kept ${partialText === JSON.parse(good).text}, notice ${await page.locator('#notice').innerText()}`);
  // Back to the good session for what follows.
  await reopenWith((raw) => localStorage.setItem('ctrlscope:v1', raw), good);
  // A one-line (JSON) manifest applied mid-run is recorded: a reload brings its Job back.
  const oneLine = await page.evaluate(() => {
    const sv = JSON.parse(localStorage.getItem('ctrlscope:v1'));
    return sv.text;
  });
  await editor.fill('{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"oneline"},"spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox","command":["sh","-c","sleep 30"]}]}}}}');
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('.marks .amark')].some((m) => /oneline/.test(m.textContent + m.title + (m.getAttribute('aria-label') || ''))));
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"]');
  const oneLineKept = await page.evaluate(() => JSON.parse(localStorage.getItem("ctrlscope:v1")).actions.some((a) => a.includes("oneline")));
  if (!oneLineKept) fail("a one-line manifest applied mid-run was not recorded");
  await reopenWith((raw) => localStorage.setItem('ctrlscope:v1', raw), good);
  if ((await editor.inputValue()) !== oneLine) fail('back to the good session');
  // The timeline's end belongs to the session, not to where its clock stood at the reload: a
  // page reloaded at the end of its run keeps the same end (it grew 20 s per reload).
  const timelineEnd = await page.$eval('#time', (el) => el.max);
  await seek(Number(timelineEnd));
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"]');
  const endAfter = await page.$eval('#time', (el) => el.max);
  if (endAfter !== timelineEnd) fail(`the timeline's end after a reload at its end: ${endAfter}, was ${timelineEnd}`);
  await seek(0);
  check('reload restores the YAML, the recorded fault and the instant; a session whose manifest is refused now keeps its text; one that does not read is kept aside and said; one with a damaged field keeps its text; a one-line manifest applied is recorded; a reload at the end keeps the timeline\'s end');

  // 8. Keyboard: help overlay, play/pause with Space.
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('?');
  await page.waitForSelector('#help[role="dialog"]');
  // The page behind a modal dialog is inert: its shortcuts do nothing there.
  const timeBefore = await page.locator('#time').inputValue();
  for (const k of ['n', 'ArrowRight', 'p', 'l', 'k']) await page.keyboard.press(k);
  await frame(page);
  const behind = await page.evaluate(() => ({
    modals: [...document.querySelectorAll('[aria-modal="true"]')].map((e) => e.id).join(','),
    focus: document.activeElement?.closest('#help') ? 'help' : document.activeElement?.id,
    presenter: document.documentElement.classList.contains('presenter'),
  }));
  if ((await page.locator('#time').inputValue()) !== timeBefore || behind.modals !== 'help' || behind.presenter || behind.focus === 'console-input')
    fail(`shortcuts acted behind the open help dialog: ${JSON.stringify(behind)}`);
  await page.keyboard.press('Escape');
  await page.waitForSelector('#help', { state: 'detached' });
  await page.click('#rewind');
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press(' ');
  await page.waitForFunction(() => document.querySelector('#play')?.getAttribute('data-playing') === 'true');
  await page.waitForTimeout(300);
  await page.keyboard.press(' ');
  await page.waitForFunction(() => document.querySelector('#play')?.getAttribute('data-playing') === 'false');
  if ((await page.locator('#time').inputValue()) === '0') fail('Space did not play');
  if ((await page.locator('#event-log li').count()) < 1) fail('no event log');
  // The live region says only the Events that arrived as time ran forward; a rewind says none.
  const news = () => page.locator('#event-news[aria-live="polite"] p').count();
  if ((await news()) < 1) fail('playing forward announced no Event');
  await page.keyboard.press('Home');
  await page.waitForFunction(() => document.querySelector('#time')?.value === '0');
  if ((await news()) !== 0) fail(`a rewind announced ${await news()} Events again`);
  // At 120× the live region says at most 2 Events, then one line for the rest, per 5 s.
  await preset('hello-cronjob');
  const speedWas = await page.inputValue('#speed');
  await page.selectOption('#speed', '120');
  await page.evaluate(() => {
    window.__said = 0;
    new MutationObserver((ms) => { for (const m of ms) window.__said += [...m.addedNodes].filter((n) => n.nodeName === 'P').length; })
      .observe(document.querySelector('#event-news'), { childList: true });
    document.activeElement?.blur();
  });
  await page.keyboard.press(' ');
  await page.waitForTimeout(4000);
  await page.keyboard.press(' ');
  await frame(page);
  // Paused, what was held back is said in one line when the 5 s window ends.
  const summary = () => /more Events \(\d+ warnings\); the newest/.test([...document.querySelectorAll('#event-news p')].pop()?.innerText || '');
  try {
    await page.waitForFunction(summary, null, { timeout: 7000 });
  } catch {
    fail(`after pausing, the live region's last line: ${await page.locator('#event-news p').last().innerText()}`);
  }
  let said = await page.evaluate(() => window.__said);
  if (said < 1 || said > 3) fail(`at 120× the live region said ${said} lines in 4 s (t=${await page.inputValue('#time')}, ${await page.locator('#event-news').innerHTML()})`);
  // Holding N (a step every 30 ms) says at most 2 Events and one summary per 5 s, not a line per step.
  await page.waitForTimeout(5200); // a fresh 5 s window
  await page.evaluate(() => { window.__said = 0; });
  for (let i = 0; i < 40; i++) { await page.keyboard.press('n'); await page.waitForTimeout(30); }
  await frame(page);
  said = await page.evaluate(() => window.__said);
  if (said > 3) fail(`40 steps in quick succession put ${said} lines in the live region`);
  await page.selectOption('#speed', speedWas);
  await page.keyboard.press('Home');
  await page.waitForFunction(() => document.querySelector('#time')?.value === '0');
  // Escape out of the editor, then ? and Escape: focus must not go back into the YAML, where
  // the next shortcut would type.
  await page.focus('#manifest');
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  await page.waitForSelector('#help[role="dialog"]');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#help', { state: 'detached' });
  const inEditor = await page.evaluate(() => document.activeElement?.id === 'manifest');
  if (inEditor) fail('closing the shortcuts put the focus back in the editor it had left');
  check('? opens the shortcuts (the page behind it inert to N, →, P, L, K), Esc closes them, Space plays and pauses; the live region says only new Events, at 120× at most 3 lines in 4 s; Esc out of the editor stays out');

  // 9. Garbage never panics: the editor, huge numbers, the console.
  const garbage = [
    '\u0000\u0001{{{[[[::: - - -\n\t\tkind: [',
    'apiVersion: batch/v1\nkind: Job\nmetadata: {name: x}\nspec:\n  completions: 99999999999999999999999999\n  parallelism: -7\n  backoffLimit: 1e400\n  template: {spec: {containers: [{name: a, image: b}], restartPolicy: Never}}',
    'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "*/0 99 * * 8"\n  jobTemplate: {spec: {template: {spec: {containers: [{name: a, image: b}], restartPolicy: Never}}}}',
    '*'.repeat(5000),
    '- &a [*a, *a]\n- ' + '['.repeat(300),
    'kind: Job\n'.repeat(400),
    Array.from({ length: 200 }, (_, i) => String.fromCharCode(32 + ((i * 7919) % 20000))).join(''),
  ];
  for (const g of garbage) {
    await setText(g);
    await noPanic();
    await page.keyboard.press('Control+Enter');
  }
  // A large manifest (over 16 KB) is validated once the typing pauses, not on each keystroke;
  // Apply pressed before the pause validates it at once.
  const jobDoc = (i, policy) => `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: many-${i}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: busybox:1.36\n        command: ["sh", "-c", "echo ${'x'.repeat(300)}"]\n      restartPolicy: ${policy}\n`;
  const many = Array.from({ length: 40 }, (_, i) => jobDoc(i, 'Never')).join('---\n');
  await setText(`${many}---\n${jobDoc(40, 'Always')}`);
  const lastLine = many.split('\n').length + 12;
  await page.waitForSelector(`#errors li[data-line="${lastLine}"]`);
  await editor.fill(many);
  await page.focus('#manifest');
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('#notice.ok');
  const applied = await page.locator('#notice').innerText();
  if (!applied.includes('job.batch/many-39 created')) fail(`a large manifest applied before the pause:\n${applied}`);
  await noPanic();
  // A valid Job with a huge parallelism: completions bound the pods.
  await setText(
    'apiVersion: batch/v1\nkind: Job\nmetadata: {name: big}\nspec:\n  completions: 3\n  parallelism: 2147483647\n  template: {spec: {containers: [{name: a, image: b}], restartPolicy: Never}}\n',
  );
  await page.click('#apply');
  await step();
  for (const c of ['', 'get', 'get pods -o yaml', 'describe job', 'logs', 'delete pod nope', 'taint nodes worker-1 :::-', 'get jobs,,pods', '"unterminated', 'kubectl get pods -o jsonpath={.x}', '\u202e\u0000']) {
    if (c) await consoleRun(c);
  }
  await noPanic();
  await step();
  await page.click('#play');
  await page.waitForTimeout(200);
  await page.click('#play');
  await noPanic();
  check('garbage in the editor and the console leaves the page alive, no panic banner');

  // 9b. Node capacity: 110 pods per node (kubelet --max-pods), the scheduler's "Too many pods";
  // and CtrlScope's own limit of 10 000 unfinished pods (parallelism 2^31-1 must not freeze).
  await setText(
    'apiVersion: batch/v1\nkind: Job\nmetadata: {name: wide}\nspec:\n  completions: 400\n  parallelism: 400\n  template:\n    metadata: {annotations: {sim.ctrlscope.dev/duration: "10m"}}\n    spec: {containers: [{name: a, image: b}], restartPolicy: Never}\n',
  );
  await page.click('#reset');
  await frame(page);
  // The console marks where the cluster restarted (what is above ran in another one).
  const lastEntry = await page.locator('#console-out .entry').last().innerText();
  if (!lastEntry.includes('the cluster restarted from the manifest at t=0')) fail(`no restart divider in the console: ${lastEntry}`);
  await stepUntil('three full nodes', () => document.querySelectorAll('.node .chip.full').length === 3);
  const fullChip = await page.locator('.node .chip.full').first().innerText();
  if (fullChip !== 'full: 110/110 pods') fail(`full node chip: ${fullChip}`);
  const waiting = await page.locator('#pending').getAttribute('data-count');
  if (waiting !== '70') fail(`400 pods on 3 × 110 slots should leave 70 Pending, saw ${waiting}`);
  const tooMany = await consoleRun('get events');
  if (!tooMany.includes('0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Too many pods.')) {
    fail(`FailedScheduling should say Too many pods:\n${tooMany.slice(0, 600)}`);
  }
  // The node's Describe button: `kubectl describe node` in the console.
  await page.click('.node[data-node="worker-1"] .node-head');
  const entries = await page.locator('#console-out .entry').count();
  await page.click('#describe-node');
  await page.waitForFunction((n) => document.querySelectorAll('#console-out .entry').length > n, entries);
  const described = await page.locator('#console-out .entry pre').last().innerText();
  if (!described.includes('Non-terminated Pods:') || !described.includes('(110 in total)') || !/pods:\s+110/.test(described)) {
    fail(`describe node worker-1:\n${described.slice(0, 800)}`);
  }
  await shotBoth('node-capacity');
  await setText(
    'apiVersion: batch/v1\nkind: Job\nmetadata: {name: huge}\nspec:\n  completions: 2147483647\n  parallelism: 2147483647\n  template:\n    metadata: {annotations: {sim.ctrlscope.dev/duration: "1h"}}\n    spec: {containers: [{name: a, image: b}], restartPolicy: Never}\n',
  );
  await page.click('#reset');
  await frame(page);
  // 500 pods a sync, a sync a second (burstReplicas, syncJobBatchPeriod): the limit by ~20 s.
  await stepUntil('the pod limit', () => !!document.querySelector('#pod-limit'), undefined, 200);
  // The refusals' FailedCreate Events are dropped by the Event spam filter (25 per object, as
  // client-go does), so the page states the limit itself.
  const limited = (await page.locator('#pod-limit').count()) ? await page.locator('#pod-limit').innerText() : '';
  if (!limited.includes('10000 unfinished pods')) fail(`a huge Job should meet the pod limit: ${limited}`);
  const pendingHuge = Number(await page.locator('#pending').getAttribute('data-count'));
  if (pendingHuge !== 10000 - 330) fail(`10 000 pods, 330 placed: expected 9670 Pending, saw ${pendingHuge}`);
  await noPanic();
  check('a Reset marks the console; nodes hold 110 pods ("full: 110/110", 70 Pending, Too many pods, describe node); a 2^31-pod Job stops at 10 000 pods');

  // 9c. Node labels steer a DaemonSet: its nodeSelector matches no node until worker-2 is
  // labelled by click; removing the label in the console deletes the pod again.
  await setText(
    'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ssd-agent}\nspec:\n  selector: {matchLabels: {app: ssd-agent}}\n  template:\n    metadata: {labels: {app: ssd-agent}}\n    spec:\n      nodeSelector: {disktype: ssd}\n      containers: [{name: a, image: busybox:1.36}]\n',
  );
  await page.click('#reset');
  await frame(page);
  for (let i = 0; i < 5; i++) await step();
  if (await page.locator('.pod[data-pod^="ssd-agent-"]').count()) fail('no node has disktype=ssd yet, but a daemon pod exists');
  await page.click('.node[data-node="worker-2"] .node-head');
  await page.click('#label-disktype');
  await frame(page);
  await stepUntil('a daemon pod on the labelled worker-2', () =>
    !!document.querySelector('.node[data-node="worker-2"] .pod[data-pod^="ssd-agent-"][data-status="Running"]'));
  if ((await page.locator('.pod[data-pod^="ssd-agent-"]').count()) !== 1) fail('exactly one daemon pod expected');
  const chips = await page.locator('.node[data-node="worker-2"] .chip.label').allInnerTexts();
  if (!chips.includes('disktype=ssd')) fail(`worker-2 label chips: ${chips}`);
  await shot('node-label', { width: 1366, height: 768 });
  const relabel = await consoleRun('label nodes worker-2 disktype=nvme');
  if (relabel !== "error: 'disktype' already has a value (ssd), and --overwrite is false") fail(`label without --overwrite: ${relabel}`);
  const unlabel = await consoleRun('kubectl label nodes worker-2 disktype-');
  if (unlabel !== 'node/worker-2 unlabeled') fail(`unlabel: ${unlabel}`);
  await stepUntil('the daemon pod gone from worker-2', () => !document.querySelector('.pod[data-pod^="ssd-agent-"]'));
  // A node action moves focus from its button to the bar (a screen reader stays there), so Space
  // then plays: it must not press the button that now sits where the clicked one was (Taint
  // NoSchedule, then Space, once applied NoExecute).
  await page.click('.node[data-node="worker-3"] .node-head');
  await page.click('#taint-noschedule');
  await frame(page);
  const focused = await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
  if (focused !== 'selbar') fail(`focus after Taint NoSchedule: ${focused}`);
  await page.keyboard.press(' ');
  await frame(page);
  await page.keyboard.press(' ');
  await frame(page);
  const untaints = await page.locator('.selbar .untaint').allInnerTexts();
  if (untaints.join() !== 'Untaint maintenance:NoSchedule') fail(`after Taint NoSchedule and Space: ${untaints}`);
  // A node action that changes nothing (cordoning a cordoned node) leaves no timeline mark.
  const userMarks = () => page.locator('.marks .amark:not(.scripted)').count();
  await consoleRun('kubectl cordon worker-1');
  const cordoned = await userMarks();
  await consoleRun('kubectl cordon worker-1');
  if ((await userMarks()) !== cordoned) fail('cordoning a cordoned node added a timeline mark');
  // ◀◀ stops at the cordon's instant (no Event there), as ▶▶ does.
  const cordonAt = await page.locator('#clock .at').innerText();
  await step();
  await step();
  for (let i = 0; i < 2; i++) {
    await page.click('#back');
    await frame(page);
    if ((await page.locator('#clock .at').innerText()) === cordonAt) break;
  }
  const backAt = await page.locator('#clock .at').innerText();
  if (backAt !== cordonAt) fail(`◀◀ skipped the cordon at ${cordonAt}: ${backAt}`);
  // Reset cluster clears the recorded actions: counted, and the session is offered back.
  await page.click('#reset');
  await frame(page);
  const resetNotice = await page.locator('#notice').innerText().catch(() => '');
  if (!/Recorded actions cleared \(\d+\)/.test(resetNotice) || !(await page.locator('#restore-previous').count()))
    fail(`Reset cluster with recorded actions: ${resetNotice}`);
  await noPanic();
  check('labelling a node by click starts a daemon pod there (nodeSelector); kubectl label ... disktype- removes it; Space after a node action plays; a repeated cordon leaves no mark; ◀◀ stops at the cordon; Reset counts the cleared actions and offers them back');

  // 9c2. A node's kubelet stops by click: NotReady 50 s after its Lease's last renewal, then the
  // unreachable taints; the daemon pod stays. Started again: Ready, no taints.
  await preset('fluentd-daemonset');
  await page.click('.node[data-node="worker-2"] .node-head');
  await page.click('#stop-kubelet');
  await frame(page);
  if ((await page.locator('.node[data-node="worker-2"] .chip.stopped').count()) !== 1) fail('no "kubelet stopped" chip on worker-2');
  const nodeStatus = () => page.locator('.node[data-node="worker-2"] .nstatus').innerText();
  await stepUntil('worker-2 NotReady', () =>
    document.querySelector('.node[data-node="worker-2"] .nstatus')?.textContent.includes('NotReady'));
  await stepUntil('the unreachable:NoExecute taint', () =>
    [...document.querySelectorAll('.node[data-node="worker-2"] .chip.taint')].some((c) => c.textContent.includes('unreachable:NoExecute')));
  const lost = await consoleRun('kubectl get nodes');
  if (!/^worker-2\s+NotReady\s/m.test(lost)) fail(`get nodes with worker-2's kubelet stopped:\n${lost}`);
  if ((await page.locator('.node[data-node="worker-2"] .pod[data-pod^="fluentd-elasticsearch-"]').count()) !== 1) fail('the daemon pod should stay on worker-2');
  await shot('kubelet-stopped', { width: 1366, height: 768 });
  await page.click('.node[data-node="worker-2"] .node-head');
  if (!(await page.locator('#out-of-service').count())) fail('a lost node offers "Out of service"');
  await page.click('#start-kubelet');
  await frame(page);
  if (!(await nodeStatus()).includes('Ready') || (await nodeStatus()).includes('NotReady')) fail(`worker-2 after Start kubelet: ${await nodeStatus()}`);
  // The node lifecycle controller takes the taints off in its own step at this instant.
  await stepUntil('the unreachable taints gone', () =>
    !document.querySelector('.node[data-node="worker-2"] .chip.taint'), undefined, 3);
  await noPanic();
  // Out of service (non-graceful node shutdown): the lost node's daemon pod, which does not
  // tolerate that taint, is evicted and then force-deleted by the pod GC.
  await preset('fluentd-daemonset');
  await page.click('.node[data-node="worker-3"] .node-head');
  await page.click('#stop-kubelet');
  await stepUntil('worker-3 NotReady', () =>
    document.querySelector('.node[data-node="worker-3"] .nstatus')?.textContent.includes('NotReady'));
  await page.click('.node[data-node="worker-3"] .node-head');
  await page.click('#out-of-service');
  await stepUntil('the daemon pod on worker-3 gone', () =>
    !document.querySelector('.node[data-node="worker-3"] .pod[data-pod^="fluentd-elasticsearch-"]'), undefined, 40);
  await noPanic();
  check('Stop kubelet by click: the node turns NotReady after the grace period and is tainted unreachable, the daemon pod stays; Start kubelet: Ready again; Out of service: its pods are force-deleted');

  // 9d. The CronJob by hand and suspended: `kubectl create job --from=cronjob/...`, `kubectl patch`.
  await preset('hello-cronjob');
  await page.waitForSelector('#schedule [data-cronjob="hello"]');
  const created = await consoleRun('kubectl create job manual-1 --from=cronjob/hello');
  if (created !== 'job.batch/manual-1 created') fail(`create job --from: ${created}`);
  await page.waitForSelector('[data-cronjob-job="manual-1"][data-manual="true"]');
  await stepUntil('the UnexpectedJob event', () =>
    [...document.querySelectorAll('#event-log li')].some((e) => e.textContent.includes('UnexpectedJob')), undefined, 20);
  const suspended = await consoleRun(`kubectl patch cronjob hello -p '{"spec":{"suspend":true}}'`);
  if (suspended !== 'cronjob.batch/hello patched') fail(`patch suspend: ${suspended}`);
  const again = await consoleRun(`kubectl patch cronjob hello -p '{"spec":{"suspend":true}}'`);
  if (again !== 'cronjob.batch/hello patched (no change)') fail(`patch again: ${again}`);
  await shot('cronjob-manual', { width: 1366, height: 768 });
  const cjTable = await consoleRun('get cronjobs');
  if (!/^hello\s+\*\/1 \* \* \* \*\s+<none>\s+True\s/m.test(cjTable)) fail(`get cronjobs after suspend:\n${cjTable}`);
  const immutable = await consoleRun(`kubectl patch job manual-1 -p '{"spec":{"template":{"spec":{"restartPolicy":"Never"}}}}'`);
  if (!immutable.startsWith('The Job "manual-1" is invalid: spec.template: Invalid value:') || !immutable.includes('field is immutable')) {
    fail(`patching a Job template: ${immutable}`);
  }
  await noPanic();
  check('kubectl create job manual-1 --from=cronjob/hello (a manual lane, UnexpectedJob); kubectl patch suspends the CronJob; a Job template patch is refused');

  // 9e. How a CronJob's run ended, on its lane: a running Job deleted by hand (MissingJob) is
  // "Deleted while running", not Running for ever; with successfulJobsHistoryLimit 0 a finished
  // Job is deleted at once (cleanupFinishedJobs, cronjob_controllerv2.go), and its lane says
  // it completed, not that it was replaced.
  await preset('hello-cronjob');
  await stepUntil('a running run', () => !!document.querySelector('[data-cronjob-job][data-status="Running"]'));
  const running = await page.locator('[data-cronjob-job][data-status="Running"]').first().getAttribute('data-cronjob-job');
  const deletedJob = await consoleRun(`kubectl delete job ${running}`);
  if (deletedJob !== `job.batch "${running}" deleted from default namespace`) fail(`delete job: ${deletedJob}`);
  await stepUntil('the deleted run ended', (job) =>
    document.querySelector(`[data-cronjob-job="${job}"]`)?.dataset.status === 'Deleted', running, 20);
  await consoleRun(`kubectl patch cronjob hello -p '{"spec":{"successfulJobsHistoryLimit":0}}'`);
  await stepUntil('a completed run deleted by the history limit', () =>
    !!document.querySelector('[data-cronjob-job][data-status="Complete, deleted"]'), undefined, 200);
  if (await page.$('[data-cronjob-job][data-status="Replaced"]')) fail('no run was replaced (concurrencyPolicy Allow)');
  await noPanic();
  check('CronJob lanes: a Job deleted by hand ends "Deleted while running"; history limit 0 deletes a finished Job, shown "Complete, deleted", not "Replaced"');

  // 9f. A Job patched from the console is saved (its entry leaves out the generated selector
  // and labels, so it reads back) and replayed after a reload; an uncordon of nodes already
  // schedulable changes nothing and records nothing.
  await preset('parallel-job');
  await seek(20);
  const patchedJob = await consoleRun(`kubectl patch job paral-1 -p '{"spec":{"parallelism":3}}'`);
  if (patchedJob !== 'job.batch/paral-1 patched') fail(`patch job: ${patchedJob}`);
  await page.waitForFunction(() => (JSON.parse(localStorage.getItem('ctrlscope:v1') ?? '{}').actions ?? []).length === 1);
  const marksBefore = await page.locator('.marks .amark').count();
  await consoleRun('kubectl uncordon worker-1 worker-2');
  if ((await page.locator('.marks .amark').count()) !== marksBefore) fail('a no-op uncordon was recorded');
  await seek(40);
  const podsLive = await consoleRun('kubectl get pods -o wide');
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  const podsReloaded = await consoleRun('kubectl get pods -o wide');
  if (podsReloaded !== podsLive) fail(`the patch was not replayed after a reload:\n${podsLive}\n---\n${podsReloaded}`);
  if ((await podsLive.split('\n').filter((l) => l.includes('Running')).length) !== 3) fail(`parallelism 3 runs 3 pods:\n${podsLive}`);
  await noPanic();
  check('kubectl patch job is saved and replayed after a reload (parallelism 3: 3 running at 0:40); a no-op uncordon of two nodes is not recorded');

  // 9b. kubectl get pods -w: a row per change as time runs; a fault by click shows up in it;
  // Ctrl+C ends it; a rewind ends a watch (its cluster is replayed anew).
  await preset('parallel-job');
  await stepUntil('two running pods', () => document.querySelectorAll('.node .pod[data-status="Running"]').length >= 2);
  await consoleRun('kubectl get pods -w');
  await page.waitForSelector('#console-out .entry:last-child .watching');
  const watchOut = () => page.locator('#console-out .entry:last-child pre').innerText();
  const listed = await watchOut();
  if (!/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/.test(listed)) fail(`get pods -w list:\n${listed}`);
  const failed = await page.locator('.node .pod[data-status="Running"]').first().getAttribute('data-pod');
  await page.locator(`.node .pod[data-pod="${failed}"]`).click();
  await page.click('#fail-pod');
  await page.waitForSelector('#notice.ok');
  // restartPolicy OnFailure: the kubelet restarts the container in place (RESTARTS 1).
  await stepUntil('the restart in the watch', (pod) =>
    new RegExp(`^${pod}\\s+1/1\\s+Running\\s+1 \\(`, 'm').test(document.querySelector('#console-out .entry:last-child pre')?.innerText ?? ''), failed, 20);
  const watched = await watchOut();
  if (!new RegExp(`^${failed}\\s+0/1\\s+Error\\s`, 'm').test(watched)) fail(`the failed pod's Error row is missing:\n${watched}`);
  if (watched.split('\n').filter((l) => l.startsWith('NAME')).length !== 1) fail(`one header only:\n${watched}`);
  const consolePath = join(shots, 'ctrlscope-watch-console-1366x768.png');
  await page.locator('#console').screenshot({ path: consolePath });
  console.log(`# screenshot: ${consolePath}`);
  await page.focus('#console-input');
  await page.keyboard.press('Control+c');
  await page.waitForSelector('#console-out .entry:last-child .watching', { state: 'detached' });
  if (!(await watchOut()).endsWith('^C')) fail('Ctrl+C should end the watch with ^C');
  await consoleRun('get jobs -w');
  await page.waitForSelector('#console-out .entry:last-child .watching');
  await page.click('#rewind');
  await page.waitForSelector('#console-out .entry:last-child .watch-ended');
  // Tab completes: one fit fills in (with a space), several list above the input line.
  await page.fill('#console-input', `kubectl logs ${failed.slice(0, -3)}`);
  await page.press('#console-input', 'Tab');
  if ((await page.inputValue('#console-input')) !== `kubectl logs ${failed} `) fail(`Tab: ${await page.inputValue('#console-input')}`);
  await page.fill('#console-input', 'kubectl get pods paral-1-');
  await page.press('#console-input', 'Tab');
  const hint = await page.locator('#complete-hint').innerText();
  if (!hint.includes(failed)) fail(`Tab with several fits shows them: ${hint}`);
  await page.fill('#console-input', '');
  await consoleRun('kubectl wait --for=condition=complete job/paral-1 --timeout=5m');
  await page.waitForSelector('#console-out .entry:last-child .watching');
  await stepUntil('kubectl wait to finish', () =>
    !document.querySelector('#console-out .entry:last-child .watching'), undefined, 200);
  const waited = (await watchOut()).trim();
  if (waited !== 'job.batch/paral-1 condition met') fail(`kubectl wait printed: ${waited}`);
  await noPanic();
  check(`kubectl get pods -w prints each change (${failed} Error, then Running with 1 restart); Ctrl+C ends it; a rewind ends a watch; kubectl wait --for=condition=complete ends when the Job does; Tab completes pod names`);

  // 9c. Keyboard focus: each group of pod tiles is one Tab stop with the arrow keys inside;
  // Enter on a tile hands the focus to the pod's actions and × gives it back to the tile;
  // `clear` keeps the console's history; examples passed over with the arrow keys keep the offer
  // to restore the work they replaced.
  const groups = await page.$$eval('[data-pod-group]', (gs) =>
    gs.filter((g) => g.querySelector('button.pod'))
      .map((g) => [g.querySelectorAll('button.pod').length, g.querySelectorAll('button.pod[tabindex="0"]').length]));
  if (!groups.length || groups.some(([, stops]) => stops !== 1)) fail(`pod groups' Tab stops: ${JSON.stringify(groups)}`);
  const pair = await page.evaluate(() => {
    const g = [...document.querySelectorAll('.node [data-pod-group]')].find((x) => x.querySelectorAll('button.pod').length > 1);
    const [a, b] = g.querySelectorAll('button.pod');
    return [a.dataset.pod, b.dataset.pod];
  });
  await page.focus(`.node button.pod[data-pod="${pair[0]}"]`);
  await page.keyboard.press('ArrowRight');
  const moved = await page.evaluate(() => document.activeElement?.dataset.pod);
  if (moved !== pair[1]) fail(`→ in a node's tiles focused ${moved}, want ${pair[1]}`);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.closest('#selbar'));
  await page.focus('#selbar button.close');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#selbar.hint');
  await frame(page);
  const back = await page.evaluate(() => [document.activeElement?.dataset.pod, !!document.activeElement?.closest('.node')]);
  if (back[0] !== pair[1] || !back[1]) fail(`× gave the focus to ${back}, want the node's tile ${pair[1]} (the one the bar was opened from)`);
  await consoleRun('kubectl get nodes');
  await page.fill('#console-input', 'clear');
  await page.press('#console-input', 'Enter');
  await page.waitForFunction(() => !document.querySelector('#console-out .entry'));
  await page.focus('#console-input');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  const recalled = await page.inputValue('#console-input');
  if (recalled !== 'kubectl get nodes') fail(`history after clear: "${recalled}"`);
  await page.fill('#console-input', '');
  // An arrow key in the Examples select only chooses (WCAG 3.2.2); Enter loads.
  const offer = async () => page.evaluate(() => !!document.querySelector('#restore-previous'));
  const loadedBefore = await page.inputValue('#manifest');
  await page.focus('#preset');
  await page.keyboard.press('ArrowDown');
  await frame(page);
  if ((await page.inputValue('#manifest')) !== loadedBefore || (await offer())) fail('an arrow key in the Examples select loaded an example');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#restore-previous', { timeout: 5000 }).catch(() => {});
  const first = await offer();
  if ((await page.inputValue('#manifest')) === loadedBefore) fail('Enter after the arrow did not load the example');
  await page.focus('#preset');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await frame(page);
  if (!first || !(await offer())) fail(`the offer to restore the replaced work: ${first}, then ${await offer()}`);
  await page.click('#restore-previous');
  await page.waitForFunction((pod) => !!document.querySelector(`button.pod[data-pod="${pod}"]`), pair[1]);
  await noPanic();
  check('pod tiles: one Tab stop per group, arrows inside, Enter → its actions, × → back to the tile; clear keeps the console history; examples chosen with the arrow keys load on Enter and keep the restore offer');

  // 9d. A notice that goes by itself (the clock a minute on) leaves the focus and the scroll where
  // the user left them; a watch's Stop hands the focus to the console's line; a Tab that adds
  // nothing to the line moves on.
  await page.click('#add-node');
  await page.waitForSelector('#notice');
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 300); });
  const scrolled = await page.evaluate(() => scrollY);
  for (let i = 0; i < 200 && (await page.locator('#notice').count()); i++) {
    await page.keyboard.press('n');
    await frame(page);
  }
  const stayed = await page.evaluate(() => [document.activeElement?.tagName, scrollY]);
  if (stayed[0] !== 'BODY' || stayed[1] !== scrolled) fail(`a notice gone by itself moved the focus or the page: ${stayed}, scrolled to ${scrolled}`);
  await consoleRun('kubectl get jobs -w');
  await page.waitForSelector('#stop-watch');
  await page.focus('#stop-watch');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#stop-watch', { state: 'detached' });
  await frame(page);
  const afterStop = await page.evaluate(() => document.activeElement?.id);
  if (afterStop !== 'console-input') fail(`Stop handed the focus to ${afterStop}, want the console's line`);
  // The first Tab ends the word, the second lists what may come next, the third moves on.
  await page.fill('#console-input', 'kubectl get nodes -o wide');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  const tabbed = await page.evaluate(() => document.activeElement?.id || document.activeElement?.innerText);
  if (tabbed === 'console-input') fail('Tab on a line with nothing to add stays in the console');
  await page.fill('#console-input', '');
  await noPanic();
  check('a notice gone by itself leaves the focus and the scroll alone; Stop hands the focus to the console line; Tab moves on from a line with nothing to add');

  // 9f. What the page says about history and faults. A key past its due time while the
  // controller manager is down is "overdue", never kubectl's "<invalid>" age.
  await preset('parallel-job');
  await page.selectOption('#loop-filter', 'job-controller');
  await stepUntil('a delayed key in the Job controller\'s queue', () => !!document.querySelector('#hop-queue .key.delayed'));
  await page.click('#cm-down');
  await frame(page);
  // The button, now disabled, hands the focus to the cluster's heading, not the document.
  const afterDown = await page.evaluate(() => document.activeElement?.id);
  if (afterDown !== 'cluster-h') fail(`focus after Controller manager down: ${afterDown}`);
  await seek(150);
  const queued = await page.locator('#hop-queue').innerText();
  if (queued.includes('<invalid>') || !queued.includes('the controller manager is down: this in-memory queue is lost')) fail(`the work queue while the controller manager is down:\n${queued}`);
  await page.selectOption('#loop-filter', 'auto');
  // A wave's caption is fixed when the wave is made: deleting the pods it followed later (they
  // had succeeded) changes nothing.
  await preset('parallel-job');
  await stepUntil('wave 2 running', (sel) => !!document.querySelector(`${sel} .wave[data-wave="2"] .pod[data-status="Running"]`), job);
  const firstWave = await page.$$eval(`${job} .wave[data-wave="1"] .pod[data-pod]`, (ps) => ps.map((p) => p.dataset.pod));
  await consoleRun(`kubectl delete pod ${firstWave.join(' ')}`);
  await stepUntil('wave 1 gone', (sel) => document.querySelectorAll(`${sel} .wave[data-wave="1"] .pod.gone`).length === 2, job);
  const kept = await page.locator(`${job} .wave[data-wave="2"] .wave-why`).textContent();
  if (kept !== 'after 2 succeeded') fail(`wave 2 after its predecessors were deleted: "${kept}"`);
  // The counters read as counts against a limit, and say how OnFailure counts.
  const facts = page.locator(`${job} .facts`);
  if (!/active pods' restarts 0 \(backoffLimit 6\) · failures 0$/.test(await facts.innerText())) fail(`Job facts: ${await facts.innerText()}`);
  if (!(await facts.getAttribute('title')).includes('only the container restarts of active')) fail(`Job facts' title: ${await facts.getAttribute('title')}`);
  // A NoExecute taint evicts a running pod and a succeeded one: the next wave replaces only the
  // running one (the succeeded pod still counts).
  await preset('parallel-job');
  for (let i = 0; i < 2; i++) await step();
  await page.locator('.node[data-node="worker-1"] .pod').first().click();
  await page.click('#fail-pod');
  for (let i = 0; i < 5; i++) await step();
  await page.click('.node[data-node="worker-3"] .node-head');
  await page.click('#taint-noexecute');
  await stepUntil('the replacement wave', (sel) => !!document.querySelector(`${sel} .wave[data-wave="3"]`), job, 20);
  const replaced = await page.locator(`${job} .wave[data-wave="3"] .wave-why`).textContent();
  if (replaced !== 'replaces 1 deleted') fail(`the wave after the eviction: "${replaced}"`);
  await page.keyboard.press('Escape');
  // A removed node's card says why its pods linger: the pod GC's quarantine.
  await preset('parallel-job');
  for (let i = 0; i < 2; i++) await step();
  await page.click('.node[data-node="worker-3"] .node-head');
  await page.click('#remove-node');
  await page.waitForSelector('.node.gone[data-node="worker-3"] .gc-note');
  // The pod GC sees the node gone at its next pass; then the note says when it collects.
  await stepUntil('the pod GC due time', () => /at \d+:\d\d\.$/.test(document.querySelector('.node.gone .gc-note')?.textContent ?? ''), undefined, 5);
  const gcNote = await page.locator('.node.gone[data-node="worker-3"] .gc-note').innerText();
  if (!/pod garbage collector deletes them once the node has been missing for 40 s \(its quarantine\), at 1:00/.test(gcNote)) fail(`the removed node's note: ${gcNote}`);
  // A DaemonSet pod kept on a node tainted NoSchedule is misscheduled, and said to be.
  await preset('fluentd-daemonset');
  await stepUntil('fluentd on 4 nodes', rolled);
  await page.click('.node[data-node="worker-1"] .node-head');
  await page.click('#taint-noschedule');
  await page.keyboard.press('Escape');
  await stepUntil('DESIRED 3', () => document.querySelector('[data-daemonset="fluentd-elasticsearch"]')?.dataset.desired === '3', undefined, 10);
  const keptPod = await page.locator(`${ds} li[data-node="worker-1"][data-misscheduled] .kept`).innerText();
  if (!keptPod.startsWith('kept: misscheduled')) fail(`worker-1's daemon pod: ${keptPod}`);
  const miss = await page.locator(`${ds} span.misscheduled`).innerText();
  if (miss !== '· misscheduled 1') fail(`numberMisscheduled on the card: ${miss}`);
  // While the editor's text is invalid, the Schedule panel says it shows the running version.
  await preset('hello-cronjob');
  await page.waitForSelector('#schedule [data-cronjob="hello"]');
  if (await page.locator('#schedule-running').count()) fail('a valid manifest\'s schedule is labelled as the running one');
  await setText(example('hello-cronjob.yaml').replace('*/1 * * * *', '*/5 * * * *').replace('kind: CronJob', 'kind: CronJob\nspec: [oops'));
  await page.waitForSelector('#schedule-running');
  const still = await page.locator('#schedule .expr').innerText();
  if (still !== '"*/1 * * * *"') fail(`the running schedule: ${still}`);
  await noPanic();
  check('queue keys overdue while the controller manager is down; wave captions fixed when made and counting only the pods replaced; Job counters vs backoffLimit; a removed node\'s pod GC quarantine; a misscheduled daemon pod; the Schedule panel labelled while the text is invalid');

  // 9g. Regressions found in review. Marks close together are one button whose second press
  // goes on to the next; Escape closing a dialog keeps the selection; an example passed with
  // the arrows and then left (Tab) is not shown as loaded.
  await preset('hello-cronjob');
  await page.click('#add-node');
  await frame(page);
  await seek(3);
  const second = await page.inputValue('#time');
  await page.click('#add-node');
  await frame(page);
  const merged = page.locator('.marks .amark:not(.scripted)');
  if ((await merged.count()) !== 1 || (await merged.getAttribute('data-count')) !== '2') fail(`two close actions: ${await merged.count()} mark(s)`);
  await merged.click();
  await frame(page);
  const firstAt = await page.inputValue('#time');
  await merged.click();
  await frame(page);
  if (firstAt !== '0' || (await page.inputValue('#time')) !== second) fail(`the merged mark went to ${firstAt}, then ${await page.inputValue('#time')} (want 0, then ${second})`);
  await page.click('.node[data-node="worker-1"] .node-head');
  await page.waitForSelector('#selbar');
  await page.keyboard.press('?');
  await page.waitForSelector('#help[role="dialog"]');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#help', { state: 'detached' });
  if (!(await page.locator('#selbar').count())) fail('Escape on the shortcuts dialog also cleared the selected node');
  await page.keyboard.press('Escape');
  const loadedPreset = await page.inputValue('#preset');
  await page.focus('#preset');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await frame(page);
  if ((await page.inputValue('#preset')) !== loadedPreset) fail(`after ArrowDown and Tab the Examples list shows ${await page.inputValue('#preset')}, loaded is ${loadedPreset}`);
  await noPanic();
  check('close timeline marks are one button, pressed again it goes on; Escape on a dialog keeps the selection; an example passed with the arrows and left with Tab shows the loaded one');

  // 9h. Found in review (stop 31). A new pod on a node leaves the tiles already there alone (the
  // same elements: their entry animation does not replay); an Indexed Job's tiles show the
  // completion index; the single-key shortcuts can be turned off in Help (WCAG 2.1.4).
  {
  await preset('backoff-job');
  await seek(172);
  await page.evaluate(() => { for (const t of document.querySelectorAll('.node .pod')) t.__kept = true; });
  const tilesBefore = await page.locator('.node .pod').count();
  await page.click('#step');
  await frame(page);
  const tilesKept = await page.evaluate(() => [...document.querySelectorAll(".node .pod")].filter((t) => t.__kept).length);
  if ((await page.locator('.node .pod').count()) <= tilesBefore || tilesKept !== tilesBefore) fail(`a new pod re-created tiles: ${tilesKept} of ${tilesBefore} kept`);
  await setText(['apiVersion: batch/v1', 'kind: Job', 'metadata:', '  name: render', 'spec:', '  completions: 3',
    '  parallelism: 3', '  completionMode: Indexed', '  template:', '    spec:', '      restartPolicy: Never',
    '      containers:', '      - name: r', '        image: busybox:1.36', '        command: ["sh", "-c", "sleep 5"]', ''].join('\n'));
  await page.click('#reset');
  await frame(page);
  await page.click('#step');
  await frame(page);
  const indexed = (await page.locator('.wave .pod .pname').allInnerTexts()).map((n) => n.split('-')[0]).sort().join(',');
  if (indexed !== '0,1,2') fail(`Indexed tiles show ${indexed}, want the indexes 0,1,2`);
  await page.keyboard.press('?');
  await page.waitForSelector('#help[role="dialog"]');
  await page.click('#letter-keys');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#help', { state: 'detached' });
  await page.focus('#play');
  const clock = await page.locator('#clock .at').innerText();
  await page.keyboard.type('pn');
  await frame(page);
  const presenterNow = (await page.getAttribute('#presenter-btn', 'aria-pressed')) === 'true';
  if (presenterNow || (await page.locator('#clock .at').innerText()) !== clock) fail('typed letters still acted with the single-key shortcuts off');
  // The controls declare (aria-keyshortcuts) and show (data-kbd) only the keys that still act.
  const declared = () => page.evaluate(() => ['play', 'step', 'back', 'help-btn', 'presenter-btn', 'loop-big', 'loop-walk-on', 'speed', 'console-input', 'manifest']
    .map((id) => { const e = document.getElementById(id); return `${id}=${e.getAttribute('aria-keyshortcuts') ?? ''}|${e.closest('[data-kbd]')?.dataset.kbd ?? ''}`; }).join(' '));
  const off = await declared();
  if (off !== 'play=| step=ArrowRight|→ back=ArrowLeft|← help-btn=| presenter-btn=| loop-big=| loop-walk-on=| speed=| console-input=| manifest=|') fail(`keys declared with the single-key shortcuts off: ${off}`);
  const keyTexts = [await page.locator('#loop-walk > .walk-at.muted').innerText(), await page.getAttribute('#step', 'title'), await page.getAttribute('#presenter-btn', 'title')];
  if (!keyTexts[0].endsWith('with ◀ ▶') || !keyTexts[1].endsWith('(→)') || /\(P\)/.test(keyTexts[2])) fail(`texts that still name letter keys with the single-key shortcuts off: ${JSON.stringify(keyTexts)}`);
  await page.click('#help-btn');
  await page.waitForSelector('#help[role="dialog"]');
  await page.click('#letter-keys');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#help', { state: 'detached' });
  await page.focus('#play');
  await page.keyboard.press('n');
  await frame(page);
  if ((await page.locator('#clock .at').innerText()) === clock) fail('N did nothing once the single-key shortcuts were back on');
  const on = await declared();
  if (on !== 'play=Space|Space step=ArrowRight N|→ / N back=ArrowLeft B|← / B help-btn=?|? presenter-btn=P|P loop-big=L|L loop-walk-on=.|. speed=Plus -|+ / − console-input=K| manifest=E|') fail(`keys declared with the single-key shortcuts on: ${on}`);
  // The focused speed select keeps + and −, as its hint says.
  const speedThen = await page.inputValue('#speed');
  await page.focus('#speed');
  await page.keyboard.press('+');
  await frame(page);
  const faster = await page.inputValue('#speed');
  await page.keyboard.press('-');
  await frame(page);
  if (Number(faster) <= Number(speedThen) || (await page.inputValue('#speed')) !== speedThen) fail(`+ and − on the focused speed select: ${speedThen} → ${faster} → ${await page.inputValue('#speed')}`);
  // A button pressed with the pointer keeps no claim on Space: it plays (not a second node).
  await preset('fluentd-daemonset');
  const nodes = () => page.locator('.nodes .node').count();
  const before = await nodes();
  await page.click('#add-node');
  await frame(page);
  await page.keyboard.press(' ');
  await frame(page);
  if ((await nodes()) !== before + 1 || (await page.getAttribute('#play', 'data-playing')) !== 'true') fail(`Space after clicking + Add node: ${await nodes()} nodes (want ${before + 1}), playing ${await page.getAttribute('#play', 'data-playing')}`);
  await page.keyboard.press(' ');
  await frame(page);
  // An untouched example speaks the page's language after a switch (its comment; same run).
  await preset('parallel-job');
  await page.click('#lang-btn');
  await frame(page);
  const zhFirst = (await page.inputValue('#manifest')).split('\n')[0];
  // A loop-walk button's name starts with the word it shows (上一步), not with a description.
  const walkZh = await page.$eval('#loop-walk-back', (b) => [b.getAttribute('aria-label'), b.innerText.replace('◀', '').trim()]);
  if (!walkZh[1] || !walkZh[0].startsWith(walkZh[1])) fail(`#loop-walk-back in Chinese shows "${walkZh[1]}", is named "${walkZh[0]}"`);
  await page.click('#lang-btn');
  await frame(page);
  const enFirst = (await page.inputValue('#manifest')).split('\n')[0];
  if (!/[\u4e00-\u9fff]/.test(zhFirst) || /[\u4e00-\u9fff]/.test(enFirst)) fail(`the example's comment after switching languages: ${zhFirst} / ${enFirst}`);
  await noPanic();
  check('a new pod leaves the tiles already on its node alone; Indexed tiles show the index; Help turns the single-key shortcuts off and on, and the controls declare and show only the keys that act; + − on the focused speed select; Space after a clicked button plays; an untouched example follows the page language, the loop walk\'s names start with their words');
  }

  // 9b. Persistence across tabs, links and damaged or missing storage (README "Nothing lost").
  {
  const ready = async (p) => {
    await p.waitForSelector('body[data-ready="true"]');
    await frame(p);
  };
  const jobY = (n) => `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: ${n}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n`;
  const nameIn = async (p) => ((await p.inputValue('#manifest')).match(/name: ([\w-]+)/) || [])[1];
  const stored = (p, key) => p.evaluate((k) => ((localStorage.getItem(k) || '').match(/name: ([\w-]+)/) || [])[1], key);
  const own = async (p, n) => {
    await p.locator('#manifest').fill(jobY(n));
    await p.click('#apply');
    await frame(p);
  };
  await page.goto(site.url, { waitUntil: 'load' });
  await ready(page);
  await own(page, 'tab-a');
  const tabB = await page.context().newPage();
  await tabB.goto(site.url, { waitUntil: 'load' });
  await ready(tabB);
  await own(tabB, 'tab-b');
  // The older tab hidden or closed with nothing new: the newer tab's session stays.
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  await frame(page);
  if ((await stored(page, 'ctrlscope:v1')) !== 'tab-b') fail(`hiding an idle older tab saved over the newer one: ${await stored(page, 'ctrlscope:v1')}`);
  // It acts: the newer tab's session is kept in a slot of its own (the kept sessions stay as
  // they were: two tabs used in turn must not push them out), and offered; opening it keeps
  // this tab's own in its place.
  const keptBefore = await page.evaluate(() => localStorage.getItem('ctrlscope:v1:previous'));
  await page.locator('#manifest').fill(jobY('tab-a2'));
  await frame(page);
  if (!/Another tab/.test(await page.locator('#notice').innerText()) || (await stored(page, 'ctrlscope:v1:other-tab')) !== 'tab-b')
    fail(`a tab saving over another's newer session: notice ${await page.locator('#notice').innerText()}, kept ${await stored(page, 'ctrlscope:v1:other-tab')}`);
  if ((await page.evaluate(() => localStorage.getItem('ctrlscope:v1:previous'))) !== keptBefore) fail('another tab\'s session pushed the kept sessions');
  await tabB.locator('#manifest').fill(jobY('tab-b2'));
  await frame(tabB);
  await page.locator('#manifest').fill(jobY('tab-a3'));
  await frame(page);
  if ((await page.evaluate(() => localStorage.getItem('ctrlscope:v1:previous'))) !== keptBefore) fail('tabs used in turn pushed the kept sessions');
  await page.click('#restore-other');
  await frame(page);
  if ((await nameIn(page)) !== 'tab-b2' || (await stored(page, 'ctrlscope:v1:other-tab')) !== 'tab-a3')
    fail(`opening the other tab's work: editor ${await nameIn(page)}, kept ${await stored(page, 'ctrlscope:v1:other-tab')}`);
  // Its notice dismissed, the swap stays within reach in the top bar.
  await page.click('#notice .close');
  await page.click('#open-other');
  await frame(page);
  if ((await nameIn(page)) !== 'tab-a3') fail(`the top bar's swap back: editor ${await nameIn(page)}`);
  // Progress: another tab's passed lesson shows here and survives this tab's own pass.
  await tabB.evaluate(() => localStorage.setItem('ctrlscope:progress', '["first-job"]'));
  await tabB.close();
  await page.click('#lessons-btn');
  await page.waitForSelector('#lessons [data-lesson="first-job"][data-done="true"]');
  await page.click('#lessons [data-lesson="first-cronjob"]');
  await frame(page);
  for (let i = 0; i < 12 && !(await page.locator('#check-solution').count()); i++) {
    await page.keyboard.press(']');
    await frame(page);
  }
  await page.locator('#manifest').fill(readFileSync(new URL('../../lessons/first-cronjob/solution.yaml', import.meta.url), 'utf8'));
  await frame(page);
  await page.click('#check-solution');
  await page.waitForSelector('#verdict[data-passed="true"]');
  const progress = await page.evaluate(() => localStorage.getItem('ctrlscope:progress'));
  if (progress !== '["first-cronjob","first-job"]') fail(`progress after passing in one tab what another passed: ${progress}`);
  check('two tabs: an idle tab hidden leaves the newer session, one that acts keeps it aside and says so; lessons passed in either tab are all kept');

  // Restore goes round the two kept aside and the current one; unedited links push nothing out.
  const css = await page.evaluate(() => document.querySelector('link[rel="stylesheet"]').href);
  await page.goto(css);
  await page.evaluate(() => localStorage.clear());
  await page.goto(site.url, { waitUntil: 'load' });
  await ready(page);
  const links = [];
  for (const n of ['link-one', 'link-two']) {
    await own(page, n);
    await page.click('#share-btn');
    await page.waitForSelector('#share-link');
    links.push(await page.inputValue('#share-link'));
    await page.keyboard.press('Escape');
  }
  await own(page, 'own-work');
  await page.goto(links[0]);
  await ready(page);
  // Typing keeps the offer (a passing remark would go).
  await page.locator('#manifest').press('Control+End');
  await page.keyboard.type('# edited\n');
  await frame(page);
  if (!(await page.locator('#notice #restore-previous').count())) fail('typing took away the offer to restore the session a link replaced');
  await page.goto(links[1]);
  await ready(page);
  await page.goto(links[1]);
  await ready(page);
  const seen = [];
  for (let i = 0; i < 3; i++) {
    await page.locator('#restore-previous, #restore-kept').first().click();
    await frame(page);
    seen.push(await nameIn(page));
  }
  if (seen.join() !== 'link-one,own-work,link-two') fail(`Restore after two links and an edit brought back ${seen}`);
  await page.click('#notice .close');
  await frame(page);
  if (!(await page.locator('#restore-kept').count())) fail('no way back to the kept session once its notice is dismissed');
  check('Restore brings back each session kept aside in turn (link-one edited, own work, link-two); an unedited link opened again keeps nothing aside; typing keeps the offer; the top bar keeps it after the notice goes');

  // One bad entry keeps the rest, and the unread copy is kept aside before any write.
  await page.goto(css);
  await page.evaluate(() => {
    localStorage.setItem('ctrlscope:progress', '["first-job",null]');
    localStorage.setItem('ctrlscope:prefs', '{"lang":"zh","presenter":"no"}');
  });
  // 32 parameters of a host page before the lesson: it still opens.
  const utm = Array.from({ length: 32 }, (_, i) => `utm${i}=x`).join('&');
  await page.goto(`${site.url}?${utm}&lesson=first-job`);
  await ready(page);
  const bad = await page.evaluate(() => [document.documentElement.lang, localStorage.getItem('ctrlscope:progress'), localStorage.getItem('ctrlscope:progress:unread'), localStorage.getItem('ctrlscope:prefs:unread')]);
  const done = await page.locator('#lesson').getAttribute('data-done');
  if (bad[0] !== 'zh-CN' || done !== 'true' || bad[2] !== '["first-job",null]' || !/presenter":"no/.test(bad[3]))
    fail(`damaged progress and prefs: ${bad}, first-job done ${done}`);
  if ((await page.locator('#lesson').getAttribute('data-lesson')) !== 'first-job') fail('a lesson after 32 other parameters did not open');
  // A panic after a link: Start over drops the link and keeps the session aside.
  const before = await page.evaluate(() => localStorage.getItem('ctrlscope:v1'));
  await page.evaluate(() => {
    try {
      window.wasmBindings.ctrlscope_test_panic();
    } catch (e) {
      /* the Wasm trap after the hook ran */
    }
  });
  await page.waitForSelector('#panic-banner');
  await Promise.all([page.waitForNavigation(), page.locator('#panic-banner button').last().click()]);
  await ready(page);
  const after = await page.evaluate(() => localStorage.getItem('ctrlscope:v1:previous'));
  if (page.url().includes('?') || after !== before || !(await page.locator('#restore-kept').count()))
    fail(`Start over after a panic: at ${page.url()}, session kept aside ${after === before}`);
  await page.evaluate(() => localStorage.setItem('ctrlscope:prefs', '{"lang":"en"}'));
  problems.length = 0;
  check('one bad entry in the stored progress or preferences keeps the rest (the whole kept aside); a lesson after 32 host parameters opens; a panic\'s Start over drops the link and keeps the session aside');

  // The embed: its banner claims no saved YAML and offers no Start over (it writes nothing).
  const em = await page.context().newPage();
  await em.goto(`${site.url}?embed=1&lesson=parallel-job`);
  await ready(em);
  const keys = await em.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  await em.evaluate(() => {
    try {
      window.wasmBindings.ctrlscope_test_panic();
    } catch (e) {
      /* the Wasm trap after the hook ran */
    }
  });
  await em.waitForSelector('#panic-banner');
  const emBanner = await em.locator('#panic-banner').innerText();
  if (/saved/.test(emBanner) || (await em.locator('#panic-banner button').count()) !== 1) fail(`the embed's panic banner: ${emBanner}`);
  if ((await em.evaluate(() => JSON.stringify(Object.entries(localStorage)))) !== keys) fail('the embed wrote to localStorage');
  await em.close();
  // No storage at all (a third-party frame with storage blocked): said once, plainly.
  const ns = await page.context().newPage();
  await ns.addInitScript(() =>
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
    }),
  );
  await ns.goto(css);
  await ns.evaluate((u) => {
    const f = document.createElement('iframe');
    f.src = u;
    f.width = 1200;
    f.height = 700;
    document.body.appendChild(f);
  }, site.url);
  await ns.waitForFunction(() => document.querySelector('iframe')?.contentDocument?.body?.dataset.ready === 'true');
  const inFrame = ns.frames()[1];
  const nsText = await inFrame.locator('#notice').innerText();
  if (!/cannot save here/.test(nsText) || !/tab of its own/.test(nsText) || /5 MB/.test(nsText)) fail(`no storage in a frame: ${nsText}`);
  await inFrame.locator('#manifest').fill(jobY('unsaved'));
  await frame(ns);
  if (await inFrame.locator('#notice').count()) fail(`no storage: said again after an edit: ${await inFrame.locator('#notice').innerText()}`);
  await ns.close();
  check('the embed\'s panic banner claims nothing saved and deletes nothing; a frame without storage says once that it cannot save and to open a tab of its own');
  await page.goto(site.url, { waitUntil: 'load' });
  await ready(page);
  }

  // 10. A Wasm trap that is no panic (out of memory) shows the banner too (index.html's script).
  await page.evaluate(() => {
    const error = new WebAssembly.RuntimeError('unreachable');
    window.dispatchEvent(new ErrorEvent('error', { error, message: String(error) }));
  });
  await page.waitForSelector('#panic-banner[role="alert"]');
  const trapText = await page.locator('#panic-banner').innerText();
  if (!/out of memory/.test(trapText) || (await page.locator('#panic-banner button').count()) !== 2) fail(`the trap banner: ${trapText}`);
  await page.evaluate(() => document.getElementById('panic-banner').remove());
  check('a Wasm trap without a panic (out of memory) shows a banner with Reload and Start over');
  // The panic hook: a deliberate panic (test-only export) shows the banner, not a dead page.
  problems.length = 0;
  await page.evaluate(() => {
    try {
      window.wasmBindings.ctrlscope_test_panic();
    } catch (e) {
      /* the Wasm trap after the hook ran */
    }
  });
  await page.waitForSelector('#panic-banner[role="alert"]');
  problems.length = 0;
  check('a panic shows the error banner');
  // 11. A page that cannot start (its Wasm file gone after a redeploy) says so in its loading
  // box, not a blank page; a started one has no loading box left.
  {
    const other = await context.newPage();
    await other.route('**/*.wasm', (r) => r.fulfill({ status: 404, body: 'gone' }));
    other.on('pageerror', () => {});
    await other.goto(site.url);
    await other.waitForSelector('#boot-error:not([hidden])');
    const said = await other.locator('#boot-error').innerText();
    if (!/could not start[\s\S]*404/.test(said)) fail(`a start without its Wasm file: ${said}`);
    await other.close();
    if (await page.locator('#boot').count()) fail('the loading box stays after the app started');
    check('a page whose Wasm file is missing says it could not start (404), not a blank page; a started page has no loading box');
  }
} catch (e) {
  console.log(`not ok - ${e.message}`);
  exitCode = 1;
} finally {
  await context?.close().catch(() => {});
  site?.close();
}
// No process.exit(): it could cut off output still queued for a pipe.
process.exitCode = exitCode;
