/**
 * Plans one support conversation: a customer, a topic, an agent, and a
 * thread of 1-15 messages alternating customer / agent.
 *
 * Invariants: every reply is later than its parent (by at least a minute),
 * carries In-Reply-To = parent's Message-ID and References = all earlier
 * Message-IDs of the thread in order, quotes its parent, and the last message
 * is exactly at `lastMessageAt`. Customer mail goes to INBOX, agent mail to
 * Sent from the shared support address.
 */
import { simpleCsv, damagedBoxPng, simplePdf } from './demo-attachments.ts';
import { AGENTS, COMPANY, FABRIC_TOPICS, LANGUAGE_PROFILES, PRODUCTS, TOPIC_WEIGHTS, asciiFold, type LanguageProfile } from './demo-corpus.ts';
import { attribution, composeAgentText, composeCustomerText, composeHtml, withQuote } from './demo-text.ts';
import { canEncodeInCharset, type MailCharset } from './legacy-charsets.ts';
import { fillTemplate, type LanguagePack, type TopicId } from './language-pack.ts';
import type { MailAddress } from './mime-build.ts';
import type { PlannedAttachment, PlannedMessage } from './planned-message.ts';
import type { Prng } from './prng.ts';

export const SUPPORT_ADDRESS = `support@${COMPANY.domain}`;
/** The shop's website, which sends its contact form's messages with the customer in Reply-To. */
export const CONTACT_FORM_SENDER: MailAddress = { name: `${COMPANY.name} website`, address: `noreply@${COMPANY.domain}` };

/**
 * Every eighth conversation starts on the website's contact form. Chosen by
 * the conversation's index, not the random stream, so adding it left every
 * other conversation of a seed as it was.
 */
export const isContactFormConversation = (index: number): boolean => index % 8 === 3;

function contactFormText(customer: MailAddress, order: string, message: string): string {
  return [
    `A message was sent with the contact form on ${COMPANY.domain}.`,
    '',
    `Name: ${customer.name ?? ''}`,
    `Email: ${customer.address}`,
    `Order number: ${order}`,
    '',
    'Message:',
    message,
  ].join('\n');
}
const SUPPORT_RECIPIENT: MailAddress = { name: 'Northwind Support', address: SUPPORT_ADDRESS };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface ConversationInput {
  readonly index: number;
  /** Thread length, 1..15. */
  readonly length: number;
  /** Epoch ms (whole second) of the thread's last message. */
  readonly lastMessageAt: number;
  /** No message of the thread may be earlier than this. */
  readonly earliest: number;
  /** The generator's "now": recent unanswered mail is often still unread. */
  readonly now: number;
}

type Kind = 'opening' | 'agent-first' | 'nudge' | 'info' | 'thanks' | 'unhappy' | 'progress' | 'ask-info' | 'resolved';
type CustomerStyle = 'plain' | 'html' | 'html-tracker' | 'mobile' | 'legacy';

interface Customer {
  readonly first: string;
  readonly fullName: string;
  readonly address: MailAddress;
  readonly domain: string;
  readonly colleague: MailAddress | null;
  readonly company: string | null;
  readonly tz: number;
  readonly style: CustomerStyle;
  readonly messageIdStyle: 'uuid' | 'dotted';
}

function pickLocalPart(rng: Prng, first: string, last: string): string {
  const f = asciiFold(first);
  const l = asciiFold(last);
  return rng.pick([`${f}.${l}`, `${f}${l}`, `${f.charAt(0)}.${l}`, `${f}.${l}${rng.int(10, 99)}`, `${f}_${l}`, `${l}.${f}`]);
}

