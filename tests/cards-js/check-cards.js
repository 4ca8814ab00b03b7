// Checks AdvisorBot's cards with the real libraries; called by tests/AdvisorBot.Tests/Cards/CardProofTests.cs.
//   node check-cards.js <input.json> <output.json>
// input:  { cards: [{ name, card }] (as Web Chat gets them), teamsCards: [{ name, card }] (as Teams gets them, for the typecheck),
//           templates: [{ name, template, data, expanded }],
//           screenshots: { dir, images: { "<url>": "<png path>" } } | null }
// output: { cards: [{ name, parseEvents, validationEvents, lostProperties }], templates: [{ name, same, js, error }],
//           typecheck: { ok, output }, screenshots: [{ name, file, warnings }] }
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const AC = require('adaptivecards/dist/adaptivecards.min.js');
const ACData = require('adaptivecards-templating');

const [inputPath, outputPath] = process.argv.slice(2);
const input = JSON.parse(fs.readFileSync(inputPath, 'utf8'));

// Teams-only elements that Web Chat's renderer does not know: allowed only with a fallback.
const teamsOnly = type => typeof type === 'string' && type.startsWith('Chart.');
// Keys the renderer legitimately does not keep: the schema link and Teams' own action data.
const allowedLost = new Set(['$schema']);

function parseAndValidate(name, json) {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Version.parse('1.5', new AC.SerializationContext()));
  card.parse(json, context);
  const parseEvents = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    parseEvents.push({ phase: AC.ValidationPhase[e.phase], event: AC.ValidationEvent[e.event], message: e.message });
  }
  const validationEvents = card.validateProperties().validationEvents
    .map(e => ({ phase: AC.ValidationPhase[e.phase], event: AC.ValidationEvent[e.event], message: e.message }));
  const lostProperties = [];
  diff(json, card.toJSON(), '$', lostProperties);
  return { name, parseEvents, validationEvents, lostProperties };
}

const serializedDefaults = { style: 'default', value: '', isMultiSelect: false };

// Every key written in the card must survive the renderer's parse + toJSON; a Teams-only element is compared
// as its fallback, since that is what a host without it renders.
function diff(written, kept, where, lost) {
  if (written && typeof written === 'object' && !Array.isArray(written) && teamsOnly(written.type)) {
    if (!written.fallback) { lost.push(`${where} (${written.type} without fallback)`); return; }
    diff(written.fallback, kept, where + '.fallback', lost);
    return;
  }
  if (Array.isArray(written)) {
    if (!Array.isArray(kept)) { lost.push(where); return; }
    written.forEach((item, i) => diff(item, kept[i], `${where}[${i}]`, lost));
    return;
  }
  if (written && typeof written === 'object') {
    if (!kept || typeof kept !== 'object') { lost.push(where); return; }
    for (const key of Object.keys(written)) {
      if (allowedLost.has(key)) continue;
      if (!(key in kept)) {
        // toJSON() leaves out properties that hold their default value; that loses nothing.
        if (written[key] === serializedDefaults[key]) continue;
        lost.push(`${where}.${key}`); continue;
      }
      if (key === 'data') continue; // Action.Submit data is passed through as the host's value, not rendered.
      diff(written[key], kept[key], `${where}.${key}`, lost);
    }
  }
}

function expandWithJs(entry) {
  try {
    const template = new ACData.Template(entry.template);
    const js = template.expand({ $root: entry.data });
    const same = JSON.stringify(canonical(js)) === JSON.stringify(canonical(entry.expanded));
    return { name: entry.name, same, js: same ? undefined : js };
  } catch (e) {
    return { name: entry.name, same: false, error: String(e && e.message || e) };
  }
}

function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.keys(value).sort().reduce((o, k) => { o[k] = canonical(value[k]); return o; }, {});
  }
  return value;
}

function typecheck(cards) {
  const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'advisorbot-tsc-'));
  const lines = ['import type { IAdaptiveCard } from "@microsoft/teams.cards";'];
  cards.forEach((c, i) => lines.push(`// ${c.name}\nexport const card${i}: IAdaptiveCard = ${JSON.stringify(c.card, null, 1)};`));
  const file = path.join(dir, 'cards.ts');
  fs.writeFileSync(file, lines.join('\n'));
  fs.symlinkSync(path.join(__dirname, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '--noEmit', '--strict', '--skipLibCheck',
      '--module', 'node16', '--moduleResolution', 'node16', '--target', 'es2022', file], { encoding: 'utf8', stdio: 'pipe' });
    return { ok: true, output: '' };
  } catch (e) {
    return { ok: false, output: String(e.stdout || '') + String(e.stderr || '') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function screenshots(cards, options) {
  const { chromium } = require('playwright-core');
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const browser = await chromium.launch({
    executablePath, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const results = [];
  try {
    const page = await browser.newPage({ viewport: { width: 560, height: 800 }, deviceScaleFactor: 1 });
    // Chart images come from files the .NET test fetched from the service: no network.
    await page.route('**/*', route => {
      const file = options.images[route.request().url()];
      if (file) return route.fulfill({ status: 200, contentType: 'image/png', body: fs.readFileSync(file) });
      return route.abort();
    });
    const css = fs.readFileSync(require.resolve('adaptivecards/dist/adaptivecards.css'), 'utf8');
    await page.setContent(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><style>${css}
      body { margin: 0; padding: 16px; background: #f5f5f5; font-family: "DejaVu Sans", sans-serif; }
      #card { width: 480px; background: #fff; border: 1px solid #ddd; border-radius: 6px; }</style></head>
      <body><div id="card"></div></body></html>`);
    await page.addScriptTag({ path: require.resolve('markdown-it/dist/markdown-it.min.js') });
    await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
    fs.mkdirSync(options.dir, { recursive: true });
    for (const { name, card } of cards) {
      const warnings = await page.evaluate(json => {
        const md = window.markdownit();
        AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => { result.outputHtml = md.render(text); result.didProcess = true; };
        const host = document.getElementById('card');
        host.innerHTML = '';
        const c = new AdaptiveCards.AdaptiveCard();
        const ctx = new AdaptiveCards.SerializationContext();
        c.parse(json, ctx);
        const rendered = c.render();
        if (rendered) host.appendChild(rendered);
        const out = [];
        if (!rendered || !rendered.innerText.trim()) out.push('empty card');
        return out;
      }, card);
      await page.waitForFunction(() => Array.from(document.images).every(i => i.complete), null, { timeout: 5000 }).catch(() => {});
      const broken = await page.evaluate(() => Array.from(document.images).filter(i => !i.naturalWidth).map(i => i.src));
      broken.forEach(src => warnings.push(`image did not load: ${src}`));
      const file = path.join(options.dir, `${name}.png`);
      await (await page.$('#card')).screenshot({ path: file });
      results.push({ name, file, warnings });
    }
  } finally {
    await browser.close();
  }
  return results;
}

(async () => {
  const output = {
    cards: input.cards.map(c => parseAndValidate(c.name, c.card)),
    templates: (input.templates || []).map(expandWithJs),
    typecheck: typecheck(input.teamsCards || input.cards), // the cards as Teams gets them (Action.Execute), against Teams' typings
    screenshots: input.screenshots ? await screenshots(input.cards, input.screenshots) : [],
  };
  fs.writeFileSync(outputPath, JSON.stringify(output, null, 1));
})().catch(e => { console.error(e); process.exit(1); });
