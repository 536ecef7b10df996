/**
 * Canned replies with placeholders. An unknown or empty placeholder is an
 * error shown before sending — never sent raw to a customer ("Dear
 * {CLIENT_NAME}," is the classic helpdesk embarrassment).
 *
 * Syntax: `{NAME}` with NAME in A-Z, 0-9, _ and dots for conversation fields
 * (`{CONVERSATION.SUBJECT}`); `{{` and `}}` write literal braces.
 */

export type PlaceholderValues = Record<string, string | null | undefined>;

export interface TemplateProblem {
  placeholder: string;
  reason: 'unknown' | 'empty';
  /** Character offset in the template, for highlighting in the composer. */
  index: number;
}

export interface RenderedTemplate {
  text: string;
  problems: TemplateProblem[];
}

/** The placeholders every template may use; the composer lists them. */
export const STANDARD_PLACEHOLDERS = ['MY_NAME', 'MY_EMAIL', 'TICKET_ID', 'CLIENT_NAME', 'CLIENT_EMAIL', 'CONVERSATION.SUBJECT', 'MAILBOX.NAME', 'MAILBOX.EMAIL'] as const;

const token = /\{\{|\}\}|\{([A-Z0-9_.]+)\}/g;

export function renderTemplate(template: string, values: PlaceholderValues): RenderedTemplate {
  const problems: TemplateProblem[] = [];
  const text = template.replace(token, (match, name: string | undefined, index: number) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    const key = name ?? '';
    if (!Object.prototype.hasOwnProperty.call(values, key)) {
      problems.push({ placeholder: key, reason: 'unknown', index });
      return match;
    }
    const value = values[key];
    if (value === null || value === undefined || value.trim() === '') {
      problems.push({ placeholder: key, reason: 'empty', index });
      return match;
    }
    return value;
  });
  // A lone brace pair that is not a valid placeholder ("{client name}") is most likely a typo of one.
  for (const m of text.matchAll(/\{([^{}\n]{1,40})\}/g)) {
    if (!/^[A-Z0-9_.]+$/.test(m[1] ?? '') && !problems.some((p) => p.index === m.index)) {
      problems.push({ placeholder: m[1] ?? '', reason: 'unknown', index: m.index ?? 0 });
    }
  }
  return { text, problems };
}

/** First name for greetings: "Grace Thompson" → "Grace"; "Khan, Megan" → "Megan". */
export function firstName(displayName: string): string {
  const trimmed = displayName.trim();
  if (trimmed.includes(',')) return trimmed.split(',')[1]?.trim().split(/\s+/)[0] ?? trimmed;
  return trimmed.split(/\s+/)[0] ?? trimmed;
}
