/**
 * What the after-store step makes of received mail once its headers were
 * read at listing time, and how rules decide which new mail to leave alone.
 * The headers decide; the look only matters for bounces (whose details need
 * the whole mail) and for rows stored without their headers read.
 */
import { describe, expect, it } from 'vitest';
import { notForRules, verdictOf } from '../../../src-main/core/audit/inspect-step.ts';

const ANN = 'ann@shop.example';

describe('verdictOf', () => {
  it('takes an out-of-office at its headers\' word, whatever its subject', () => {
    expect(verdictOf(ANN, 'Re: Lamp arrived broken', 'automatic')).toBe('automatic');
    expect(verdictOf(ANN, 'Out of office: Re: Lamp', 'automatic')).toBe('automatic');
  });

  it('leaves mail whose headers say it is ordinary to the customer, however it looks', () => {
    expect(verdictOf(ANN, 'Vacation rental for June', 'ordinary')).toBe('customer');
    expect(verdictOf('noreply@forms.example', 'New contact form entry', 'ordinary')).toBe('customer');
  });

  it('sends delivery reports to the inspector, by their headers or by their sender and subject', () => {
    expect(verdictOf(ANN, 'Your message', 'report')).toBe('inspect');
    expect(verdictOf('MAILER-DAEMON@mx.example', 'Undelivered Mail Returned to Sender', 'automatic')).toBe('inspect');
    expect(verdictOf('postmaster@mx.example', 'Delivery Status Notification (Failure)', 'ordinary')).toBe('inspect');
    expect(verdictOf(ANN, 'Undeliverable: Re: Lamp', 'ordinary')).toBe('inspect');
  });

  it('judges by look when the headers were not read', () => {
    expect(verdictOf(ANN, 'Automatic reply: Re: Lamp', undefined)).toBe('inspect');
    expect(verdictOf('noreply@shop.example', 'Your order', undefined)).toBe('inspect');
    expect(verdictOf(ANN, 'Re: Lamp arrived broken', undefined)).toBe('customer');
  });
});

describe('notForRules', () => {
  it('routes a customer whose subject only sounds automatic', () => {
    expect(notForRules(ANN, 'Vacation rental for June', 'ordinary')).toBe(false);
    expect(notForRules(ANN, 'Vacation rental for June', undefined)).toBe(true);
  });

  it('routes contact forms and notifications, and leaves reports and absence notices alone', () => {
    expect(notForRules('noreply@forms.example', 'New contact form entry', 'ordinary')).toBe(false);
    // Shops mark their notifications auto-generated; the acknowledger, not the rule, declines to answer them.
    expect(notForRules('robot@shop.example', 'Your export is ready', 'automatic')).toBe(false);
    expect(notForRules(ANN, 'Out of office: Lamp', 'automatic')).toBe(true);
    expect(notForRules(ANN, 'Your message', 'report')).toBe(true);
    expect(notForRules('mailer-daemon@mx.example', 'Returned mail: see transcript', 'ordinary')).toBe(true);
  });
});
