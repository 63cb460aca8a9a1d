// The course features in headless Chromium (playwright-core): lessons by URL in both languages,
// a challenge completed and remembered, the classroom mode, share links (a round trip into a
// fresh browser, and hostile links), the embedded view at 800×500. The build is served under a
// sub-path (/course/k8s/ctrlscope/), with everything outside it a 404, so relative asset URLs
// are tested too.
//
//   node tests/browser/course.mjs DIST_DIR        serve DIST_DIR under a sub-path and test it
//   node tests/browser/course.mjs http://HOST/    test a page already served
//
// Environment: CHROMIUM (default /usr/bin/chromium), SCREENSHOT_DIR (default: a new temp dir).
// Each check prints `ok - NAME (seconds)`; the first failure prints `not ok - ...` and exits 1.

import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { frame, launch, target } from './lib.mjs';

const TIMEOUT_MS = 30_000;
const SUBPATH = '/course/k8s/ctrlscope/';
const lessonsDir = new URL('../../lessons/', import.meta.url);
const lessonFile = (id, name) => readFileSync(new URL(`${id}/${name}`, lessonsDir), 'utf8');

const arg = process.argv[2];
if (!arg) {
  console.error('usage: node tests/browser/course.mjs DIST_DIR | URL');
  process.exit(2);
}
const fail = (msg) => {
  throw new Error(msg);
};
const b64url = (buf) => buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

let site;
const contexts = [];
let exitCode = 0;
const problems = [];
const shots = process.env.SCREENSHOT_DIR || mkdtempSync(join(tmpdir(), 'ctrlscope-shots-'));

/** A fresh browser (own profile: empty localStorage) with error collection. */
async function browser(size = { width: 1366, height: 768 }) {
  const { context, page } = await launch(size);
  contexts.push(context);
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  return { context, page };
}

