/**
 * `npm run bench:team`: team sync through a real Dovecot on this machine.
 *
 * 1. Propagation: desktop A records one op at a time (200 ops); measured from
 *    record() until desktop B has applied it, with the production settings
 *    (300 ms send debounce, IDLE on B). Goal: p95 ≤ 2 s.
 * 2. Folder size per 10,000 ops: A makes 10,000 triage ops in bursts of 1-10
 *    (each burst its own batch message, as an agent clicking through the
 *    inbox would), then compacts; size and message count before and after.
 * 3. Catch-up: desktop C, offline while those 10,000 ops were made, starts
 *    and reads them all — from the uncompacted folder, and (desktop D) from
 *    the compacted one.
 * Writes reports/bench/team.json. Needs root (Dovecot test server).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { systemClock } from '../../src-main/core/clock.ts';
import { openDatabase } from '../../src-main/core/db/connection.ts';
import { opsWithEntityPrefix, unsentOpCount } from '../../src-main/core/db/team.repo.ts';
import { silentLogger } from '../../src-main/core/log.ts';
import { createLocalActor } from '../../src-main/core/team/local-actor.ts';
import type { LocalActor } from '../../src-main/core/team/local-actor.ts';
import { messageEntity } from '../../src-main/core/team/ops.ts';
import { TeamTransport } from '../../src-main/core/team/team-transport.ts';
import { startDovecot } from '../../tests/support/dovecot.ts';
import type { DovecotServer } from '../../tests/support/dovecot.ts';
import { seedAccount } from '../../tests/support/mail-fixtures.ts';

const PROPAGATION_OPS = 200;
const BULK_OPS = 10_000;
const GOAL_P95_MS = 2_000;
const USER = 'team@example.test';
const PASSWORD = 'bench';
const FOLDER = 'Switchboard Team';

interface Desktop {
  actor: LocalActor;
  transport: TeamTransport;
  db: ReturnType<typeof openDatabase>['db'];
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function desktop(dir: string, name: string, dovecot: DovecotServer, onRemote: (entities: string[]) => void = () => {}, autoStart = true): Desktop {
  const { db } = openDatabase(path.join(dir, `${name}.sqlite`));
  const accountId = seedAccount(db, USER);
  const actor = createLocalActor(db, systemClock);
  const transport = new TeamTransport({
    db,
    accountId,
    imap: { host: dovecot.host, port: dovecot.port, security: 'none', user: USER, password: PASSWORD },
    actor,
    log: silentLogger,
    key: null,
    folderName: FOLDER,
    onRemoteChanges: onRemote,
    compactAbove: Number.MAX_SAFE_INTEGER,
    compactionMinAgeMs: 0,
  });
  if (autoStart) transport.start();
  return { actor, transport, db };
}

async function folderStats(dovecot: DovecotServer): Promise<{ messages: number; bytes: number }> {
  return dovecot.withClient(USER, async (c) => {
    const lock = await c.getMailboxLock(FOLDER);
    try {
      let messages = 0;
      let bytes = 0;
      if (c.mailbox && c.mailbox.exists > 0) {
        for await (const m of c.fetch('1:*', { size: true })) {
          messages++;
          bytes += m.size ?? 0;
        }
      }
      return { messages, bytes };
    } finally {
      lock.release();
    }
  });
}

async function catchUp(dir: string, name: string, dovecot: DovecotServer, expectedOps: number): Promise<{ ms: number; ops: number }> {
  const d = desktop(dir, name, dovecot, () => {}, false);
  const t0 = performance.now();
  d.transport.start();
  await waitUntil(() => opsWithEntityPrefix(d.db, 'msg:').length >= expectedOps && d.transport.health.state === 'connected', 300_000, `${name} to catch up`);
  const ms = performance.now() - t0;
  await d.transport.stop();
  return { ms, ops: opsWithEntityPrefix(d.db, 'msg:').length };
}

async function main(): Promise<void> {
  const machine = {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    ramGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    dovecot: (() => {
      try {
        return execFileSync('/usr/sbin/dovecot', ['--version'], { encoding: 'utf8' }).trim();
      } catch {
        return 'unknown';
      }
    })(),
  };
  console.log(`bench:team — ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GB RAM, Node ${machine.node}, Dovecot ${machine.dovecot}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-team-'));
  const dovecot = await startDovecot({ users: [{ user: USER, password: PASSWORD }] });
  const started: TeamTransport[] = [];
  try {
    // 1. Propagation A → B.
    const waiting = new Map<string, () => void>();
    const a = desktop(dir, 'a', dovecot);
    const b = desktop(dir, 'b', dovecot, (entities) => {
      for (const e of entities) waiting.get(e)?.();
    });
    started.push(a.transport, b.transport);
    await waitUntil(() => a.transport.health.state === 'connected' && b.transport.health.state === 'connected', 15_000, 'A and B to connect');
    const latencies: number[] = [];
    for (let i = 0; i < PROPAGATION_OPS; i++) {
      const entity = messageEntity(`<prop-${i}@bench.example>`);
      const seen = new Promise<void>((resolve) => waiting.set(entity, resolve));
      const t0 = performance.now();
      a.actor.record([{ entity, field: 'assignee', value: a.actor.node }]);
      await seen;
      latencies.push(performance.now() - t0);
      waiting.delete(entity);
    }
    latencies.sort((x, y) => x - y);
    const propagation = { ops: PROPAGATION_OPS, debounceMs: 300, p50Ms: round(percentile(latencies, 50)), p95Ms: round(percentile(latencies, 95)), maxMs: round(latencies.at(-1) ?? NaN) };
    console.log(`propagation A → B (IDLE), ${PROPAGATION_OPS} ops: p50 ${propagation.p50Ms} ms, p95 ${propagation.p95Ms} ms, max ${propagation.maxMs} ms (goal p95 ≤ ${GOAL_P95_MS} ms) ${propagation.p95Ms <= GOAL_P95_MS ? 'OK' : 'MISSED'}`);
    await b.transport.stop();

    // 2. 10,000 ops in bursts, each burst a message.
    const base = await folderStats(dovecot);
    let made = 0;
    let bursts = 0;
    let seed = 42;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed % n;
    };
    const fields = ['status', 'assignee', 'tags', 'priority', 'snooze'];
    const tBulk = performance.now();
    while (made < BULK_OPS) {
      const n = Math.min(BULK_OPS - made, 1 + rand(10));
      const conv = messageEntity(`<ticket-${rand(2_500)}@bench.example>`);
      a.actor.record(Array.from({ length: n }, (_, k) => ({ entity: conv, field: fields[(k + rand(5)) % fields.length] as string, value: rand(2) ? `v${rand(1000)}` : [`tag${rand(40)}`] })));
      await a.transport.syncNow();
      made += n;
      bursts++;
    }
    await waitUntil(() => unsentOpCount(a.db) === 0, 60_000, 'A to send everything');
    const bulkMs = performance.now() - tBulk;
    const before = await folderStats(dovecot);
    const beforeBulk = { messages: before.messages - base.messages, bytes: before.bytes - base.bytes };
    console.log(`10,000 ops in ${bursts} bursts sent in ${round(bulkMs / 1000, 2)} s: folder ${before.messages} messages, ${round(before.bytes / 1024)} KiB (these ops: ${beforeBulk.messages} messages, ${round(beforeBulk.bytes / 1024)} KiB)`);

    // 3a. Catch-up from the uncompacted folder.
    const expected = opsWithEntityPrefix(a.db, 'msg:').length;
    const uncompacted = await catchUp(dir, 'c', dovecot, expected);
    console.log(`catch-up after 10,000 remote ops (uncompacted, ${before.messages} messages): ${round(uncompacted.ms / 1000, 2)} s`);

    // Compaction.
    const tCompact = performance.now();
    const compaction = await a.transport.compactNow();
    const compactMs = performance.now() - tCompact;
    const after = await folderStats(dovecot);
    console.log(`compaction: ${compaction?.deleted ?? 0} messages replaced by ${compaction?.snapshotParts ?? 0} snapshot message(s) with ${compaction?.snapshotOps ?? 0} winning ops in ${round(compactMs)} ms: folder ${after.messages} messages, ${round(after.bytes / 1024)} KiB`);

    // 3b. Catch-up from the compacted folder (the winners only).
    const winners = new Set(opsWithEntityPrefix(a.db, 'msg:').map((op) => `${op.entity}\u0000${op.field}`)).size;
    const compacted = await catchUp(dir, 'd', dovecot, winners);
    console.log(`catch-up from the compacted folder: ${round(compacted.ms / 1000, 2)} s`);

    await a.transport.stop();
    const report = {
      at: new Date().toISOString(),
      machine,
      propagation,
      folder: {
        ops: BULK_OPS,
        bursts,
        sendSeconds: round(bulkMs / 1000, 2),
        beforeCompaction: { messages: before.messages, kib: round(before.bytes / 1024) },
        afterCompaction: { messages: after.messages, kib: round(after.bytes / 1024) },
        compactionMs: round(compactMs),
        snapshotOps: compaction?.snapshotOps ?? 0,
      },
      catchUp: {
        remoteOps: BULK_OPS + PROPAGATION_OPS,
        uncompactedSeconds: round(uncompacted.ms / 1000, 2),
        compactedSeconds: round(compacted.ms / 1000, 2),
      },
      goals: { propagationP95Ms: GOAL_P95_MS, met: propagation.p95Ms <= GOAL_P95_MS },
    };
    fs.mkdirSync('reports/bench', { recursive: true });
    fs.writeFileSync('reports/bench/team.json', JSON.stringify(report, null, 2) + '\n');
    console.log('wrote reports/bench/team.json');
  } finally {
    await Promise.all(started.map((t) => t.stop()));
    await dovecot.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
