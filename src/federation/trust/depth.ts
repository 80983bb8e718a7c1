// How deeply a JSON body nests, counted on its bytes before it is parsed: a body of thousands of
// nested objects is cheap to send and costly to expand as JSON-LD (and its error lines are
// megabytes long), so one nested beyond MAX_DEPTH is refused before any JSON-LD work.

/** Deeper than any activity a real server sends (an activity, its object, a tag, a link: 5 or 6). */
export const MAX_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/** Whether the JSON text nests objects and arrays deeper than `max`; strings are skipped. */
export function nestsDeeperThan(bytes: Uint8Array, max = MAX_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) depth--;
  }
  return false;
}
