/**
 * User-agent functions (reference/aep.md §2.4). AEP uses Yauaa; this engine reads the
 * user agent with ua-parser-js and shapes the answers like AEP's documented examples:
 * names with "Unknown" and versions with "??" when the agent says nothing, the *_major
 * functions answer "<name> <major>" ("iOS 5", "Safari 5"), and ua_device_class uses
 * Yauaa's device classes (Desktop, Phone, Tablet, Mobile, Watch, TV, Game Console,
 * Handheld Game Console, Car, Robot, Robot Mobile, Hacker, Unknown …).
 */
import UAParser from 'ua-parser-js';
import type { FunctionSpec } from './spec';
import { param } from './build';
import { arg, asString, isNull } from './values';

const UNKNOWN = 'Unknown';
const UNKNOWN_VERSION = '??';

export const DEVICE_CLASSES: readonly string[] = [
  'Desktop', 'Anonymized', 'Unknown', 'Mobile', 'Tablet', 'Phone', 'Watch', 'Augmented Reality', 'Virtual Reality', 'eReader',
  'Set-top box', 'TV', 'Home Appliance', 'Game Console', 'Handheld Game Console', 'Voice', 'Car', 'Robot', 'Robot Mobile',
  'Robot Imitator', 'Cloud', 'Hacker',
];

const ROBOT = /bot\b|bot\/|crawl|spider|slurp|facebookexternalhit|mediapartners|bingpreview|headless|^curl\/|^wget\/|python-requests|okhttp|java\/|go-http-client|httpclient|phantomjs/i;
const HACKER = /<script|javascript:|\bunion\s+select\b|\bselect\s.+\sfrom\b|\$\{jndi:|\.\.\/\.\.\//i;
const DESKTOP_OS = /^(windows|mac os|macos|linux|ubuntu|debian|fedora|centos|red ?hat|suse|mint|arch|gentoo|chrom(e|ium) os|freebsd|openbsd|netbsd|solaris|unix)/i;

interface Agent {
  osName: string;
  osVersion: string;
  agentName: string;
  agentVersion: string;
  agentMajor: string;
  deviceClass: string;
}

/** "Mobile Safari" → "Safari", "Chrome WebView" → "Chrome": the agent, not the form factor. */
const agentName = (name: string | undefined): string => (name ? name.replace(/^Mobile /, '').replace(/ (Mobile|WebView)$/, '') : UNKNOWN);

function deviceClass(ua: string, r: UAParser.IResult): string {
  if (ua.trim() === '') return UNKNOWN;
  if (HACKER.test(ua)) return 'Hacker';
  if (ROBOT.test(ua)) return /mobile/i.test(ua) ? 'Robot Mobile' : 'Robot';
  switch (r.device.type) {
    case 'mobile': return 'Phone';
    case 'tablet': return 'Tablet';
    case 'smarttv': return 'TV';
    case 'wearable': return 'Watch';
    case 'xr': return 'Virtual Reality';
    case 'console': return /switch|nintendo 3ds|psp|vita/i.test(`${r.device.model ?? ''} ${ua}`) ? 'Handheld Game Console' : 'Game Console';
    case 'embedded': return /tesla|qtcarbrowser|carplay|android auto/i.test(ua) ? 'Car' : UNKNOWN;
    default:
      if (/mobile|android/i.test(ua)) return 'Mobile';
      return r.os.name && DESKTOP_OS.test(r.os.name) ? 'Desktop' : UNKNOWN;
  }
}

function analyse(ua: string): Agent {
  const r = new UAParser(ua).getResult();
  const version = r.browser.version ?? UNKNOWN_VERSION;
  return {
    osName: r.os.name ?? UNKNOWN,
    osVersion: r.os.version ?? UNKNOWN_VERSION,
    agentName: agentName(r.browser.name),
    agentVersion: version,
    agentMajor: r.browser.major ?? (version === UNKNOWN_VERSION ? UNKNOWN_VERSION : version.split('.')[0]!),
    deviceClass: deviceClass(ua, r),
  };
}

const major = (version: string): string => (version === UNKNOWN_VERSION ? version : version.split(/[._]/)[0]!);

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 5_1_1 like Mac OS X) AppleWebKit/534.46 (KHTML, like Gecko) Version/5.1 Mobile/9B206 Safari/7534.48.3';

function uaFunction(name: string, doc: string, result: string, read: (a: Agent) => string): FunctionSpec {
  return {
    name,
    category: 'useragent',
    params: [param('USER_AGENT', 'string', 'The user-agent string.')],
    returns: 'string',
    doc,
    examples: [{ call: `${name}("${IPHONE}")`, result }],
    pure: true,
    impl: (args) => (isNull(args[0]) ? null : read(analyse(asString(name, 'USER_AGENT', arg(args, 0))))),
  };
}

export const userAgentFunctions: readonly FunctionSpec[] = [
  uaFunction('ua_os_name', 'The operating system name from a user-agent string ("Unknown" when absent).', 'iOS', (a) => a.osName),
  uaFunction('ua_os_version_major', 'The operating system name and major version ("iOS 5").', 'iOS 5', (a) => `${a.osName} ${major(a.osVersion)}`),
  uaFunction('ua_os_version', 'The operating system version ("??" when absent).', '5.1.1', (a) => a.osVersion),
  uaFunction('ua_os_name_version', 'The operating system name and version ("iOS 5.1.1").', 'iOS 5.1.1', (a) => `${a.osName} ${a.osVersion}`),
  uaFunction('ua_agent_version', 'The browser (agent) version ("??" when absent).', '5.1', (a) => a.agentVersion),
  uaFunction('ua_agent_version_major', 'The browser (agent) name and major version ("Safari 5").', 'Safari 5', (a) => `${a.agentName} ${a.agentMajor}`),
  uaFunction('ua_agent_name', 'The browser (agent) name ("Unknown" when absent).', 'Safari', (a) => a.agentName),
  uaFunction('ua_device_class', `The device class: one of ${DEVICE_CLASSES.join(', ')}.`, 'Phone', (a) => a.deviceClass),
];
