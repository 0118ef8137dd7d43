/**
 * The adapter used when no chat tokens are set: digests are printed to a stream (stdout by default).
 */
import type { ChatAdapter, PostedMessage } from '../../core/ports.ts';
import type { Reply } from '../../core/types.ts';
import { renderReplyText } from './render-text.ts';

export class ConsoleAdapter implements ChatAdapter {
  readonly platform = 'console';
  readonly #out: NodeJS.WritableStream;
  #sequence = 0;

  constructor(out: NodeJS.WritableStream = process.stdout) {
    this.#out = out;
  }

  async start(): Promise<void> {}

  async post(channelId: string, reply: Reply): Promise<PostedMessage> {
    this.#sequence += 1;
    this.#out.write(`\n[${channelId}] ${renderReplyText(reply)}\n`);
    return { channelId, messageId: `console-${this.#sequence}` };
  }

  async stop(): Promise<void> {}
}
