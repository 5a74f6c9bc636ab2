/** Special operations (reference/aep.md §2.4 "Special"): generated ids and FPID → ECID. */
import { createHash, randomUUID } from 'node:crypto';
import type { FunctionSpec } from './spec';
import { param } from './build';
import { arg, asString, fail, isNull } from './values';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MASK_63 = (1n << 63n) - 1n;

/**
 * A deterministic ECID for an FPID. Adobe does not document its algorithm, so this is our
 * own derivation with the ECID's shape (38 decimal digits = two 63-bit numbers, each
 * zero-padded to 19 digits): the SHA-256 of the FPID (UUIDs lower-cased) gives the two
 * numbers from its first 16 bytes. Same FPID → same ECID, but values differ from Adobe's.
 */
export function fpidToEcid(fpid: string): string {
  const text = UUID.test(fpid) ? fpid.toLowerCase() : fpid;
  const digest = createHash('sha256').update(text, 'utf8').digest();
  const high = digest.readBigUInt64BE(0) & MASK_63;
  const low = digest.readBigUInt64BE(8) & MASK_63;
  return high.toString().padStart(19, '0') + low.toString().padStart(19, '0');
}

export const specialFunctions: readonly FunctionSpec[] = [
  {
    name: 'uuid',
    category: 'special',
    params: [],
    returns: 'string',
    doc: 'Generates a random (version 4) UUID; a new one on every call.',
    examples: [{ call: 'uuid()', result: '7c0267d2-bb74-4e1a-9275-3bf4fccda5f4' }, { call: 'guid()', result: 'c7016dc7-3163-43f7-afc7-2e1c9c206333' }],
    aliases: ['guid'],
    pure: false,
    impl: () => randomUUID(),
  },
  {
    name: 'fpid_to_ecid',
    category: 'special',
    params: [param('STRING', 'string', 'The first-party device id (FPID), usually a UUID.')],
    returns: 'string',
    doc: "Converts an FPID into a 38-digit ECID, deterministically. Adobe's algorithm is undocumented, so this engine's values differ from AEP's (AEP documents 28880788470263023831040523038280731744 for the example FPID).",
    examples: [{ call: 'fpid_to_ecid("4ed70bee-b654-420a-a3fd-b58b6b65e991")', result: '73496863882001560886561324976578208773' }],
    pure: true,
    impl: (args) => {
      if (isNull(args[0])) return null;
      const fpid = asString('fpid_to_ecid', 'STRING', arg(args, 0)).trim();
      if (fpid === '') fail('fpid_to_ecid', 'the FPID is empty');
      return fpidToEcid(fpid);
    },
  },
];
