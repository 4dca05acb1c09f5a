/**
 * Finds where a text that JSON.parse rejected goes wrong, for a 400 message that points at a position. V8's own
 * messages omit the position in some cases and quote the body in others. One iterative pass with an explicit
 * stack of open containers: linear time, and no recursion that deeply nested input could overflow.
 * Runs only after JSON.parse has failed, so it is off the hot path.
 */

export interface JsonSyntaxProblem {
  position: number;
  problem: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;
const ESCAPE = /["\\/bfnrt]|u[0-9a-fA-F]{4}/y;

export function locateJsonError(text: string): JsonSyntaxProblem {
  const stack: ('{' | '[')[] = [];
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const fail = (problem: string): JsonSyntaxProblem => ({
    position: i,
    problem: i >= text.length ? 'unexpected end of input' : `${problem}, found ${JSON.stringify(text[i])}`,
  });
  /** Consumes a string starting at text[i] === '"'; returns a problem or null. */
  const string = (): JsonSyntaxProblem | null => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c < 0x20) return fail('control character in a string');
      if (c === 0x5c) {
        ESCAPE.lastIndex = i + 1;
        if (!ESCAPE.test(text)) {
          i++;
          return fail('invalid escape in a string');
        }
        i = ESCAPE.lastIndex;
      } else {
        i++;
      }
    }
    return fail('unterminated string');
  };
  /** After '{' or ',' in an object: a key, then ':'. */
  const key = (): JsonSyntaxProblem | null => {
    ws();
    if (text[i] !== '"') return fail('expected a property name in double quotes');
    const bad = string();
    if (bad) return bad;
    ws();
    if (text[i] !== ':') return fail("expected ':' after a property name");
    i++;
    return null;
  };

  for (;;) {
    // Expecting a value.
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      ws();
      if (text[i] === (c === '{' ? '}' : ']')) {
        i++;
      } else {
        stack.push(c);
        const bad = c === '{' ? key() : null;
        if (bad) return bad;
        continue;
      }
    } else if (c === '"') {
      const bad = string();
      if (bad) return bad;
    } else {
      const pattern = c === '-' || (c !== undefined && c >= '0' && c <= '9') ? NUMBER : LITERAL;
      pattern.lastIndex = i;
      if (!pattern.test(text)) return fail('expected a value');
      i = pattern.lastIndex;
    }
    // After a value: close containers, or a comma leading to the next value.
    for (;;) {
      ws();
      const open = stack[stack.length - 1];
      if (open === undefined) {
        return i < text.length ? fail('unexpected data after the JSON value') : { position: i, problem: 'invalid JSON' };
      }
      const close = open === '{' ? '}' : ']';
      if (text[i] === close) {
        stack.pop();
        i++;
        continue;
      }
      if (text[i] !== ',') return fail(`expected ',' or '${close}'`);
      i++;
      if (open === '{') {
        const bad = key();
        if (bad) return bad;
      }
      break;
    }
  }
}
