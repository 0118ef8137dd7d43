/** Every slash command, listed explicitly: a typo here is a compile error. Every adapter serves this list. */
import type { CommandDefinition } from '../src/core/command.ts';
import brief from './brief.ts';
import feeds from './feeds.ts';
import figures from './figures.ts';
import filter from './filter.ts';
import { helpCommand } from './help.ts';
import schedule from './schedule.ts';
import search from './search.ts';
import story from './story.ts';
import subscribe from './subscribe.ts';
import unsubscribe from './unsubscribe.ts';
import who from './who.ts';

const base: readonly CommandDefinition[] = [brief, who, figures, story, search, subscribe, unsubscribe, feeds, schedule, filter];

export const commands: readonly CommandDefinition[] = [...base, helpCommand(base)];
