/**
 * Which network addresses the fetcher may connect to.
 *
 * Only globally routable unicast addresses pass. Loopback, private (RFC 1918), link-local (cloud metadata
 * lives at 169.254.169.254), CGNAT (100.64/10), unique-local IPv6, unspecified (0.0.0.0, ::), multicast,
 * reserved/documentation ranges and IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4, Teredo)
 * are refused. An explicit allowlist (`allowHosts` in config) admits local targets, e.g. for tests.
 */
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Cloud metadata endpoints that sit in otherwise public-looking ranges. */
const METADATA_ADDRESSES = new Set(['168.63.129.16', '100.100.100.200', '192.0.0.192', 'fd00:ec2::254']);

/** Strips the brackets of an IPv6 literal as it appears in a URL (`[::1]` → `::1`). */
export function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** True when `host` is an IPv4 or IPv6 literal (brackets allowed). */
export function isIpLiteral(host: string): boolean {
  return isIP(unbracket(host)) !== 0;
}

/** Parses and folds IPv4-mapped IPv6 (`::ffff:127.0.0.1`) to plain IPv4; undefined when not an IP. */
function parseIp(ip: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const bare = unbracket(ip);
  if (isIP(bare) === 0) return undefined;
  return ipaddr.process(bare);
}

/** True when the fetcher must not connect to `ip` (unless allowlisted). Non-IP input counts as blocked. */
export function isBlockedAddress(ip: string): boolean {
  const parsed = parseIp(ip);
  if (!parsed) return true;
  if (METADATA_ADDRESSES.has(parsed.toNormalizedString()) || METADATA_ADDRESSES.has(parsed.toString())) return true;
  return parsed.range() !== 'unicast';
}

interface AllowEntry {
  host?: string;
  port?: string;
  cidr?: [ipaddr.IPv4 | ipaddr.IPv6, number];
}

function parseEntry(raw: string): AllowEntry {
  const entry = raw.trim().toLowerCase();
  if (entry.includes('/')) {
    try {
      return { cidr: ipaddr.parseCIDR(entry) };
    } catch {
      return {};
    }
  }
  // "[::1]:8080", "[::1]", "::1", "127.0.0.1:8080", "localhost:8080", "localhost"
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: normaliseHost(bracketed[1] ?? ''), port: bracketed[2] };
  if (ipaddr.IPv6.isValid(entry)) return { host: normaliseHost(entry) };
  const withPort = /^(.+):(\d+)$/.exec(entry);
  if (withPort) return { host: normaliseHost(withPort[1] ?? ''), port: withPort[2] };
  return { host: normaliseHost(entry) };
}

function inRange(ip: ipaddr.IPv4 | ipaddr.IPv6, range: ipaddr.IPv4 | ipaddr.IPv6, bits: number): boolean {
  if (ip instanceof ipaddr.IPv4 && range instanceof ipaddr.IPv4) return ip.match(range, bits);
  if (ip instanceof ipaddr.IPv6 && range instanceof ipaddr.IPv6) return ip.match(range, bits);
  return false;
}

function normaliseHost(host: string): string {
  const parsed = parseIp(host);
  return parsed ? parsed.toNormalizedString() : host.replace(/\.$/, '');
}

/** Allowlists parsed once each (every connection checks the config's list), re-parsed if the array changed since. */
const parsedLists = new WeakMap<readonly string[], { source: string[]; entries: AllowEntry[] }>();

function allowEntries(allowHosts: readonly string[]): AllowEntry[] {
  const cached = parsedLists.get(allowHosts);
  if (cached && cached.source.length === allowHosts.length && cached.source.every((raw, i) => raw === allowHosts[i])) return cached.entries;
  const entries = allowHosts.map(parseEntry);
  parsedLists.set(allowHosts, { source: [...allowHosts], entries });
  return entries;
}

/**
 * True when an allowlist entry admits this connection. Entries name a host or IP (`localhost`, `127.0.0.1`,
 * `::1`), optionally with a port (`127.0.0.1:8080`, `[::1]:8080`), or a CIDR range (`10.0.0.0/8`).
 * A name entry matches the URL host; an IP entry matches the URL host or the resolved address.
 *
 * @param host the URL hostname (brackets allowed)
 * @param port the effective port (443/80 when the URL has none)
 * @param ip the resolved address about to be connected to
 */
export function isAllowed(host: string, port: number | string, ip: string, allowHosts: readonly string[]): boolean {
  if (allowHosts.length === 0) return false;
  const entries = allowEntries(allowHosts);
  const wantHost = normaliseHost(unbracket(host).toLowerCase());
  const parsedIp = parseIp(ip);
  const wantIp = parsedIp?.toNormalizedString();
  const wantPort = String(port);
  for (const entry of entries) {
    if (entry.cidr && parsedIp) {
      const [range, bits] = entry.cidr;
      if (inRange(parsedIp, range, bits)) return true;
      continue;
    }
    if (entry.host === undefined) continue;
    if (entry.port !== undefined && entry.port !== wantPort) continue;
    if (entry.host === wantHost || (wantIp !== undefined && entry.host === wantIp)) return true;
  }
  return false;
}
