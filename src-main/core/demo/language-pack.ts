/**
 * The shape of one language's phrase bank for the demo workspace.
 *
 * Phrases are templates with {placeholders} that `fillTemplate` fills from the
 * conversation's facts; an unknown placeholder is an error, so a typo in a
 * phrase bank fails the tests instead of showing "{ordr}" to a user.
 * Customer phrases avoid gendered first-person forms (Polish past tense,
 * French/Spanish/Portuguese adjectives) because any customer may use them.
 */

export type LanguageCode = 'en' | 'de' | 'fr' | 'es' | 'pl' | 'da' | 'pt';

export const TOPIC_IDS = [
  'order-status',
  'refund',
  'shipping-delay',
  'damaged-item',
  'login',
  'invoice',
  'feature-question',
  'complaint',
  'praise',
  'return-exchange',
] as const;
export type TopicId = (typeof TOPIC_IDS)[number];

/** Calendar fields of a moment in the writer's own time zone. */
export interface DateParts {
  /** 0 = Sunday. */
  readonly weekday: number;
  readonly day: number;
  /** 0 = January. */
  readonly month: number;
  readonly year: number;
  readonly hour: number;
  readonly minute: number;
}

export interface TopicPhrases {
  readonly subjects: readonly string[];
  /** First customer message; a trailing `{photo}` means "a photo is attached". */
  readonly openings: readonly string[];
  /** First agent answer. Invoice and return answers mention the attached PDF. */
  readonly agentReplies: readonly string[];
}

export interface LanguagePack {
  readonly code: LanguageCode;
  /** Reply prefixes this language's mail clients write (besides plain "Re:"). */
  readonly replyPrefixes: readonly string[];
  /** May contain '' for customers who start without a greeting. */
  readonly customerGreetings: readonly string[];
  readonly customerSignoffs: readonly string[];
  readonly mobileFooters: readonly string[];
  readonly agentGreetings: readonly string[];
  readonly agentSignoffs: readonly string[];
  /** Job title under the agent's name in the signature. */
  readonly supportTitle: string;
  readonly topics: Readonly<Record<TopicId, TopicPhrases>>;
  readonly customerFollowUps: {
    readonly nudge: readonly string[];
    readonly info: readonly string[];
    readonly thanks: readonly string[];
    readonly unhappy: readonly string[];
  };
  readonly agentFollowUps: {
    /** [0] thanks the customer for the details just sent; the others fit after any message. */
    readonly progress: readonly string[];
    readonly askInfo: readonly string[];
    readonly resolved: readonly string[];
  };
  /** The attribution line above a quote, as this language's mail clients write it. */
  quoteHeader(date: DateParts, who: string): string;
  formatAmount(cents: number): string;
}

export function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** Formats cents as "89,90" (or "89.90" with a dot separator). */
export function decimalAmount(cents: number, separator: ',' | '.'): string {
  if (!Number.isInteger(cents) || cents < 0) throw new RangeError(`Amount must be whole cents, got ${cents}`);
  return `${Math.floor(cents / 100)}${separator}${pad2(cents % 100)}`;
}

/** Replaces every {key}; throws on a key the values do not have. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (_match, key: string) => {
    const value = values[key];
    if (value === undefined) throw new RangeError(`Phrase uses unknown placeholder {${key}}: ${template}`);
    return value;
  });
}