async function open(page, query = '') {
  await page.goto(site.url + query, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"]');
  await frame(page);
}

const noPanic = async (page) => {
  if (await page.locator('#panic-banner').count()) {
    fail(`panic banner shown: ${await page.locator('#panic-banner').innerText()}`);
  }
};

async function shot(page, name) {
  await page.waitForTimeout(350); // entry animations
  const { width, height } = page.viewportSize();
  const path = join(shots, `ctrlscope-${name}-${width}x${height}.png`);
  await page.screenshot({ path });
  console.log(`# screenshot: ${path}`);
}

/** Types into the editor like a user (fill = select all + insert) and waits for validation. */
async function setText(page, text) {
  const rev = await page.locator('#validation').getAttribute('data-rev');
  await page.locator('#manifest').fill(text);
  await page.waitForFunction((r) => document.querySelector('#validation')?.dataset.rev !== r, rev);
}

async function consoleRun(page, cmd) {
  const last = () => document.querySelector('#console-out .entry:last-child')?.dataset.id ?? '';
  const before = await page.evaluate(last);
  await page.fill('#console-input', cmd);
  await page.press('#console-input', 'Enter');
  await page.waitForFunction(([fn, b]) => new Function(`return (${fn})()`)() !== b, [last.toString(), before]);
  return page.locator('#console-out .entry pre').last().innerText();
}

const clock = (page) => page.locator('#clock .at').innerText();

try {
  site = await target(arg, /^https?:\/\//.test(arg) ? '/' : SUBPATH);
  console.log(`# ${site.url}`);
  let t0 = Date.now();
  const check = (name) => {
    if (problems.length) fail(`${name}: ${problems.join('\n')}`);
    console.log(`ok - ${name} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
    t0 = Date.now();
  };

  // 1. Served under a sub-path: relative asset URLs (Trunk public_url = "./").
  const { page } = await browser();
  await open(page);
  const assets = await page.evaluate(() =>
    [...document.querySelectorAll('link[href], script[src]')].map((e) => e.getAttribute('href') ?? e.getAttribute('src')),
  );
  const absolute = assets.filter((a) => a.startsWith('/'));
  if (absolute.length) fail(`absolute asset URLs break sub-path hosting: ${absolute}`);
  if (!page.url().includes(SUBPATH) && !/^https?:/.test(arg)) fail(`not under the sub-path: ${page.url()}`);
  check(`the build works under the sub-path ${SUBPATH} (relative assets: ${assets.filter((a) => !a.startsWith('data:')).length})`);

  // 1b. The Chinese page opens the examples with their opening comment in Chinese; choosing
  // one example after another keeps nothing aside (they are examples, not the user's work).
  {
    const { page: zh } = await browser();
    await open(zh, '?lang=zh');
    const first = (await zh.inputValue('#manifest')).split('\n')[0];
    if (!first.startsWith('# 讲义里的并行 Job')) fail(`the Chinese page's first example starts: ${first}`);
    await zh.selectOption('#preset', 'hello-cronjob');
    await zh.waitForFunction(() => document.querySelector('#manifest').value.startsWith('# 讲义里的 CronJob'));
    if (!(await zh.inputValue('#manifest')).includes('schedule: "*/1 * * * *"')) fail('the Chinese example lost its YAML');
    if (await zh.locator('#restore-previous').count()) fail('an example over an example offered to restore "own work"');
    await noPanic(zh);
    check('the Chinese page opens the examples with their opening comment in Chinese; an example over an example keeps nothing aside');
  }

  // 2. A lesson by URL, in each language.
  const want = { en: 'Parallel Jobs', zh: '并行 Job' };
  const apply = { en: 'Apply', zh: '应用' };
  for (const lang of ['en', 'zh']) {
    await open(page, `?lesson=parallel-job&lang=${lang}`);
    const title = await page.locator('#lesson-h').innerText();
    if (title !== want[lang]) fail(`lesson title in ${lang}: "${title}", want "${want[lang]}"`);
    const tab = await page.evaluate(() => document.title);
    if (tab !== `${want[lang]} · CtrlScope`) fail(`the tab's title in ${lang}: "${tab}"`);
    const htmlLang = await page.evaluate(() => document.documentElement.lang);
    if (!htmlLang.startsWith(lang)) fail(`<html lang> is ${htmlLang} for lang=${lang}`);
    const applyText = await page.locator('#apply').innerText();
    if (!applyText.startsWith(apply[lang])) fail(`the Apply button reads "${applyText}" in ${lang}`);
    const step = await page.locator('.step-title').innerText();
    if (lang === 'zh' && !/[\u4e00-\u9fff]/.test(step)) fail(`step title not in Chinese: ${step}`);
    // The lesson's scenario runs: "Run to" lands on the step's time.
    await page.click('#step-run');
    await frame(page);
    if ((await clock(page)) !== 't = 2:30') fail(`Run to 2:30 shows ${await clock(page)}`);
    // There, the button says so (a second press changes nothing).
    await page.waitForSelector('#step-run.reached');
    await page.click('#step-kubectl');
    if ((await page.inputValue('#console-input')) !== 'kubectl get pods -w') fail('Try kubectl did not fill the console');
    const pods = await consoleRun(page, await page.inputValue('#console-input'));
    if ((pods.match(/Completed/g) ?? []).length !== 8) fail(`at 2:30 (after 4 waves of 32 s) all eight pods should be Completed:\n${pods}`);
    // The lecture's `kubectl apply -f`: kubectl's words stay English, CtrlScope's line is glossed in Chinese.
    const applied = await consoleRun(page, 'kubectl apply -f job.yaml');
    if (!applied.startsWith('error: CtrlScope has no files')) fail(`kubectl apply -f answered: ${applied}`);
    const gloss = await page.locator('#console-out .entry:last-child .gloss').allInnerTexts();
    const wantGloss = lang === 'zh' ? 1 : 0;
    if (gloss.length !== wantGloss || (lang === 'zh' && !gloss[0].startsWith('CtrlScope 没有文件'))) fail(`the Chinese gloss in ${lang}: ${JSON.stringify(gloss)}`);
  }
  // The switch in the top bar, kept after a reload (no lang= in the address).
  await open(page);
  if ((await page.evaluate(() => document.documentElement.lang)) !== 'en') fail('lang= in the address should not be saved');
  await page.click('#lang-btn');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"]');
  if ((await page.evaluate(() => document.documentElement.lang)) !== 'zh-CN') fail('the language was not kept');
  if ((await page.locator('#lessons-btn').innerText()).trim() !== '☰ 课程') fail('the top bar is not in Chinese');
  await page.click('#lang-btn');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  // A lesson link opened in the tab that already shows the page changes only the fragment.
  await page.evaluate(() => { location.hash = '#lesson=first-job&lang=zh'; });
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN' && document.querySelector('#lesson-h'), undefined, { timeout: 10000 });
  await page.waitForSelector('body[data-ready="true"]');
  await open(page);
  // A page that loads a manifest the API server refuses says its answer beside the step.
  await open(page, '?lesson=failures&step=1&lang=en');
  await page.click('#step-load');
  await page.waitForSelector('#step-refusal');
  const stepRefusal = await page.locator('#step-refusal').innerText();
  if (!/17:\d+: spec\.template\.spec\.restartPolicy: Required value: valid values: "OnFailure", "Never"/.test(stepRefusal)) fail(`the refusal beside the step: ${stepRefusal}`);
  await open(page);
  check('a lesson by URL in English and in Chinese (title, tab title, UI, <html lang>), Run to, Try kubectl, CtrlScope\'s console lines glossed in Chinese; the switch persists; a fragment link in an open tab is followed; a refused manifest\'s answer beside its step');

  // 2b. The controller manager's outage on a CronJob's axis, from the run's own record: the
  // band, ⚠ on the ticks it missed, ↷ on the one started late once it was back (policy Allow).
  for (const lang of ['en', 'zh']) {
    await open(page, `?lesson=overlapping-runs&step=5&lang=${lang}`);
    await page.click('#step-run');
    await frame(page);
    await page.waitForSelector('#step-run.reached');
    const card = page.locator('article[data-cronjob="report"]');
    const band = await card.locator('.ticks .outage').innerText();
    const bandWant = { en: 'controller manager down', zh: '控制器管理器停机' }[lang];
    if (band !== bandWant) fail(`the outage band in ${lang}: "${band}"`);
    const missed = await card.locator('.ticks .mark.missed').evaluateAll((ms) => ms.map((m) => m.title));
    if (missed.length !== 2 || !missed.every((m) => /00:0[56]:00/.test(m))) fail(`⚠ marks in ${lang}: ${missed.join(' | ')}`);
    const late = await card.locator('.ticks .mark.late').evaluateAll((ms) => ms.map((m) => m.title));
    const lateWant = { en: 'started 30s late', zh: '延迟 30s 启动' }[lang];
    if (late.length !== 1 || !late[0].startsWith(lateWant)) fail(`↷ marks in ${lang}: ${late.join(' | ')}`);
    if (lang === 'zh') {
      const note = await page.locator('.callout.lecture summary, .callout.lecture strong').first().innerText();
      if (!note.includes('讲义的说法与 Kubernetes 的实际行为')) fail(`the lecture note's title in Chinese: ${note}`);
    }
  }
  await open(page);
  check('the outage lesson at 8:00: the controller manager\'s outage shaded on the CronJob axis, ⚠ on the 5:00 and 6:00 ticks, ↷ on 7:00 (started 30 s late), in English and Chinese');

  // 3. Complete a challenge: a wrong attempt, then the reference solution; done after a reload.
  await open(page, '?lesson=parallel-job&lang=en');
  // Page through the steps (']') to the challenge.
  for (let i = 0; i < 10 && !(await page.locator('#check-solution').count()); i++) {
    await page.keyboard.press(']');
    await frame(page);
  }
  await page.waitForSelector('#check-solution');
  // The last step loaded its own manifest (wide.yaml), unedited: the challenge starts from the
  // lesson's manifest instead.
  if ((await page.inputValue('#manifest')) !== lessonFile('parallel-job', 'job.yaml')) {
    fail("the challenge should start from the lesson's own manifest (job.yaml)");
  }
  await page.click('#check-solution');
  await page.waitForSelector('#verdict');
  if ((await page.locator('#verdict').getAttribute('data-passed')) !== 'false') fail('the starting manifest passed');
  const failed = await page.locator('#checks li[data-passed="false"]').count();
  if (!failed) fail('no failed check shown for the starting manifest');
  // One status region says each verdict with its number, so a repeat is heard too.
  const news1 = await page.locator('#check-news').innerText();
  await page.click('#check-solution');
  await page.waitForFunction(() => document.querySelector('#check-news')?.textContent.startsWith('Check 2:'));
  if (!/^Check 1: .*1 of \d+|^Check 1: /.test(news1)) fail(`the check's status: "${news1}"`);
  await setText(page, lessonFile('parallel-job', 'solution.yaml'));
  await page.click('#check-solution');
  await page.waitForSelector('#verdict[data-passed="true"]');
  const checks = await page.$$eval('#checks li', (ls) => ls.map((l) => [l.dataset.passed, l.innerText]));
  if (!checks.length || checks.some(([p]) => p !== 'true')) fail(`not all ✓:\n${checks.map((c) => c.join(' ')).join('\n')}`);
  const marks = await page.$$eval('#checks .mark', (ms) => ms.map((m) => m.textContent));
  if (marks.some((m) => m !== '✓')) fail(`marks: ${marks}`);
  await page.waitForSelector('#lesson-done');
  await shot(page, 'challenge-passed');
  // A pass leads on to the next lesson.
  if (!(await page.locator('#next-lesson').isVisible())) fail('a passed challenge should offer the next lesson');
  // The check ran a cluster of its own; "Run it here" resets the page's to the checked manifest.
  if (!(await page.locator('#editor .dirty, .editor .dirty').count())) fail('the solution typed in should be unapplied before "Run it here"');
  await page.click('#run-checked');
  await page.waitForFunction(() => !document.querySelector('.editor .dirty'));
  const shown = (await page.locator('#clock .at').innerText()).trim();
  if (!/(^|\s)0:00$/.test(shown)) fail(`"Run it here" should restart the clock at 0:00, not ${shown}`);
  await page.waitForSelector('#verdict[data-passed="true"]');
  // "Start from the lesson's manifest" over the student's work keeps it aside: one click back.
  const solved = await page.inputValue('#manifest');
  await page.click('#challenge-restart');
  await page.waitForSelector('#notice.ok #restore-previous');
  if ((await page.inputValue('#manifest')) !== lessonFile('parallel-job', 'job.yaml')) fail('Start from the lesson\'s manifest did not load job.yaml');
  await page.click('#restore-previous');
  await page.waitForFunction((want) => document.querySelector('#manifest')?.value === want, solved);
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('#lesson[data-done="true"] #lesson-done');
  await page.click('#lessons-btn');
  await page.waitForSelector('#lessons [data-lesson="parallel-job"][data-done="true"]');
  // The "open" badge is apart from the title in the button's name too (not "Parallel Jobsopen").
  const openName = await page.locator('#lessons [data-lesson="parallel-job"] .lesson-name').textContent();
  if (!/\S \(done\) \(open\)$/.test(openName)) fail(`the open lesson's name in the list: ${openName}`);
  if ((await page.locator('#lessons [data-done="true"]').count()) !== 1) fail('exactly one lesson should be done');
  await page.keyboard.press('Escape');
  // The outcomes follow the language switch (details come in both languages from the core).
  await page.click('#check-solution');
  await page.click('#lang-btn');
  const zhCheck = await page.locator('#checks li').first().innerText();
  if (!/[\u4e00-\u9fff]/.test(zhCheck)) fail(`check outcome not in Chinese: ${zhCheck}`);
  await page.click('#lang-btn');
  await page.click('#check-solution');
  await page.click('#next-lesson');
  await page.waitForFunction(() => document.querySelector('#lesson')?.dataset.lesson !== 'parallel-job');
  check(`challenge (each verdict said with its number, a repeat too): the starting manifest fails ${failed} check(s), the solution passes all ${checks.length} (✓), "Run it here" runs it on the page; done after a reload; "Start from the lesson's manifest" keeps the solution aside; Next lesson`);

  // 4. Classroom mode: P, E hides the editor, → / ← turn pages, L enlarges the loop, Esc.
  // Switching it on makes a page's text overflow its box: the "more ↓" cue comes (and goes).
  await open(page, '?lesson=parallel-job&lang=en');
  await page.evaluate(() => document.activeElement?.blur());
  if (await page.locator('#more-below').count()) fail('parallel-job page 1 fits its box in normal mode');
  await page.keyboard.press('p');
  await page.waitForSelector('#more-below', { timeout: 5000 }).catch(() => fail('classroom mode: no "more ↓" on an overflowing page'));
  await page.keyboard.press('p');
  await page.waitForSelector('#more-below', { state: 'detached', timeout: 5000 }).catch(() => fail('"more ↓" stays after classroom mode is off'));
  await open(page, '?lesson=inside-a-controller&lang=en');
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('p');
  await page.waitForFunction(() => document.documentElement.classList.contains('presenter'));
  const big = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  if (big < 18) fail(`classroom mode should enlarge the type, root font ${big}px`);
  await page.keyboard.press('e');
  await page.waitForSelector('#manifest', { state: 'detached' });
  // ← → turn pages here: ▶▶ and ◀◀ declare and show N and B only, the pager the arrows. The
  // lesson text's region is named apart from the lesson's; the time bar is a landmark.
  const classKeys = await page.evaluate(() => ['step', 'back', 'next-page'].map((id) => { const e = document.getElementById(id); return `${e.getAttribute('aria-keyshortcuts')}|${e.dataset.kbd}`; }).join(' '));
  if (classKeys !== 'N|N B|B PageDown ] ArrowRight|PageDown / ] / →') fail(`keys declared in classroom mode with a lesson: ${classKeys}`);
  const regions = await page.evaluate(() => [document.querySelector('#lesson-body').getAttribute('aria-label'), document.querySelector('#lesson-h').textContent, document.querySelector('.timebar').getAttribute('role')]);
  if (regions[0] !== `Lesson text: ${regions[1]}` || regions[2] !== 'region') fail(`landmarks: ${regions}`);
  const p0 = Number(await page.locator('#lesson').getAttribute('data-page'));
  // Each key waits for its page to render (a busy machine renders later than keys arrive).
  const turn = async (key, want) => {
    await page.keyboard.press(key);
    await page
      .waitForFunction((w) => document.querySelector('#lesson')?.dataset.page === String(w), want, { timeout: 5000 })
      .catch(() => {});
  };
  await turn('ArrowRight', p0 + 1);
  await turn('ArrowRight', p0 + 2);
  await turn('ArrowLeft', p0 + 1);
  const p1 = Number(await page.locator('#lesson').getAttribute('data-page'));
  if (p1 !== p0 + 1) fail(`arrows should turn pages: ${p0} → ${p1}`);
  // A page longer than its box says so at its foot; the cue scrolls the text.
  await page.waitForSelector('#more-below');
  await page.click('#more-below');
  await page.waitForFunction(() => document.querySelector('#lesson-body').scrollTop > 0);
  await page.click('#step-run');
  await page.keyboard.press('l');
  await page.waitForSelector('#loop.big .loop-dock .workloads');
  await shot(page, 'presenter-loop');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#loop.big', { state: 'detached' });
  // On the 1366x768 projector the first row of nodes, with the first node's pods, is on screen
  // without scrolling (its pod tiles keep two lines, name and status, so they do not jump).
  const nodesEnd = await page.$eval('.nodes .node', (n) => {
    const last = [...n.querySelectorAll('.pod')].pop() || n.querySelector('.node-head') || n;
    return [last.getBoundingClientRect().bottom + window.scrollY, innerHeight];
  });
  if (nodesEnd[0] > nodesEnd[1]) fail(`classroom mode: the first node card's pods end at ${nodesEnd[0]} px, below the ${nodesEnd[1]}-px screen`);
  await shot(page, 'presenter');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await frame(page);
  await shot(page, 'presenter');
  await page.keyboard.press('e');
  await page.waitForSelector('#manifest');
  await page.keyboard.press('p');
  await page.waitForFunction(() => !document.documentElement.classList.contains('presenter'));
  await page.setViewportSize({ width: 1366, height: 768 });
  // Turned off, classroom mode leaves the address too: a reload does not bring it back.
  await open(page, '?lesson=updating-daemonset&step=2&present=1&lang=en');
  await page.waitForFunction(() => document.documentElement.classList.contains('presenter'));
  // A step whose command follows time (get -w) offers it before "Run to".
  const order = await page.$$eval('.step-actions button', (bs) => bs.map((b) => b.id));
  if (order.indexOf('step-kubectl') > order.indexOf('step-run')) fail(`watch before run: ${order}`);
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('p');
  await page.waitForFunction(() => !document.documentElement.classList.contains('presenter'));
  await page.waitForFunction(() => !location.search.includes('present'));
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"]');
  if (await page.evaluate(() => document.documentElement.classList.contains('presenter'))) {
    fail('classroom mode came back after a reload');
  }
  check('classroom mode: P, large type, nodes above the fold at 1366x768, E hides the editor, → ← turn pages, "more ↓", L enlarges the loop, Esc; off leaves the address; watch commands before Run to');

  // Screenshots of a lesson at both sizes and in both languages.
  await open(page, '?lesson=updating-daemonset&lang=en&step=2');
  await page.click('#step-run');
  await shot(page, 'lesson-en');
  await open(page, '?lesson=first-cronjob&lang=zh&step=1');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.click('#step-run');
  await shot(page, 'lesson-zh');
  await page.setViewportSize({ width: 1366, height: 768 });

  // 4b. A student's own Apply before the lesson's applyAt (1:00) wins: the lesson does not apply
  // the manifest it started with over it (and its timeline mark goes).
  await open(page, '?lesson=updating-daemonset&step=1');
  if ((await page.locator('.marks .amark.scripted').count()) !== 1) fail('updating-daemonset: no scripted apply mark');
  // A change to another object (a node) leaves the lesson's apply in.
  await consoleRun(page, 'kubectl cordon worker-3');
  if ((await page.locator('.marks .amark.scripted').count()) !== 1) fail('a cordon took the lesson apply out');
  await setText(page, lessonFile('updating-daemonset', 'fluentd-v2.yaml'));
  await page.click('#apply');
  await page.$eval('#time', (el) => {
    el.value = '90';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await frame(page);
  const images = await consoleRun(page, "kubectl get pods -n kube-system -o jsonpath='{.items[*].spec.containers[0].image}'");
  const v26 = images.split(' ').filter((i) => i.endsWith(':v2.6.0')).length;
  if (v26 !== 4) fail(`after Apply at 0:00 and 1:30, want four v2.6.0 pods: ${images}`);
  if ((await page.locator('.marks .amark.scripted').count()) !== 0) fail('the superseded lesson apply is still marked');
  check("a student's Apply before the lesson's applyAt is not undone by it (four v2.6.0 pods at 1:30)");

  // 4c. Opening a lesson over the user's own work keeps it aside, as picking an example does.
  await page.click('#close-lesson');
  await frame(page);
  await setText(page, 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: mydemo}\nspec:\n  template:\n    spec: {containers: [{name: a, image: busybox}], restartPolicy: Never}\n');
  await page.click('#apply');
  await page.click('#add-node');
  await frame(page);
  await page.click('#lessons-btn');
  await page.click('li[data-lesson="parallel-job"] button');
  await frame(page);
  if (!(await page.locator('#notice #restore-previous').isVisible())) fail('opening a lesson over own work: no visible offer to restore it');
  await page.click('#restore-previous');
  await frame(page);
  if (!(await page.inputValue('#manifest')).includes('mydemo')) fail('restore after opening a lesson: the own manifest is not back');
  if (await page.locator('#lesson').count()) fail('restore after opening a lesson: the lesson is still open');
  if (!(await consoleRun(page, 'kubectl get nodes -o name')).includes('node/worker-4')) fail('restore after opening a lesson: the added node is gone');
  check('opening a lesson over own work keeps it aside; "Restore my previous session" brings back the manifest and the added node');

  // 5. Share: changes, a fault and time in a lesson, in Chinese → the same state in a fresh browser.
  await open(page, '?lesson=nodes-come-and-go&lang=zh&step=2');
  await setText(page, lessonFile('nodes-come-and-go', 'solution.yaml'));
  await page.click('#reset');
  for (let i = 0; i < 6; i++) await page.click('#step');
  await page.locator('.node .pod').first().click();
  const victim = await page.locator('#selbar[aria-label^="Pod"]').getAttribute('aria-label');
  const node = await page.locator('.node:not(.gone)').last().getAttribute('data-node');
  await page.locator(`.node[data-node="${node}"] .node-head`).click();
  await page.click('#cordon');
  await page.keyboard.press('Escape');
  for (let i = 0; i < 9; i++) await page.click('#step');
  await page.$eval('#time', (el) => {
    el.value = String(Number(el.value) + 17);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await frame(page);
  const edited = (await page.inputValue('#manifest')) + '# an edit that is not applied\n';
  await setText(page, edited);
  const before = {
    clock: await clock(page),
    pods: await consoleRun(page, 'kubectl get pods -A -o wide'),
    nodes: await consoleRun(page, 'kubectl get nodes'),
    marks: await page.locator('.marks .amark').count(),
    page: await page.locator('#lesson').getAttribute('data-page'),
  };
  await page.click('#share-btn');
  await page.waitForSelector('#share-link');
  const link = await page.inputValue('#share-link');
  if (!link.includes(`${SUBPATH}#s=`) && !/^https?:/.test(arg)) fail(`share link not under the sub-path: ${link}`);
  const { page: fresh } = await browser();
  await fresh.goto(link, { waitUntil: 'load' });
  await fresh.waitForSelector('body[data-ready="true"]');
  await noPanic(fresh);
  await fresh.waitForSelector('#notice.ok');
  const after = {
    clock: await clock(fresh),
    pods: await consoleRun(fresh, 'kubectl get pods -A -o wide'),
    nodes: await consoleRun(fresh, 'kubectl get nodes'),
    marks: await fresh.locator('.marks .amark').count(),
    page: await fresh.locator('#lesson').getAttribute('data-page'),
  };
  for (const k of Object.keys(before)) {
    if (before[k] !== after[k]) fail(`share round trip: ${k} differs:\n${before[k]}\n---\n${after[k]}`);
  }
  if ((await fresh.inputValue('#manifest')) !== edited) fail('the editor text was not shared');
  if ((await fresh.evaluate(() => document.documentElement.lang)) !== 'zh-CN') fail('the language was not shared');
  if ((await fresh.locator('#lesson').getAttribute('data-lesson')) !== 'nodes-come-and-go') fail('the lesson was not shared');
  if (fresh.url().includes('#s=')) fail('the consumed #s= should leave the address bar');
  await fresh.reload({ waitUntil: 'load' });
  await fresh.waitForSelector('body[data-ready="true"]');
  if ((await clock(fresh)) !== before.clock) fail('after a reload the shared state is gone');
  // In a browser with a session of its own (an edit of a lesson page: an untouched page is no
  // work to keep), the link replaces it and offers it back.
  await open(page, '?lesson=first-job&lang=en');
  await setText(page, (await page.inputValue('#manifest')) + '# mine\n');
  await page.goto(link, { waitUntil: 'load' });
  await page.waitForSelector('#notice.ok #restore-previous');
  if ((await page.locator('#lesson').getAttribute('data-lesson')) !== 'nodes-come-and-go') fail('the link did not open');
  await page.click('#restore-previous');
  await page.waitForSelector('#lesson[data-lesson="first-job"]');
  console.log(`# ${link.length} characters; ${before.clock}; ${victim}; cordoned ${node}`);
  check(`share link round trip into a fresh browser: same time (${before.clock}), same \`kubectl get pods\` and nodes, editor, lesson page, language; the replaced session can be restored`);

  // 6. Hostile links: a message, no panic banner, no injected markup, the page still works.
  const good = link.split('#s=')[1];
  const bomb = b64url(deflateSync(Buffer.concat([Buffer.from('{"v":1,"t":"'), Buffer.alloc(64 << 20, 0x20), Buffer.from('"}')]), { level: 9 }));
  const hostile = {
    garbage: 'garbage',
    empty: '',
    huge: 'A'.repeat(300_000),
    truncated: good.slice(0, Math.floor(good.length / 2)),
    'cut by one': good.slice(0, -1) + (good.at(-1) === 'A' ? 'B' : 'A'),
    'zip bomb': bomb,
    markup: encodeURIComponent('<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'),
    json: b64url(deflateSync(Buffer.from('{"v":1,"t":"<b id=pwned>x</b>","l":"../etc","at":-1}'))),
    'bad lesson': b64url(deflateSync(Buffer.from('{"v":1,"t":"","l":"no-such-lesson"}'))),
    'bad yaml': b64url(deflateSync(Buffer.from(JSON.stringify({ v: 1, t: 'kind: [', r: '- &a [*a', a: ['- at: 1s\n  bogus: 1\n'] })))),
  };
  console.log(`# zip bomb: ${bomb.length} characters for 64 MiB`);
  const { page: p2 } = await browser();
  for (const [name, payload] of Object.entries(hostile)) {
    await p2.goto(`${site.url}#s=${payload}`, { waitUntil: 'load' });
    await p2.waitForSelector('body[data-ready="true"]');
    await frame(p2);
    await noPanic(p2);
    const msg = (await p2.locator('#notice').count()) ? await p2.locator('#notice').innerText() : '';
    if (name !== 'bad yaml' && !(await p2.locator('#notice.bad').count())) fail(`${name}: no error message (notice: ${msg})`);
    if (await p2.evaluate(() => window.__pwned || document.querySelector('#pwned, img[src="x"]'))) fail(`${name}: markup was injected`);
    if (!(await p2.locator('#manifest').count())) fail(`${name}: the editor is gone`);
    console.log(`# ${name}: ${msg.replace(/\s+/g, ' ').slice(0, 120)}`);
    await p2.goto('about:blank');
  }
  check(`hostile share links (${Object.keys(hostile).join(', ')}) give a message, never a panic or injected markup`);

  // 7. Embedded at 800×500: no scrollbars, no editor; the fragment form too; every lesson fits.
  const { page: e } = await browser({ width: 800, height: 500 });
  await e.goto(`${site.url}?embed=1&lesson=parallel-job&lang=zh&autoplay=1`, { waitUntil: 'load' });
  await e.waitForSelector('body[data-ready="true"]');
  const title = await e.locator('#embed-title').innerText();
  if (title !== '并行 Job') fail(`embed title: ${title}`);
  // The brand is the embed's h1, white on the accent (4.8:1).
  const brand = await e.evaluate(() => { const h = document.querySelector('h1.embed-brand'); const cs = h && getComputedStyle(h); return h ? `${cs.color} ${cs.opacity}` : 'no h1'; });
  if (brand !== 'rgb(255, 255, 255) 1') fail(`the embed's brand: ${brand}`);
  await e.waitForFunction(() => document.querySelector('#clock .at')?.textContent !== 't = 0:00');
  await e.waitForTimeout(1200);
  await shot(e, 'embed');
  const fits = () =>
    e.evaluate(() => {
      const d = document.documentElement;
      return {
        sw: d.scrollWidth,
        sh: d.scrollHeight,
        w: innerWidth,
        h: innerHeight,
        editor: !!document.querySelector('#manifest, .editor, #console, .topbar'),
        overflow: [...document.querySelectorAll('body *')].filter((el) => {
          const cs = getComputedStyle(el);
          return /(auto|scroll)/.test(cs.overflowY + cs.overflowX) && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
        }).length,
      };
    });
  let f = await fits();
  if (f.sw > f.w || f.sh > f.h || f.overflow) fail(`embed overflows 800×500: ${JSON.stringify(f)}`);
  if (f.editor) fail('embed shows the editor chrome');
  const saved = await e.evaluate(() => Object.keys(localStorage));
  if (saved.length) fail(`the embedded view wrote to localStorage: ${saved}`);
  const lessonIds = readdirSync(lessonsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  for (const id of lessonIds) {
    for (const lang of ['en', 'zh']) {
      await e.goto(`${site.url}#embed=1&lesson=${id}&lang=${lang}`, { waitUntil: 'load' });
      await e.waitForSelector('body[data-ready="true"]');
      // The busiest instant of the first minutes: run to the end of the timeline (capped).
      await e.$eval('#time', (el) => {
        el.value = String(Math.min(Number(el.max), 360));
        el.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await frame(e);
      f = await fits();
      if (f.sw > f.w || f.sh > f.h || f.editor || f.overflow) fail(`embed ${id} ${lang}: ${JSON.stringify(f)}`);
    }
  }
  // A page whose manifest the API server refuses shows the refusal (there is no editor).
  await e.goto(`${site.url}?embed=1&lesson=first-cronjob&step=2&lang=zh`, { waitUntil: 'load' });
  await e.waitForSelector('body[data-ready="true"]');
  const refusal = await e.locator('#embed-errors').innerText().catch(() => '');
  if (!refusal.includes('spec.schedule: Invalid value: "/*/1"')) fail(`embed of a refused manifest: ${refusal}`);
  if (await e.locator('.workloads').count()) fail('embed of a refused manifest still says to write one in the editor');
  f = await fits();
  if (f.sw > f.w || f.sh > f.h || f.overflow) fail(`embed of a refused manifest overflows: ${JSON.stringify(f)}`);
  // at=run opens a step at its own moment (step 5 of updating-daemonset runs to 2:40); at=
  // takes a time too, and stays in an embed's address.
  await e.goto(`${site.url}?embed=1&lesson=updating-daemonset&step=5&at=run`, { waitUntil: 'load' });
  await e.waitForSelector('body[data-ready="true"]');
  const atRun = await e.locator('#clock').innerText();
  if (!atRun.includes('2:40')) fail(`embed at=run: the clock reads ${atRun}`);
  await e.goto(`${site.url}?embed=1&lesson=parallel-job&at=1m5s`, { waitUntil: 'load' });
  await e.waitForSelector('body[data-ready="true"]');
  const atTime = await e.locator('#clock').innerText();
  if (!atTime.includes('1:05')) fail(`embed at=1m5s: the clock reads ${atTime}`);
  if (!(await e.evaluate(() => location.search.includes('at=1m5s')))) fail('an embed dropped at= from its address');
  await noPanic(e);
  check(`embed at 800×500 (query and fragment forms, all ${lessonIds.length} lessons × 2 languages): no scrollbars, no editor, nothing saved; a refused manifest shows the API server's error; at=run and at=1m5s open at that time`);
} catch (err) {
  console.log(`not ok - ${err.message}`);
  exitCode = 1;
} finally {
  for (const c of contexts) await c.close().catch(() => {});
  site?.close();
}
process.exitCode = exitCode;
