/**
 * .NET casing. Invariant-culture casing maps each character to exactly one character, so 'ß'
 * stays 'ß' in upper case where JavaScript would write "SS"; multi-character results are refused
 * character by character here to match.
 */
function oneToOne(text: string, map: (char: string) => string): string {
  let out = '';
  for (const char of text) {
    const mapped = map(char);
    out += [...mapped].length === 1 ? mapped : char;
  }
  return out;
}

export function invariantUpper(text: string): string {
  return oneToOne(text, (char) => char.toUpperCase());
}

export function invariantLower(text: string): string {
  // U+0130 'İ' lower-cases to a plain 'i' in .NET's one-to-one mapping (JavaScript adds a combining dot).
  return oneToOne(text, (char) => (char === '\u0130' ? 'i' : char.toLowerCase()));
}

// The Unicode categories .NET's TextInfo.ToTitleCase treats as word separators (E-FUNC, PCase remarks).
const WORD_SEPARATOR = /[\p{Z}\p{Cc}\p{Cf}\p{P}\p{S}]/u;
const LETTER = /\p{L}/u;

/**
 * PCase without separators: .NET `ToTitleCase` over the lower-cased text (the docs' "PABLO
 * GONSALVES (SECOND)" → "Pablo Gonsalves (Second)" shows the input is lower-cased first, since
 * ToTitleCase alone keeps all-capital words). A word starts at a letter and runs until a
 * separator; digits, marks and an apostrophe ("O'neil") stay inside it.
 */
export function titleCase(text: string): string {
  let out = '';
  let inWord = false;
  for (const char of invariantLower(text)) {
    if (!inWord && LETTER.test(char)) {
      out += invariantUpper(char);
      inWord = true;
      continue;
    }
    if (inWord && char !== "'" && WORD_SEPARATOR.test(char)) inWord = false;
    out += char;
  }
  return out;
}

/** PCase with separators: only the given characters start a new word. */
export function properCase(text: string, separators: string): string {
  let out = '';
  let wordStart = true;
  for (const char of invariantLower(text)) {
    out += wordStart ? invariantUpper(char) : char;
    wordStart = separators.includes(char);
  }
  return out;
}
