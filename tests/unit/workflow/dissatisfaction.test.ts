import { describe, expect, it } from 'vitest';
import { scoreDissatisfaction } from '../../../src-main/core/workflow/dissatisfaction.ts';

const angry: Record<string, string> = {
  en: 'This is unacceptable. Third time I write and nobody has replied. I want my money back or I file a chargeback.',
  da: 'Det er helt uacceptabelt. Jeg venter stadig, og jeg vil have pengene tilbage, ellers skriver jeg en dårlig anmeldelse på Trustpilot.',
  pl: 'To jest niedopuszczalne! Nadal czekam na zwrot pieniędzy. Jeśli nic się nie zmieni, zgłoszę sprawę do UOKiK.',
  pt: 'Isto é inaceitável. Ainda estou à espera e quero o meu dinheiro de volta, senão vou ao livro de reclamações.',
  fr: "C'est inadmissible, j'attends toujours mon remboursement. Sinon je laisserai un avis négatif et je contacterai un avocat.",
};

const calm: Record<string, string> = {
  en: 'Hi, could you tell me when my order ships? Thanks a lot!',
  da: 'Hej, hvornår bliver min ordre sendt? På forhånd tak.',
  pl: 'Dzień dobry, kiedy zostanie wysłane moje zamówienie? Pozdrawiam.',
  pt: 'Olá, quando é que a minha encomenda é enviada? Obrigado.',
  fr: "Bonjour, pouvez-vous me dire quand ma commande sera expédiée ? Merci d'avance.",
};

describe('dissatisfaction score', () => {
  it.each(Object.keys(angry))('flags a strongly dissatisfied customer in %s and explains why', (lang) => {
    const r = scoreDissatisfaction(angry[lang] as string);
    expect(r.flagged).toBe(true);
    expect(r.reasons.length).toBeGreaterThanOrEqual(2);
  });

  it.each(Object.keys(calm))('leaves an ordinary question in %s alone', (lang) => {
    expect(scoreDissatisfaction(calm[lang] as string)).toEqual({ score: 0, flagged: false, reasons: [] });
  });

  it('a single mild word is not enough', () => {
    expect(scoreDissatisfaction('I was a bit disappointed by the colour, can I exchange it?').flagged).toBe(false);
  });

  it('counts "very disappointed" once, not also as "disappointed"', () => {
    expect(scoreDissatisfaction('I am very disappointed.').reasons).toEqual(['"very disappointed" (angry)']);
  });

  it('ignores negated phrases', () => {
    expect(scoreDissatisfaction('Not disappointed at all, not a scam, thanks!').score).toBe(0);
    expect(scoreDissatisfaction("It isn't a scam, I know.").score).toBe(0);
  });

  it('ignores quoted text, so our own quoted words never count against the customer', () => {
    const text = 'Thanks, that worked.\n\nOn Mon, 2 Nov 2026, Support wrote:\n> We are sorry this was unacceptable and a scam attempt.';
    expect(scoreDissatisfaction(text).score).toBe(0);
    expect(scoreDissatisfaction('Thanks.\n> unacceptable scam lawyer').score).toBe(0);
  });

  it('shouting adds to the score', () => {
    const r = scoreDissatisfaction('WHERE IS MY ORDER NOW??? This is ridiculous');
    expect(r.flagged).toBe(true);
    expect(r.reasons).toContain('writes in capitals');
  });
});
