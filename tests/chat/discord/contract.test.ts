import { chatAdapterContract } from '../../contract/chat-adapter.contract.ts';
import { discordHarness } from './harness.ts';

chatAdapterContract('Discord', (services) => discordHarness(services));
