/**
 * URL functions (reference/aep.md §2.4). URLs are read with RFC 3986 rules, as java.net.URI
 * does (no normalisation, unlike WHATWG URL); input that is not a valid URI gives null, as
 * AEP documents, rather than an error.
 */
import type { FunctionSpec, Value } from './spec';
import { optional, param } from './build';
import { arg, asBoolean, asString, fail, isNull } from './values';

interface ParsedUrl {
  scheme?: string;
  host?: string;
  port?: number;
  /** undefined for opaque URIs such as mailto:x@y */
  path?: string;
  query?: string;
  fragment?: string;
}

/** Ports used when the URL names none, by scheme. */
export const DEFAULT_PORTS: Readonly<Record<string, number>> = {
  http: 80, https: 443, ws: 80, wss: 443, ftp: 21, ftps: 990, sftp: 22, ssh: 22, scp: 22, telnet: 23, smtp: 25,
  gopher: 70, imap: 143, imaps: 993, pop3: 110, pop3s: 995, nntp: 119, ldap: 389, ldaps: 636, rtsp: 554, sip: 5060,
  git: 9418, mysql: 3306, postgres: 5432, postgresql: 5432, redis: 6379, mongodb: 27017, amqp: 5672, mqtt: 1883,
};

const RFC3986 = /^(?:([^:/?#]+):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s;
// Characters java.net.URI rejects anywhere (besides controls and spaces), and malformed escapes.
const ILLEGAL = /[\s"<>\\^`{|}\x00-\x1f\x7f]|%(?![0-9A-Fa-f]{2})/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/;

function parseUrl(text: string): ParsedUrl | undefined {
  if (text === '' || ILLEGAL.test(text)) return undefined;
  const m = RFC3986.exec(text);
  if (!m) return undefined;
  const [, scheme, authority, path, query, fragment] = m;
  if (scheme !== undefined && !SCHEME.test(scheme)) return undefined;
  const url: ParsedUrl = {};
  if (scheme !== undefined) url.scheme = scheme;
  if (query !== undefined) url.query = query;
  if (fragment !== undefined) url.fragment = fragment;
  if (authority !== undefined) {
    const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
    const hp = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]]*)(?::(\d*))?$/.exec(hostPort);
    if (!hp) return undefined;
    if (hp[1] !== '') url.host = hp[1]!;
    if (hp[2] !== undefined && hp[2] !== '') url.port = Number(hp[2]);
  }
  // An absolute URI whose part after the scheme does not start with "/" is opaque.
  if (!(scheme !== undefined && authority === undefined && !path!.startsWith('/'))) url.path = path!;
  return url;
}

function decodePercent(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Percent-encodes everything except letters, digits, "-", "_" and "." (the appendix table of AEP). */
export function urlEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9._-]/.test(c) ? c : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

export const ANCHOR_MODES: readonly string[] = ['retain', 'remove', 'append', 'keep'];

function queryMap(url: ParsedUrl, anchor: string): Map<string, Value> {
  const map = new Map<string, Value>();
  const pairs = (url.query ?? '').split('&').filter((p) => p !== '');
  pairs.forEach((pair, i) => {
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    let value = eq === -1 ? '' : pair.slice(eq + 1);
    value = decodePercent(value) ?? value;
    if ((anchor === 'retain' || anchor === 'keep') && url.fragment !== undefined && i === pairs.length - 1) value += '#' + url.fragment;
    const key = decodePercent(rawKey) ?? rawKey;
    if (!map.has(key)) map.set(key, value);
  });
  if (anchor === 'append' && url.fragment !== undefined) map.set('_anchor_', url.fragment);
  return map;
}

const SAMPLE = 'https://platform.adobe.com/home';
const SFTP = 'sftp://example.com//home/joe/employee.csv';
const FOO = 'foo://example.com:8042/over/there?name=ferret#nose';

/** A URL function: null input or an invalid URL gives null. */
function urlFunction(spec: Omit<FunctionSpec, 'category' | 'impl' | 'pure'>, read: (url: ParsedUrl, args: Value[]) => Value): FunctionSpec {
  return {
    ...spec,
    category: 'url',
    pure: true,
    impl: (args) => {
      if (isNull(args[0])) return null;
      const url = parseUrl(asString(spec.name, 'URL', arg(args, 0)));
      return url ? read(url, args) : null;
    },
  };
}

const URL_PARAM = param('URL', 'string', 'The URL; an invalid URL gives null.');

export const urlFunctions: readonly FunctionSpec[] = [
  urlFunction(
    { name: 'get_url_protocol', params: [URL_PARAM], returns: 'string', doc: 'Returns the protocol (scheme) of a URL, or null when the URL is invalid.', examples: [{ call: `get_url_protocol("${SAMPLE}")`, result: 'https' }] },
    (url) => url.scheme ?? null,
  ),
  urlFunction(
    { name: 'get_url_host', params: [URL_PARAM], returns: 'string', doc: 'Returns the host of a URL, or null when the URL is invalid.', examples: [{ call: `get_url_host("${SAMPLE}")`, result: 'platform.adobe.com' }] },
    (url) => url.host ?? null,
  ),
  urlFunction(
    {
      name: 'get_url_port', params: [URL_PARAM], returns: 'number',
      doc: "Returns the port of a URL (the scheme's default port when none is given, e.g. 22 for sftp), or null.",
      examples: [{ call: `get_url_port("${SFTP}")`, result: 22 }],
    },
    (url) => url.port ?? (url.scheme !== undefined && url.host !== undefined ? DEFAULT_PORTS[url.scheme.toLowerCase()] ?? null : null),
  ),
  urlFunction(
    {
      name: 'get_url_path',
      params: [URL_PARAM, optional('FULL_PATH', 'boolean', 'true for the whole path, false for its last segment only.', 'true')],
      returns: 'string',
      doc: 'Returns the (decoded) path of a URL, or only its last segment when FULL_PATH is false; null when the URL is invalid.',
      examples: [{ call: `get_url_path("${SFTP}")`, result: '//home/joe/employee.csv' }, { call: `get_url_path("${SFTP}", false)`, result: 'employee.csv' }],
    },
    (url, args) => {
      if (url.path === undefined) return null;
      const path = decodePercent(url.path);
      if (path === undefined) return null;
      const full = isNull(args[1]) ? true : asBoolean('get_url_path', 'FULL_PATH', arg(args, 1));
      return full ? path : path.slice(path.lastIndexOf('/') + 1);
    },
  ),
  urlFunction(
    {
      name: 'get_url_query_str',
      params: [URL_PARAM, param('ANCHOR', 'string', '"retain" (or "keep") appends the #anchor to the last value, "remove" drops it, "append" adds it under the key "_anchor_".', { values: ANCHOR_MODES })],
      returns: 'map',
      doc: 'Returns the query parameters of a URL as a map of name → value (first occurrence of a name wins); null when the URL is invalid.',
      examples: [
        { call: `get_url_query_str("${FOO}", "retain")`, result: { name: 'ferret#nose' } },
        { call: `get_url_query_str("${FOO}", "remove")`, result: { name: 'ferret' } },
        { call: `get_url_query_str("${FOO}", "append")`, result: { name: 'ferret', _anchor_: 'nose' } },
      ],
    },
    (url, args) => {
      const anchor = isNull(args[1]) ? 'retain' : asString('get_url_query_str', 'ANCHOR', arg(args, 1)).toLowerCase();
      if (!ANCHOR_MODES.includes(anchor)) fail('get_url_query_str', `ANCHOR must be one of "retain", "remove", "append", got "${anchor}"`);
      return queryMap(url, anchor);
    },
  ),
  {
    name: 'get_url_encoded',
    category: 'url',
    params: [param('URL', 'string', 'The text to encode.')],
    returns: 'string',
    doc: 'Percent-encodes special characters (space → %20, / → %2F, : → %3A …); letters, digits, "-", "_" and "." stay.',
    examples: [{ call: 'get_url_encoded("https://example.com/partneralliance_asia-pacific_2022")', result: 'https%3A%2F%2Fexample.com%2Fpartneralliance_asia-pacific_2022' }],
    pure: true,
    impl: (args) => (isNull(args[0]) ? null : urlEncode(asString('get_url_encoded', 'URL', arg(args, 0)))),
  },
  {
    name: 'get_url_decoded',
    category: 'url',
    params: [param('URL', 'string', 'The percent-encoded text to decode.')],
    returns: 'string',
    doc: 'Decodes percent-encoded characters (%3A → : …); null when the input has a malformed escape. "+" stays "+".',
    examples: [{ call: 'get_url_decoded("https%3A%2F%2Fexample.com%2Fpartneralliance_asia-pacific_2022")', result: 'https://example.com/partneralliance_asia-pacific_2022' }],
    pure: true,
    impl: (args) => (isNull(args[0]) ? null : decodePercent(asString('get_url_decoded', 'URL', arg(args, 0))) ?? null),
  },
];
