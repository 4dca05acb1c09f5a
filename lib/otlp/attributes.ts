import type { AttributeValue, Attributes } from './types';

/**
 * AnyValue may nest arrays and key-value lists without bound on the wire. Deeper values are refused with an error,
 * so that a hostile body cannot overflow the stack of the decoder or of anything that walks the result later.
 */
export const MAX_ANY_VALUE_DEPTH = 32;

export const DEPTH_MESSAGE = `attribute value nested deeper than ${MAX_ANY_VALUE_DEPTH} levels`;

/**
 * Sets a decoded attribute. A key "__proto__" assigned plainly would replace the object's prototype instead of
 * becoming an attribute; it is defined as an own property instead.
 */
export function setAttribute(target: Attributes, key: string, value: AttributeValue): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** Unknown enum values are read as "unspecified": proto3 enums are open, and the span is still worth keeping. */
export function spanKind(value: number): 0 | 1 | 2 | 3 | 4 | 5 {
  return value >= 0 && value <= 5 ? (value as 0 | 1 | 2 | 3 | 4 | 5) : 0;
}

export function statusCode(value: number): 0 | 1 | 2 {
  return value === 1 || value === 2 ? value : 0;
}
