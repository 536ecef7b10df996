/**
 * The team's triage settings: status labels, the auto-close and spam-purge
 * periods, business hours, SLA targets per priority and the instant SLA
 * timers start counting from.
 *
 * Stored as team ops on the entity `settings:triage` (one cell per section),
 * so every desktop folds the same settings and the same statuses. Values
 * come from other desktops: each section is validated when read and a bad
 * one falls back to its default rather than breaking every fold.
 */
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { TriageSettings } from '../../../src-preload/api.ts';
import { opsForEntity } from '../db/ops.repo.ts';
import type { LocalActor } from '../team/local-actor.ts';
import type { JsonValue, Op } from '../team/ops.ts';
import { foldOps } from '../team/ops.ts';
import type { BusinessHours } from '../workflow/business-hours.ts';
import type { Priority, SlaTargets } from '../workflow/sla.ts';
import type { FoldSettings } from './triage-fold.ts';

export const SETTINGS_ENTITY = 'settings:triage';

const MINUTE = 60_000;

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const label = z.string().trim().min(1, 'A status label cannot be empty.').max(40, 'A status label can be at most 40 characters long.');
const days = z.number().int().min(1, 'A period is at least one day.').max(3650, 'A period can be at most ten years.');
const minutes = z.number().int().min(1, 'An SLA target is at least one minute.').max(525_600, 'An SLA target can be at most a year.').nullable();
/** Epoch ms, as far as a Date reaches. */
const instant = z.number().int().min(0, 'The SLA start cannot be before 1970.').max(8_640_000_000_000_000, 'The SLA start is too far in the future.');
const targets = z.strictObject({ firstResponse: minutes, nextResponse: minutes, resolution: minutes });

const sections = {
  statusLabels: z.strictObject({ new: label, pending: label, waiting: label, on_hold: label, done: label, closed: label, spam: label }),
  autoCloseDays: days,
  spamPurgeDays: days,
  businessHours: z
    .strictObject({
      timeZone: z.string().min(1).max(64).refine(validTimeZone, 'Choose a time zone from the list (e.g. Europe/Copenhagen).'),
      days: z.array(z.number().int().min(0).max(6)).min(1, 'Choose at least one working day.').max(7),
      fromHour: z.number().int().min(0).max(23),
      toHour: z.number().int().min(1).max(24),
      holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Holidays are dates like 2026-12-24.')).max(366),
    })
    .refine((h) => h.fromHour < h.toHour, 'The working day must end after it starts.'),
  slaByPriority: z.strictObject({ low: targets, normal: targets, high: targets, urgent: targets }),
  slaFrom: instant.nullable(),
  delegateAddresses: z
    .array(z.email('A delegate address must be a valid email address.').max(320))
    .max(20, 'At most 20 delegate addresses.'),
};

export const triageSettingsSchema = z.strictObject(sections);

type Section = keyof typeof sections;
const SECTIONS = Object.keys(sections) as Section[];

function localZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && validTimeZone(zone) ? zone : 'UTC';
}

/** Until the team saves its own: Mon–Fri 9–17 in this computer's zone, replies within a business day. */
export function defaultTriageSettings(): TriageSettings {
  return {
    statusLabels: { new: 'New', pending: 'Pending', waiting: 'Waiting on customer', on_hold: 'On hold', done: 'Done', closed: 'Closed', spam: 'Spam' },
    autoCloseDays: 30,
    spamPurgeDays: 30,
    businessHours: { timeZone: localZone(), days: [1, 2, 3, 4, 5], fromHour: 9, toHour: 17, holidays: [] },
    slaByPriority: {
      low: { firstResponse: 960, nextResponse: 960, resolution: null },
      normal: { firstResponse: 480, nextResponse: 480, resolution: null },
      high: { firstResponse: 240, nextResponse: 240, resolution: null },
      urgent: { firstResponse: 60, nextResponse: 60, resolution: null },
    },
    slaFrom: null,
    delegateAddresses: [],
  };
}

/** One cell per desktop: each records when it connected its first mailbox, once. */
const SLA_STARTED_PREFIX = 'slaStarted:';

