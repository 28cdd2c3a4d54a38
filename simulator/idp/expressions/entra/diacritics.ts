// Letters the docs' NormalizeDiacritics table maps that have no Unicode decomposition to strip (E-FUNC).
const LIGATURES_AND_STROKES: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  ø: 'oe',
  Ø: 'OE',
  œ: 'oe',
  Œ: 'OE',
  ł: 'l',
  Ł: 'L',
  ı: 'i',
};

// Only the Combining Diacritical Marks block: marks of other scripts (Devanagari vowel signs,
// kana voicing marks) are part of the letter, not an accent.
const LATIN_ACCENTS = /[\u0300-\u036f]/g;

/**
 * NormalizeDiacritics: decompose, drop accents, then spell out the ligatures and stroked letters
 * in the docs' table ("Zoë" → "Zoe", "ß" → "ss", "æ" → "ae", "ø" → "oe").
 */
export function normalizeDiacritics(text: string): string {
  const stripped = text.normalize('NFD').replace(LATIN_ACCENTS, '');
  return [...stripped].map((char) => LIGATURES_AND_STROKES[char] ?? char).join('').normalize('NFC');
}
