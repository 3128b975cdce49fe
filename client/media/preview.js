// The script of the table preview and of report webviews (client/src/preview.ts, report.ts).
// It keeps the page and the editor in step: it replaces the report body when the table changes,
// scrolls to the row of the editor's top line, tells the editor which line the page shows at its
// top when the user scrolls the page, and which line a click on a row, a finding or a link points at;
// it tints the row of the editor's cursor and adds preview.css.
// Loaded from the extension's own media folder with the page's nonce; it never turns text into
// markup (the report module escapes every table text; bodies arrive as finished HTML).
// @ts-check
(function () {
  'use strict';
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  // preview.css sits beside this script (the page's policy allows the extension's own resources)
  const self = document.currentScript;
  if (self instanceof HTMLScriptElement && self.src) {
    const sheet = document.createElement('link');
    sheet.rel = 'stylesheet';
    sheet.href = new URL('preview.css', self.src).href;
    document.head.appendChild(sheet);
  }
  /** Scroll events until this time are echoes of our own scrolling (or of a new body), not the user's. */
  let ignoreScrollUntil = 0;
  const ECHO_MS = 120;
  /** @type {{ line: number; element: HTMLElement }[]} rows of the form in line order */
  let rows = [];

  function collectRows() {
    rows = Array.from(document.querySelectorAll('tr[data-line]'), (element) => ({
      line: Number(/** @type {HTMLElement} */ (element).dataset.line),
      element: /** @type {HTMLElement} */ (element),
    }))
      .filter((row) => Number.isFinite(row.line))
      .sort((a, b) => a.line - b.line);
  }

  function top(element) {
    return element.getBoundingClientRect().top + window.scrollY;
  }

  /** Elements the report never writes in its body: only table text turned into markup could make them. */
  const FOREIGN = 'script, style, link, meta, base, img, iframe, frame, object, embed, form, input, button, video, audio, source';

  function foreignElements() {
    let count = 0;
    for (const element of document.body.querySelectorAll('*')) {
      if (element.matches(FOREIGN) || element.getAttributeNames().some((name) => name.startsWith('on'))) count++;
    }
    return count;
  }

  /** What the page really shows, for the extension (and its e2e tests). */
  function stats() {
    return { rows: rows.length, foreignElements: foreignElements() };
  }

  /** The page offset of an editor line: on its row, or between the rows around it. */
  function offsetOfLine(line) {
    if (rows.length === 0) return 0;
    let lo = 0;
    let hi = rows.length - 1;
    if (line < rows[0].line) return (top(rows[0].element) * Math.max(line, 0)) / Math.max(rows[0].line, 1);
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (rows[mid].line <= line) lo = mid;
      else hi = mid - 1;
    }
    const row = rows[lo];
    const next = rows[lo + 1];
    if (!next || next.line === row.line) return top(row.element);
    const fraction = (line - row.line) / (next.line - row.line);
    return top(row.element) + fraction * (top(next.element) - top(row.element));
  }

  /** The editor line shown at the page's top: the inverse of offsetOfLine. */
  function lineAtOffset(offset) {
    if (rows.length === 0) return 0;
    const firstTop = top(rows[0].element);
    if (offset < firstTop) return Math.floor((rows[0].line * Math.max(offset, 0)) / Math.max(firstTop, 1));
    let lo = 0;
    let hi = rows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (top(rows[mid].element) <= offset) lo = mid;
      else hi = mid - 1;
    }
    const row = rows[lo];
    const next = rows[lo + 1];
    if (!next) return row.line;
    const span = top(next.element) - top(row.element);
    const fraction = span > 0 ? (offset - top(row.element)) / span : 0;
    return Math.floor(row.line + fraction * (next.line - row.line));
  }

  /** The row of the indicator the editor's cursor is in (the last row starting at or above it). */
  let activeLine = -1;
  function markActiveRow() {
    for (const marked of document.querySelectorAll('tr.active-row')) marked.classList.remove('active-row');
    let active;
    for (const row of rows) {
      if (row.line > activeLine) break;
      active = row;
    }
    if (active) active.element.classList.add('active-row');
  }

  function scrollToLine(line) {
    ignoreScrollUntil = performance.now() + ECHO_MS;
    window.scrollTo(0, Math.max(0, offsetOfLine(line)));
    // where the page ended up (the end of the page may stop it short); the extension only records it
    vscode.postMessage({ type: 'scrolled', line: lineAtOffset(window.scrollY) });
  }

  function onMessage(event) {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'update' && typeof message.body === 'string') {
      ignoreScrollUntil = performance.now() + ECHO_MS;
      const y = window.scrollY;
      // the body comes from the report module, every table text escaped; innerHTML never runs scripts
      document.body.innerHTML = message.body;
      window.scrollTo(0, y);
      collectRows();
      markActiveRow();
      vscode.postMessage({ type: 'shown', version: message.version, ...stats() });
    } else if (message.type === 'scrollToLine' && typeof message.line === 'number') {
      scrollToLine(message.line);
    } else if (message.type === 'activeLine' && typeof message.line === 'number') {
      activeLine = message.line;
      markActiveRow();
    }
  }

  let scrollScheduled = false;
  function onScroll() {
    if (performance.now() < ignoreScrollUntil) return;
    if (scrollScheduled) return;
    scrollScheduled = true;
    requestAnimationFrame(() => {
      scrollScheduled = false;
      if (performance.now() < ignoreScrollUntil) return;
      vscode.postMessage({ type: 'revealLine', line: lineAtOffset(window.scrollY) });
    });
  }

  function onClick(event) {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const link = target.closest('a[href]');
    if (link) {
      const href = link.getAttribute('href') || '';
      if (href.startsWith('#')) return; // a place in this page: the webview scrolls there itself
      // a link to file:line of a table: the webview cannot follow it, the editor can
      event.preventDefault();
      vscode.postMessage({ type: 'openLink', href });
      return;
    }
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed && selection.toString().trim() !== '') return; // selecting text to copy
    const marked = /** @type {HTMLElement | null} */ (target.closest('[data-line]'));
    if (!marked) return;
    const line = Number(marked.dataset.line);
    if (!Number.isFinite(line)) return;
    const section = /** @type {HTMLElement | null} */ (marked.closest('[data-file]'));
    vscode.postMessage({ type: 'reveal', line, file: section ? section.dataset.file : undefined });
  }

  function start() {
    collectRows();
    window.addEventListener('message', onMessage);
    window.addEventListener('scroll', onScroll, { passive: true });
    document.addEventListener('click', onClick);
    vscode.postMessage({ type: 'ready', ...stats() });
  }

  // the report module puts this script in <head>: wait for the body
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
