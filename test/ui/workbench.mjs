// What a person does in the VS Code workbench, as Playwright steps: quick open, go to line,
// the Problems panel, suggestions and hovers. Selectors are VS Code 1.100's DOM classes.

export const TIMEOUT_MS = 30_000;

export const SELECTORS = {
  workbench: '.monaco-workbench',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRows: '.quick-input-widget .quick-input-list .monaco-list-row',
  activeTab: '.tabs-container .tab.active',
  tab: '.tabs-container .tab',
  editorText: '.editor-group-container.active .monaco-editor .view-lines',
  problems: '.markers-panel',
  problemRows: '.markers-panel .monaco-list-row',
  errorSquiggle: '.editor-group-container.active .monaco-editor .squiggly-error',
  suggest: '.editor-widget.suggest-widget.visible',
  suggestLabels: '.editor-widget.suggest-widget.visible .monaco-list-row .label-name',
  hover: '.monaco-editor .monaco-hover:not(.hidden)',
  activityBarItem: (title) => `.part.activitybar .action-item .action-label[aria-label^="${title}"]`,
  panel: '.part.panel',
};

/** The workbench is up and has read the folder (the explorer shows it). */
export async function workbenchReady(page) {
  await page.waitForSelector(SELECTORS.workbench, { timeout: TIMEOUT_MS });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: TIMEOUT_MS });
}

async function quickInput(page, keys, text) {
  await page.keyboard.press(keys);
  const box = page.locator(SELECTORS.quickInputBox);
  await box.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  await box.fill(text);
  return box;
}

/** Ctrl+P, the file name, Enter on the matching entry; resolves when its tab is active. */
export async function quickOpen(page, fileName) {
  await quickInput(page, 'Control+P', fileName);
  await page.locator(SELECTORS.quickInputRows, { hasText: fileName }).first().waitFor({ timeout: TIMEOUT_MS });
  await page.keyboard.press('Enter');
  await page.locator(SELECTORS.activeTab, { hasText: fileName }).waitFor({ timeout: TIMEOUT_MS });
  await page.locator(SELECTORS.editorText).first().waitFor({ timeout: TIMEOUT_MS });
}

/** Ctrl+G `line:column` (1-based); the cursor lands before that column. */
export async function goToLine(page, line, column) {
  await quickInput(page, 'Control+G', `:${line}:${column}`);   // fill() replaces the ':' the picker starts with
  await page.keyboard.press('Enter');
  await page.locator(SELECTORS.quickInput).waitFor({ state: 'hidden', timeout: TIMEOUT_MS });
}

/** F1, the command's title, Enter. */
export async function runCommand(page, title) {
  await quickInput(page, 'F1', `>${title}`);
  await page.locator(SELECTORS.quickInputRows, { hasText: title }).first().waitFor({ timeout: TIMEOUT_MS });
  await page.keyboard.press('Enter');
}

/** Opens the Problems panel (Ctrl+Shift+M) and returns its text once `expected` is all in it. */
export async function problemsShowing(page, expected) {
  await page.keyboard.press('Control+Shift+M');
  await page.locator(SELECTORS.problems).waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  return textContaining(page, SELECTORS.problems, expected);
}

/** Polls the element's text until it holds every expected string; throws with what it saw. */
export async function textContaining(page, selector, expected, timeoutMs = TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  for (;;) {
    text = await page.locator(selector).first().innerText({ timeout: timeoutMs }).catch(() => '');
    if (expected.every((e) => text.includes(e))) return text;
    if (Date.now() > deadline) throw new Error(`'${selector}' never showed [${expected.join(', ')}]; last text: ${text.slice(0, 600) || '(none)'}`);
    await page.waitForTimeout(200);   // a poll interval, not a wait for the result
  }
}

/** Ctrl+Space at the cursor; returns the visible suggestion labels once `expected` are among them. */
export async function suggestionsShowing(page, expected) {
  await page.keyboard.press('Control+Space');
  await page.locator(SELECTORS.suggest).waitFor({ timeout: TIMEOUT_MS });
  await textContaining(page, SELECTORS.suggest, expected);
  return page.locator(SELECTORS.suggestLabels).allInnerTexts();
}

/** Shows the hover at the cursor (Ctrl+K Ctrl+I) and returns its text once `expected` is in it. */
export async function hoverShowing(page, expected) {
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  await page.locator(SELECTORS.hover).first().waitFor({ timeout: TIMEOUT_MS });
  return textContaining(page, SELECTORS.hover, expected);
}

/**
 * The page inside the (first) webview panel: VS Code nests it as iframe.webview › iframe#active-frame,
 * and a webview's content is drawn over its editor group rather than inside it.
 */
export function webviewContent(page) {
  return page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame');
}

export async function dismiss(page) {
  await page.keyboard.press('Escape');
}
