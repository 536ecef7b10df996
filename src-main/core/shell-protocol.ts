/**
 * Messages between the Electron main process and core running as a utility
 * process (`utilityProcess.fork`). Core never imports electron: in the utility
 * process it talks to main through `process.parentPort`, typed here.
 *
 * Why main is involved at all: it owns what only Electron has — safeStorage
 * (the OS keychain), native notifications, the tray badge — and it hands each
 * renderer window a MessagePort whose other end it gives to core, so renderer
 * and core then talk directly (main stays out of the data path).
 *
 * Both directions are validated with zod on receipt (`parseMainToCore`,
 * `parseCoreToMain`): a process boundary is a trust boundary.
 */
import { z } from 'zod';

export const mainToCoreSchema = z.discriminatedUnion('kind', [
  /** Carries a MessagePort in `event.ports[0]`: one renderer window's channel. */
  z.object({ kind: z.literal('connect-renderer'), windowId: z.number().int() }),
  z.object({ kind: z.literal('secret-result'), id: z.number().int(), ok: z.boolean(), data: z.string().optional(), error: z.string().optional() }),
  z.object({ kind: z.literal('shutdown') }),
]);
export type MainToCore = z.infer<typeof mainToCoreSchema>;

export const coreToMainSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready') }),
  /** `data` is base64 of the ciphertext (decrypt) or UTF-8 plaintext (encrypt). */
  z.object({ kind: z.literal('secret-request'), id: z.number().int(), op: z.enum(['encrypt', 'decrypt']), data: z.string() }),
  z.object({ kind: z.literal('notify'), title: z.string().max(200), body: z.string().max(1000) }),
  z.object({ kind: z.literal('badge'), count: z.number().int().min(0) }),
  z.object({ kind: z.literal('fatal'), message: z.string() }),
]);
export type CoreToMain = z.infer<typeof coreToMainSchema>;

export function parseMainToCore(value: unknown): MainToCore | null {
  const parsed = mainToCoreSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function parseCoreToMain(value: unknown): CoreToMain | null {
  const parsed = coreToMainSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Environment variables main sets when it forks core. */
export const CORE_ENV = {
  dataDir: 'SWITCHBOARD_DATA_DIR',
  mode: 'SWITCHBOARD_MODE',
} as const;
