import type { FC } from "hono/jsx";
import { Layout } from "./layout.js";

/** A reader who follows a stale or mistyped link gets a page, in both site languages, not JSON. */
export const NotFoundPage: FC<{ siteName: string; siteUrl: string }> = ({ siteName, siteUrl }) => (
  <Layout lang="ar" dir="rtl" title={`404 — ${siteName}`}>
    <header class="site">
      <a href={siteUrl}>{siteName}</a>
    </header>
    <main>
      <h1>الصفحة غير موجودة</h1>
      <p>ربما حُذف هذا المقال أو لم يُنشر بعد.</p>
      <div lang="en" dir="ltr">
        <h1>Page not found</h1>
        <p>This article may have been removed or not published yet.</p>
      </div>
      <p>
        <a href={siteUrl}>{siteName}</a>
      </p>
    </main>
  </Layout>
);
