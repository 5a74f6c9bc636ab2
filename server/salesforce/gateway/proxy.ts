/**
 * Which proxy (if any) a request goes through. jsforce alone would send every request,
 * loopback included, through `http(s)_proxy` and ignores `NO_PROXY`; the gateway decides
 * per request instead: loopback and `NO_PROXY` hosts go direct.
 */

export interface ProxySettings {
  /** proxy for https targets */
  httpsProxy?: string;
  /** proxy for http targets */
  httpProxy?: string;
  /** `NO_PROXY` entries: `*`, `host`, `.domain`, `host:port`, IPs */
  noProxy: string[];
}

function first(env: NodeJS.ProcessEnv, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = env[n];
    if (v && v.trim()) return v.trim();
  }
  return undefined;
}

export function proxySettingsFromEnv(env: NodeJS.ProcessEnv): ProxySettings {
  const settings: ProxySettings = {
    noProxy: (first(env, 'no_proxy', 'NO_PROXY') ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean),
  };
  const https = first(env, 'https_proxy', 'HTTPS_PROXY');
  const http = first(env, 'http_proxy', 'HTTP_PROXY');
  // Salesforce is https-only; many setups export only http_proxy, so each falls back on the other.
  if (https ?? http) settings.httpsProxy = (https ?? http) as string;
  if (http ?? https) settings.httpProxy = (http ?? https) as string;
  return settings;
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

function matchesNoProxy(host: string, port: string, entries: readonly string[]): boolean {
  for (const raw of entries) {
    if (raw === '*') return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(raw.replace(/^\[|\](?=:|$)/g, ''));
    const entryHost = (m?.[1] ?? raw).replace(/^\*?\./, '.');
    if (m?.[2] && m[2] !== port) continue;
    if (entryHost.startsWith('.') ? host === entryHost.slice(1) || host.endsWith(entryHost) : host === entryHost || host.endsWith(`.${entryHost}`)) return true;
  }
  return false;
}

/** The proxy URL for `targetUrl`, or undefined to connect directly. */
export function proxyFor(targetUrl: string, settings: ProxySettings): string | undefined {
  let url: URL;
  try {
    url = new URL(targetUrl);
  } catch {
    return undefined;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isLoopbackHost(host)) return undefined;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  if (matchesNoProxy(host, port, settings.noProxy)) return undefined;
  return url.protocol === 'https:' ? settings.httpsProxy : settings.httpProxy;
}
