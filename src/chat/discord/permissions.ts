/**
 * Who counts as an admin on Discord, and what Herald asks for when it is invited.
 *
 * Admin commands are registered for everyone (no `default_member_permissions`): hiding them behind
 * Manage Server would hide them from the configured admin role too. The check happens here, on
 * every call, and everyone else gets an ephemeral refusal from runCommand.
 */
import { GatewayIntentBits, PermissionFlagsBits, PermissionsBitField, type GuildMember, type APIInteractionGuildMember } from 'discord.js';

/**
 * Guilds: guild, channel and thread state (so thread messages can be matched to their story).
 * GuildMessages: MESSAGE_CREATE in guild channels and threads, for questions. MessageContent is not
 * requested: Discord sends the content of messages that mention the bot without it, and Herald
 * answers only those. Interactions need no intent.
 */
export const DISCORD_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] as const;

/** Posting digests, opening a thread per story and answering in it. */
export const INVITE_PERMISSIONS = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.CreatePublicThreads,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.ReadMessageHistory,
] as const;

/** The OAuth2 URL that adds Herald to a server with the bot and applications.commands scopes. */
export function inviteUrl(applicationId: string): string {
  const permissions = new PermissionsBitField([...INVITE_PERMISSIONS]).bitfield.toString();
  const query = new URLSearchParams({ client_id: applicationId, scope: 'bot applications.commands', permissions });
  return `https://discord.com/oauth2/authorize?${query.toString()}`;
}

export interface AdminInput {
  /** The invoker's permissions in the channel, as resolved by Discord (null outside a server). */
  permissions: Readonly<PermissionsBitField> | null;
  member: GuildMember | APIInteractionGuildMember | null;
}

function roleIds(member: GuildMember | APIInteractionGuildMember | null): readonly string[] {
  if (!member) return [];
  if (Array.isArray(member.roles)) return member.roles;
  // A cached GuildMember: its roles as the guild's role cache knows them (GUILD_CREATE carries every role).
  return [...(member as GuildMember).roles.cache.keys()];
}

/** Manage Server (Administrator implies it), or the configured admin role. */
export function isDiscordAdmin(input: AdminInput, adminRoleId?: string): boolean {
  if (input.permissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  return adminRoleId !== undefined && adminRoleId !== '' && roleIds(input.member).includes(adminRoleId);
}
