/**
 * The spam the shared mailbox's filter already put in Junk: lottery wins,
 * crypto schemes, fake invoices, phishing. Realistic in form (HTML, tracking
 * pixels, urgent subjects, an attachment) and obviously spam in content.
 * All senders and links are under reserved .example domains.
 */
import { simplePdf } from './demo-attachments.ts';
import { SUPPORT_ADDRESS } from './demo-conversation.ts';
import { composeHtml } from './demo-text.ts';
import type { MailAddress } from './mime-build.ts';
import type { PlannedMessage } from './planned-message.ts';
import type { Prng } from './prng.ts';

interface SpamTemplate {
  readonly from: MailAddress;
  readonly subject: string;
  readonly text: string;
  readonly html: boolean;
  readonly lang: string;
  readonly attachment?: 'fake-invoice';
}

const SPAM: readonly SpamTemplate[] = [
  {
    from: { name: 'Global Fortune Lottery Board', address: 'claims@fortune-lottery.example' },
    subject: 'CONGRATULATIONS!!! Your email address has won EUR 850,000.00',
    text: 'Dear Lucky Winner,\n\nWe are pleased to inform you that your email address was selected in our international online draw. You have won the sum of EUR 850,000.00 (Eight Hundred and Fifty Thousand Euros).\n\nTo claim your prize, reply with your full name, home address, phone number and a copy of your passport to our claims agent, Mr. Peter Brown.\n\nReference number: GFL/{ref}/XK\n\nNOTE: all winnings must be claimed within 10 days, otherwise they will be returned to the treasury.\n\nYours faithfully,\nDr. Helen Marsh\nPromotions Director',
    html: false,
    lang: 'en',
  },
  {
    from: { name: 'Elena from QuantumBit AI', address: 'elena@quantumbit-profits.example' },
    subject: '🚀 Turn €250 into €12,000 in 7 days (guaranteed)',
    text: 'Hi there,\n\nOur AI trading robot made 4,700% last month. No experience needed: it trades Bitcoin for you while you sleep.\n\nOnly 17 places are left in your country. Deposit just €250 today and start earning:\n\nhttps://quantumbit-profits.example/start?ref={ref}\n\nDon\'t miss out, this offer closes at midnight!\n\nElena\nSenior Wealth Advisor',
    html: true,
    lang: 'en',
  },
  {
    from: { name: 'Accounts Payable', address: 'billing@invoice-notice.example' },
    subject: 'Overdue invoice #INV-{ref} - final reminder',
    text: 'Dear customer,\n\nOur records show that invoice #INV-{ref} for EUR 1,947.00 is now 14 days overdue. To avoid legal action and additional fees, please settle the amount within 24 hours using our secure payment portal:\n\nhttps://secure-payments.example/pay?inv={ref}\n\nThe invoice is attached for your reference.\n\nRegards,\nAccounts Department',
    html: false,
    lang: 'en',
    attachment: 'fake-invoice',
  },
  {
    from: { name: 'Mail Administrator', address: 'no-reply@mail-admin-security.example' },
    subject: 'Action required: your mailbox will be deactivated',
    text: 'Dear user,\n\nYour mailbox has exceeded its storage limit and will be deactivated within 24 hours. To keep receiving messages, verify your account now:\n\nhttps://mailbox-verify.example/login?id={ref}\n\nFailure to verify will result in permanent loss of all emails.\n\nIT Helpdesk',
    html: true,
    lang: 'en',
  },
  {
    from: { name: 'Rank Boost Agency', address: 'hello@rankboost-seo.example' },
    subject: 'Get northwind-demo.test to page #1 of search results',
    text: 'Hello,\n\nI was checking your website and noticed it is not ranking for important keywords. We can get you to the first page within 30 days, guaranteed, for only $99 per month.\n\nCan I send you a free audit? Just reply YES.\n\nBest,\nKevin\nSEO Specialist',
    html: false,
    lang: 'en',
  },
  {
    from: { name: 'Barrister Martin Keller', address: 'm.keller@legal-chambers.example' },
    subject: 'Unclaimed inheritance fund - urgent reply needed',
    text: 'Dear Friend,\n\nI am the personal attorney of a late client who shares your surname and died without a will, leaving USD 7,500,000.00 in a deposit account. The bank has asked me to present a next of kin or the funds will be confiscated.\n\nI propose that you stand as the beneficiary and we share the money 60/40. This transaction is 100% risk free.\n\nPlease reply with your full name and private phone number.\n\nBarrister Martin Keller',
    html: false,
    lang: 'en',
  },
  {
    from: { name: 'Delivery Notice', address: 'notice@parcel-redelivery.example' },
    subject: 'Your parcel is on hold: customs fee of €1.99 unpaid',
    text: 'Your parcel could not be delivered because a customs fee of €1.99 is unpaid.\n\nPay now to schedule a new delivery:\nhttps://parcel-redelivery.example/pay/{ref}\n\nIf the fee is not paid within 48 hours, the parcel will be returned to the sender.',
    html: true,
    lang: 'en',
  },
  {
    from: { name: 'Sicherheitsdienst', address: 'sicherheit@konto-pruefung.example' },
    subject: 'Ihr Konto wurde gesperrt – bitte bestätigen Sie Ihre Daten',
    text: 'Sehr geehrter Kunde,\n\nwir haben ungewöhnliche Aktivitäten in Ihrem Konto festgestellt und es vorübergehend gesperrt. Bitte bestätigen Sie innerhalb von 24 Stunden Ihre Daten, um die Sperre aufzuheben:\n\nhttps://konto-pruefung.example/verifizieren?id={ref}\n\nMit freundlichen Grüßen\nIhr Sicherheitsteam',
    html: true,
    lang: 'de',
  },
  {
    from: { name: 'Watch Outlet', address: 'deals@replica-outlet.example' },
    subject: 'Luxury watches at 90% off - today only',
    text: 'Top quality luxury watches at 90% off. Free worldwide shipping, discreet packaging.\n\nShop now: https://replica-outlet.example/?c={ref}\n\nTo unsubscribe, reply with REMOVE in the subject.',
    html: true,
    lang: 'en',
  },
];

