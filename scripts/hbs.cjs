// Precompiles a Handlebars template to a JS module (used by the esbuild plugin and the jest transform),
// refusing unescaped output so user text can only ever render as text.
const Handlebars = require('handlebars');

function assertSafe(source, file) {
  const m = /\{\{\{|\{\{&|SafeString/.exec(source);
  if (m) {
    const line = source.slice(0, m.index).split('\n').length;
    throw new Error(`${file}:${line}: unescaped output (${m[0]}) is not allowed in templates; use {{…}} so text is escaped`);
  }
}

/** Plain-text parts (*.txt.hbs, e.g. an email's text body) are not HTML, so they are not HTML-escaped. */
// knownHelpersOnly: our templates use only the built-in helpers and partials, and the compiled
// output is about 8 KB smaller without the lookups for helpers that might be registered later.
const compileOptions = (file) => ({ strict: false, knownHelpersOnly: true, noEscape: /\.txt\.hbs$/.test(file) });

const FALLBACK = / \|\| function\(parent, propertyName\) \{\s*if \(Object\.prototype\.hasOwnProperty\.call\(parent, propertyName\)\) \{\s*return parent\[propertyName\];\s*\}\s*return undefined\s*\}/g;

const LOC = /,"loc":\{"start":\{"line":\d+,"column":\d+\},"end":\{"line":\d+,"column":\d+\}\}/g;

/** Returns CommonJS/ESM-neutral module source exporting the template function as default. */
function precompileModule(source, file, runtimeImport = 'handlebars/runtime') {
  assertSafe(source, file);
  // The runtime we bundle (4.7) always gives container.lookupProperty; the fallback the compiler
  // writes into every block is for pre-4.6 runtimes, and costs 4 KB of the bundle.
  // Block helpers get their source position ("loc") only to word errors the built-in helpers never throw: ~50 bytes a block.
  const spec = Handlebars.precompile(source, compileOptions(file)).replace(FALLBACK, '').replace(LOC, '');
  return `import Handlebars from ${JSON.stringify(runtimeImport)};\nexport default Handlebars.template(${spec});\n`;
}

module.exports = { precompileModule, assertSafe, compileOptions };
