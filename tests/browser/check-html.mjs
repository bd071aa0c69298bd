#!/usr/bin/env node
// Checks compactproof HTML reports the way a person's browser sees them.
//
// Usage: node check-html.mjs FILE.html...
//
// For each file, in headless Chromium (the system's /usr/bin/chromium, or $CHROMIUM), at a
// wide screen, a phone-sized screen and print media:
//   - the page requests nothing but itself (no scripts, fonts, styles or images from
//     anywhere, local or remote);
//   - every finding note (aside.note) is rendered: non-zero size, not display:none, not
//     visibility:hidden, and every <mark> names notes that exist;
//   - every in-page link (#...) has a target, and nothing but links takes keyboard focus;
//   - a focused link looks different from an unfocused one (a visible focus style);
//   - axe-core reports no serious or critical violation (WCAG 2.0/2.1/2.2 A and AA, and
//     best practices). Moderate and minor ones are listed but do not fail the check.
// Exit status: 0 all good, 1 a check failed, 2 usage or set-up error.

import { mkdtemp, readFile, rm, access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const FAILING_IMPACTS = new Set(['serious', 'critical']);
const VIEWS = [
  { name: 'wide', width: 1366, height: 900, media: 'screen' },
  { name: 'narrow', width: 375, height: 812, media: 'screen' },
  { name: 'print', width: 794, height: 1123, media: 'print' },
];

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node check-html.mjs FILE.html...');
  process.exit(2);
}
try {
  await access(CHROMIUM);
} catch {
  console.error(`no Chromium at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM`);
  process.exit(2);
}

const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const profile = await mkdtemp(path.join(tmpdir(), 'compactproof-chromium-'));
const browser = await puppeteer.launch({
  executablePath: CHROMIUM,
  headless: true,
  userDataDir: profile,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${profile}`,
  ],
});

let failures = 0;
const fail = (file, view, message) => {
  failures += 1;
  console.log(`FAIL ${file} [${view}]: ${message}`);
};
// One check is one file in one view; it passes when nothing in it failed.
let passedChecks = 0;
let failedChecks = 0;

try {
  for (const file of files) {
    const url = pathToFileURL(path.resolve(file)).href;
    try {
      await access(file);
    } catch {
      fail(file, '-', 'cannot read the file');
      failedChecks += 1;
      continue;
    }
    for (const view of VIEWS) {
      const failuresBefore = failures;
      const page = await browser.newPage();
      const outside = [];
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        if (request.url() === url || request.url().startsWith('data:')) {
          request.continue();
        } else {
          outside.push(request.url());
          request.abort();
        }
      });
      await page.setViewport({ width: view.width, height: view.height });
      await page.emulateMediaType(view.media);
      await page.goto(url, { waitUntil: 'load' });

      for (const request of outside) {
        fail(file, view.name, `the page loads ${request}`);
      }

      const dom = await page.evaluate(() => {
        const problems = [];
        const visible = (el) => {
          const style = getComputedStyle(el);
          const box = el.getBoundingClientRect();
          return style.display !== 'none' && style.visibility !== 'hidden'
            && box.width > 0 && box.height > 0;
        };
        const notes = [...document.querySelectorAll('aside.note')];
        for (const note of notes) {
          if (!visible(note)) problems.push(`note #${note.id} is not visible`);
        }
        const marks = [...document.querySelectorAll('mark')];
        for (const mark of marks) {
          const prefix = mark.id.split('-mark-')[0];
          const listed = (mark.dataset.findings || '').split(' ').filter(Boolean);
          if (listed.length === 0) problems.push(`mark #${mark.id} names no finding`);
          for (const n of listed) {
            const note = document.getElementById(`${prefix}-note-${n}`);
            if (!note) problems.push(`mark #${mark.id} names missing note ${prefix}-note-${n}`);
          }
        }
        for (const link of document.querySelectorAll('a[href]')) {
          const href = link.getAttribute('href');
          if (!href.startsWith('#')) {
            problems.push(`link to ${href} leaves the page`);
          } else if (!document.getElementById(decodeURIComponent(href.slice(1)))) {
            problems.push(`link to ${href} has no target`);
          }
        }
        const focusable = document.querySelectorAll(
          'button, input, select, textarea, summary, iframe, [contenteditable], [tabindex]:not([tabindex="-1"])',
        );
        for (const el of focusable) problems.push(`non-link focusable element <${el.tagName.toLowerCase()}>`);
        if (document.querySelector('script:not([data-axe])')) problems.push('the page has a <script>');
        return { problems, notes: notes.length, marks: marks.length };
      });
      for (const problem of dom.problems) fail(file, view.name, problem);

      if (view.name === 'narrow') {
        // Informational: data tables may be wider than a phone (WCAG 1.4.10 exempts them).
        const wide = await page.evaluate(() => {
          const limit = document.documentElement.clientWidth + 1;
          return [...document.querySelectorAll('main *')]
            .filter((el) => el.getBoundingClientRect().right > limit && !el.closest('table'))
            .map((el) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : ''))
            .slice(0, 5);
        });
        if (wide.length > 0) {
          console.log(`note ${file} [${view.name}]: wider than the screen outside tables: ${wide.join(', ')}`);
        }
      }

      if (view.media === 'screen') {
        // Focus style: the same link, unfocused and focused, must render differently.
        const focus = await page.evaluate(() => {
          const link = document.querySelector('main a[href]');
          if (!link) return null;
          const look = () => {
            const s = getComputedStyle(link);
            return [s.outlineStyle, s.outlineWidth, s.backgroundColor, s.boxShadow, s.color].join('|');
          };
          const before = look();
          link.focus();
          const after = look();
          link.blur();
          return { before, after };
        });
        if (focus && focus.before === focus.after) {
          fail(file, view.name, 'a focused link looks the same as an unfocused one');
        }
      }

      await page.addScriptTag({ content: axeSource });
      const results = await page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
          resultTypes: ['violations'],
        });
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
        }));
      });
      const serious = results.filter((v) => FAILING_IMPACTS.has(v.impact));
      for (const v of results) {
        const line = `axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.length} node${v.nodes.length === 1 ? '' : 's'})`;
        if (FAILING_IMPACTS.has(v.impact)) {
          fail(file, view.name, line);
          for (const node of v.nodes.slice(0, 5)) console.log(`    ${node}`);
        } else {
          console.log(`note ${file} [${view.name}]: ${line}`);
        }
      }
      const passed = failures === failuresBefore;
      if (passed) passedChecks += 1;
      else failedChecks += 1;
      console.log(
        `${passed ? 'ok  ' : 'FAIL'} ${file} [${view.name}]: `
        + `${dom.notes} notes, ${dom.marks} marks; axe: ${serious.length} serious or critical, `
        + `${results.length - serious.length} moderate or minor`,
      );
      await page.close();
    }
  }
} finally {
  await browser.close();
  await rm(profile, { recursive: true, force: true });
}

console.log(`${files.length} file(s) in ${VIEWS.length} views; ${failures} problem(s) found`);
console.log(`browser: ${passedChecks} passed, ${failedChecks} failed`);
process.exit(failures === 0 ? 0 : 1);
