import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stripIndices, XDM_TYPES, xdmToExprType, type XdmType } from '../../../server/xdm/schema';

test('xdmToExprType maps every XDM type to an expression type', () => {
  const expected: Record<XdmType, string> = {
    string: 'string', number: 'number', integer: 'number', long: 'number', int: 'number', short: 'number', byte: 'number',
    boolean: 'boolean', date: 'date', 'date-time': 'datetime', object: 'object', array: 'array', map: 'map',
  };
  for (const xdmType of XDM_TYPES) assert.equal(xdmToExprType({ xdmType }), expected[xdmType], xdmType);
  // A string that only says its format in `format` is still a date.
  assert.equal(xdmToExprType({ xdmType: 'string', format: 'date' }), 'date');
  assert.equal(xdmToExprType({ xdmType: 'string', format: 'date-time' }), 'datetime');
  assert.equal(xdmToExprType({ xdmType: 'string', format: 'email' }), 'string');
});

test('stripIndices removes [n], [*] and [] but nothing else', () => {
  assert.equal(stripIndices('a[0].b[*].c[]'), 'a.b.c');
  assert.equal(stripIndices('personComponents[12].workEmail.address'), 'personComponents.workEmail.address');
  assert.equal(stripIndices('plain.path'), 'plain.path');
  assert.equal(stripIndices('odd[x].y'), 'odd[x].y');
});
