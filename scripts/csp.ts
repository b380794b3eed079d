/**
 * The Content-Security-Policy of the built app (docs/hosting.md): scripts, workers and styles only from the
 * app's own origin (no inline script, no eval), no plugins, no <base>, no form posts, and network access only
 * to the app itself, loopback (the reference live server) and the live sources named at build time in
 * PATHLIGHT_CONNECT_SRC (space-separated origins, e.g. "https://cmdb.example.com").
 */
import type { Plugin } from 'vite';

/**
 * Loopback origins on any port: `npm run serve:inventory` and other local inventory APIs. CSP source lists
 * cannot name an IPv6 literal, so `[::1]` is not among them (use 127.0.0.1 or localhost).
 */
const LOOPBACK = ['http://127.0.0.1:*', 'http://localhost:*'];

/** An origin for connect-src: scheme and host (with an optional port or `*`), nothing that could widen it. */
const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9.-]+(:(\d{1,5}|\*))?$/i;

/** Parses PATHLIGHT_CONNECT_SRC; throws on anything that is not a plain http(s) origin. */
export function connectSources(value: string | undefined): string[] {
  const out: string[] = [];
  for (const item of (value ?? '').split(/\s+/).filter(Boolean)) {
    const origin = item.replace(/\/$/, '');
    if (!ORIGIN.test(origin)) throw new Error(`PATHLIGHT_CONNECT_SRC: ${JSON.stringify(item)} is not an http(s) origin such as https://cmdb.example.com`);
    out.push(origin);
  }
  return out;
}

/** The policy as one header or meta value. */
export function contentSecurityPolicy(extraConnect: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${["'self'", ...LOOPBACK, ...extraConnect].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
  ].join('; ');
}

/**
 * Writes the policy into the built index.html as the first element of <head>, and sends it as a header from
 * `vite preview`. Not in `vite dev`: its React refresh preamble is an inline script.
 */
export function cspPlugin(extraConnect: readonly string[]): Plugin {
  const policy = contentSecurityPolicy(extraConnect);
  return {
    name: 'pathlight-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
    },
  };
}
