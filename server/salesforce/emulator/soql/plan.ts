/** The validated form of a SOQL query that the emulator executes. */
import type { FieldDescribe } from '../../describeTypes';
import type { CatalogObject } from '../metadata/catalog';

export interface Hop {
  /** canonical relationship name (`Account`, `Owner`) */
  name: string;
  /** the reference field on the object before the hop (`AccountId`) */
  field: FieldDescribe;
  target: CatalogObject;
}

export interface FieldPath {
  hops: Hop[];
  field: FieldDescribe;
  /** object that owns `field` */
  object: CatalogObject;
  /** canonical dotted path (`Account.Owner.Name`), used as JSON key path and Bulk CSV header */
  display: string;
}

export type Literal =
  | { kind: 'null' }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'date'; ms: number }
  | { kind: 'datetime'; ms: number }
  /** a date literal such as TODAY or LAST_N_DAYS:7, as the half-open UTC range [startMs, endMs) */
  | { kind: 'range'; startMs: number; endMs: number };

export type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'IN' | 'NOT IN' | 'INCLUDES' | 'EXCLUDES';

export type Predicate =
  | { kind: 'and' | 'or'; items: Predicate[] }
  | { kind: 'not'; item: Predicate }
  | { kind: 'compare'; path: FieldPath; operator: Operator; values: Literal[] };

export interface ChildSubquery {
  kind: 'subquery';
  relationshipName: string;
  /** `Child.Field` key of the relationship (`Contact.AccountId`) */
  relationshipKey: string;
  plan: QueryPlan;
}

export type SelectItem =
  | { kind: 'field'; path: FieldPath }
  | ChildSubquery
  | { kind: 'count'; alias: string; path: FieldPath | null };

export interface OrderKey {
  path: FieldPath;
  descending: boolean;
  nullsLast: boolean;
}

export interface QueryPlan {
  soql: string;
  object: CatalogObject;
  items: SelectItem[];
  /** `SELECT COUNT() FROM …`: only totalSize is returned */
  countOnly: boolean;
  /** `SELECT COUNT(Id) …`: one AggregateResult row */
  aggregate: boolean;
  where: Predicate | null;
  orderBy: OrderKey[];
  limit: number | null;
  offset: number;
  usesFieldsFunction: boolean;
  /** compound (address/location) fields in the SELECT list */
  compoundFields: string[];
}

export interface SoqlError {
  errorCode: 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE' | 'NUMBER_OUTSIDE_VALID_RANGE';
  message: string;
}
