import type { Child, FC } from "hono/jsx";
import { PAGE_CSS } from "./page-style.js";

/** The shell of every public page: language and direction on `<html>`, the one stylesheet. */
export const Layout: FC<{
  lang: string;
  dir: "rtl" | "ltr";
  title: string;
  head?: Child;
  children?: Child;
}> = (props) => (
  <html lang={props.lang} dir={props.dir}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{props.title}</title>
      {props.head}
      {/* Our own constant stylesheet, never article text: raw so the bytes match the CSP hash. */}
      <style dangerouslySetInnerHTML={{ __html: PAGE_CSS }} />
    </head>
    <body>{props.children}</body>
  </html>
);

/** `<!doctype html>` plus the rendered tree (hono/jsx renders elements, not the doctype). */
export const renderDocument = (element: unknown) => `<!doctype html>${String(element)}`;
