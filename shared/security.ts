/**
 * The Content-Security-Policy of the UI, the same in the desktop window (header and meta tag)
 * and in the browser shell (header). No remote content, no inline scripts, no eval.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Header carrying the browser shell's session token on every RPC. */
export const TOKEN_HEADER = 'x-comes-token';
