import { createHash } from "node:crypto";

/**
 * One stylesheet for every public page, inline so a page is one request. Logical properties
 * (`margin-inline-start`, `text-align: start`) make it right in both directions; Arabic gets a
 * Naskh face first (more readable for long text than the UI fonts) and a taller line height for
 * its marks.
 */
export const PAGE_CSS = `
:root { color-scheme: light dark; --fg: #1b1d21; --muted: #5f6672; --bg: #fdfdfc; --line: #e3e5e8; --accent: #0b5cad; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8e9eb; --muted: #a3a9b3; --bg: #15171a; --line: #2c3036; --accent: #7db7f0; } }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; font-size: 112.5%; }
:lang(ar), :lang(fa), :lang(ur), :lang(ps), :lang(ckb) { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Geeza Pro", "Segoe UI", Tahoma, "Arabic Typesetting", sans-serif; }
body { margin: 0; background: var(--bg); color: var(--fg); line-height: 1.7; }
body:lang(ar) { line-height: 1.9; }
a { color: var(--accent); }
.site, main, .foot { max-width: 42rem; margin: 0 auto; padding: 1rem 1.25rem; }
.site { border-block-end: 1px solid var(--line); font-weight: 700; }
.site a { color: inherit; text-decoration: none; }
h1 { font-size: 1.9rem; line-height: 1.35; margin: 1rem 0 .5rem; overflow-wrap: anywhere; }
.meta { color: var(--muted); font-size: .9rem; margin: 0 0 1.25rem; }
figure { margin: 0 0 1.25rem; }
img { display: block; max-width: 100%; height: auto; border-radius: .4rem; }
.body p { margin: 0 0 1.1em; text-align: start; overflow-wrap: anywhere; }
.tags { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; margin: 1.5rem 0 0; }
.tags a { display: inline-block; padding: .1rem .6rem; border: 1px solid var(--line); border-radius: 1rem; text-decoration: none; font-size: .9rem; }
.foot { color: var(--muted); font-size: .85rem; border-block-start: 1px solid var(--line); }
`;

/** The stylesheet's hash, so the CSP can allow exactly it and no other inline style. */
export const PAGE_CSS_HASH = `'sha256-${createHash("sha256").update(PAGE_CSS).digest("base64")}'`;

/**
 * Nothing loads but images (from anywhere, as articles' images live on the newsroom's CDN) and
 * the one stylesheet above: no script, no frame, no form, no `<base>` can ever run or apply.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "img-src https: http: data:",
  `style-src ${PAGE_CSS_HASH}`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");
