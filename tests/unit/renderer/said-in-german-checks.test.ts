/**
 * What core says to a German agent about a draft that cannot go out yet, a
 * template it could not fill, lines of a contacts CSV it skipped, and a search
 * it did not fully understand, read in German: from the real core code that
 * says it, through the renderer's own words for it (the composer's, the
 * import dialog's and the search box's texts). Values stay as typed: an
 * address, a placeholder, a line number; sizes read in the agent's locale.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderForDraft, requireOpenDraft } from '../../../src-main/core/compose/draft-commands.ts';
import { saveTemplate } from '../../../src-main/core/compose/team-settings.ts';
import { ContactCommands } from '../../../src-main/core/contacts/contact-commands.ts';
import { insertDraft, insertDraftAttachment, setDraftState } from '../../../src-main/core/db/drafts.repo.ts';
import { sendDraft } from '../../../src-main/core/outbox/outbox-queue.ts';
import { silentLogger } from '../../../src-main/core/log.ts';
import type { Handlers } from '../../../src-main/core/rpc/router.ts';
import { dispatch } from '../../../src-main/core/rpc/router.ts';
import { searchConversations } from '../../../src-main/core/search/search.service.ts';
import { skippedLineText } from '../../../src-renderer/features/contact-panel/csv-words.ts';
import { openPlaceholderProblems } from '../../../src-renderer/features/composer/template-problems.ts';
import { searchWarningText } from '../../../src-renderer/features/search/search-words.ts';
import { say, setLocale } from '../../../src-renderer/i18n/i18n.ts';
import { notSavedText, sendProblemsText } from '../../../src-renderer/store/composer-problems.ts';
import { openTestCache } from '../conversations/support/cache.ts';
import type { TestCache } from '../conversations/support/cache.ts';

let cache: TestCache;
beforeEach(() => {
  cache = openTestCache();
});
afterEach(() => {
  setLocale('en');
  cache.db.close();
});

/** A new mail to Ben as the composer saved it. */
function draftToBen(fields: { to?: string; cc?: string; html?: string } = {}): number {
  return insertDraft(cache.db, {
    accountId: cache.accountId,
    conversationId: null,
    mode: 'new',
    inReplyTo: null,
    to: [{ name: 'Ben Okafor', address: fields.to ?? 'ben@shop.example' }],
    cc: fields.cc ? [{ name: '', address: fields.cc }] : [],
    bcc: [],
    subject: 'Ihre Bestellung',
    html: fields.html ?? '<p>Hallo Ben</p>',
    now: cache.clock.now(),
  });
}

const queueDeps = () => ({ db: cache.db, clock: cache.clock, actor: cache.actor, syncAccount: async () => {}, fetchBodies: async () => {} });

