import type { Child } from "hono/jsx";
import type { Caller } from "../env";
import type { Role } from "../auth/roles";
import type { Stop } from "../repo/publishing-stops";
import { roleWords } from "./components/words";
import { ukDateTime } from "./components/time";

/** What every signed-in page knows about the person and the request, for the header and banners. */
export interface PageChrome {
  caller: Caller;
  csrf: string;
  path: string;
  /** Emergency stops in force, for the people they affect (empty for everyone else). */
  stops: (Stop & { accountName: string | null })[];
}

export interface PageProps {
  title: string;
  s?: PageChrome | null;
  /** Shown above the heading: a back link to the page this one belongs to. */
  back?: { href: string; text: string };
  children?: Child;
}

export const NAV: { href: string; label: string; roles: Role[] }[] = [
  { href: "/", label: "Home", roles: [] },
  { href: "/posts/new", label: "New post", roles: ["comms_officer", "comms_manager"] },
  {
    href: "/posts",
    label: "Posts",
    roles: ["comms_officer", "comms_manager", "monitoring_officer", "chief_executive", "auditor", "admin"],
  },
  { href: "/approvals", label: "Approvals", roles: ["comms_manager", "monitoring_officer", "chief_executive"] },
  { href: "/my-accounts", label: "Your accounts", roles: ["councillor"] },
  { href: "/check-a-post", label: "Check a post", roles: ["councillor"] },
  {
    href: "/reports",
    label: "Reports",
    roles: [
      "councillor",
      "comms_officer",
      "comms_manager",
      "chief_executive",
      "monitoring_officer",
      "democratic_services",
      "ict_manager",
    ],
  },
  { href: "/exemptions", label: "Security exemptions", roles: ["councillor", "ict_manager"] },
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
  { href: "/word-lists", label: "Word lists", roles: ["comms_manager", "monitoring_officer", "auditor"] },
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
    href: "/takedowns",
    label: "Takedowns",
    roles: ["councillor", "comms_manager", "monitoring_officer", "chief_executive", "auditor", "admin"],
  },
  {
    href: "/publishing-stops",
    label: "Emergency stop",
    roles: ["comms_officer", "comms_manager", "chief_executive", "monitoring_officer"],
  },
  { href: "/spending", label: "Spending", roles: ["candidate", "election_agent", "democratic_services"] },
  { href: "/audit", label: "Audit", roles: ["auditor", "admin"] },
  { href: "/notifications", label: "Notifications", roles: [] },
  { href: "/deliveries", label: "Failed deliveries", roles: ["admin"] },
  { href: "/emails", label: "E-mails sent", roles: ["admin"] },
  { href: "/webhooks", label: "Webhooks", roles: ["admin"] },
];

/** The navigation item a path belongs to: the longest matching prefix. */
export function currentNav(path: string): string | null {
  let best: string | null = null;
  for (const n of NAV) {
    const hit = n.href === "/" ? path === "/" : path === n.href || path.startsWith(`${n.href}/`);
    if (hit && (!best || n.href.length > best.length)) best = n.href;
  }
  // "New post" is under /posts but is its own item.
  return best;
}

/** The GOV.UK Design System page template (govuk-frontend 6), server-rendered; works without JavaScript. */
export function Layout({ title, s, back, children }: PageProps) {
  const caller = s?.caller;
  const links = caller ? NAV.filter((n) => n.roles.length === 0 || n.roles.some((r) => caller.roles.includes(r))) : [];
  const current = s ? currentNav(s.path) : null;
  return (
    <html lang="en-GB" class="govuk-template">
      <head>
        <meta charset="utf-8" />
        <title>{`${title} – Council social media governance`}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#1d70b8" />
        <link rel="icon" sizes="48x48" href="/assets/images/favicon.ico" />
        <link rel="stylesheet" href="/govuk/govuk-frontend.min.css" />
        <link rel="stylesheet" href="/css/app.css" />
      </head>
      <body class="govuk-template__body">
        <script src="/js/supported.js"></script>
        <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">
          Skip to main content
        </a>
        <header class="govuk-template__header">
          <section
            aria-label="Service information"
            class="govuk-service-navigation"
            data-module="govuk-service-navigation"
          >
            <div class="govuk-width-container">
              <div class="govuk-service-navigation__container">
                <span class="govuk-service-navigation__service-name">
                  <a href="/" class="govuk-service-navigation__link">
                    Council social media governance
                  </a>
                </span>
                {caller && (
                  <nav aria-label="Menu" class="govuk-service-navigation__wrapper">
                    {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: hidden until GOV.UK Frontend shows it on small screens */}
                    <button
                      type="button"
                      class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
                      aria-controls="navigation"
                      hidden
                      aria-hidden="true"
                    >
                      Menu
                    </button>
                    <ul class="govuk-service-navigation__list" id="navigation">
                      {links.map((l) => (
                        <li
                          class={`govuk-service-navigation__item${l.href === current ? " govuk-service-navigation__item--active" : ""}`}
                        >
                          <a
                            class="govuk-service-navigation__link"
                            href={l.href}
                            aria-current={l.href === current ? "page" : undefined}
                          >
                            {l.href === current ? (
                              <strong class="govuk-service-navigation__active-fallback">{l.label}</strong>
                            ) : (
                              l.label
                            )}
                          </a>
                        </li>
                      ))}
                      <li class="govuk-service-navigation__item">
                        <a class="govuk-service-navigation__link" href="/sign-out">
                          Sign out
                        </a>
                      </li>
                    </ul>
                  </nav>
                )}
              </div>
            </div>
          </section>
        </header>
        <div class="govuk-width-container">
          {caller && (
            <p class="govuk-body-s govuk-!-margin-top-3 govuk-!-margin-bottom-0">
              Signed in as {caller.name} ({roleWords(caller.roles)})
            </p>
          )}
          {back && (
            <a href={back.href} class="govuk-back-link">
              {back.text}
            </a>
          )}
          <main class="govuk-main-wrapper" id="main-content">
            {(s?.stops ?? []).map((x) => (
              // biome-ignore lint/a11y/useSemanticElements: the GOV.UK notification banner's own markup
              <div
                class="govuk-notification-banner govuk-notification-banner--important"
                role="region"
                aria-labelledby={`stop-banner-${x.id}`}
                data-module="govuk-notification-banner"
              >
                <div class="govuk-notification-banner__header">
                  <h2 class="govuk-notification-banner__title" id={`stop-banner-${x.id}`}>
                    Emergency stop
                  </h2>
                </div>
                <div class="govuk-notification-banner__content">
                  <p class="govuk-notification-banner__heading">
                    Publishing is stopped {x.accountName ? `on ${x.accountName}` : "on every account"} since{" "}
                    {ukDateTime(x.createdAt)}: {x.reason}{" "}
                    <a class="govuk-notification-banner__link" href="/publishing-stops">
                      See the emergency stop
                    </a>
                  </p>
                </div>
              </div>
            ))}
            {children}
          </main>
        </div>
        <footer class="govuk-footer">
          <div class="govuk-width-container">
            <div class="govuk-footer__meta">
              <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
                <p class="govuk-body-s">Every decision here is kept on a tamper-evident record.</p>
                <ul class="govuk-footer__inline-list">
                  <li class="govuk-footer__inline-list-item">
                    <a class="govuk-footer__link" href="/docs">
                      API reference
                    </a>
                  </li>
                </ul>
              </div>
            </div>
          </div>
        </footer>
        <script type="module" src="/js/init.js"></script>
      </body>
    </html>
  );
}

export const pounds = (p: number | null | undefined) =>
  p == null ? "—" : `£${(p / 100).toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