function makeCustomer(rng: Prng, profile: LanguageProfile): Customer {
  const first = rng.pick(profile.firstNames);
  const last = rng.pick(profile.lastNames);
  const fullName = `${first} ${last}`;
  const business = rng.chance(0.14) ? rng.pick(profile.businesses) : null;
  const domain = business ? business.domain : rng.pick(profile.freemailDomains);
  const displayName = business && profile.pack.code === 'en' && rng.chance(0.3) ? `${last}, ${first}` : rng.chance(0.05) ? '' : fullName;
  let colleague: MailAddress | null = null;
  if (business && rng.chance(0.6)) {
    const cFirst = rng.pick(profile.firstNames.filter((name) => name !== first));
    const cLast = rng.pick(profile.lastNames);
    colleague = { name: `${cFirst} ${cLast}`, address: `${pickLocalPart(rng, cFirst, cLast)}@${domain}` };
  }
  const style: CustomerStyle = rng.chance(profile.legacyShare)
    ? 'legacy'
    : rng.weighted<CustomerStyle>([['plain', 48], ['html', 24], ['mobile', 16], ['html-tracker', business ? 20 : 8]]);
  return {
    first,
    fullName,
    address: { name: displayName, address: `${pickLocalPart(rng, first, last)}@${domain}` },
    domain,
    colleague,
    company: business?.company ?? null,
    tz: rng.pick(profile.tzOffsets),
    style,
    messageIdStyle: rng.chance(0.5) ? 'uuid' : 'dotted',
  };
}

function customerMessageId(rng: Prng, customer: Customer): string {
  if (customer.messageIdStyle === 'uuid') {
    return `<${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}@${customer.domain}>`;
  }
  return `<${rng.hex(16)}.${rng.hex(6)}@mail.${customer.domain}>`;
}

/** Picks a phrase this conversation has not used yet, so long threads do not repeat themselves verbatim. */
function pickUnused(rng: Prng, items: readonly string[], used: Set<string>): string {
  const fresh = items.filter((item) => !used.has(item));
  const choice = rng.pick(fresh.length > 0 ? fresh : items);
  used.add(choice);
  return choice;
}

/** Which kind of message sits at each position of a thread of the given length. */
function planKinds(rng: Prng, length: number, topic: TopicId): Kind[] {
  const kinds: Kind[] = [];
  for (let p = 0; p < length; p++) {
    const isLast = p === length - 1;
    const previous = kinds[p - 1];
    if (p === 0) kinds.push('opening');
    else if (p === 1) kinds.push('agent-first');
    else if (p % 2 === 0) {
      const settled = previous === 'resolved' || (previous === 'agent-first' && (topic === 'praise' || rng.chance(0.6)));
      if (isLast) kinds.push(settled ? 'thanks' : rng.weighted<Kind>([['nudge', 3], ['unhappy', 2]]));
      else if (previous === 'ask-info') kinds.push('info');
      else if (previous === 'agent-first') kinds.push(rng.weighted<Kind>([['nudge', 3], ['unhappy', 2], ['info', 1]]));
      else kinds.push(rng.weighted<Kind>([['nudge', 2], ['unhappy', 1]]));
    } else if (isLast) kinds.push('resolved');
    else if (p === length - 2 && rng.chance(0.7)) kinds.push('resolved');
    else if (previous === 'info') kinds.push('progress');
    else kinds.push(rng.weighted<Kind>([['progress', 3], ['ask-info', 2]]));
  }
  return kinds;
}

/** Gaps in ms between consecutive messages: agents answer within a day, customers take longer. */
function planGaps(rng: Prng, length: number): number[] {
  const gaps: number[] = [];
  for (let p = 1; p < length; p++) {
    const agentAnswering = p % 2 === 1;
    const hours = agentAnswering ? 0.2 + 26 * rng.next() ** 2 : 0.4 + 80 * rng.next() ** 2;
    gaps.push(Math.max(60_000, Math.round((hours * HOUR) / 1000) * 1000));
  }
  return gaps;
}

