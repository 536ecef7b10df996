/**
 * Templates, signatures and branding as TEAM STATE: every change is an op, so
 * colleagues share them through the team transport, and the current value is
 * the last-writer-wins fold. Mailboxes are named by their address (account
 * row ids differ from desktop to desktop). Values arrive from other desktops,
 * so they are validated when read; a malformed value is ignored.
 *
 *   template:<id>          name | shortcut | body | deleted
 *   signature:<mailbox>    mailbox | agent:<node>        (HTML)
 *   branding:<mailbox>     header | footer | colour | logo
 */
import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { Branding, Signature, Template } from '../../../src-preload/api.ts';
import { opsForEntity } from '../db/ops.repo.ts';
import { opsWithEntityPrefix } from '../db/team.repo.ts';
import type { LocalActor } from '../team/local-actor.ts';
import { DEMO_TEMPLATE_PREFIX } from '../team/local-actor.ts';
import { foldByEntity } from '../team/ops.ts';

export const TEMPLATE_PREFIX = 'template:';
const MAX_HTML = 100_000;

const text = (max: number) => z.string().max(max);

const cells = foldByEntity;

function read<T>(schema: z.ZodType<T>, value: unknown, fallback: T): T {
  const r = schema.safeParse(value);
  return r.success ? r.data : fallback;
}

/* ------------------------------------------------------------------ templates */

export function allTemplates(db: Database): Template[] {
  const out: Template[] = [];
  for (const [entity, fields] of cells(opsWithEntityPrefix(db, TEMPLATE_PREFIX))) {
    if (fields.get('deleted')?.value === true) continue;
    const name = read(text(200).min(1), fields.get('name')?.value, '');
    if (name === '') continue;
    out.push({
      id: entity.slice(TEMPLATE_PREFIX.length),
      name,
      shortcut: read(text(50), fields.get('shortcut')?.value, ''),
      body: read(text(MAX_HTML), fields.get('body')?.value, ''),
      demo: entity.startsWith(DEMO_TEMPLATE_PREFIX),
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** Shortcut matches first (exact, then prefix), then name, then body. */
export function searchTemplates(templates: readonly Template[], query: string): Template[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [...templates];
  const rank = (t: Template): number => {
    const shortcut = t.shortcut.toLowerCase();
    if (shortcut === q) return 0;
    if (shortcut.startsWith(q)) return 1;
    if (t.name.toLowerCase().includes(q)) return 2;
    if (shortcut.includes(q)) return 3;
    if (t.body.toLowerCase().includes(q)) return 4;
    return -1;
  };
  return templates
    .map((t) => ({ t, r: rank(t) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || a.t.name.localeCompare(b.t.name))
    .map((x) => x.t);
}

export function saveTemplate(actor: LocalActor, input: { id?: string | undefined; name: string; shortcut: string; body: string }): Template {
  const id = input.id ?? crypto.randomUUID();
  const entity = TEMPLATE_PREFIX + id;
  actor.record([
    { entity, field: 'name', value: input.name },
    { entity, field: 'shortcut', value: input.shortcut },
    { entity, field: 'body', value: input.body },
    { entity, field: 'deleted', value: false },
  ]);
  return { id, name: input.name, shortcut: input.shortcut, body: input.body, demo: entity.startsWith(DEMO_TEMPLATE_PREFIX) };
}

export function deleteTemplate(actor: LocalActor, id: string): void {
  actor.record([{ entity: TEMPLATE_PREFIX + id, field: 'deleted', value: true }]);
}

/* ------------------------------------------------------------------ signatures */

function mailboxKey(email: string): string {
  return email.trim().toLowerCase();
}

const signatureEntity = (email: string): string => `signature:${mailboxKey(email)}`;
const agentField = (node: string): string => `agent:${node}`;

export function readSignature(db: Database, accountId: number, email: string, agent: string | null): Signature | null {
  const fields = cells(opsForEntity(db, signatureEntity(email))).get(signatureEntity(email));
  const op = fields?.get(agent === null ? 'mailbox' : agentField(agent));
  if (!op) return null;
  return { accountId, agent, html: read(text(MAX_HTML), op.value, '') };
}

export function saveSignature(actor: LocalActor, email: string, signature: Signature): Signature {
  actor.record([{ entity: signatureEntity(email), field: signature.agent === null ? 'mailbox' : agentField(signature.agent), value: signature.html }]);
  return signature;
}

/* ------------------------------------------------------------------ branding */

const brandingEntity = (email: string): string => `branding:${mailboxKey(email)}`;
const colourSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/);
const logoSchema = z.string().max(200_000).regex(/^(data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+)?$/);
export const DEFAULT_ACCENT = '#2563eb';

export function readBranding(db: Database, accountId: number, email: string): Branding {
  const fields = cells(opsForEntity(db, brandingEntity(email))).get(brandingEntity(email));
  return {
    accountId,
    headerHtml: read(text(MAX_HTML), fields?.get('header')?.value, ''),
    footerHtml: read(text(MAX_HTML), fields?.get('footer')?.value, ''),
    accentColour: read(colourSchema, fields?.get('colour')?.value, DEFAULT_ACCENT),
    logoDataUrl: read(logoSchema, fields?.get('logo')?.value, ''),
  };
}

export function saveBranding(actor: LocalActor, email: string, b: Branding): Branding {
  const entity = brandingEntity(email);
  actor.record([
    { entity, field: 'header', value: b.headerHtml },
    { entity, field: 'footer', value: b.footerHtml },
    { entity, field: 'colour', value: b.accentColour },
    { entity, field: 'logo', value: b.logoDataUrl },
  ]);
  return b;
}
