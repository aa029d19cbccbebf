// Turns the text of a DECP file into a document: the XML variant, or JSON read tolerantly, because real DECP files carry
// bare NaN and Infinity (Python's json writes them) that a strict parser refuses for the whole file.
import { BadInputError } from '@ess/kit';
import { looksLikeXml, parseDecpXml } from './decp-xml';

/** A JSON string (kept as it is) or a bare NaN / Infinity / -Infinity token outside strings. */
const STRING_OR_NON_FINITE = /"(?:[^"\\]|\\.)*"|-?\bInfinity\b|\bNaN\b/g;

/**
 * Parses JSON that may hold bare NaN and Infinity: each becomes the string "NaN" / "Infinity", which the field readers
 * then report with its record and field like any other bad value. Strings are matched whole first, so a "NaN" inside a
 * text is never touched.
 */
export function parseTolerantJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (strictError) {
    const quoted = text.replace(STRING_OR_NON_FINITE, (token) => (token.startsWith('"') ? token : `"${token}"`));
    try {
      return JSON.parse(quoted);
    } catch {
      throw BadInputError.field('json', `is not valid JSON: ${(strictError as Error).message}`);
    }
  }
}

/** The document of a DECP file, JSON or XML (told apart by the first character). */
export function parseDecpText(text: string): unknown {
  const content = text.replace(/^\uFEFF/, '');
  return looksLikeXml(content) ? parseDecpXml(content) : parseTolerantJson(content);
}
