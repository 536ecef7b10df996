/**
 * Who writes the demo mail: the fictional company, its agents, its products,
 * and per language the customers' names, mail domains, time zones and mail
 * habits (legacy charsets).
 *
 * Invariant: every address is under a reserved test TLD (.test / .example,
 * RFC 2606/6761), so the demo can never mail or link a real person.
 */
import type { MailCharset } from './legacy-charsets.ts';
import type { LanguageCode, LanguagePack, TopicId } from './language-pack.ts';
import { DA } from './phrases/da.ts';
import { DE } from './phrases/de.ts';
import { EN } from './phrases/en.ts';
import { ES } from './phrases/es.ts';
import { FR } from './phrases/fr.ts';
import { PL } from './phrases/pl.ts';
import { PT } from './phrases/pt.ts';

export const COMPANY = {
  name: 'Northwind Outfitters',
  domain: 'northwind-demo.test',
  helpUrl: 'https://northwind-demo.test/help',
  // Ofcom reserves 020 7946 0xxx for drama: a phone number that reaches nobody.
  phone: '+44 20 7946 0321',
} as const;

export interface Agent {
  readonly first: string;
  readonly last: string;
  readonly languages: readonly LanguageCode[];
}

export const AGENTS: readonly Agent[] = [
  { first: 'Maya', last: 'Lindqvist', languages: ['en', 'da'] },
  { first: 'Jonas', last: 'Becker', languages: ['en', 'de'] },
  { first: 'Priya', last: 'Nair', languages: ['en'] },
  { first: 'Chloé', last: 'Martin', languages: ['en', 'fr'] },
  { first: 'Sofía', last: 'Herrera', languages: ['en', 'es', 'pt'] },
  { first: 'Kasia', last: 'Nowak', languages: ['en', 'pl'] },
  { first: 'Tom', last: 'Fletcher', languages: ['en', 'de'] },
];

export interface Product {
  readonly name: string;
  readonly cents: number;
  /** Clothing and fabric gear: the only products that come in sizes, tear or are asked "is it waterproof?". */
  readonly fabric: boolean;
}

// Singular names, so that "the {product} is ..." reads right in every phrase.
export const PRODUCTS: readonly Product[] = [
  { name: 'Trailblazer 45L Backpack', cents: 12900, fabric: true },
  { name: 'Fjord Down Jacket', cents: 21900, fabric: true },
  { name: 'Summit Trekking Pole Set', cents: 5990, fabric: false },
  { name: 'Cascade 2-Person Tent', cents: 34900, fabric: false },
  { name: 'Merino Base Layer', cents: 6990, fabric: true },
  { name: 'Ridge Trail Runner', cents: 17900, fabric: false },
  { name: 'Drift Sleeping Bag', cents: 15900, fabric: true },
  { name: 'Aurora Headlamp', cents: 3490, fabric: false },
  { name: 'Tundra Thermos 750ml', cents: 2990, fabric: false },
  { name: 'Harbor Rain Shell', cents: 14900, fabric: true },
  { name: 'Granite Climbing Harness', cents: 8990, fabric: true },
  { name: 'Pathfinder GPS Watch', cents: 29900, fabric: false },
];

/** Topics whose phrases talk about sizes, fabric or waterproofing. */
export const FABRIC_TOPICS: ReadonlySet<TopicId> = new Set<TopicId>(['return-exchange', 'feature-question', 'damaged-item']);

export const TOPIC_WEIGHTS: readonly (readonly [TopicId, number])[] = [
  ['order-status', 14], ['refund', 10], ['shipping-delay', 12], ['damaged-item', 9], ['login', 9],
  ['invoice', 8], ['feature-question', 9], ['complaint', 7], ['praise', 6], ['return-exchange', 10],
];

export interface BusinessCustomer {
  readonly company: string;
  readonly domain: string;
}

