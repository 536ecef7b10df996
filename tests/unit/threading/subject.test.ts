import { describe, expect, it } from 'vitest';
import { normalizeSubject } from '../../../src-main/core/threading/index.ts';

const base = (s: string): string => normalizeSubject(s).base;

describe('normalizeSubject', () => {
  it.each([
    'Re: Order problem', 'RE: Order problem', 'Fwd: Order problem', 'FW: Order problem', 'AW: Order problem',
    'WG: Order problem', 'SV: Order problem', 'VS: Order problem', 'Odp: Order problem', 'RES: Order problem',
    'TR: Order problem', 'Antw: Order problem', 'Vs: Order problem', 'Ynt: Order problem', '回复: Order problem',
    '答复: Order problem', 'İLT: Order problem', 'ΑΠ: Order problem', 'RV: Order problem',
  ])('strips the reply/forward prefix of %j', (subject) => {
    expect(normalizeSubject(subject)).toEqual({ base: 'order problem', isReplyOrForward: true });
  });

  it.each([
    ['Re[2]: Order problem'], ['Re(3): Order problem'], ['Re^2: Order problem'], ['Re: Re: Order problem'],
    ['RE:RE: Order problem'], ['Re : Order problem'], ['AW: WG: Re: Order problem'], ['回复：Order problem'],
    ['Ｒｅ：Order problem'], ['[list-tag] Re: Order problem'], ['Re: [list-tag] Order problem'],
    ['[a] [b] Re: Fwd: Order problem'], ['Order problem (fwd)'], ['[Fwd: Order problem]'], ['Re: [FWD: Order problem]'],
    ['Re: Order problem [#K7F3Q2]'], ['Re: [#K7F3Q2] Order problem'],
  ])('handles nested, counted, tagged and full-width variants: %j', (subject) => {
    expect(normalizeSubject(subject)).toEqual({ base: 'order problem', isReplyOrForward: true });
  });

  it('collapses whitespace and case, keeps unicode', () => {
    expect(normalizeSubject('  RE:   Order \t  PROBLEM  ')).toEqual({ base: 'order problem', isReplyOrForward: true });
    expect(normalizeSubject('Rückerstattung für Bestellung 42')).toEqual({ base: 'rückerstattung für bestellung 42', isReplyOrForward: false });
    expect(base('回复: 订单问题')).toBe('订单问题');
  });

  it('does not treat ordinary first words, list tags or inner prefixes as replies', () => {
    expect(normalizeSubject('Rewards: your points')).toEqual({ base: 'rewards: your points', isReplyOrForward: false });
    expect(normalizeSubject('Ref: order 5567')).toEqual({ base: 'ref: order 5567', isReplyOrForward: false });
    expect(normalizeSubject('Trust: a question')).toEqual({ base: 'trust: a question', isReplyOrForward: false });
    expect(normalizeSubject('[list-tag] Order problem')).toEqual({ base: 'order problem', isReplyOrForward: false });
    expect(normalizeSubject('Ad: Re: Ad: x')).toEqual({ base: 'ad: re: ad: x', isReplyOrForward: false });
    expect(normalizeSubject('[xyz]')).toEqual({ base: '[xyz]', isReplyOrForward: false });
    expect(normalizeSubject('Re:')).toEqual({ base: '', isReplyOrForward: true });
  });
});
