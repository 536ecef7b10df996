/**
 * A team report: what came in, what went out, what was resolved and how
 * long customers waited for a first answer, in a period. Every figure is
 * derived from facts every desktop has (the mail and the team's ops), so two
 * desktops show the same report once they have synced.
 *
 * Who replied is read from the From name Switchboard writes for an agent,
 * "Dana Agent (Acme Support)" (outbox/outbox-queue.ts): mail carries no
 * other trace of its author. Replies written in another mail program are
 * counted, as the team's, but not attributed.
 */
import type { Database } from 'better-sqlite3';
import type { AgentReport, TeamReport } from '../../../src-preload/api.ts';
import type { ReportMessageRow, ResolvedOpRow } from '../db/report.repo.ts';
import { reportMessages, resolvingOps } from '../db/report.repo.ts';
import { isAcknowledgementId } from '../rules/acknowledgement.ts';
import type { TeamAgent } from '../team/roster.ts';
import { listAgents } from '../team/roster.ts';
import { agentRef } from './directory.ts';

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : Math.round(((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2);
}

/** The agent whose name Switchboard wrote into this From name, if any (the longest name wins: "Ann Lee" over "Ann"). */
function authorOf(fromName: string, agents: readonly TeamAgent[]): TeamAgent | null {
  let best: TeamAgent | null = null;
  for (const a of agents) if (fromName.startsWith(`${a.name} (`) && (best === null || a.name.length > best.name.length)) best = a;
  return best;
}

const isReply = (m: ReportMessageRow): boolean => m.customer === 0 && !isAcknowledgementId(m.message_id);
const isCustomersOwn = (m: ReportMessageRow): boolean => m.customer === 1 && m.fact !== 'auto-reply' && m.fact !== 'bounce';

export function buildTeamReport(messages: readonly ReportMessageRow[], resolvedOps: readonly ResolvedOpRow[], agents: readonly TeamAgent[], from: number, to: number): TeamReport {
  const inPeriod = (t: number): boolean => t >= from && t < to;
  const byConversation = new Map<number, ReportMessageRow[]>();
  for (const m of messages) {
    if (m.hidden === 1) continue;
    const list = byConversation.get(m.conversation_id);
    if (list) list.push(m);
    else byConversation.set(m.conversation_id, [m]);
  }

  const replies = new Map<string, number>();
  const resolvedBy = new Map<string, Set<number>>();
  let customerMessages = 0;
  let replyCount = 0;
  let unattributed = 0;
  let newConversations = 0;
  let waiting = 0;
  const waits: number[] = [];
  for (const members of byConversation.values()) {
    members.sort((a, b) => a.date - b.date);
    for (const m of members) {
      if (!inPeriod(m.date)) continue;
      if (isCustomersOwn(m)) customerMessages++;
      else if (isReply(m)) {
        replyCount++;
        const author = authorOf(m.from_name, agents);
        if (author) replies.set(author.node, (replies.get(author.node) ?? 0) + 1);
        else unattributed++;
      }
    }
    const first = members[0];
    if (!first || !inPeriod(first.date) || !isCustomersOwn(first)) continue;
    newConversations++;
    const answer = members.find((m) => isReply(m) && m.date >= first.date);
    if (answer) waits.push(answer.date - first.date);
    else waiting++;
  }

  const resolved = new Set<number>();
  for (const op of resolvedOps) {
    if (op.hidden === 1) continue;
    resolved.add(op.conversation_id);
    const mine = resolvedBy.get(op.actor) ?? new Set<number>();
    mine.add(op.conversation_id);
    resolvedBy.set(op.actor, mine);
  }

  const agentRows: AgentReport[] = agents
    .map((a) => ({ agent: agentRef(a.node), name: a.name, replies: replies.get(a.node) ?? 0, resolved: resolvedBy.get(a.node)?.size ?? 0 }))
    .sort((x, y) => y.replies - x.replies || y.resolved - x.resolved || x.name.localeCompare(y.name));

  return {
    from,
    to,
    newConversations,
    customerMessages,
    replies: replyCount,
    unattributedReplies: unattributed,
    resolved: resolved.size,
    firstReply: { answered: waits.length, waiting, medianMs: median(waits) },
    agents: agentRows,
  };
}

export function teamReport(db: Database, accountId: number | null, from: number, to: number): TeamReport {
  return buildTeamReport(reportMessages(db, accountId, from, to), resolvingOps(db, accountId, from, to), listAgents(db), from, to);
}
