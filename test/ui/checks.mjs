// The UI checks, in order: what a person sees after installing the VSIX and opening the example.
// Each check gets the page and the run's context; later checks may rely on earlier ones' state.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { dismiss, goToLine, hoverShowing, problemsShowing, quickOpen, runCommand, SELECTORS, suggestionsShowing, textContaining, TIMEOUT_MS, webviewContent, workbenchReady } from './workbench.mjs';

const BROKEN = 'broken-mappings.dataflow.yaml';
const CONTACTS = 'contacts.dataflow.yaml';

/** 1-based line and the column just after `prefix` on the first line that starts with it. */
function cursorAfter(file, prefix) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((l) => l.startsWith(prefix));
  if (index < 0) throw new Error(`no line starting with '${prefix}' in ${file}`);
  return { line: index + 1, column: prefix.length + 1 };
}

/** @type {{ name: string, run: (page: import('playwright-core').Page, ctx: any) => Promise<string | void> }[]} */
export const CHECKS = [
  {
    name: 'the workbench opens the example workspace',
    async run(page) {
      await workbenchReady(page);
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'dataflows' }).first().waitFor({ timeout: TIMEOUT_MS });
    },
  },
  {
    name: `quick open finds and opens dataflows/${BROKEN}`,
    async run(page) {
      await quickOpen(page, BROKEN);
    },
  },
  {
    name: 'the Problems panel lists our diagnostics for the broken fixture',
    async run(page, ctx) {
      // Proves the installed VSIX activated and its bundled server ran: nothing else knows these codes.
      const text = await problemsShowing(page, [BROKEN, 'FirstNam', 'unknown-source-field', 'crm-dataflow', 'concatt', 'expr-unknown-function']);
      await page.locator(SELECTORS.errorSquiggle).first().waitFor({ timeout: TIMEOUT_MS });
      const rows = await page.locator(SELECTORS.problemRows).count();
      if (rows < 5) throw new Error(`expected the file and several problems in the panel, saw ${rows} rows: ${text.slice(0, 400)}`);
      await ctx.screenshot('diagnostics', ['.part.editor', '.part.panel']);
      return `${rows} rows visible`;
    },
  },
  {
    name: 'the CRM Dataflows view lists the connections of crmflow.yaml (when the extension contributes it)',
    async run(page, ctx) {
      const containers = ctx.manifest.contributes?.viewsContainers?.activitybar ?? [];
      const ours = containers.find((c) => /crm dataflows/i.test(c.title ?? ''));
      if (!ours) return 'SKIPPED: package.json contributes no activity-bar view container yet';
      const item = page.locator(SELECTORS.activityBarItem(ours.title)).first();
      await item.waitFor({ timeout: TIMEOUT_MS });
      await item.click();
      const views = ctx.manifest.contributes?.views?.[ours.id] ?? [];
      // One view: its name is in the side bar title; several: each has a section header (both upper-cased by CSS).
      const names = views.map((v) => v.name);
      await textContaining(page, '.part.sidebar', names.map((n) => n.toUpperCase()));
      const connections = Object.keys(parse(readFileSync(join(ctx.workspace, 'crmflow.yaml'), 'utf8')).connections ?? {});
      const rows = page.locator('.part.sidebar .monaco-list-row');
      for (const name of connections) await rows.filter({ hasText: name }).first().waitFor({ timeout: TIMEOUT_MS });
      // The emulator connection has the example's describe cache: expanding it lists those objects, offline.
      await rows.filter({ hasText: /emulator/ }).first().click();
      // Objects may sit in a group ("Standard objects 9"): open it too.
      const group = rows.filter({ hasText: /objects/i }).and(page.locator('[aria-expanded="false"]')).first();
      await group.waitFor({ timeout: 5_000 }).then(() => group.click(), () => {});
      // A row's text is its label then its description (the object's label, here the same word).
      const objectRow = (name) => rows.filter({ hasText: new RegExp(`^\\s*${name}(\\s|${name}|$)`) }).first();
      for (const object of ['Contact', 'Account']) await objectRow(object).waitFor({ timeout: TIMEOUT_MS });
      // Contact's fields, from the describe cache too.
      await objectRow('Contact').click();
      for (const field of ['FirstName', 'Email']) await rows.filter({ hasText: field }).first().waitFor({ timeout: TIMEOUT_MS });
      await ctx.screenshot('org-view', ['.part.sidebar']);
      return `'${ours.title}' › ${names.join(', ')}: ${connections.join(', ')}; ${await rows.count()} rows with the emulator org and Contact expanded`;
    },
  },
  {
    name: 'completion on a target path shows the XDM fields of the schema',
    async run(page, ctx) {
      await page.keyboard.press('Control+J');   // the panel closes: the editor gets the room
      await page.locator(SELECTORS.panel).waitFor({ state: 'hidden', timeout: TIMEOUT_MS });
      await quickOpen(page, CONTACTS);
      const at = cursorAfter(join(ctx.workspace, 'dataflows', CONTACTS), '    target: person.name.');
      await goToLine(page, at.line, at.column);
      const labels = await suggestionsShowing(page, ['firstName', 'lastName', 'fullName']);
      await ctx.screenshot('completion', ['.part.editor']);
      await dismiss(page);
      return `${labels.length} suggestions visible`;
    },
  },
  {
    name: 'hover on a function shows its signature and documentation',
    async run(page, ctx) {
      const at = cursorAfter(join(ctx.workspace, 'dataflows', CONTACTS), '  - expression: lo');
      await goToLine(page, at.line, at.column);
      await hoverShowing(page, ['lower(INPUT: STRING): STRING', 'Converts a string to lower case']);
      await ctx.screenshot('hover', ['.part.editor']);
      await dismiss(page);
    },
  },
  {
    name: 'Preview Records from the command palette shows the dataflow\'s emulator records in a table',
    async run(page, ctx) {
      // The palette command previews the active dataflow: its object, the fields it maps, its where clause.
      await quickOpen(page, CONTACTS);
      await runCommand(page, 'CRM Dataflows: Preview Records');
      await page.locator(SELECTORS.tab, { hasText: 'Contact records (acme)' }).first().waitFor({ timeout: TIMEOUT_MS });
      const table = webviewContent(page);
      const rows = table.locator('tbody tr');
      await rows.first().waitFor({ timeout: TIMEOUT_MS });
      const headers = await table.locator('thead th').allInnerTexts();
      // Id first, then the source fields the dataflow maps in mapping order (an expression's fields are no columns)
      const expected = ['Id', 'FirstName', 'LastName', 'Account.Name'];
      if (headers[0] !== 'Id' || !expected.every((h) => headers.includes(h)) || headers.includes('Email')) {
        throw new Error(`expected the columns to start with Id and hold ${expected.join(', ')} but not Email; saw ${headers.join(', ')}`);
      }
      const count = await rows.count();
      if (count < 1 || count > ctx.emulatorRecords) throw new Error(`expected 1-${ctx.emulatorRecords} rows of the emulator's Contacts, saw ${count}`);
      const ids = await table.locator('tbody tr td:first-child').allInnerTexts();
      const notIds = ids.filter((id) => !/^003[A-Za-z0-9]{12,15}$/.test(id));
      if (notIds.length > 0) throw new Error(`the Id column holds non-Contact ids: ${notIds.slice(0, 5).join(', ')}`);
      // the webview is drawn over the editor group it opened in (beside the dataflow)
      await ctx.screenshot('preview-records', ['.part.editor .editor-group-container >> nth=1']);
      return `${count} rows × ${headers.length} columns (${headers.slice(0, 5).join(', ')}, …)`;
    },
  },
];
