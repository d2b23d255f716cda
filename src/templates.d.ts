// .hbs imports are precompiled Handlebars templates (scripts/hbs.cjs).
declare module '*.hbs' {
  const template: (context: unknown, options?: { helpers?: Record<string, unknown>; partials?: Record<string, unknown> }) => string;
  export default template;
}
