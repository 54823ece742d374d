import type { Context } from "hono";
import { Layout } from "./layout";

/** A browser (it asks for HTML) outside the API gets pages; API clients get problem+json. */
export function wantsHtml(c: Context): boolean {
  return !c.req.path.startsWith("/v1/") && /\btext\/html\b/.test(c.req.header("accept") ?? "");
}

/** The GOV.UK "Page not found" pattern. */
export function notFoundPage(c: Context) {
  return c.html(
    <Layout title="Page not found">
      <h1 class="govuk-heading-l">Page not found</h1>
      <p class="govuk-body">If you typed the web address, check it is correct.</p>
      <p class="govuk-body">If you pasted the web address, check you copied the entire address.</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/">
          Go to the start page
        </a>
      </p>
    </Layout>,
    404,
  );
}
