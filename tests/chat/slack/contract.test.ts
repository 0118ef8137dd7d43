import { chatAdapterContract } from '../../contract/chat-adapter.contract.ts';
import { slackHarness } from './harness.ts';

chatAdapterContract('Slack', (services) => slackHarness(services));
