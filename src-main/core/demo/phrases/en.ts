/** English phrase bank: the majority of the demo workspace, so the widest variety. */
import { decimalAmount, type LanguagePack } from '../language-pack.ts';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const EN: LanguagePack = {
  code: 'en',
  replyPrefixes: ['RE:'],
  customerGreetings: ['Hello,', 'Hi,', 'Hi there,', 'Hi Northwind team,', 'Dear Sir or Madam,', 'Good morning,', ''],
  customerSignoffs: ['Thanks,', 'Best regards,', 'Kind regards,', 'Cheers,', 'Thank you,', 'Many thanks,'],
  mobileFooters: ['Sent from my iPhone', 'Sent from my phone', 'Sent from Mail for Windows'],
  agentGreetings: ['Hi {name},', 'Hello {name},', 'Dear {name},'],
  agentSignoffs: ['Best wishes,', 'Kind regards,', 'All the best,', 'Have a great day,'],
  supportTitle: 'Customer Support',
  topics: {
    'order-status': {
      subjects: ['Where is my order {order}?', 'Order {order} - any update?', 'Status of my order', 'Has my order shipped yet?'],
      openings: [
        'I ordered the {product} on your website about a week ago (order {order}) and I still haven\'t received a shipping confirmation. Could you let me know what\'s going on?',
        'Quick question: my order {order} has been showing "processing" for five days now. Is there a problem with it? I was hoping to have it before the weekend.',
        'Could you tell me when order {order} will ship? The confirmation said 2-3 business days, but I haven\'t heard anything since I paid.',
        'I placed an order for the {product} last Thursday and the account page still says "awaiting dispatch". Is it in stock? If not, I\'d rather know now.\n\nThe order number is {order}.',
      ],
      agentReplies: [
        'Thanks for reaching out about order {order}. I\'ve checked with our warehouse: the {product} was packed this morning and will leave with today\'s collection. You\'ll get an email with the tracking number ({tracking}) as soon as the carrier scans it, usually by this evening.\n\nSorry for the wait, we had a bit of a backlog after last week\'s sale.',
        'Thanks for your patience! Order {order} shipped yesterday with ParcelFox. You can follow it here: {trackingUrl}\n\nDelivery is usually 2-4 business days from dispatch. If the tracking doesn\'t update within 48 hours, just reply to this email and I\'ll chase it for you.',
        'Good news: the {product} is in stock. Your order {order} was simply waiting for a payment check, which has now cleared. It\'s being packed today and you\'ll receive the tracking link by email tonight.',
      ],
    },
    refund: {
      subjects: ['Refund for order {order}', 'Still waiting for my refund', 'Refund request - {product}', 'Refund amount is wrong'],
      openings: [
        'I sent back the {product} from order {order} two weeks ago and the tracking shows you received it on Monday, but I haven\'t seen the refund of {amount} yet. How long does it usually take?',
        'I\'d like to request a refund for order {order}. The {product} doesn\'t fit the way I expected and I haven\'t used it, the tags are still on. What do I need to do?',
        'Your email from last week confirmed my return for order {order}, but the amount refunded to my card is lower than what I paid ({amount}). Was the shipping fee deducted? Nobody told me about that.',
      ],
      agentReplies: [
        'I\'m sorry the refund is taking longer than it should. I can see the return for order {order} arrived at our warehouse and passed inspection, so I\'ve just released the refund of {amount} to your original payment method. Depending on your bank it can take 3-5 business days to show up on your statement.',
        'Of course, happy to help with that. Since the {product} is unused, you can return it within 30 days for a full refund. I\'ve emailed you a prepaid return label; just print it, stick it on the parcel and drop it at any ParcelFox point. As soon as the return is checked in, we\'ll refund {amount} to your card.',
        'You\'re right, and I apologise: the return shipping fee should not have been deducted, because the item was faulty. I\'ve refunded the difference just now. You should see it on your card within a few business days.',
      ],
    },
    'shipping-delay': {
      subjects: ['Parcel stuck in transit', 'Delivery is late - order {order}', 'Tracking hasn\'t updated for days', 'Where is my parcel?'],
      openings: [
        'The tracking for my order ({tracking}) hasn\'t moved since last Tuesday, it just says "in transit". I need the {product} for a trip at the weekend. Is there anything you can do?',
        'My order {order} was supposed to arrive on Friday and it still isn\'t here. The carrier\'s website says "delayed" with no explanation. Can you find out what\'s happening?',
        'Sorry to bother you again. The parcel with my {product} seems to be lost. The last scan was at the sorting centre {days} days ago.',
      ],
      agentReplies: [
        'I\'m sorry about the delay, that\'s frustrating, especially with a trip coming up. I\'ve opened an investigation with ParcelFox for tracking number {tracking}. They usually answer within 24 hours. If the parcel hasn\'t moved by then, I\'ll send a replacement by express shipping at no cost, so you\'ll have it in time.',
        'Thanks for letting us know. ParcelFox has confirmed a backlog at their regional hub after the storms this week, and your parcel is in the queue. They expect to deliver it within the next two business days. I\'ll keep an eye on the tracking and get back to you if it doesn\'t move.',
      ],
    },
    'damaged-item': {
      subjects: ['Item arrived damaged', 'Broken {product}', 'Damaged parcel - order {order}'],
      openings: [
        'My order {order} arrived today, but the box was completely crushed on one side and the {product} inside is damaged. I\'ve attached a photo. What are my options? {photo}',
        'Unfortunately the {product} I received has a tear in the fabric, right next to the zip. It looks like it happened in transit because the outer box was damaged too. I\'d prefer a replacement rather than a refund if possible.',
        'The {product} from my order arrived with a ripped seam and a large oil stain on it. The parcel was soaked, too. Photo attached. {photo}',
      ],
      agentReplies: [
        'I\'m really sorry the {product} arrived in that state. I\'ve arranged a replacement, which will ship today with priority delivery. There\'s no need to send the damaged item back; please recycle the packaging.',
        'Sorry about that, it shouldn\'t happen. I can either send you a new {product} straight away or refund the full {amount}, whichever you prefer. Just reply with your choice and I\'ll take care of it right away.',
      ],
    },
    login: {
      subjects: ['Can\'t log in to my account', 'Password reset email never arrives', 'Account locked?', 'Problem signing in to the app'],
      openings: [
        'I\'ve been trying to log in to my Northwind account for two days. Every time I request a password reset, nothing arrives, not even in the spam folder. My account email is {email}.',
        'The app keeps saying "invalid credentials" even though I\'m sure the password is right. I changed it last week and now I\'m locked out completely. Can you help?',
        'I get the error "Too many attempts, try again later" whenever I try to sign in, and it\'s been like that since yesterday. I need to check an order.',
      ],
      agentReplies: [
        'Sorry for the trouble with signing in. I\'ve checked your account ({email}): it was temporarily locked after several failed attempts, and I\'ve unlocked it now. I\'ve also sent a fresh password reset link, which is valid for 60 minutes. If it doesn\'t show up within a few minutes, check whether your mail provider is filtering messages from northwind-demo.test.',
        'Thanks for reporting this. We had an issue with our login service yesterday evening that affected some accounts, and it has been fixed. Could you try again and, if it still fails, tell me which device and app version you\'re using? You\'ll find the version under Settings > About.',
      ],
    },
    invoice: {
      subjects: ['Invoice for order {order}', 'Need a VAT invoice', 'Wrong company name on invoice', 'Copy of invoice please'],
      openings: [
        'Could you send me an invoice for order {order}? I need it for my expense report and I can\'t find a download link in my account.',
        'We need a proper VAT invoice for our order {order} with our company name and VAT number on it. The receipt in the confirmation email isn\'t accepted by our accounting department.',
        'The invoice for order {order} has our old company name on it. Could you issue a corrected one? The new name is in my signature.',
      ],
      agentReplies: [
        'Of course! I\'ve attached invoice {invoice} for order {order}. From now on you can also download invoices yourself under Account > Orders > Invoice.',
        'No problem. Please find the corrected invoice {invoice} attached. If your accounting team needs anything else on it (a PO number, for example), let me know and I\'ll reissue it.',
      ],
    },
    'feature-question': {
      subjects: ['Question about the {product}', 'Can I save more than one address?', 'Gift wrapping?', 'Is the {product} waterproof?'],
      openings: [
        'Before I order: is the {product} waterproof or just water-resistant? I\'m planning a week of hiking in Scotland in October.',
        'Is it possible to save more than one delivery address in my account? I often send gifts to my parents, and typing their address every time is a pain.',
        'Do you offer gift wrapping, and can I add a personal message? I want to send the {product} directly to a friend for her birthday.',
      ],
      agentReplies: [
        'Great question! The {product} is fully waterproof with taped seams, and it\'s been tested in proper Scottish weather by our team. For a week in October I\'d also pack a spare pair of socks, but that\'s just advice from experience.',
        'Yes, you can! In your account, go to Addresses > Add new address. You can save as many as you like and choose one at checkout. In the app, the same option is under Profile > Addresses.',
        'We do! At checkout, tick "This is a gift" and you can add a message of up to 300 characters. We wrap it in recycled paper and leave the invoice out of the parcel.',
      ],
    },
    complaint: {
      subjects: ['Very disappointed', 'Terrible experience with my last order', 'Complaint', 'Charged twice for order {order}'],
      openings: [
        'This is the third time an order has arrived late, and this time nobody answered my emails for a week. I\'ve been a customer for years, but I\'m starting to reconsider.',
        'The {product} I received is clearly not the one shown on your website. The colour is completely different and the material feels cheap. I expected better for {amount}.',
        'I was charged twice for order {order}. I\'ve called twice and was promised a callback that never happened. Please fix this today.',
      ],
      agentReplies: [
        'I\'m very sorry. You\'re right to be frustrated, and we should have answered you much sooner. I\'ve looked into your recent orders and added a {credit} credit to your account as an apology. I\'ve also made a note so that any future questions come straight to me.',
        'Thank you for telling us, and I apologise. I\'ve checked with our payments team: the second charge for order {order} was a pre-authorisation and has been released. It can take a few days to disappear from your statement. If it\'s still there by Friday, reply here and I\'ll escalate it personally.',
      ],
    },
    praise: {
      subjects: ['Thank you!', 'Great service', 'Just wanted to say thanks', 'Love the {product}'],
      openings: [
        'Just a quick note to say thank you. The {product} arrived a day early and it\'s perfect. I used it all weekend in the mountains.',
        'I wanted to thank your colleague who helped me last week with my exchange. Quick, friendly and no hassle at all. That\'s rare these days!',
        'I\'ve been using the {product} for a year now and it still looks brand new. You have a fan here.',
      ],
      agentReplies: [
        'Thank you so much for taking the time to write! I\'ve shared your message with the whole team; it really made our day. Enjoy the {product}, and happy adventures!',
        'What a lovely message, thank you! I\'ll make sure my colleague hears about it. If you ever need anything, you know where to find us.',
      ],
    },
    'return-exchange': {
      subjects: ['Exchange for a different size', 'Return request - order {order}', 'Can I swap the colour?'],
      openings: [
        'The {product} I ordered is a bit too small. Can I exchange it for a size up? Order {order}.',
        'I\'d like to return the {product} from order {order}. It\'s unused and in its original packaging. How do I get a return label?',
        'Would it be possible to exchange the {product} for the same model in green? I ordered grey but it looks very different in person.',
      ],
      agentReplies: [
        'Absolutely. I\'ve reserved the next size up for you and attached a prepaid return label for order {order}. As soon as ParcelFox scans your return, we\'ll send out the new one, so you don\'t have to wait for it to reach our warehouse.',
        'No problem at all. I\'ve attached your return label. Please pack the {product} in its original packaging if you still have it and drop it off at any ParcelFox point within 30 days. Your refund of {amount} will be processed within 3 business days of arrival.',
      ],
    },
  },
  customerFollowUps: {
    nudge: [
      'Any news on this? It\'s been a few days and I haven\'t heard back.',
      'Just following up on my message below. Could someone please get back to me?',
      'Sorry to chase, but is there an update? The status still hasn\'t changed.',
    ],
    info: [
      'Sure, the order number is {order} and I used this email address ({email}) at checkout.',
      'Thanks for the quick reply. Here are the details you asked for: order {order}, delivered to the address on my account. Let me know if you need anything else.',
      'I\'ve checked again: it\'s order {order}, placed on your website and paid by card.',
    ],
    thanks: [
      'That worked, thank you so much for the quick help!',
      'Perfect, received it. Thanks a lot, really appreciate it.',
      'Great, thanks for sorting this out so quickly. Have a nice day!',
    ],
    unhappy: [
      'Honestly, this is taking far too long. I\'d like this resolved this week, please.',
      'That doesn\'t really solve my problem. I already tried that twice. Is there someone else I can talk to?',
      'I\'m still waiting. If I don\'t hear back by Friday I\'ll have to dispute the payment with my bank.',
    ],
  },
  agentFollowUps: {
    progress: [
      'Thanks for the details! I\'ve passed this on to our warehouse team and asked them to prioritise it. I\'ll get back to you as soon as I hear from them, by tomorrow at the latest.',
      'Quick update: I\'m still waiting for an answer from the carrier. I haven\'t forgotten about you, and I\'ll write again as soon as I know more.',
      'Thank you for your patience. I\'ve escalated this to my team lead, who can approve an exception here. You\'ll hear from us within one business day.',
    ],
    askInfo: [
      'Could you send me your order number and the email address you used at checkout? Then I can look into it right away.',
      'Just to make sure I find the right order: could you send me the order number and the postcode of the delivery address?',
    ],
    resolved: [
      'Good news: everything is sorted on our end. You should see the change in your account within the next few hours. I\'ll close this ticket for now, but just reply to this email if anything else comes up.',
      'All done! I\'ve processed this and you\'ll get a confirmation email shortly. Thanks again for your patience.',
      'I\'ve just had confirmation that this is resolved. Sorry again for the hassle, and thanks for bearing with us.',
    ],
  },
  quoteHeader: (d, who) =>
    `On ${WEEKDAYS[d.weekday]}, ${d.day} ${MONTHS[d.month]} ${d.year} at ${String(d.hour).padStart(2, '0')}:${String(d.minute).padStart(2, '0')}, ${who} wrote:`,
  formatAmount: (cents) => `€${decimalAmount(cents, '.')}`,
};
