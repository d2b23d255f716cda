// google.script.run as a promise: the one way the sidebar reaches the server (JSON arguments only, no Dates).

interface Runner {
  withSuccessHandler(fn: (value: unknown) => void): Runner;
  withFailureHandler(fn: (error: unknown) => void): Runner;
  [entryPoint: string]: unknown;
}
declare const google: { script: { run: Runner } };

/** Calls a server entry point; resolves with its result, rejects when the bridge itself fails. */
export function call<T>(entryPoint: string, ...args: unknown[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const runner = google.script.run.withSuccessHandler((v) => resolve(v as T)).withFailureHandler(reject);
    const fn = runner[entryPoint];
    if (typeof fn !== 'function') {
      reject(new Error(`unknown entry point ${entryPoint}`));
      return;
    }
    (fn as (...a: unknown[]) => void).apply(runner, args);
  });
}

/** A rejection's text, whatever was thrown across the bridge. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}