function invoicePdf(invoice: string, order: string, product: string, amount: string, customer: string): Buffer {
  return simplePdf(`${COMPANY.name} - Invoice ${invoice}`, [
    `Order: ${order}`,
    `Billed to: ${customer}`,
    '',
    `1 x ${product}`,
    `Total (incl. VAT): ${amount}`,
    '',
    `${COMPANY.name}, ${COMPANY.domain}`,
  ]);
}

/** Plans all messages of one conversation. */
export function planConversation(rng: Prng, input: ConversationInput): PlannedMessage[] {
  if (!Number.isInteger(input.length) || input.length < 1 || input.length > 15) {
    throw new RangeError(`Thread length must be 1..15, got ${input.length}`);
  }
  const profile = rng.weighted(LANGUAGE_PROFILES.map((p) => [p, p.weight] as const));
  const pack: LanguagePack = profile.pack;
  const topic = rng.weighted(TOPIC_WEIGHTS.filter(([id]) => id !== 'praise' || input.length <= 3));
  const customer = makeCustomer(rng, profile);
  const agents = AGENTS.filter((agent) => agent.languages.includes(pack.code));
  const firstAgent = rng.pick(agents);
  const handoverAgent = input.length > 6 && rng.chance(0.3) ? rng.pick(agents) : firstAgent;
  const product = rng.pick(FABRIC_TOPICS.has(topic) ? PRODUCTS.filter((item) => item.fabric) : PRODUCTS);
  const tracking = `PF${rng.int(100_000_000, 999_999_999)}`;
  const invoiceNumber = rng.int(1000, 9999);
  const values: Record<string, string> = {
    name: customer.first,
    fullName: customer.fullName,
    order: `NW-${rng.int(10_000, 99_999)}`,
    product: product.name,
    tracking,
    trackingUrl: `https://track.parcelfox.example/${tracking}`,
    invoice: `INV-${invoiceNumber}`,
    amount: pack.formatAmount(product.cents),
    credit: pack.formatAmount(rng.pick([1000, 1500, 2000, 2500])),
    email: customer.address.address,
    days: String(rng.int(4, 9)),
  };
  const fill = (template: string): string => fillTemplate(template, values);
  const phrases = pack.topics[topic];
  const rootSubject = fill(rng.pick(phrases.subjects));
  const kinds = planKinds(rng, input.length, topic);

  // Timeline: end at lastMessageAt; squeeze the gaps if the thread would start too early.
  let gaps = planGaps(rng, input.length);
  const span = gaps.reduce((sum, gap) => sum + gap, 0);
  const room = input.lastMessageAt - input.earliest;
  if (span > room) gaps = gaps.map((gap) => Math.max(60_000, Math.floor((gap * room) / span / 1000) * 1000));
  const dates: number[] = [input.lastMessageAt];
  for (let i = gaps.length - 1; i >= 0; i--) dates.unshift((dates[0] as number) - (gaps[i] as number));

  const signature = customer.company ? [customer.company, `https://www.${customer.domain}`] : [];
  const greeting = rng.pick(pack.customerGreetings);
  const signoff = rng.pick(pack.customerSignoffs);
  const agentSignoff = rng.pick(pack.agentSignoffs);
  const agentGreeting = fill(rng.pick(pack.agentGreetings));
  const used = new Set<string>();
  const messages: PlannedMessage[] = [];
  const ids: string[] = [];
  const freshTexts: string[] = [];

  for (let p = 0; p < input.length; p++) {
    const kind = kinds[p] as Kind;
    const date = dates[p] as number;
    const isCustomer = p % 2 === 0;
    const isLast = p === input.length - 1;
    const parent = messages[p - 1];
    const attachments: PlannedAttachment[] = [];
    let body: string;
    switch (kind) {
      case 'opening': {
        const opening = rng.pick(phrases.openings);
        body = fill(opening.replace(/\s*\{photo\}/, ''));
        if (opening.includes('{photo}')) attachments.push({ filename: rng.pick(profile.photoNames), contentType: 'image/png', data: damagedBoxPng(rng) });
        if (topic === 'order-status' && customer.company && pack.code === 'en' && rng.chance(0.6)) {
          body += '\n\nI\'ve attached the list of items from our order for reference.';
          attachments.push({
            filename: 'order-list.csv',
            contentType: 'text/csv',
            data: simpleCsv([['sku', 'item', 'qty', 'status'], ...PRODUCTS.slice(0, rng.int(3, 6)).map((item, i) => [`NW-${4100 + i * 7}`, item.name, String(rng.int(1, 12)), i % 2 === 0 ? 'missing' : 'received'])]),
          });
        }
        break;
      }
      case 'agent-first':
        body = fill(rng.pick(phrases.agentReplies));
        if (topic === 'invoice') {
          attachments.push({ filename: `invoice-${invoiceNumber}.pdf`, contentType: 'application/pdf', data: invoicePdf(values.invoice as string, values.order as string, product.name, values.amount as string, customer.fullName) });
        } else if (topic === 'return-exchange') {
          attachments.push({ filename: `return-label-${values.order}.pdf`, contentType: 'application/pdf', data: simplePdf('ParcelFox prepaid return label', [`Sender: ${customer.address.address}`, `Reference: ${values.order}`, `To: ${COMPANY.name} Returns, Unit 4, Harbour Road, Testbury`, `Tracking: PF${rng.int(100_000_000, 999_999_999)}`]) });
        }
        break;
      case 'nudge': case 'info': case 'thanks': case 'unhappy':
        body = fill(pickUnused(rng, pack.customerFollowUps[kind], used));
        break;
      case 'progress': {
        // The first progress phrase thanks for details, so it only follows a customer who sent some.
        const options = kinds[p - 1] === 'info' ? pack.agentFollowUps.progress.slice(0, 1) : pack.agentFollowUps.progress.slice(1);
        body = fill(pickUnused(rng, options, used));
        break;
      }
      case 'resolved':
        body = fill(pickUnused(rng, pack.agentFollowUps.resolved, used));
        break;
      case 'ask-info':
        body = fill(pickUnused(rng, pack.agentFollowUps.askInfo, used));
        break;
    }

    const agent = p >= 6 ? handoverAgent : firstAgent;
    const agentAddress: MailAddress = { name: `${agent.first} from Northwind`, address: SUPPORT_ADDRESS };
    const tz = isCustomer ? customer.tz : 0;
    // The form frames what the customer typed; it sends UTF-8 plain text with no Cc, and takes their attachments.
    const viaForm = p === 0 && isContactFormConversation(input.index);
    const written = isCustomer
      ? composeCustomerText({
        greeting: p === 0 || rng.chance(0.5) ? greeting : '',
        body,
        signoff,
        name: customer.company || p === 0 ? customer.fullName : customer.first,
        signature: p === 0 || rng.chance(0.5) ? signature : [],
        footer: customer.style === 'mobile' ? rng.pick(pack.mobileFooters) : undefined,
      })
      : composeAgentText({
        greeting: agentGreeting,
        body,
        signoff: agentSignoff,
        agentFirst: agent.first,
        agentFull: `${agent.first} ${agent.last}`,
        title: pack.supportTitle,
        company: COMPANY.name,
        helpUrl: COMPANY.helpUrl,
        phone: COMPANY.phone,
      });
    // A form asks for the name, so its Reply-To always carries one (the customer's own mail may not).
    const formCustomer: MailAddress = { name: customer.fullName, address: customer.address.address };
    const fresh = viaForm ? contactFormText(formCustomer, values.order as string, written) : written;
    freshTexts.push(fresh);

    // Mobile customers often reply without quoting; everyone else quotes the parent.
    const quote = parent && !(isCustomer && customer.style === 'mobile' && rng.chance(0.6))
      ? { attribution: attribution(pack, parent.date, tz, `${parent.from.name ?? ''} <${parent.from.address}>`.trim()), text: freshTexts[p - 1] as string }
      : undefined;
    const text = quote ? withQuote(fresh, quote.attribution, quote.text) : `${fresh}\n`;

    let subject = rootSubject;
    if (p > 0) {
      const localized = isCustomer && pack.replyPrefixes.length > 0 && rng.chance(0.4);
      subject = localized ? `${rng.pick(pack.replyPrefixes)} ${rng.chance(0.2) ? `Re: ${rootSubject}` : rootSubject}` : `Re: ${rootSubject}`;
    }

    const wantsHtml = isCustomer && (customer.style === 'html' || customer.style === 'html-tracker');
    let charset: MailCharset = 'utf-8';
    if (isCustomer && customer.style === 'legacy') {
      const candidate = profile.legacyCharset;
      const fits = [text, subject, customer.address.name ?? '', customer.colleague?.name ?? ''].every((part) => canEncodeInCharset(part, candidate));
      if (fits) charset = candidate;
    }
    const remoteImages = customer.style === 'html-tracker' ? [
      ...(customer.company ? [{ src: `https://cdn.${customer.domain}/logo.png`, alt: customer.company, width: 120, height: 32 }] : []),
      { src: `https://tracker.example/p.gif?u=${rng.hex(12)}`, alt: '', width: 1, height: 1 },
    ] : [];
    const html = wantsHtml
      ? composeHtml({ fresh, lang: pack.code, charset: charset === 'utf-8' ? 'utf-8' : charset, remoteImages, quote })
      : undefined;

    let id = isCustomer ? customerMessageId(rng, customer) : `<sb.${rng.hex(12)}.${input.index}.${p}@${COMPANY.domain}>`;
    while (ids.includes(id)) id = isCustomer ? customerMessageId(rng, customer) : `<sb.${rng.hex(16)}.${input.index}.${p}@${COMPANY.domain}>`;

    const flags: string[] = [];
    if (!isCustomer) flags.push('\\Seen');
    else {
      // Only the last customer message can still wait for an answer; recent ones are often unread.
      const unread = isLast && rng.chance(input.now - date < 3 * DAY ? 0.7 : 0.05);
      if (!unread) flags.push('\\Seen');
      if (!isLast) flags.push('\\Answered');
      if (rng.chance(0.03)) flags.push('\\Flagged');
    }

    const customerCc = customer.colleague ? [customer.colleague] : [];
    // Not from the random stream: drawing from it here would change every later conversation of the seed.
    if (viaForm) id = `<form.${input.index}.${date / 1000}@${COMPANY.domain}>`;
    messages.push({
      folder: isCustomer ? 'INBOX' : 'Sent',
      flags,
      date,
      tzOffsetMinutes: tz,
      from: viaForm ? CONTACT_FORM_SENDER : isCustomer ? customer.address : agentAddress,
      to: isCustomer ? [SUPPORT_RECIPIENT] : [customer.address],
      cc: viaForm ? [] : customerCc,
      ...(viaForm ? { replyTo: [formCustomer] } : {}),
      subject,
      messageId: id,
      inReplyTo: parent?.messageId,
      references: [...ids],
      text,
      html: viaForm ? undefined : html,
      attachments,
      charset: viaForm ? 'utf-8' : charset,
      textTransfer: charset === 'utf-8' && pack.code !== 'en' && isCustomer && rng.chance(0.15) ? 'base64' : 'auto',
      extraHeaders: isCustomer
        ? customer.style === 'legacy' ? [['X-Mailer', 'Microsoft Outlook 14.0']] : []
        : [['X-Mailer', 'Switchboard 0.1'], ['Content-Language', pack.code]],
      boundaryToken: rng.hex(16),
      meta: { conversation: input.index, position: p, language: pack.code, role: isCustomer ? 'customer' : 'agent', topic },
    });
    ids.push(id);
  }
  return messages;
}
