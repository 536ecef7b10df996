/**
 * Core services in integration tests, spoken to exactly as a renderer does:
 * JSON envelopes through `handle`, results unwrapped (a failure throws with
 * its code and plain-words message).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeskEvent, DeskMethodName, DeskParams, DeskResult, ServerMessage } from '../../src-preload/api.ts';
import type { Clock } from '../../src-main/core/clock.ts';
import { silentLogger } from '../../src-main/core/log.ts';
import { createFileSecretStore } from '../../src-main/core/secrets/file-secret-store.ts';
import { startCore } from '../../src-main/core/service.ts';
import type { CoreService } from '../../src-main/core/service.ts';

let nextId = 1;

export async function callCore<M extends DeskMethodName>(core: CoreService, method: M, params: DeskParams<M>): Promise<DeskResult<M>> {
  const reply: ServerMessage = await core.handle(JSON.stringify({ kind: 'call', id: nextId++, method, params }));
  if (reply.kind !== 'result') throw new Error(`unexpected reply ${JSON.stringify(reply)}`);
  if (!reply.result.ok) throw new Error(`${reply.result.error.code}: ${reply.result.error.message}`);
  return reply.result.value as DeskResult<M>;
}

export interface TestDesk {
  core: CoreService;
  events: DeskEvent[];
  call<M extends DeskMethodName>(method: M, params: DeskParams<M>): Promise<DeskResult<M>>;
}

/** A core on its own data folder, with a file secret store, recording every event it emits. */
export async function startTestDesk(dataDir: string, clock?: Clock): Promise<TestDesk> {
  fs.mkdirSync(dataDir, { recursive: true });
  const core = await startCore({
    dataDir,
    mode: 'browser',
    secrets: createFileSecretStore(path.join(dataDir)),
    log: silentLogger,
    ...(clock ? { clock } : {}),
  });
  const events: DeskEvent[] = [];
  core.subscribe((e) => events.push(e));
  return { core, events, call: (method, params) => callCore(core, method, params) };
}

export interface DemoDesk extends TestDesk {
  /** Closes core and removes its data folder. */
  stop(): Promise<void>;
}

/** A core on a temp data folder of its own with the demo workspace open (its 300-odd conversations). */
export async function startDemoDesk(dirPrefix: string): Promise<DemoDesk> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), dirPrefix));
  const desk = await startTestDesk(dir);
  await desk.call('workspace.openDemo', {});
  return {
    ...desk,
    async stop() {
      await desk.core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