describe('a German agent reads what core checked in German', () => {
  it('a draft that cannot go out says why in the composer, in German, with the address, placeholder and sizes as they are', async () => {
    const id = draftToBen({ to: 'ben@@shop', cc: 'anna@', html: '<p>Hallo {CLIENT_NAME},</p>' });
    insertDraftAttachment(cache.db, id, { filename: 'Katalog.pdf', contentType: 'application/pdf', size: 30 * 1024 * 1024, sha256: 'f'.repeat(64) });
    const anHourAgo = cache.clock.now() - 3_600_000;
    const result = await sendDraft(queueDeps(), { draftId: id, sendAt: anHourAgo, seenMessageIds: [], confirmCollision: false });
    if (result.kind !== 'invalid') throw new Error(`expected problems, got ${result.kind}`);
    // Core's English travels along for the log, unchanged.
    expect(result.problems[0]?.text).toBe('"ben@@shop" in To is not a valid email address.');

    setLocale('de');
    expect(sendProblemsText(result.problems)).toEqual([
      '„ben@@shop“ im Feld „An“ ist keine gültige E-Mail-Adresse.',
      '„anna@“ im Feld „Cc“ ist keine gültige E-Mail-Adresse.',
      'Der Platzhalter {CLIENT_NAME} steht noch im Text: Ersetzen Sie ihn vor dem Senden.',
      // Sizes travel as byte counts and read as the agent's locale writes them.
      'Die Anhänge kommen zusammen auf 30 MB; gesendet werden können höchstens 25 MB.',
      'Der gewählte Sendezeitpunkt liegt in der Vergangenheit.',
    ]);
  });

  it('a draft that could not be saved before sending says so in German, not in English', async () => {
    const id = draftToBen();
    setDraftState(cache.db, id, 'queued');
    // Saving a draft the outbox already holds: core refuses, and says why, by key, across the router.
    const handlers = { 'drafts.save': ({ id: draft }: { id: number }) => (requireOpenDraft(cache.db, draft), { savedAt: 0 }) } as unknown as Handlers;
    const params = { id, to: [], cc: [], bcc: [], subject: 'Ihre Bestellung', html: '<p>Hallo</p>' };
    const reply = await dispatch(handlers, { kind: 'call', id: 1, method: 'drafts.save', params }, silentLogger);
    const refused = reply.kind === 'result' && !reply.result.ok ? reply.result.error : null;
    expect(refused?.sentence?.key).toBe('draftBeingSent');

    setLocale('de');
    expect(notSavedText(refused)).toBe('Dieser Entwurf wird gerade gesendet; nehmen Sie das Senden zurück, um ihn zu ändern.');
    // The agent kept typing and no save caught up: no reason from core, still said in German.
    expect(notSavedText(null)).toBe('Der Entwurf konnte nicht gespeichert werden.');
  });

  it('a template with an unknown and an empty placeholder says both in German, and a fixed one goes away', () => {
    const template = saveTemplate(cache.actor, { name: 'Lieferung', shortcut: 'lief', body: '<p>Hallo {CLIENT_NAME}, Bestellung {ORDER_NUMBER}.</p><p>{MY_NAME}</p>' });
    const rendered = renderForDraft(cache.db, cache.actor, template.id, draftToBen());
    expect(rendered.html).toContain('Hallo Ben, Bestellung {ORDER_NUMBER}.');

    setLocale('de');
    expect(rendered.problems.map(say)).toEqual([
      '{ORDER_NUMBER} ist kein Platzhalter, den Switchboard kennt.',
      '{MY_NAME} hat hier keinen Wert (tragen Sie Ihren Namen und Ihre Adresse in den Team-Einstellungen ein).',
    ]);
    // The agent types the order number by hand: that problem is solved, the other still open.
    const open = openPlaceholderProblems(rendered.problems, 'Hallo Ben, Bestellung 4711. {MY_NAME}', false);
    expect(open.map(say)).toEqual(['{MY_NAME} hat hier keinen Wert (tragen Sie Ihren Namen und Ihre Adresse in den Team-Einstellungen ein).']);
  });

  it('a skipped CSV line reads in German with its line number as in the file, never "1.042"', () => {
    const csv = ['Name;E-Mail;Segment', 'Anna;anna@shop.example;VIP', ...Array<string>(1039).fill(''), 'Bernd;Bernd(at)shop.example;Handel', 'Cem;;Handel', 'Dora;dora@shop.example;A;B'].join('\n');
    const result = new ContactCommands(cache.db, cache.actor, () => cache.clock.now()).importCsv(csv);
    expect(result.created).toBe(1);

    setLocale('de');
    expect(result.skipped.map(skippedLineText)).toEqual([
      // The address as the file has it, so the agent finds the line.
      'Zeile 1042: „Bernd(at)shop.example“ ist keine gültige E-Mail-Adresse.',
      'Zeile 1043: Das E-Mail-Feld ist leer.',
      'Zeile 1044: Die Zeile hat 4 Felder; die Kopfzeile nennt 3.',
    ]);
  });

  it('a search it did not fully understand says what in German, quoting what the agent typed', () => {
    const result = searchConversations(cache.db, { query: 'status:irgendwann before:gestern -after:2024-01-01 assignee:jemand Rechnung ', accountId: null, cursor: null, limit: 10 });
    expect(result.warnings.map((w) => w.key)).toEqual(['searchNotADate', 'searchNegatedDate', 'searchNotAStatus', 'searchNoSuchAssignee']);

    setLocale('de');
    expect(searchWarningText(result.warnings)).toBe(
      'before:gestern ist kein Datum; schreiben Sie es als JJJJ-MM-TT. '
        + '-after: wird nicht unterstützt; verwenden Sie stattdessen before:. '
        + 'status:irgendwann ist kein Status: Verwenden Sie neu, offen, wartend, angehalten, erledigt, geschlossen, spam oder open für alle ungelösten. Es wurde ignoriert. '
        + 'Kein Agent und keine Gruppe heißt „jemand“; verwenden Sie ich, niemand oder einen Namen aus dem Team. assignee: wurde ignoriert.',
    );
    expect(searchWarningText([])).toBeNull();
  });
});
