/**
 * The error hierarchy every boundary uses. Each maps to one HTTP status in `httpStatusOf`, the only place that
 * decides statuses, so an API route and the collector answer the same problem the same way.
 */

export class LoupeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The request itself is wrong; retrying it unchanged cannot succeed. */
export class BadRequest extends LoupeError {}

export class NotFound extends LoupeError {}

export class PayloadTooLarge extends LoupeError {}

export class UnsupportedMediaType extends LoupeError {}

/** A dependency (ClickHouse) cannot be reached or refused the work; the client should retry later. */
export class Unavailable extends LoupeError {
  constructor(
    message: string,
    readonly retryAfterSeconds = 5,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** ClickHouse answered with an error for a query we built: a defect on our side, never the caller's input. */
export class StorageError extends LoupeError {
  constructor(
    message: string,
    readonly queryTag: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function httpStatusOf(error: unknown): number {
  if (error instanceof BadRequest) return 400;
  if (error instanceof NotFound) return 404;
  if (error instanceof PayloadTooLarge) return 413;
  if (error instanceof UnsupportedMediaType) return 415;
  if (error instanceof Unavailable) return 503;
  return 500;
}
