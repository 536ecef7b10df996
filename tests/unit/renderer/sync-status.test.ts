import { describe, expect, it } from 'vitest';
import type { AccountHealth, AccountSummary } from '../../../src-preload/api.ts';
import { accountNeedingAttention, progressText, shownProgress } from '../../../src-renderer/features/sidebar/health-text.ts';

let nextId = 1;
function account(name: string, health: Partial<AccountHealth>): AccountSummary {
  return {
    id: nextId++,
    kind: 'imap',
    name,
    email: `${name.toLowerCase()}@example.test`,
    health: { state: 'connected', progress: null, lastError: null, lastSyncAt: null, ...health },
  };
}
const downloading = { state: 'syncing' as const, progress: { phase: 'headers' as const, done: 10, total: 400, etaSeconds: 12 } };

describe('accountNeedingAttention (the pinned sync line)', () => {
  it('says nothing while every mailbox is connected, or only checking for news', () => {
    expect(accountNeedingAttention([])).toBeNull();
    expect(accountNeedingAttention([account('A', {}), account('B', {})])).toBeNull();
    expect(accountNeedingAttention([account('A', { state: 'syncing' })])).toBeNull();
    expect(accountNeedingAttention([account('A', { state: 'syncing', progress: { phase: 'bodies', done: 0, total: 0, etaSeconds: null } })])).toBeNull();
  });

  it('shows a mailbox downloading mail', () => {
    const a = account('A', downloading);
    expect(accountNeedingAttention([account('B', {}), a])).toEqual({ account: a, others: 0 });
  });

  it('puts a mailbox that cannot sync before one that is offline, and that before one downloading; counts the rest', () => {
    const syncing = account('Sync', downloading);
    const offline = account('Off', { state: 'offline', lastError: { key: 'unreachable', vars: { host: 'imap.example' }, text: 'imap.example cannot be reached. Check your internet connection.' } });
    const auth = account('Auth', { state: 'auth-failed', lastError: { key: 'authRejected', vars: {}, text: 'The server rejected the user name or password.' } });
    expect(accountNeedingAttention([syncing, offline, account('Ok', {})])).toEqual({ account: offline, others: 1 });
    expect(accountNeedingAttention([syncing, offline, auth])).toEqual({ account: auth, others: 2 });
  });

  it('among equals, names the first in the list', () => {
    const first = account('First', { state: 'offline' });
    expect(accountNeedingAttention([first, account('Second', { state: 'offline' })])).toEqual({ account: first, others: 1 });
  });
});

describe('progressText (what the sync is doing)', () => {
  it('names each phase, so a long initial sync says why related mail is not yet one conversation', () => {
    const of = (phase: 'headers' | 'threading' | 'bodies') => progressText({ phase, done: 1200, total: 5000, etaSeconds: null });
    expect(of('headers')).toMatch(/^Downloading headers 1,200 of 5,000$/);
    expect(of('threading')).toMatch(/^Grouping messages into conversations 1,200 of 5,000$/);
    expect(of('bodies')).toMatch(/^Caching messages for offline use 1,200 of 5,000$/);
  });
});

describe('shownProgress (the bar under an account)', () => {
  const threading = { phase: 'threading' as const, done: 1000, total: 30_000, etaSeconds: 20 };
  it('shows a sync phase while syncing, never an empty count', () => {
    expect(shownProgress(account('A', downloading).health)).toEqual(downloading.progress);
    expect(shownProgress(account('A', { state: 'syncing', progress: { ...threading, done: 0, total: 0 } }).health)).toBeNull();
  });

  it('keeps showing the grouping of downloaded mail while offline, but no download that cannot be running', () => {
    expect(shownProgress(account('A', { state: 'offline', progress: threading }).health)).toEqual(threading);
    expect(shownProgress(account('A', { state: 'error', progress: threading }).health)).toEqual(threading);
    expect(shownProgress(account('A', { state: 'offline', progress: downloading.progress }).health)).toBeNull();
    expect(shownProgress(account('A', { state: 'offline' }).health)).toBeNull();
  });
});
