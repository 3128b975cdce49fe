/**
 * THE escaping of table text for HTML and SVG, shared by every writer of HTML
 * (the form, the review report, the live preview). Table text is user data: it
 * is only ever placed in element content or in a double-quoted attribute, and
 * always through `escapeHtml`.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ud800-\udfff]/;

/**
 * Text → HTML text, safe in element content and in quoted attribute values.
 * Control characters (other than tab and line breaks) and lone surrogates,
 * which an HTML parser would report or mangle, become U+FFFD.
 */
export function escapeHtml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[&<>"']|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => HTML_ESCAPES[c] ?? '\ufffd');
}

/**
 * A link to a local file path (relative or absolute), never a script: each
 * path segment is percent-encoded, so a file named `javascript:…` stays a
 * relative path (`javascript%3A…`). Escape it like any text when writing it.
 */
export function fileUrl(file: string, line?: number): string {
  const slashes = file.replace(/\\/g, '/');
  const drive = /^[a-z]:\//i.test(slashes) ? slashes.slice(0, 2) : '';
  const encoded = slashes
    .slice(drive.length)
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  const url = drive ? `file:///${drive}${encoded}` : encoded.startsWith('/') ? `file://${encoded}` : encoded;
  return line === undefined ? url : `${url}#L${line}`;
}
