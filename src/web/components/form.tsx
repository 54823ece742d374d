// The GOV.UK form components every page uses, so each page gets the same error pattern (the error
// summary at the top, the message by the field, what was typed kept) and the same date input.
import type { Child } from "hono/jsx";
import type { Errors } from "./validate";

export type Values = Record<string, string>;

/** The GOV.UK error summary: one link per problem, to the field it is about. */
export function ErrorSummary({
  errors,
  dates = [],
  title = "There is a problem",
}: {
  errors: Errors;
  dates?: string[];
  title?: string;
}) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert">
        <h2 class="govuk-error-summary__title">{title}</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {entries.map(([key, text]) => (
              <li>
                <a href={`#${dates.includes(key) ? `${key}-day` : key}`}>{text}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

export function ErrorMessage({ id, text }: { id: string; text?: string }) {
  if (!text) return null;
  return (
    <p id={`${id}-error`} class="govuk-error-message">
      <span class="govuk-visually-hidden">Error:</span> {text}
    </p>
  );
}

export function Hint({ id, text }: { id: string; text?: Child }) {
  if (!text) return null;
  return (
    <div id={`${id}-hint`} class="govuk-hint">
      {text}
    </div>
  );
}

const describedBy = (id: string, hint?: unknown, error?: string) =>
  [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;

const group = (error?: string) => `govuk-form-group${error ? " govuk-form-group--error" : ""}`;
const labelClass = (size?: "s" | "m" | "l") => `govuk-label${size ? ` govuk-label--${size}` : ""}`;

interface FieldProps {
  name: string;
  label: Child;
  values?: Values;
  errors?: Errors;
  hint?: Child;
  size?: "s" | "m" | "l";
}

export function TextInput({
  name,
  label,
  values,
  errors,
  hint,
  size = "s",
  width,
  type = "text",
  inputmode,
  autocomplete,
  spellcheck,
}: FieldProps & {
  width?: string;
  type?: string;
  inputmode?: "text" | "numeric" | "decimal" | "email" | "url" | "tel";
  autocomplete?: string;
  spellcheck?: boolean;
}) {
  const error = errors?.[name];
  return (
    <div class={group(error)}>
      <label class={labelClass(size)} for={name}>
        {label}
      </label>
      <Hint id={name} text={hint} />
      <ErrorMessage id={name} text={error} />
      <input
        class={`govuk-input${width ? ` govuk-input--width-${width}` : ""}${error ? " govuk-input--error" : ""}`}
        id={name}
        name={name}
        type={type}
        value={values?.[name] ?? ""}
        inputmode={inputmode}
        autocomplete={autocomplete}
        spellcheck={spellcheck}
        aria-describedby={describedBy(name, hint, error)}
      />
    </div>
  );
}

export function Textarea({ name, label, values, errors, hint, size = "s", rows = 5 }: FieldProps & { rows?: number }) {
  const error = errors?.[name];
  return (
    <div class={group(error)}>
      <label class={labelClass(size)} for={name}>
        {label}
      </label>
      <Hint id={name} text={hint} />
      <ErrorMessage id={name} text={error} />
      <textarea
        class={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        id={name}
        name={name}
        rows={rows}
        aria-describedby={describedBy(name, hint, error)}
      >
        {values?.[name] ?? ""}
      </textarea>
    </div>
  );
}

export function Select({
  name,
  label,
  values,
  errors,
  hint,
  size = "s",
  options,
}: FieldProps & { options: [string, string][] }) {
  const error = errors?.[name];
  return (
    <div class={group(error)}>
      <label class={labelClass(size)} for={name}>
        {label}
      </label>
      <Hint id={name} text={hint} />
      <ErrorMessage id={name} text={error} />
      <select
        class={`govuk-select${error ? " govuk-select--error" : ""}`}
        id={name}
        name={name}
        aria-describedby={describedBy(name, hint, error)}
      >
        {options.map(([value, text]) => (
          <option value={value} selected={values?.[name] === value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Radios in a fieldset; the first radio carries the field's id, so the error summary can focus it. */
export function Radios({
  name,
  label,
  values,
  errors,
  hint,
  size = "s",
  options,
  inline,
}: FieldProps & { options: [string, string, string?][]; inline?: boolean }) {
  const error = errors?.[name];
  return (
    <div class={group(error)}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(name, hint, error)}>
        <legend class={`govuk-fieldset__legend govuk-fieldset__legend--${size}`}>{label}</legend>
        <Hint id={name} text={hint} />
        <ErrorMessage id={name} text={error} />
        <div class={`govuk-radios${inline ? " govuk-radios--inline" : ""}`} data-module="govuk-radios">
          {options.map(([value, text, itemHint], i) => {
            const id = i === 0 ? name : `${name}-${i + 1}`;
            return (
              <div class="govuk-radios__item">
                <input
                  class="govuk-radios__input"
                  id={id}
                  name={name}
                  type="radio"
                  value={value}
                  checked={values?.[name] === value}
                  aria-describedby={itemHint ? `${id}-item-hint` : undefined}
                />
                <label class="govuk-label govuk-radios__label" for={id}>
                  {text}
                </label>
                {itemHint && (
                  <div id={`${id}-item-hint`} class="govuk-hint govuk-radios__hint">
                    {itemHint}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** Checkboxes in a fieldset; `checked` lists the values ticked. */
export function Checkboxes({
  name,
  label,
  checked,
  errors,
  hint,
  size = "s",
  options,
}: Omit<FieldProps, "values"> & { checked: string[]; options: [string, string][] }) {
  const error = errors?.[name];
  return (
    <div class={group(error)}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(name, hint, error)}>
        <legend class={`govuk-fieldset__legend govuk-fieldset__legend--${size}`}>{label}</legend>
        <Hint id={name} text={hint} />
        <ErrorMessage id={name} text={error} />
        <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          {options.map(([value, text], i) => {
            const id = i === 0 ? name : `${name}-${i + 1}`;
            return (
              <div class="govuk-checkboxes__item">
                <input
                  class="govuk-checkboxes__input"
                  id={id}
                  name={name}
                  type="checkbox"
                  value={value}
                  checked={checked.includes(value)}
                />
                <label class="govuk-label govuk-checkboxes__label" for={id}>
                  {text}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** The GOV.UK date input: day, month and year boxes (never a browser date picker). */
export function DateInput({ name, label, values, errors, hint = "For example, 27 3 2027", size = "s" }: FieldProps) {
  const error = errors?.[name];
  const box = (part: "day" | "month" | "year", text: string, width: number) => (
    <div class="govuk-date-input__item">
      <div class="govuk-form-group">
        <label class="govuk-label govuk-date-input__label" for={`${name}-${part}`}>
          {text}
        </label>
        <input
          class={`govuk-input govuk-date-input__input govuk-input--width-${width}${error ? " govuk-input--error" : ""}`}
          id={`${name}-${part}`}
          name={`${name}-${part}`}
          type="text"
          inputmode="numeric"
          value={values?.[`${name}-${part}`] ?? ""}
        />
      </div>
    </div>
  );
  return (
    <div class={group(error)}>
      {/* biome-ignore lint/a11y/noRedundantRoles: the GOV.UK date input's own markup */}
      <fieldset class="govuk-fieldset" role="group" aria-describedby={describedBy(name, hint, error)}>
        <legend class={`govuk-fieldset__legend govuk-fieldset__legend--${size}`}>{label}</legend>
        <Hint id={name} text={hint} />
        <ErrorMessage id={name} text={error} />
        <div class="govuk-date-input" id={name}>
          {box("day", "Day", 2)}
          {box("month", "Month", 2)}
          {box("year", "Year", 4)}
        </div>
      </fieldset>
    </div>
  );
}

export const Csrf = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;

export function Button({
  children,
  name,
  value,
  variant,
}: {
  children: Child;
  name?: string;
  value?: string;
  variant?: "secondary" | "warning";
}) {
  return (
    <button
      type="submit"
      class={`govuk-button${variant ? ` govuk-button--${variant}` : ""}`}
      name={name}
      value={value}
      data-module="govuk-button"
    >
      {children}
    </button>
  );
}

/** A summary list from [key, value] rows. */
export function Summary({ rows }: { rows: [Child, Child][] }) {
  return (
    <dl class="govuk-summary-list">
      {rows.map(([k, v]) => (
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{k}</dt>
          <dd class="govuk-summary-list__value">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A GOV.UK table from a caption, headings and rows. */
export function Table({ caption, head, rows }: { caption?: Child; head: Child[]; rows: Child[][] }) {
  return (
    <table class="govuk-table">
      {caption && <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>}
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {head.map((h) => (
            <th scope="col" class="govuk-table__header">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {rows.map((r) => (
          <tr class="govuk-table__row">
            {r.map((cell) => (
              <td class="govuk-table__cell">{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Tag({ colour, children }: { colour?: string; children: Child }) {
  return <strong class={`govuk-tag${colour ? ` govuk-tag--${colour}` : ""}`}>{children}</strong>;
}

/** The GOV.UK success banner, shown after a change was saved (on the page the form redirects to). */
export function SuccessBanner({ children }: { children?: Child }) {
  if (!children) return null;
  return (
    <div
      class="govuk-notification-banner govuk-notification-banner--success"
      role="alert"
      aria-labelledby="success-banner-title"
      data-module="govuk-notification-banner"
    >
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="success-banner-title">
          Success
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <h3 class="govuk-notification-banner__heading">{children}</h3>
      </div>
    </div>
  );
}
