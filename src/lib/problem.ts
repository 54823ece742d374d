import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

// Stable machine-readable codes. Clients branch on these, never on `title` or `detail`.
export const ERROR_CODES = {
  validation_failed: 422,
  malformed_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  unauthenticated: 401,
  invalid_token: 401,
  token_expired: 401,
  token_revoked: 401,
  user_disabled: 401,
  unknown_user: 401,
  forbidden: 403,
  self_decision: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  already_decided: 409,
  unsupported: 422,
  busy: 503,
  integrity_failed: 500,
  internal_error: 500,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  in: "body" | "query" | "path" | "header" | "cookie" | "form";
  /** JSON pointer (RFC 6901) into that part of the request. */
  pointer: string;
  detail: string;
  code: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ErrorCode;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TITLES: Record<ErrorCode, string> = {
  validation_failed: "The request is not valid",
  malformed_json: "The request body is not valid JSON",
  unsupported_media_type: "Unsupported content type",
  payload_too_large: "The request body is too large",
  unauthenticated: "Authentication required",
  invalid_token: "The token is not valid",
  token_expired: "The token has expired",
  token_revoked: "The token has been revoked",
  user_disabled: "The user is disabled",
  unknown_user: "No user matches this identity",
  forbidden: "Not allowed",
  self_decision: "You cannot decide your own submission",
  not_found: "Not found",
  method_not_allowed: "Method not allowed",
  conflict: "Conflict",
  already_decided: "Already decided",
  unsupported: "Not supported",
  busy: "Busy, try again",
  integrity_failed: "A stored record no longer matches its hash",
  internal_error: "Internal error",
};

/** A domain error: thrown anywhere, rendered once by the app's onError. */
export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  readonly detail: string;
  readonly errors?: FieldError[];
  readonly extensions?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    detail: string,
    opts: { errors?: FieldError[]; extensions?: Record<string, unknown> } = {},
  ) {
    super(ERROR_CODES[code], { message: detail });
    this.code = code;
    this.detail = detail;
    this.errors = opts.errors;
    this.extensions = opts.extensions;
  }
}

export function problemBody(code: ErrorCode, detail: string, instance: string, extra: Partial<Problem> = {}): Problem {
  return {
    type: `https://council-social-governance.dev/problems/${code.replaceAll("_", "-")}`,
    title: TITLES[code],
    status: ERROR_CODES[code],
    detail,
    instance,
    code,
    ...extra,
  };
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "content-type": "application/problem+json", ...headers },
  });
}
