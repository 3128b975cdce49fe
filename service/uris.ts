/** What the features and the server say of a document's URI to the user. */

/** The file's name: `file:///…/甲.ttab` → `甲.ttab`, `untitled:Untitled-1` → `Untitled-1` (as written when it does not decode). */
export function fileName(uri: string): string {
  const name = uri.slice(Math.max(uri.lastIndexOf('/'), uri.lastIndexOf(':')) + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
