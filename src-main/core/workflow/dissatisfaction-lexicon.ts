/**
 * Phrases that signal a strongly dissatisfied customer, per language, with a
 * weight (1 = annoyed, 2 = angry, 3 = escalation: chargeback, lawyer, public
 * review). Matched on normalized text (lower case, accents kept: they carry
 * meaning in Polish and Danish). Written by us; extend per language by adding
 * phrases, never by adding code.
 */

export interface LexiconEntry {
  phrase: string;
  weight: 1 | 2 | 3;
}

export type LexiconLanguage = 'en' | 'da' | 'pl' | 'pt' | 'fr' | 'de' | 'es';

export const lexicon: Record<LexiconLanguage, LexiconEntry[]> = {
  en: [
    { phrase: 'unacceptable', weight: 2 }, { phrase: 'ridiculous', weight: 2 }, { phrase: 'disgusted', weight: 2 },
    { phrase: 'furious', weight: 2 }, { phrase: 'worst', weight: 2 }, { phrase: 'terrible', weight: 1 },
    { phrase: 'awful', weight: 1 }, { phrase: 'very disappointed', weight: 2 }, { phrase: 'disappointed', weight: 1 },
    { phrase: 'still waiting', weight: 1 }, { phrase: 'no one has replied', weight: 2 }, { phrase: 'nobody has replied', weight: 2 },
    { phrase: 'never again', weight: 2 }, { phrase: 'never buy', weight: 2 }, { phrase: 'waste of money', weight: 2 },
    { phrase: 'scam', weight: 3 }, { phrase: 'fraud', weight: 3 }, { phrase: 'chargeback', weight: 3 },
    { phrase: 'lawyer', weight: 3 }, { phrase: 'legal action', weight: 3 }, { phrase: 'trading standards', weight: 3 },
    { phrase: 'consumer protection', weight: 3 }, { phrase: 'bad review', weight: 3 }, { phrase: 'one-star', weight: 3 },
    { phrase: '1 star', weight: 3 }, { phrase: 'cancel my account', weight: 2 }, { phrase: 'want my money back', weight: 2 },
    { phrase: 'refund immediately', weight: 2 }, { phrase: 'fed up', weight: 2 }, { phrase: 'this is a joke', weight: 2 },
    { phrase: 'taking far too long', weight: 1 }, { phrase: 'far too long', weight: 1 }, { phrase: 'third time', weight: 1 },
    { phrase: 'extremely frustrated', weight: 2 }, { phrase: 'frustrated', weight: 1 }, { phrase: 'angry', weight: 2 },
  ],
  da: [
    { phrase: 'uacceptabelt', weight: 2 }, { phrase: 'utilfreds', weight: 2 }, { phrase: 'meget skuffet', weight: 2 },
    { phrase: 'skuffet', weight: 1 }, { phrase: 'elendig', weight: 2 }, { phrase: 'katastrofe', weight: 2 },
    { phrase: 'venter stadig', weight: 1 }, { phrase: 'alt for lang tid', weight: 1 }, { phrase: 'aldrig igen', weight: 2 },
    { phrase: 'pengene tilbage', weight: 2 }, { phrase: 'svindel', weight: 3 }, { phrase: 'advokat', weight: 3 },
    { phrase: 'forbrugerklage', weight: 3 }, { phrase: 'trustpilot', weight: 3 }, { phrase: 'dårlig anmeldelse', weight: 3 },
    { phrase: 'vred', weight: 2 }, { phrase: 'frustreret', weight: 1 }, { phrase: 'latterligt', weight: 2 },
  ],
  pl: [
    { phrase: 'niedopuszczalne', weight: 2 }, { phrase: 'skandal', weight: 2 }, { phrase: 'bardzo rozczarowany', weight: 2 },
    { phrase: 'bardzo rozczarowana', weight: 2 }, { phrase: 'rozczarowany', weight: 1 }, { phrase: 'rozczarowana', weight: 1 },
    { phrase: 'nadal czekam', weight: 1 }, { phrase: 'wciąż czekam', weight: 1 }, { phrase: 'nigdy więcej', weight: 2 },
    { phrase: 'zwrot pieniędzy', weight: 1 }, { phrase: 'oszustwo', weight: 3 }, { phrase: 'prawnik', weight: 3 },
    { phrase: 'uokik', weight: 3 }, { phrase: 'rzecznik konsumentów', weight: 3 }, { phrase: 'negatywną opinię', weight: 3 },
    { phrase: 'fatalna', weight: 2 }, { phrase: 'fatalny', weight: 2 }, { phrase: 'żenujące', weight: 2 }, { phrase: 'wkurzony', weight: 2 },
  ],
  pt: [
    { phrase: 'inaceitável', weight: 2 }, { phrase: 'absurdo', weight: 2 }, { phrase: 'muito desiludido', weight: 2 },
    { phrase: 'muito decepcionado', weight: 2 }, { phrase: 'decepcionado', weight: 1 }, { phrase: 'desiludido', weight: 1 },
    { phrase: 'ainda estou à espera', weight: 1 }, { phrase: 'continuo à espera', weight: 1 }, { phrase: 'nunca mais', weight: 2 },
    { phrase: 'quero o meu dinheiro', weight: 2 }, { phrase: 'quero meu dinheiro', weight: 2 }, { phrase: 'fraude', weight: 3 },
    { phrase: 'burla', weight: 3 }, { phrase: 'advogado', weight: 3 }, { phrase: 'livro de reclamações', weight: 3 },
    { phrase: 'reclame aqui', weight: 3 }, { phrase: 'péssimo', weight: 2 }, { phrase: 'péssima', weight: 2 }, { phrase: 'vergonha', weight: 2 },
    { phrase: 'muito má', weight: 1 },
  ],
  fr: [
    { phrase: 'inadmissible', weight: 2 }, { phrase: 'inacceptable', weight: 2 }, { phrase: 'scandaleux', weight: 2 },
    { phrase: 'très déçu', weight: 2 }, { phrase: 'très déçue', weight: 2 }, { phrase: 'déçu', weight: 1 }, { phrase: 'déçue', weight: 1 },
    { phrase: "j'attends toujours", weight: 1 }, { phrase: 'toujours rien', weight: 1 }, { phrase: 'plus jamais', weight: 2 },
    { phrase: 'remboursement immédiat', weight: 2 }, { phrase: 'arnaque', weight: 3 }, { phrase: 'escroquerie', weight: 3 },
    { phrase: 'avocat', weight: 3 }, { phrase: 'mise en demeure', weight: 3 }, { phrase: 'avis négatif', weight: 3 },
    { phrase: 'lamentable', weight: 2 }, { phrase: 'honteux', weight: 2 }, { phrase: 'furieux', weight: 2 }, { phrase: 'furieuse', weight: 2 },
  ],
  de: [
    { phrase: 'inakzeptabel', weight: 2 }, { phrase: 'unverschämt', weight: 2 }, { phrase: 'sehr enttäuscht', weight: 2 },
    { phrase: 'enttäuscht', weight: 1 }, { phrase: 'warte immer noch', weight: 1 }, { phrase: 'nie wieder', weight: 2 },
    { phrase: 'betrug', weight: 3 }, { phrase: 'anwalt', weight: 3 }, { phrase: 'verbraucherzentrale', weight: 3 },
    { phrase: 'schlechte bewertung', weight: 3 }, { phrase: 'frechheit', weight: 2 }, { phrase: 'katastrophal', weight: 2 },
  ],
  es: [
    { phrase: 'inaceptable', weight: 2 }, { phrase: 'una vergüenza', weight: 2 }, { phrase: 'muy decepcionado', weight: 2 },
    { phrase: 'decepcionado', weight: 1 }, { phrase: 'sigo esperando', weight: 1 }, { phrase: 'nunca más', weight: 2 },
    { phrase: 'estafa', weight: 3 }, { phrase: 'abogado', weight: 3 }, { phrase: 'hoja de reclamaciones', weight: 3 },
    { phrase: 'pésimo', weight: 2 }, { phrase: 'pésima', weight: 2 },
  ],
};
