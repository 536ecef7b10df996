/**
 * Turns phrases into the bodies people actually send: greeting, text,
 * sign-off and signature; "> " quotes under an attribution line; and the
 * HTML version that HTML-writing clients add as the alternative part.
 */
import type { DateParts, LanguagePack } from './language-pack.ts';

export function dateParts(epochMs: number, tzOffsetMinutes: number): DateParts {
  const local = new Date(epochMs + tzOffsetMinutes * 60_000);
  return {
    weekday: local.getUTCDay(),
    day: local.getUTCDate(),
    month: local.getUTCMonth(),
    year: local.getUTCFullYear(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

export function capitalizeFirst(text: string): string {
  const first = text.charAt(0);
  return first.toLocaleUpperCase() + text.slice(1);
}

export interface CustomerBodyParts {
  readonly greeting: string;
  readonly body: string;
  readonly signoff: string;
  readonly name: string;
  /** Extra signature lines (company, phone) for business customers. */
  readonly signature: readonly string[];
  readonly footer?: string;
}

/** The customer's own text (no quote). Without a greeting the body starts upper-case. */
export function composeCustomerText(parts: CustomerBodyParts): string {
  const blocks: string[] = [];
  if (parts.greeting) blocks.push(parts.greeting);
  blocks.push(parts.greeting ? parts.body : capitalizeFirst(parts.body));
  blocks.push([parts.signoff, parts.name, ...parts.signature].join('\n'));
  if (parts.footer) blocks.push(parts.footer);
  return blocks.join('\n\n');
}

export interface AgentBodyParts {
  readonly greeting: string;
  readonly body: string;
  readonly signoff: string;
  readonly agentFirst: string;
  readonly agentFull: string;
  readonly title: string;
  readonly company: string;
  readonly helpUrl: string;
  readonly phone: string;
}

/** The agent's own text, ending in the conventional "-- " signature block. */
export function composeAgentText(parts: AgentBodyParts): string {
  return [
    parts.greeting,
    parts.body,
    `${parts.signoff}\n${parts.agentFirst}`,
    `-- \n${parts.agentFull}\n${parts.title}, ${parts.company}\n${parts.helpUrl} | ${parts.phone}`,
  ].join('\n\n');
}

export function quoteLines(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.length > 0 ? `> ${line}` : '>'))
    .join('\n');
}

/** Fresh text, a blank line, the attribution line and the quoted previous message. */
export function withQuote(fresh: string, attribution: string, quoted: string): string {
  return `${fresh}\n\n${attribution}\n${quoteLines(quoted)}\n`;
}

export function attribution(pack: LanguagePack, date: number, tzOffsetMinutes: number, who: string): string {
  return pack.quoteHeader(dateParts(date, tzOffsetMinutes), who);
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Paragraphs become <p>, single line breaks <br>; URLs become links as mail clients make them. */
function paragraphsToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => {
      const lines = paragraph.split('\n').map((line) =>
        escapeHtml(line).replace(/https:\/\/[^\s<)]+/g, (url) => `<a href="${url}">${url}</a>`));
      return `<p>${lines.join('<br>\n')}</p>`;
    })
    .join('\n');
}

export interface HtmlBodyParts {
  readonly fresh: string;
  readonly lang: string;
  readonly charset: string;
  /** Remote images in the signature: a company logo, a tracking pixel. */
  readonly remoteImages: readonly { readonly src: string; readonly alt: string; readonly width: number; readonly height: number }[];
  readonly quote?: { readonly attribution: string; readonly text: string };
}

/** An HTML document like the ones webmail and Outlook send. */
export function composeHtml(parts: HtmlBodyParts): string {
  const images = parts.remoteImages
    .map((image) => `<img src="${escapeHtml(image.src)}" alt="${escapeHtml(image.alt)}" width="${image.width}" height="${image.height}" style="border:0">`)
    .join('\n');
  const quote = parts.quote
    ? `\n<div class="nw-quote-attribution">${escapeHtml(parts.quote.attribution)}</div>\n`
      + `<blockquote style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">\n${paragraphsToHtml(parts.quote.text)}\n</blockquote>`
    : '';
  return [
    '<!DOCTYPE html>',
    `<html lang="${parts.lang}">`,
    `<head><meta http-equiv="Content-Type" content="text/html; charset=${parts.charset}"></head>`,
    '<body style="font-family:Calibri,Arial,sans-serif;font-size:11pt;color:#1f1f1f">',
    `<div dir="ltr">\n${paragraphsToHtml(parts.fresh)}${images ? `\n${images}` : ''}\n</div>${quote}`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
