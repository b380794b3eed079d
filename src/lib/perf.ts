/**
 * Named timings of the explorer's selection pipeline (view model, element swap, highlight, layout), as
 * User Timing measures: visible in the browser's performance panel and read by `bench/ui-select.ts`.
 * Costs a few microseconds; never affects behaviour.
 */
const PREFIX = 'pathlight:';

export function timed<T>(name: string, f: () => T): T {
  const t0 = performance.now();
  try {
    return f();
  } finally {
    try {
      performance.measure(PREFIX + name, { start: t0, end: performance.now() });
    } catch {
      // User Timing missing (old runtimes): timings are optional.
    }
  }
}
