/**
 * What every feature of the language service may read besides the document:
 * the user's language, the catalogs, the workspace index and the settings.
 */
import type { UnitCatalog } from '../grammar/src/index';
import { defaultSources, defaultUnitCatalog } from '../grammar/src/index';
import type { ScoringSettings } from './scoringSettings';
import { WorkspaceIndex } from './workspaceIndex';

export type Locale = 'zh' | 'en';

/** A rule's severity as set by the user. */
export type RuleSetting = 'error' | 'warning' | 'info' | 'off';

export interface ServiceSettings {
  /** Per-rule severity overrides, e.g. { TT109: 'off' }. */
  rules: Record<string, RuleSetting>;
  /** Rule TT112: a target more than this many times its history is flagged. */
  historyFactor: number;
  /** Weights, grades, bands and thresholds of the self-evaluation and monitoring (`"scoring"` in .ttab/rules.json); the defaults without it. */
  scoring?: ScoringSettings;
}

export interface ServiceContext {
  locale: Locale;
  units: UnitCatalog;
  sources: readonly string[];
  workspace: WorkspaceIndex;
  settings: ServiceSettings;
}

export const DEFAULT_SETTINGS: ServiceSettings = { rules: {}, historyFactor: 3 };

export function createContext(partial: Partial<ServiceContext> = {}): ServiceContext {
  return {
    locale: partial.locale ?? 'en',
    units: partial.units ?? defaultUnitCatalog,
    sources: partial.sources ?? defaultSources,
    workspace: partial.workspace ?? new WorkspaceIndex(),
    settings: partial.settings ?? DEFAULT_SETTINGS,
  };
}

export function localize(message: { zh: string; en: string }, locale: Locale): string {
  return locale === 'zh' ? message.zh : message.en;
}
