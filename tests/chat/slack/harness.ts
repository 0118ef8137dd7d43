/**
 * The Slack side of the chat adapter contract: the real adapter (real Bolt, Socket Mode) against the
 * loopback stand-in. Commands go in as slash_commands envelopes; the answer is read from the
 * acknowledgement and the response_url posts.
 */
import { commands } from '../../../commands/index.ts';
import { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from '../../../src/chat/slack/adapter.ts';
import type { Services } from '../../../src/core/command.ts';
import type { Logger } from '../../../src/core/ports.ts';
import type { ChatHarness, CommandResult } from '../../contract/chat-adapter.contract.ts';
import { BOT_USER_ID, startSlackStandIn, type SlackStandIn } from '../../support/slack-server.ts';
import { canPing, links, visibleText } from './slack-text.ts';

export const ADMIN_USER = 'U0ADMIN';
export const MEMBER_USER = 'U0MEMBER';
export const CHANNEL = 'C1';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  bindings: Record<string, unknown>;
  obj: object | string;
  msg?: string;
}

/** A logger that keeps what it is told, so tests can look for errors. */
export function recordingLogger(entries: LogEntry[] = [], bindings: Record<string, unknown> = {}): Logger & { entries: LogEntry[] } {
  const at = (level: LogEntry['level']) => (obj: object | string, msg?: string) => void entries.push({ level, bindings, obj, ...(msg ? { msg } : {}) });
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: (more) => recordingLogger(entries, { ...bindings, ...more }) };
}

export interface SlackHarness extends ChatHarness {
  slack: SlackStandIn;
  adapter: SlackAdapter;
  logger: ReturnType<typeof recordingLogger>;
  /** Invoke as a given Slack user id. */
  invokeAs(command: string, text: string, userId: string): Promise<CommandResult & { messages: Record<string, unknown>[] }>;
}

export async function slackHarness(services: Services, options: Partial<SlackAdapterOptions> = {}): Promise<SlackHarness> {
  const slack = await startSlackStandIn();
  slack.users.set(ADMIN_USER, { is_admin: true });
  slack.users.set(MEMBER_USER, {});
  const logger = recordingLogger();
  const adapter = createSlackAdapter({
    botToken: 'xoxb-test-token',
    appToken: 'xapp-test-token',
    commands,
    services,
    logger,
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    ...options,
  });
  await adapter.start();
  let responseIds = 0;

  async function invokeAs(command: string, text: string, userId: string) {
    responseIds += 1;
    const responseId = `r${responseIds}@original`;
    const envelopeId = slack.pushSlashCommand({ command: `/${command}`, text, user_id: userId, channel_id: CHANNEL, response_url: slack.responseUrl(responseId) });
    const ack = await slack.waitFor(() => slack.socket.acks.find((a) => a.envelopeId === envelopeId));
    await adapter.whenIdle();
    const later = slack.responses.filter((r) => r.id === responseId).map((r) => r.body);
    const messages = [...(ack.payload ? [ack.payload] : []), ...later];
    return {
      messages,
      text: messages.map(visibleText).join('\n'),
      ephemeral: messages.length > 0 && messages.every((m) => (m.response_type ?? 'ephemeral') === 'ephemeral'),
      deferred: ack.payload === undefined && later.length > 0,
    };
  }

  return {
    slack,
    adapter,
    logger,
    invokeAs,
    async invoke(command, options, user) {
      const text = Object.entries(options).map(([name, value]) => `${name}:"${value}"`).join(' ');
      return invokeAs(command, text, user.admin ? ADMIN_USER : MEMBER_USER);
    },
    async postDigest(briefing) {
      const before = slack.calls.length;
      const posted = await adapter.post(briefing.channelId, { kind: 'briefing', briefing });
      const payloads = slack.calls.slice(before).filter((c) => c.method === 'chat.postMessage').map((c) => c.body);
      return { payloads, threads: posted.threads ?? {} };
    },
    async ask(threadId, question) {
      const before = slack.calls.length;
      slack.pushEvent({ type: 'app_mention', user: MEMBER_USER, text: `<@${BOT_USER_ID}> ${question}`, ts: slack.nextTs(), channel: CHANNEL, thread_ts: threadId });
      const reply = await slack.waitFor(() => slack.calls.slice(before).find((c) => c.method === 'chat.postMessage'));
      return { text: visibleText(reply.body), threadId: String(reply.body.thread_ts) };
    },
    canPing,
    links,
    async close() {
      await adapter.stop();
      await slack.close();
    },
  };
}
