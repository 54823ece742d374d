/** A rule the input breaks, named by field; handlers turn it into a 422 problem. */
export class DomainError extends Error {
  constructor(
    readonly code: "unsupported" | "invalid" | "out_of_range",
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
