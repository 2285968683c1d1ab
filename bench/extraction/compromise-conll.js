#!/usr/bin/env node
// compromise-conll.js — runs compromise (the npm package) as a named-entity
// tagger over CoNLL-2003 columns, for bench/extraction/run.
//
//   NODE_PATH=DIR/node_modules node compromise-conll.js eng.testb > out
//
// Each document (between -DOCSTART- lines) is joined to one text, tokens
// separated by spaces and sentences by newlines, so compromise sees the
// same words the tagger sees.  Its people(), organizations() and places()
// matches are mapped back to the tokens they cover (tokens made only of
// punctuation at either edge are left out: compromise keeps "York ." in
// "New York .") and written as IOB2 PER / ORG / LOC: every input line
// comes back with one more column, the predicted tag, which ner-eval
// scores.  compromise has no MISC.
'use strict';
const fs = require('fs');
const nlp = require('compromise');

const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n');
if (lines.length && lines[lines.length - 1] === '') lines.pop();
const out = [];

function flush(doc) {          // doc: [{line, word}] with null for breaks
  if (!doc.length) return;
  let text = '';
  const toks = [];             // {line, start, end}
  for (const d of doc) {
    if (d.word === null) { text += '\n'; continue; }
    if (text.length && !text.endsWith('\n')) text += ' ';
    toks.push({ line: d.line, start: text.length, end: text.length + d.word.length, word: d.word });
    text += d.word;
  }
  const tags = new Array(toks.length).fill('O');
  const parsed = nlp(text);
  for (const [type, fn] of [['PER', 'people'], ['ORG', 'organizations'], ['LOC', 'places']]) {
    for (const m of parsed[fn]().json({ offset: true })) {
      const a = m.offset.start, b = a + m.offset.length;
      let idx = [];
      for (let i = 0; i < toks.length; i++)
        if (toks[i].start >= a && toks[i].end <= b) idx.push(i);
      while (idx.length && !/[\p{L}\p{N}]/u.test(toks[idx[0]].word)) idx.shift();
      while (idx.length && !/[\p{L}\p{N}]/u.test(toks[idx[idx.length - 1]].word)) idx.pop();
      if (!idx.length || idx.some((i) => tags[i] !== 'O')) continue;
      idx.forEach((i, k) => { tags[i] = (k ? 'I-' : 'B-') + type; });
    }
  }
  toks.forEach((t, i) => { out[t.line] = lines[t.line] + ' ' + tags[i]; });
}

let doc = [];
lines.forEach((ln, i) => {
  const cols = ln.trim().split(/\s+/);
  if (ln.trim() === '' || cols[0] === '-DOCSTART-') {
    out[i] = ln;
    if (cols[0] === '-DOCSTART-') { flush(doc); doc = []; } else doc.push({ line: i, word: null });
    return;
  }
  doc.push({ line: i, word: cols[0] });
});
flush(doc);
process.stdout.write(out.join('\n') + '\n');
