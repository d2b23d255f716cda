// Moves the zh-Hant and en halves of L('简', '繁', 'en') out of Code.js into dist/Texts.html, which only runs in those languages read.
//
// Every execution on Google parses the whole of Code.js, and most offices work in zh-Hans, so the
// other two languages (a third of the bundle's text) are loaded on demand instead: the build turns
// L('简', '繁', 'en') into L('简', <index>) and writes the pairs as JSON; src/domain/types.ts's L reads
// them through the source src/gas installs (HtmlService's file content, verbatim as in the include pattern).
const ts = require('typescript');
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');

const literal = (n) => ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n);

/** The L(...) calls whose three arguments are plain string literals, in source order. */
function calls(src, file) {
  const sf = ts.createSourceFile(file, src, ts.ScriptTarget.ES2020, true);
  const out = [];
  const visit = (n) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'L' && n.arguments.length === 3 && n.arguments.every(literal)) {
      const [, hant, en] = n.arguments;
      out.push({ from: hant.getStart(sf), to: en.end, pair: [hant.text, en.text] });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** Server source files (not the sidebar's, not the local tools'), sorted so indexes are the same on every build. */
function serverFiles(srcDir) {
  const out = [];
  const walk = (d) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) {
        if (!['ui', 'local'].includes(relative(srcDir, p))) walk(p);
      } else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
    }
  };
  walk(srcDir);
  return out;
}

/** The table of [zh-Hant, en] pairs (each distinct pair once) and a function rewriting one file's source to use it. */
function textTable(srcDir) {
  const table = [];
  const index = new Map();
  for (const file of serverFiles(srcDir)) {
    for (const c of calls(readFileSync(file, 'utf8'), file)) {
      const key = JSON.stringify(c.pair);
      if (!index.has(key)) index.set(key, table.push(c.pair) - 1);
    }
  }
  const rewrite = (src, file) => {
    let out = src;
    for (const c of calls(src, file).reverse()) {
      const i = index.get(JSON.stringify(c.pair));
      if (i !== undefined) out = out.slice(0, c.from) + String(i) + out.slice(c.to);
    }
    return out;
  };
  return { table, rewrite };
}

module.exports = { textTable, serverFiles };
