/**
 * Every string a user sees goes through `t`. Keys are typed from the English
 * catalogue, and each other catalogue must have every key (a missing German
 * string is a compile error, not a blank label).
 *
 * Placeholders are `{name}`; an entry may be plural forms chosen by
 * `Intl.PluralRules` from `vars.count`.
 */
import type { Sentence } from '../../src-preload/api.ts';
import { de } from './de.ts';
import { en, type MessageKey } from './en.ts';
import type { CatalogueEntry } from './catalogue.ts';

export type { MessageKey } from './en.ts';
export type Locale = 'en' | 'de';

const catalogues: Record<Locale, Record<MessageKey, CatalogueEntry>> = { en, de };

export function detectLocale(languages: readonly string[]): Locale {
  for (const language of languages) {
    const primary = language.toLowerCase().split('-')[0];
    if (primary === 'de' || primary === 'en') return primary;
  }
  return 'en';
}

let currentLocale: Locale = detectLocale(typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]);
let pluralRules = new Intl.PluralRules(currentLocale);

export function locale(): Locale {
  return currentLocale;
}

/** For tests and a future language setting; components read the locale on render. */
export function setLocale(next: Locale): void {
  currentLocale = next;
  pluralRules = new Intl.PluralRules(next);
}

export type Vars = Record<string, string | number>;

function interpolate(template: string, vars: Vars | undefined): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? value.toLocaleString(currentLocale) : value;
  });
}

export function t(key: MessageKey, vars?: Vars): string {
  const entry = catalogues[currentLocale][key] ?? en[key];
  if (typeof entry === 'string') return interpolate(entry, vars);
  const count = typeof vars?.count === 'number' ? vars.count : 0;
  const form = pluralRules.select(count) as keyof typeof entry;
  return interpolate(entry[form] ?? entry.other, vars);
}

/** A key's English words, whatever the agent's language: what core's own defaults are written in. */
export function inEnglish(key: MessageKey): string {
  const entry = en[key];
  return typeof entry === 'string' ? entry : entry.other;
}

/** As core's `sizeInSentence`, in the agent's locale: "30,4 MB" in German. */
export function sizeInSentence(bytes: number): string {
  if (bytes < 1_048_576) return `${new Intl.NumberFormat(currentLocale).format(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${new Intl.NumberFormat(currentLocale, { maximumFractionDigits: 1 }).format(bytes / 1_048_576)} MB`;
}

/**
 * A sentence core sent by key, in the agent's language; core's English when
 * this renderer has no entry for the key. Values stay as core sent them,
 * except a `…Bytes` value, which is a byte count to say as a size.
 */
export function say(sentence: Sentence): string {
  const key = `sentence.${sentence.key}`;
  if (!(key in en)) return sentence.text;
  const vars: Vars = {};
  for (const [name, value] of Object.entries(sentence.vars)) {
    vars[name] = name.endsWith('Bytes') && /^\d+$/.test(value) ? sizeInSentence(Number(value)) : value;
  }
  return t(key as MessageKey, vars);
}
