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

/** Returns CommonJS/ESM-neutral module source exporting the template function as default. */
function precompileModule(source, file, runtimeImport = 'handlebars/runtime') {
  assertSafe(source, file);
  const spec = Handlebars.precompile(source, compileOptions(file));
  return `import Handlebars from ${JSON.stringify(runtimeImport)};\nexport default Handlebars.template(${spec});\n`;
}

module.exports = { precompileModule, assertSafe, compileOptions };
