/**
 * A rule was broken. Errors are values with stable codes so that the API, the CLI and workflow
 * update validators can map them to machine-readable answers without parsing messages.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof Error && (e as { name?: string }).name === 'DomainError' && typeof (e as DomainError).code === 'string';
}
