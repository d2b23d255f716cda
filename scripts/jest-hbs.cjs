// Jest transform: .hbs files become precompiled template modules, exactly as in the build.
const { assertSafe, compileOptions } = require('./hbs.cjs');
const Handlebars = require('handlebars');
module.exports = {
  process(source, file) {
    assertSafe(source, file);
    const spec = Handlebars.precompile(source, compileOptions(file));
    return { code: `const H = require('handlebars/runtime'); module.exports = { __esModule: true, default: (H.default || H).template(${spec}) };` };
  },
};
