/** Display width of one code point: wide (CJK, emoji) counts 2, combining marks 0, others 1. */
function codePointWidth(cp: number): number {
  if (cp >= 0x300 && cp <= 0x36f) return 0;
  if (cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  // Rough wide ranges: Hangul Jamo, CJK, Hangul syllables, fullwidth forms, emoji and pictographs.
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** Cuts plain text (no ANSI) to at most `width` columns, ending in `…` when something was cut. */
export function fitWidth(text: string, width: number): string {
  if (width <= 0) return '';
  let used = 0;
  let out = '';
  const points = Array.from(text);
  for (let i = 0; i < points.length; i++) {
    const w = codePointWidth(points[i]!.codePointAt(0)!);
    const last = i === points.length - 1;
    // Keep one column for the ellipsis unless this is the final character.
    if (used + w > width - (last ? 0 : 1)) {
      return `${out}…`;
    }
    out += points[i];
    used += w;
  }
  return out;
}