export interface LanguageProfile {
  readonly pack: LanguagePack;
  readonly weight: number;
  readonly firstNames: readonly string[];
  readonly lastNames: readonly string[];
  readonly freemailDomains: readonly string[];
  readonly businesses: readonly BusinessCustomer[];
  /** UTC offsets in minutes the customers write from. */
  readonly tzOffsets: readonly number[];
  /** The pre-Unicode charset some customers' old clients still send, and how often. */
  readonly legacyCharset: MailCharset;
  readonly legacyShare: number;
  readonly photoNames: readonly string[];
}

export const LANGUAGE_PROFILES: readonly LanguageProfile[] = [
  {
    pack: EN, weight: 55,
    firstNames: ['Emily', 'James', 'Olivia', 'Daniel', 'Sophie', 'Michael', 'Hannah', 'Ryan', 'Grace', 'Ethan', 'Chloe', 'Marcus', 'Aisha', 'Liam', 'Megan', 'Noah', 'Rachel', 'Owen', 'Zoe', 'Ben', 'Laura', 'Arjun', 'Fiona', 'Sam'],
    lastNames: ['Carter', 'Hughes', 'Patel', 'Thompson', 'Walsh', 'O\'Brien', 'Mitchell', 'Reid', 'Bennett', 'Khan', 'Foster', 'Murphy', 'Clarke', 'Nguyen', 'Robinson', 'Ellis', 'Grant', 'Shaw', 'Brooks', 'Fraser'],
    freemailDomains: ['mailbox.test', 'inbox.example', 'postmail.test', 'webmail.example', 'quickmail.test'],
    businesses: [
      { company: 'Lindgren Events Ltd', domain: 'lindgren-events.example' },
      { company: 'Bluefield Scouts Association', domain: 'bluefield-scouts.test' },
      { company: 'Harper & Cole Adventures', domain: 'harpercole.example' },
      { company: 'Northside Climbing Club', domain: 'northside-climbing.test' },
    ],
    tzOffsets: [0, 60, -300, -240, -420, 600, 330],
    legacyCharset: 'windows-1252', legacyShare: 0.05,
    photoNames: ['photo-damaged-box.png', 'IMG_4821.png', 'damage.png'],
  },
  {
    pack: DE, weight: 12,
    firstNames: ['Jürgen', 'Anna', 'Lukas', 'Katrin', 'Matthias', 'Sabine', 'Felix', 'Jana', 'Stefan', 'Lena', 'Björn', 'Ute', 'Tobias', 'Miriam'],
    lastNames: ['Weiß', 'Müller', 'Schröder', 'Becker', 'Hoffmann', 'Krüger', 'Wagner', 'Schäfer', 'Neumann', 'Köhler', 'Brandt', 'Vogel'],
    freemailDomains: ['post-de.test', 'mailhaus.example', 'netzpost.test'],
    businesses: [
      { company: 'Bergsport Huber GmbH', domain: 'bergsport-huber.example' },
      { company: 'Alpenverein Sektion Talheim', domain: 'av-talheim.test' },
    ],
    tzOffsets: [60, 120],
    legacyCharset: 'iso-8859-1', legacyShare: 0.2,
    photoNames: ['Foto-Schaden-Karton.png', 'Beschädigung.png'],
  },
  {
    pack: FR, weight: 9,
    firstNames: ['Hélène', 'Julien', 'Camille', 'Mathieu', 'Élodie', 'Nicolas', 'Léa', 'François', 'Amélie', 'Thibault', 'Inès', 'Rémi'],
    lastNames: ['Lefèvre', 'Dubois', 'Moreau', 'Girard', 'Rousseau', 'Fournier', 'Lemaître', 'Bonnet', 'Chevalier', 'Mercier'],
    freemailDomains: ['courriel.test', 'boite-mail.example'],
    businesses: [{ company: 'Club Alpin de Valmont', domain: 'cav-valmont.example' }],
    tzOffsets: [60, 120],
    legacyCharset: 'windows-1252', legacyShare: 0.2,
    photoNames: ['colis-abîmé.png', 'photo-colis.png'],
  },
  {
    pack: ES, weight: 8,
    firstNames: ['Íñigo', 'Lucía', 'Javier', 'Marta', 'Álvaro', 'Carmen', 'Sergio', 'Nuria', 'Pablo', 'Begoña'],
    lastNames: ['Muñoz', 'García', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Ibáñez', 'Ortega', 'Rubio', 'Castaño'],
    freemailDomains: ['correo.test', 'buzon.example'],
    businesses: [{ company: 'Montañeros del Norte S.L.', domain: 'montaneros-norte.example' }],
    tzOffsets: [60, 120],
    legacyCharset: 'iso-8859-1', legacyShare: 0.12,
    photoNames: ['foto-caja-dañada.png', 'caja.png'],
  },
  {
    pack: PL, weight: 6,
    firstNames: ['Łukasz', 'Agnieszka', 'Paweł', 'Małgorzata', 'Krzysztof', 'Zofia', 'Michał', 'Joanna', 'Tomasz', 'Kasia'],
    lastNames: ['Wójcik', 'Kowalczyk', 'Zieliński', 'Lewandowska', 'Dąbrowski', 'Kamińska', 'Wiśniewski', 'Szymańska', 'Grabowski', 'Król'],
    freemailDomains: ['poczta.test', 'skrzynka.example'],
    businesses: [{ company: 'Klub Turystyczny Szlak', domain: 'kt-szlak.example' }],
    tzOffsets: [60, 120],
    legacyCharset: 'iso-8859-2', legacyShare: 0.25,
    photoNames: ['uszkodzona-paczka.png', 'zdjecie.png'],
  },
  {
    pack: DA, weight: 5,
    firstNames: ['Søren', 'Mette', 'Anders', 'Sofie', 'Rasmus', 'Ida', 'Mads', 'Freja', 'Jesper', 'Line'],
    lastNames: ['Østergaard', 'Nielsen', 'Jørgensen', 'Sørensen', 'Kjær', 'Mølgaard', 'Holm', 'Lund', 'Bæk', 'Dahl'],
    freemailDomains: ['postkasse.test', 'mail-dk.example'],
    businesses: [{ company: 'Friluftsforeningen Ådalen', domain: 'frilufts-aadalen.example' }],
    tzOffsets: [60, 120],
    legacyCharset: 'iso-8859-1', legacyShare: 0.2,
    photoNames: ['billede-skade.png', 'kasse.png'],
  },
  {
    pack: PT, weight: 5,
    firstNames: ['João', 'Inês', 'Gonçalo', 'Beatriz', 'Tiago', 'Mariana', 'Rui', 'Leonor', 'André', 'Sofia'],
    lastNames: ['Gonçalves', 'Conceição', 'Magalhães', 'Simões', 'Araújo', 'Ferreira', 'Lourenço', 'Brandão', 'Pinto', 'Sousa'],
    freemailDomains: ['correio.test', 'caixa-postal.example'],
    businesses: [{ company: 'Trilhos do Norte, Lda.', domain: 'trilhos-norte.example' }],
    tzOffsets: [0, 60],
    legacyCharset: 'windows-1252', legacyShare: 0.12,
    photoNames: ['caixa-danificada.png', 'foto.png'],
  },
];

const FOLD: Readonly<Record<string, string>> = {
  ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', æ: 'ae', ø: 'oe', å: 'aa', ł: 'l', œ: 'oe', đ: 'd',
};

/** Turns a name into the ASCII local part people pick for addresses (Jürgen → juergen, Łukasz → lukasz). */
export function asciiFold(text: string): string {
  const lowered = text.toLowerCase();
  let out = '';
  for (const char of lowered) out += FOLD[char] ?? char;
  return out.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '');
}
