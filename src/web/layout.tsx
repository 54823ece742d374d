import type { Child } from "hono/jsx";
import type { Caller } from "../env";

export interface PageProps {
  title: string;
  caller?: Caller | null;
  csrf?: string;
  children?: Child;
}

const NAV: { href: string; label: string; roles: string[] }[] = [
  { href: "/posts/new", label: "New post", roles: ["comms_officer", "comms_manager"] },
  {
    href: "/posts",
    label: "Posts",
    roles: ["comms_officer", "comms_manager", "monitoring_officer", "chief_executive", "auditor", "admin"],
  },
  { href: "/approvals", label: "Approvals", roles: ["comms_manager", "monitoring_officer", "chief_executive"] },
  { href: "/publishing-stops", label: "Emergency stop", roles: ["comms_manager", "chief_executive"] },
  {
    href: "/logo-requests",
    label: "Logo requests",
    roles: [
      "chief_executive",
      "councillor",
      "comms_officer",
      "comms_manager",
      "democratic_services",
      "monitoring_officer",
      "ict_manager",
    ],
  },
  {
    href: "/elections",
    label: "Elections",
    roles: [
      "democratic_services",
      "comms_officer",
      "comms_manager",
      "monitoring_officer",
      "chief_executive",
      "auditor",
      "admin",
    ],
  },
  {
    href: "/registers",
    label: "Registers",
    roles: [
      "comms_officer",
      "comms_manager",
      "monitoring_officer",
      "ict_manager",
      "chief_executive",
      "democratic_services",
      "auditor",
      "admin",
    ],
  },
  { href: "/spending", label: "Spending", roles: ["candidate", "election_agent", "democratic_services"] },
  { href: "/audit", label: "Audit", roles: ["auditor", "admin"] },
];

/** The GOV.UK Design System page template (govuk-frontend), server-rendered; works without JavaScript. */
export function Layout({ title, caller, csrf, children }: PageProps) {
  const links = caller ? NAV.filter((n) => n.roles.some((r) => caller.roles.includes(r as never))) : [];
  return (
    <html lang="en-GB" class="govuk-template govuk-template--rebranded">
      <head>
        <meta charset="utf-8" />
        <title>{`${title} – Council social media governance`}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <link rel="stylesheet" href="/govuk/govuk-frontend.min.css" />
      </head>
      <body class="govuk-template__body">
        <script>
          {
            "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');"
          }
        </script>
        <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">
          Skip to main content
        </a>
        <header class="govuk-header" data-module="govuk-header">
          <div class="govuk-header__container govuk-width-container">
            <div class="govuk-header__logo">
              <a href="/" class="govuk-header__link govuk-header__link--homepage">
                <span class="govuk-header__logotype-text">Council social media governance</span>
              </a>
            </div>
          </div>
        </header>
        {links.length > 0 && (
          <nav class="govuk-service-navigation" aria-label="Menu">
            <div class="govuk-width-container">
              <ul class="govuk-service-navigation__list">
                {links.map((l) => (
                  <li class="govuk-service-navigation__item">
                    <a class="govuk-service-navigation__link" href={l.href}>
                      {l.label}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          </nav>
        )}
        <div class="govuk-width-container">
          {caller && (
            <div class="govuk-phase-banner">
              <p class="govuk-phase-banner__content">
                <span class="govuk-phase-banner__text">
                  Signed in as {caller.name} ({caller.roles.join(", ").replaceAll("_", " ")}).{" "}
                </span>
              </p>
              <form method="post" action="/sign-out">
                <input type="hidden" name="_csrf" value={csrf} />
                <button
                  type="submit"
                  class="govuk-button govuk-button--secondary govuk-!-margin-bottom-2"
                  data-module="govuk-button"
                >
                  Sign out
                </button>
              </form>
            </div>
          )}
          <main class="govuk-main-wrapper" id="main-content">
            {children}
          </main>
        </div>
        <footer class="govuk-footer">
          <div class="govuk-width-container">
            <p class="govuk-footer__meta-custom">
              Every decision here is on a tamper-evident record. API reference:{" "}
              <a class="govuk-footer__link" href="/docs">
                /docs
              </a>
              .
            </p>
          </div>
        </footer>
        <script type="module" src="/govuk/govuk-frontend.min.js"></script>
        <script type="module">{"import { initAll } from '/govuk/govuk-frontend.min.js'; initAll();"}</script>
      </body>
    </html>
  );
}

export interface FieldProblem {
  href: string;
  text: string;
}

export function ErrorSummary({ problems, title = "There is a problem" }: { problems: FieldProblem[]; title?: string }) {
  if (problems.length === 0) return null;
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert">
        <h2 class="govuk-error-summary__title">{title}</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {problems.map((p) => (
              <li>
                <a href={p.href}>{p.text}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

export const Csrf = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;

export const pounds = (p: number | null | undefined) =>
  p == null ? "—" : `£${(p / 100).toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** A GOV.UK text input with its label. */
export function TextInput({
  id,
  label,
  value,
  type = "text",
  width,
}: {
  id: string;
  label: string;
  value?: string;
  type?: string;
  width?: string;
}) {
  return (
    <div class="govuk-form-group">
      <label class="govuk-label" for={id}>
        {label}
      </label>
      <input
        class={`govuk-input${width ? ` govuk-input--width-${width}` : ""}`}
        id={id}
        name={id}
        type={type}
        value={value ?? ""}
      />
    </div>
  );
}
