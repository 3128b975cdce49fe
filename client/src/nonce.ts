/** A fresh nonce for a webview page's Content Security Policy: 16 random bytes, base64 (Web Crypto: in Node's extension host and in the browser's alike). */
export function nonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
