/** What the data-API handlers share: metadata, records, the clock. One per running emulator. */
import type { Catalog } from '../metadata/catalog';
import type { DataStore } from '../data/dataStore';
import type { FaultPlan } from '../faults';

export interface ApiContext {
  catalog: Catalog;
  store: DataStore;
  faults: FaultPlan;
  /** the org's current time (options.now plus the time the emulator has been running) */
  clock(): number;
  /** when describe metadata last changed (for If-Modified-Since) */
  metadataModifiedMs(): number;
  /** newest API version served */
  apiVersion: string;
}

/** One request to `/services/data/v{version}/{rest}`. */
export interface ApiRequest {
  method: string;
  version: string;
  /** path segments after the version, decoded */
  segments: string[];
  url: URL;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}
