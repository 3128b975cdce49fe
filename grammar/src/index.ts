/** Public surface of the grammar package: pure, depends on chevrotain only. */
export * from './ast';
export { parse, type ParseOptions } from './parse';
export * from './keywords';
export * from './messages';
export * from './values';
export * from './units';
export * from './category';
export * from './model';
export { listPositions, reparse, type Block, type LineEdit, type ReparseInput, type ReparseResult, type TextLines, type TreeChange } from './incremental';
export * from './stages';
export { escapeRegExp } from './tokens';