/** Plans one spam message delivered at `date` (epoch ms, whole second). */
export function planSpam(rng: Prng, index: number, date: number): PlannedMessage {
  const template = rng.pick(SPAM);
  const ref = String(rng.int(10_000, 99_999));
  const fill = (text: string): string => text.replace(/\{ref\}/g, ref);
  const text = fill(template.text);
  const senderDomain = template.from.address.split('@')[1] as string;
  const html = template.html
    ? composeHtml({
      fresh: text,
      lang: template.lang,
      charset: 'utf-8',
      remoteImages: [
        { src: `https://${senderDomain}/banner.jpg`, alt: '', width: 600, height: 200 },
        { src: `https://tracker.example/p.gif?c=${rng.hex(10)}`, alt: '', width: 1, height: 1 },
      ],
    })
    : undefined;
  return {
    folder: 'Junk',
    flags: rng.chance(0.3) ? ['\\Seen'] : [],
    date,
    tzOffsetMinutes: rng.pick([-480, -300, 0, 180, 480]),
    from: template.from,
    to: [{ address: SUPPORT_ADDRESS }],
    cc: [],
    subject: fill(template.subject),
    messageId: `<${rng.hex(24)}@${senderDomain}>`,
    references: [],
    text: `${text}\n`,
    html,
    attachments: template.attachment === 'fake-invoice'
      ? [{ filename: `INV-${ref}.pdf`, contentType: 'application/pdf', data: simplePdf(`INVOICE INV-${ref}`, ['Amount due: EUR 1,947.00', 'Status: OVERDUE', 'Pay immediately at https://secure-payments.example']) }]
      : [],
    charset: 'utf-8',
    textTransfer: rng.chance(0.5) ? 'base64' : 'auto',
    extraHeaders: [['X-Spam-Flag', 'YES'], ['X-Spam-Status', `Yes, score=${rng.int(62, 149) / 10}`]],
    boundaryToken: rng.hex(16),
    meta: { conversation: -1 - index, position: 0, language: null, role: 'spam', topic: 'spam' },
  };
}
