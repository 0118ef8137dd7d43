/**
 * An undici connector that resolves the host itself, refuses blocked addresses, and then connects to
 * the very address it checked. Every connection (so every redirect hop) passes through it, which is
 * what defeats DNS rebinding: there is no second lookup between the check and the connect.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { buildConnector } from 'undici';
import { isAllowed, isBlockedAddress } from './address-guard.ts';
import { FetchFailure } from './fetch-failure.ts';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a hostname to its addresses. The default uses the system resolver (dns.lookup, all: true). */
export type LookupFn = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: LookupFn = (hostname) => dnsLookup(hostname, { all: true });

export interface SafeConnectorOptions {
  connectTimeoutMs: number;
  allowHosts: readonly string[];
  lookup?: LookupFn;
}

/** Refuses the connection when `ip` is blocked and not allowlisted for this host and port. */
export function assertAddressAllowed(host: string, port: number, ip: string, allowHosts: readonly string[]): void {
  if (isBlockedAddress(ip) && !isAllowed(host, port, ip, allowHosts)) {
    const where = host === ip ? ip : `${host} (resolves to ${ip})`;
    throw new FetchFailure('private-address', `refused to connect to ${where}: not a public address`);
  }
}

export function createSafeConnector(options: SafeConnectorOptions): buildConnector.connector {
  const base = buildConnector({ timeout: options.connectTimeoutMs });
  const lookup = options.lookup ?? systemLookup;

  const resolve = async (hostname: string, port: number): Promise<string[]> => {
    if (isIP(hostname) !== 0) {
      assertAddressAllowed(hostname, port, hostname, options.allowHosts);
      return [hostname];
    }
    const addresses = await withTimeout(lookup(hostname), options.connectTimeoutMs, hostname);
    if (addresses.length === 0) throw Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' });
    // One blocked record refuses the whole name: a public name has no business pointing inward.
    for (const { address } of addresses) assertAddressAllowed(hostname, port, address, options.allowHosts);
    return addresses.map((a) => a.address);
  };

  return (connectOptions, callback) => {
    const { hostname, protocol } = connectOptions;
    const port = connectOptions.port ? Number(connectOptions.port) : protocol === 'https:' ? 443 : 80;
    const servername = connectOptions.servername ?? (isIP(hostname) === 0 ? hostname : undefined);
    resolve(hostname, port).then(
      (ips) => tryInOrder(ips, 0),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );

    function tryInOrder(ips: string[], index: number): void {
      const ip = ips[index] as string;
      base({ ...connectOptions, hostname: ip, ...(servername ? { servername } : {}) }, (error, socket) => {
        if (error && index + 1 < ips.length) return tryInOrder(ips, index + 1);
        if (error) return callback(error, null);
        callback(null, socket as NonNullable<typeof socket>);
      });
    }
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, hostname: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`lookup of ${hostname} timed out`), { code: 'EAI_AGAIN' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
