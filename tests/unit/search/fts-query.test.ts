import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOC_CEILING, firstDocAt, ftsPlan } from '../../../src-main/core/search/fts-query.ts';
import { parseQuery } from '../../../src-main/core/search/query-parser.ts';

describe('ftsPlan', () => {
  it('scopes words to the text columns and filters to the hidden meta column', () => {
    expect(ftsPlan(parseQuery('refund '), null).match).toBe('(meta : "msg" AND {subject body sender recipients} : "refund")');
    expect(ftsPlan(parseQuery('from:anna has:attachment refu'), 7).match).toBe(
      '(meta : "acct7" AND meta : "att" AND sender : "anna" AND {subject body sender recipients} : "refu" *)',
    );
    expect(ftsPlan(parseQuery('-spam -has:attachment'), null).match).toBe(
      'meta : "msg" NOT (meta : "att" OR {subject body sender recipients} : "spam")',
    );
  });

  it('quotes the agent\'s text so it can never be FTS5 syntax', () => {
    expect(ftsPlan(parseQuery('say "hi" NEAR( x ) OR ^col:* '), null).match).toBe(
      '(meta : "msg" AND {subject body sender recipients} : "say" AND {subject body sender recipients} : "hi" AND {subject body sender recipients} : "NEAR(" AND {subject body sender recipients} : "x" AND {subject body sender recipients} : "^col:" *)',
    );
  });

  it('turns dates into rowid ranges in date order', () => {
    const q = parseQuery('before:2024-05-01 after:2024-04-01');
    const plan = ftsPlan(q, null);
    expect(plan.lowDoc).toBe(firstDocAt(new Date(2024, 3, 1).getTime()));
    expect(plan.highDoc).toBe(firstDocAt(new Date(2024, 4, 1).getTime()));
    expect(ftsPlan(parseQuery('x'), null)).toMatchObject({ lowDoc: 0, highDoc: DOC_CEILING });
    expect(firstDocAt(-5)).toBe(0);
    expect(Number.isSafeInteger(DOC_CEILING)).toBe(true);
  });

  it('mirrors the search_doc column of migration 0004', () => {
    const db = new Database(':memory:');
    const sqlDoc = db.prepare('SELECT CAST(max(0, min(? / 60000, 134217727)) AS INTEGER) * 67108864 + (? % 67108864) AS doc');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8_000_000_000_000 }), fc.integer({ min: 1, max: 2 ** 40 }), (date, id) => {
        const doc = (sqlDoc.get(date, id) as { doc: number }).doc;
        expect(doc).toBeGreaterThanOrEqual(firstDocAt(date));
        expect(doc).toBeLessThan(firstDocAt(date + 60_000));
      }),
    );
    db.close();
  });

  it('never produces an expression FTS5 rejects', () => {
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE t USING fts5(subject, body, sender, recipients, meta, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')");
    db.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?)').run('Hello', 'refund please', 'Ann ann@x.test', 'support', 'msg acct1');
    const run = db.prepare('SELECT rowid FROM t WHERE t MATCH ?');
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.option(fc.integer({ min: 1, max: 99 }), { nil: null }), (text, account) => {
        run.all(ftsPlan(parseQuery(text), account).match);
      }),
      { numRuns: 1000 },
    );
    db.close();
  });
});