export function readTriageSettings(db: Database): TriageSettings {
  const settings = defaultTriageSettings();
  const cells = foldOps(opsForEntity(db, SETTINGS_ENTITY));
  for (const section of SECTIONS) {
    const op = cells.get(`${SETTINGS_ENTITY}\u0000${section}`);
    if (!op) continue;
    const parsed = sections[section].safeParse(op.value);
    if (parsed.success) (settings as unknown as Record<Section, unknown>)[section] = parsed.data;
  }
  if (!cells.has(`${SETTINGS_ENTITY}\u0000slaFrom`)) settings.slaFrom = earliestStart(cells.values());
  return settings;
}

/**
 * Until the team chooses, the earliest desktop's connect: a colleague who
 * joins months later records its own start before it has heard the team's,
 * and must not move everyone's start (last-writer-wins would). Per-desktop
 * cells survive the team folder's compaction, which keeps only each cell's
 * winner.
 */
function earliestStart(ops: Iterable<Op>): number | null {
  let earliest: number | null = null;
  for (const op of ops) {
    if (!op.field.startsWith(SLA_STARTED_PREFIX)) continue;
    const parsed = instant.safeParse(op.value);
    if (parsed.success && (earliest === null || parsed.data < earliest)) earliest = parsed.data;
  }
  return earliest;
}

/**
 * Records every section the form saves; `slaFrom` only when it changed, so
 * saving labels before any mailbox is connected does not pin "not chosen"
 * (and a choice cannot be "not chosen": clearing it means all mail, 0).
 * Returns what now applies.
 */
export function saveTriageSettings(db: Database, actor: LocalActor, input: TriageSettings): TriageSettings {
  const s = triageSettingsSchema.parse(input);
  const slaFromChanged = s.slaFrom !== readTriageSettings(db).slaFrom;
  const changed = SECTIONS.filter((section) => section !== 'slaFrom' || slaFromChanged);
  const value = (section: Section): unknown => (section === 'slaFrom' ? (s.slaFrom ?? 0) : s[section]);
  actor.record(changed.map((section) => ({ entity: SETTINGS_ENTITY, field: section, value: value(section) as JsonValue })));
  return readTriageSettings(db);
}

/**
 * Conversations are timed by the Date the sender's computer wrote, which can
 * run minutes behind: mail sent just after the connect must still count.
 */
export const SLA_START_SKEW_MS = 15 * MINUTE;

/**
 * The first mailbox connected to a desk that never chose: its existing mail is
 * history, so SLA timers count from (about) now. Shared like any setting; a
 * team that already chose or started, on any desktop, keeps that. Returns
 * the start recorded, or null when there already was one.
 */
export function startSlaClockIfUnset(db: Database, actor: LocalActor, now: number): number | null {
  if (readTriageSettings(db).slaFrom !== null) return null;
  const from = Math.max(0, now - SLA_START_SKEW_MS);
  actor.record([{ entity: SETTINGS_ENTITY, field: `${SLA_STARTED_PREFIX}${actor.node}`, value: from }]);
  return from;
}

export function businessHoursOf(settings: TriageSettings): BusinessHours {
  const h = settings.businessHours;
  const open = [{ from: h.fromHour * 60, to: h.toHour * 60 }];
  return { timeZone: h.timeZone, week: Array.from({ length: 7 }, (_, day) => (h.days.includes(day) ? open : [])), holidays: h.holidays };
}

const ms = (m: number | null): number | null => (m === null ? null : m * MINUTE);

export function foldSettingsOf(settings: TriageSettings): FoldSettings {
  const sla = {} as Record<Priority, SlaTargets>;
  for (const [priority, t] of Object.entries(settings.slaByPriority) as Array<[Priority, TriageSettings['slaByPriority'][Priority]]>) {
    sla[priority] = { firstResponseMs: ms(t.firstResponse), nextResponseMs: ms(t.nextResponse), resolutionMs: ms(t.resolution) };
  }
  return {
    workflow: { autoCloseDays: settings.autoCloseDays, spamPurgeDays: settings.spamPurgeDays },
    hours: businessHoursOf(settings),
    sla,
    slaFrom: settings.slaFrom ?? 0,
  };
}
