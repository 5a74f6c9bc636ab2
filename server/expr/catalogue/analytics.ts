/**
 * Adobe Analytics functions (reference/aep.md §2.4). AEP offers them only in Analytics /
 * Web SDK (streaming) flows, so they are listed for completion and hover but cannot run in
 * a Salesforce source dataflow: the checker reports them, and at run time they raise.
 */
import type { FunctionSpec, Value } from './spec';
import { param } from './build';
import { fail } from './values';

const UNSUPPORTED = 'Only for Adobe Analytics / Web SDK flows';

const EVENT_STRING = param('EVENT_STRING', 'string', 'The comma-separated Analytics event string.');
const PRODUCTS_STRING = param('PRODUCTS_STRING', 'string', 'The Analytics products string.');
const PRODUCTS = '";Example product 1;1;3.50,Example category 2;Example product 2;1;5.99"';

function analytics(name: string, params: FunctionSpec['params'], returns: FunctionSpec['returns'], doc: string, call: string, result: Value, aliases?: string[]): FunctionSpec {
  return {
    name,
    category: 'analytics',
    params,
    returns,
    doc,
    examples: [{ call, result }],
    ...(aliases ? { aliases } : {}),
    unsupported: UNSUPPORTED,
    pure: true,
    impl: () => fail(name, 'only available in Adobe Analytics / Web SDK flows'),
  };
}

export const analyticsFunctions: readonly FunctionSpec[] = [
  analytics('aa_get_event_id', [EVENT_STRING, param('EVENT_NAME', 'string', 'The event whose id to extract.')], 'string',
    'Extracts the id of an event from an Analytics event string.', 'aa_get_event_id("event101=5:123456,scOpen", "event101")', '123456'),
  analytics('aa_get_event_value', [EVENT_STRING, param('EVENT_NAME', 'string', 'The event whose value to extract.')], 'string',
    'Extracts the value of an event from an Analytics event string (1 when none is given).', 'aa_get_event_value("event101=5:123456,scOpen", "event101")', '5'),
  analytics('aa_get_product_categories', [PRODUCTS_STRING], 'array',
    'Extracts the product categories from an Analytics products string.', `aa_get_product_categories(${PRODUCTS})`, [null, 'Example category 2']),
  analytics('aa_get_product_names', [PRODUCTS_STRING], 'array',
    'Extracts the product names from an Analytics products string.', `aa_get_product_names(${PRODUCTS})`, ['Example product 1', 'Example product 2']),
  analytics('aa_get_product_quantity', [PRODUCTS_STRING], 'array',
    'Extracts the quantities from an Analytics products string.', 'aa_get_product_quantity(";Example product 1;1;3.50,Example category 2;Example product 2")', ['1', null]),
  analytics('aa_get_product_prices', [PRODUCTS_STRING], 'array',
    'Extracts the prices from an Analytics products string.', 'aa_get_product_prices(";Example product 1;1;3.50,Example category 2;Example product 2")', ['3.50', null], ['aa_get_product_price']),
  analytics('aa_get_product_event_values', [PRODUCTS_STRING, param('EVENT_NAME', 'string', 'The event whose values to extract.')], 'array',
    'Extracts the values of a named event from the products string.', 'aa_get_product_event_values(";Example product 1;1;4.20;event1=2.3|event2=5:1,;Example product 2;1;4.20;event1=3|event2=2:2", "event1")', ['2.3', '3']),
  analytics('aa_get_product_evars', [PRODUCTS_STRING, param('EVAR_NAME', 'string', 'The eVar to extract.')], 'array',
    'Extracts the values of a named eVar from the products string.', 'aa_get_product_evars(";Example product;1;6.69;;eVar1=Merchandising value", "eVar1")', ['Merchandising value']),
];
