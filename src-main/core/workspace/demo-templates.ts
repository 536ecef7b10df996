/**
 * The demo's reply templates, so that `;;` in a demo reply shows what
 * canned replies do (placeholders filled per conversation, shortcuts)
 * instead of "No templates yet".
 *
 * Templates are team state, so these are recorded under `template:demo-*`
 * ids, which the local actor keeps on this desktop (team/local-actor.ts
 * `DEMO_TEMPLATE_PREFIX`): never queued, never in a compaction snapshot,
 * even beside a real mailbox, and forgotten when the demo is removed.
 */
import { saveTemplate } from '../compose/team-settings.ts';
import type { LocalActor } from '../team/local-actor.ts';

export interface DemoTemplate {
  /** Without the `demo-` prefix every demo template id carries. */
  slug: string;
  name: string;
  shortcut: string;
  body: string;
}

export const DEMO_TEMPLATES: readonly DemoTemplate[] = [
  {
    slug: 'refund',
    name: 'Refund issued',
    shortcut: 'refund',
    body:
      '<p>Hi {CLIENT_NAME},</p>' +
      '<p>I have just released your refund for {TICKET_ID}. Depending on your bank it takes 3–5 business days to show on your statement.</p>' +
      '<p>If it has not arrived by then, reply to this email and I will look into it straight away.</p>',
  },
  {
    slug: 'where-is-my-order',
    name: 'Where is my order?',
    shortcut: 'wismo',
    body:
      '<p>Hi {CLIENT_NAME},</p>' +
      '<p>Thanks for your patience. Your parcel left our warehouse and is with the carrier now; the tracking link in your shipping confirmation shows where it is.</p>' +
      '<p>If the tracking has not moved for three working days, let us know and we will open an investigation with the carrier.</p>',
  },
  {
    slug: 'damaged',
    name: 'Damaged on arrival',
    shortcut: 'damaged',
    body:
      '<p>Hi {CLIENT_NAME},</p>' +
      '<p>I am sorry your order arrived damaged. We can send a replacement right away or refund you in full, whichever you prefer. There is no need to send the item back.</p>' +
      '<p>Just reply to this email with your choice.</p>',
  },
  {
    slug: 'return-label',
    name: 'Return label',
    shortcut: 'return',
    body:
      '<p>Hi {CLIENT_NAME},</p>' +
      '<p>Your prepaid return label for “{CONVERSATION.SUBJECT}” is on its way in a separate email. Pack the item in its original packaging and drop it at any parcel shop within 30 days.</p>' +
      '<p>We refund you as soon as it reaches our warehouse.</p>',
  },
  {
    slug: 'anything-else',
    name: 'Closing: anything else?',
    shortcut: 'thanks',
    body:
      '<p>Hi {CLIENT_NAME},</p>' +
      '<p>Glad that is sorted. Is there anything else I can help you with? If not, I will close this conversation; replying to it opens it again.</p>',
  },
];

export function seedDemoTemplates(actor: LocalActor): void {
  for (const t of DEMO_TEMPLATES) saveTemplate(actor, { id: `demo-${t.slug}`, name: t.name, shortcut: t.shortcut, body: t.body });
}
