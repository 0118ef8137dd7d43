import { describe, expect, it } from 'vitest';
import { isAllowed, isBlockedAddress, isIpLiteral } from '../../src/ingest/address-guard.ts';

describe('isBlockedAddress', () => {
  it.each([
    '127.0.0.1', '127.255.0.9', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1',
    '100.127.255.254', '0.0.0.0', '255.255.255.255', '224.0.0.1', '192.0.2.10', '198.18.0.1', '240.0.0.1',
    '::1', '::', 'fe80::1', 'fc00::1', 'fd00:ec2::254', '::ffff:127.0.0.1', '::ffff:169.254.169.254',
    '::ffff:10.0.0.1', '64:ff9b::7f00:1', '2002:7f00:1::', 'ff02::1', '[::1]',
    '168.63.129.16', '100.100.100.200', 'not-an-ip', '',
  ])('blocks %s', (ip) => {
    expect(isBlockedAddress(ip)).toBe(true);
  });

  it.each(['8.8.8.8', '93.184.216.34', '151.101.1.69', '100.63.255.255', '100.128.0.1', '2606:4700::1111', '2a00:1450:4001:82a::200e', '::ffff:8.8.8.8'])(
    'lets public %s through',
    (ip) => {
      expect(isBlockedAddress(ip)).toBe(false);
    },
  );
});

describe('isIpLiteral', () => {
  it('tells IP literals from names', () => {
    expect(isIpLiteral('127.0.0.1')).toBe(true);
    expect(isIpLiteral('[::1]')).toBe(true);
    expect(isIpLiteral('localhost')).toBe(false);
    expect(isIpLiteral('deadbeef')).toBe(false);
  });
});

describe('isAllowed', () => {
  it('matches an exact host:port and nothing else on that address', () => {
    expect(isAllowed('127.0.0.1', 8080, '127.0.0.1', ['127.0.0.1:8080'])).toBe(true);
    expect(isAllowed('127.0.0.1', 8081, '127.0.0.1', ['127.0.0.1:8080'])).toBe(false);
  });

  it('matches an address on any port when no port is given', () => {
    expect(isAllowed('127.0.0.1', 9, '127.0.0.1', ['127.0.0.1'])).toBe(true);
    expect(isAllowed('127.0.0.2', 9, '127.0.0.2', ['127.0.0.1'])).toBe(false);
  });

  it('matches a name entry by URL host, and an IP entry by resolved address', () => {
    expect(isAllowed('localhost', 3000, '127.0.0.1', ['localhost'])).toBe(true);
    expect(isAllowed('LocalHost', 3000, '::1', ['localhost:3000'])).toBe(true);
    expect(isAllowed('feeds.internal', 80, '10.1.2.3', ['10.1.2.3'])).toBe(true);
    expect(isAllowed('feeds.internal', 80, '10.1.2.4', ['10.1.2.3', 'localhost'])).toBe(false);
  });

  it('matches CIDR ranges, including IPv4-mapped addresses', () => {
    expect(isAllowed('x', 80, '10.200.1.1', ['10.0.0.0/8'])).toBe(true);
    expect(isAllowed('x', 80, '::ffff:10.200.1.1', ['10.0.0.0/8'])).toBe(true);
    expect(isAllowed('x', 80, '11.0.0.1', ['10.0.0.0/8'])).toBe(false);
    expect(isAllowed('x', 80, 'fd12::1', ['fd00::/8'])).toBe(true);
  });

  it('understands bracketed IPv6 entries with a port', () => {
    expect(isAllowed('[::1]', 8080, '::1', ['[::1]:8080'])).toBe(true);
    expect(isAllowed('[::1]', 8081, '::1', ['[::1]:8080'])).toBe(false);
    expect(isAllowed('[::1]', 8081, '::1', ['::1'])).toBe(true);
  });

  it('sees a list changed after it was first checked', () => {
    const list = ['127.0.0.1:8080'];
    expect(isAllowed('127.0.0.2', 80, '127.0.0.2', list)).toBe(false);
    list.push('127.0.0.2');
    expect(isAllowed('127.0.0.2', 80, '127.0.0.2', list)).toBe(true);
    list[1] = '127.0.0.3';
    expect(isAllowed('127.0.0.2', 80, '127.0.0.2', list)).toBe(false);
  });

  it('admits nothing with an empty or malformed list', () => {
    expect(isAllowed('127.0.0.1', 80, '127.0.0.1', [])).toBe(false);
    expect(isAllowed('127.0.0.1', 80, '127.0.0.1', ['10.0.0.0/99', ''])).toBe(false);
  });
});
