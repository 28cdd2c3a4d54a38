/**
 * JSON text safe inside `<script type="application/json">`: the HTML parser ends a script element
 * at the first `</script` (any case) and treats `<!--` specially, whatever the type, so a response
 * body holding either could break out of the data block. `<\/` and `\u003c!--` are the same JSON
 * string once parsed. U+2028/2029 are valid in JSON but were line terminators in older JavaScript:
 * escaped too, so the text stays safe if a reader ever evaluates it.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/<\//g, '<\\/')
    .replace(/<!--/g, '\\u003c!--')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * Checks that an asset inlined into `<style>` or `<script>` cannot end its element early: the
 * viewer's own files never should, so this guards against an edit, not against run data.
 */
export function assertInlineable(name: string, text: string, element: 'script' | 'style'): string {
  if (new RegExp(`</${element}`, 'i').test(text) || text.includes('<!--')) {
    throw new Error(`${name} contains "</${element}" or "<!--", which would end its inline <${element}> element`);
  }
  return text;
}
