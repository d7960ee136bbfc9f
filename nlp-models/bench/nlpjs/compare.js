// nlp.js (node-nlp) trained on the same training files as our OpenNLP models and scored on the same test files.
// Prints one JSON line per language: intent macro-F1, risk HIGH+ recall, messages/s (classifier only, and the
// full NlpManager.process with its NER and sentiment). Run by scripts/bench-nlp. Never prints message text.
'use strict';
const fs = require('fs');
const path = require('path');
const { NlpManager } = require('node-nlp');

const corpora = process.argv[2] || path.join(__dirname, '..', '..', 'corpora');
const WARM_SECONDS = 2;
const TIMED_SECONDS = 3;

function read(file) {
  return fs.readFileSync(file, 'utf8').split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => { const i = l.indexOf('\t'); return { label: l.slice(0, i).trim(), text: l.slice(i + 1).trim() }; });
}

async function trained(lang, examples) {
  const manager = new NlpManager({ languages: [lang], autoSave: false, autoLoad: false, nlu: { log: false } });
  for (const e of examples) manager.addDocument(lang, e.text, e.label);
  await manager.train();
  return manager;
}

async function best(manager, lang, text, fallback) {
  const r = await manager.nlp.classify(lang, text);
  const top = r.classifications && r.classifications[0];
  return top && top.intent !== 'None' ? top.intent : fallback;
}

function macroF1(pairs) {
  const labels = [...new Set(pairs.map((p) => p.gold))];
  let sum = 0;
  for (const l of labels) {
    const tp = pairs.filter((p) => p.gold === l && p.pred === l).length;
    const fp = pairs.filter((p) => p.gold !== l && p.pred === l).length;
    const fn = pairs.filter((p) => p.gold === l && p.pred !== l).length;
    const prec = tp + fp ? tp / (tp + fp) : 0;
    const rec = tp + fn ? tp / (tp + fn) : 0;
    sum += prec + rec ? (2 * prec * rec) / (prec + rec) : 0;
  }
  return sum / labels.length;
}

async function main() {
  const langs = fs.readdirSync(corpora).filter((d) => /^[a-z]{2}$/.test(d)).sort();
  for (const lang of langs) {
    const dir = path.join(corpora, lang);
    const need = ['intent-train.tsv', 'risk-train.tsv', 'intent-test.tsv', 'risk-test.tsv'];
    if (!need.every((f) => fs.existsSync(path.join(dir, f)))) continue;
    let t = Date.now();
    const intentModel = await trained(lang, read(path.join(dir, 'intent-train.tsv')));
    const riskModel = await trained(lang, read(path.join(dir, 'risk-train.tsv')));
    const trainSeconds = (Date.now() - t) / 1000;
    const intentTest = read(path.join(dir, 'intent-test.tsv'));
    const riskTest = read(path.join(dir, 'risk-test.tsv'));
    const pairs = [];
    for (const e of intentTest) pairs.push({ gold: e.label, pred: await best(intentModel, lang, e.text, 'other') });
    let gold = 0; let hit = 0;
    for (const e of riskTest) {
      if (e.label === 'high' || e.label === 'imminent') {
        gold += 1;
        const p = await best(riskModel, lang, e.text, 'none');
        if (p === 'high' || p === 'imminent') hit += 1;
      }
    }
    const all = intentTest.concat(riskTest);
    // whole passes for TIMED_SECONDS after WARM_SECONDS of warm-up, as SideBySide.java does for ours
    const pass = async () => {
      for (const e of all) { await best(intentModel, lang, e.text, 'other'); await best(riskModel, lang, e.text, 'none'); }
    };
    const warmEnd = process.hrtime.bigint() + BigInt(WARM_SECONDS * 1e9);
    while (process.hrtime.bigint() < warmEnd) await pass();
    t = process.hrtime.bigint();
    const timedEnd = t + BigInt(TIMED_SECONDS * 1e9);
    let count = 0;
    while (process.hrtime.bigint() < timedEnd) { await pass(); count += all.length; }
    const classifyPerSecond = count / (Number(process.hrtime.bigint() - t) / 1e9);
    t = process.hrtime.bigint();
    for (const e of all) { await intentModel.process(lang, e.text); await riskModel.process(lang, e.text); }
    const processPerSecond = all.length / (Number(process.hrtime.bigint() - t) / 1e9);
    console.log(JSON.stringify({
      system: 'nlp.js', language: lang, intentMacroF1: +macroF1(pairs).toFixed(3),
      riskRecallModel: +(hit / gold).toFixed(3), messagesPerSecond: Math.round(classifyPerSecond),
      messagesPerSecondFullProcess: Math.round(processPerSecond), trainSeconds,
    }));
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
