/**
 * Deterministic base records: row i of an object is a pure function of (org shape, i). Related ids
 * follow fixed arithmetic (contact i belongs to account ⌊i/4⌋, opportunity j to account ⌊j/2⌋, …)
 * so every reference points at a row that exists, and nothing has to be kept in memory.
 */
import { restDateTime, isoDate, RestDateTimeFormatter } from './format';
import { RecordIdSequence } from '../ids';
import { CONTACTS_PER_INDIVIDUAL, KEY_PREFIXES, OrgShape } from './orgShape';
import { RowRandom } from './random';
import { QUEUE_GROUP_INDEXES, SetupRecords } from './setupRecords';
import {
  CAMPAIGN_TOPICS, CITIES, City, COMPANY_NOUNS, COMPANY_PREFIXES, COMPANY_SUFFIXES, DEPARTMENTS, FIRST_NAMES, LAST_NAMES,
  NAICS, NOTES, PRODUCTS, STREET_NAMES, TITLES,
} from './vocabulary';
import {
  ACCOUNT_TYPES, CAMPAIGN_STATUSES, CAMPAIGN_TYPES, CHANNELS, CLEAN_STATUSES, CONTACT_ROLES, FORECAST_CATEGORIES, INDUSTRIES,
  LEAD_SOURCES, LEAD_STATUSES, LOCALES, MEMBER_STATUSES, OPPORTUNITY_TYPES, PRODUCT_INTERESTS, RATINGS, STAGES, TIERS, TIME_ZONES,
} from '../metadata/standardObjects';

export type Row = Record<string, unknown>;

const DAY_MS = 86_400_000;

/** Salts name the independent random draws of a row, so adding a field never shifts others. */
const enum S {
  First = 1, Last, Salutation, City, StreetNo, Street, Phone, Mobile, Title, Department, Source, Birth, Note, Owner,
  Creator, Modifier, Created, Modified, Flag1, Flag2, Flag3, Tier, Points, Channels, Score, NoAccount, Deleted,
  Type, Industry, Revenue, Employees, Rating, Amount, Stage, Close, Campaign, Role, Status, Start, Dur, Cost, Other,
  // Appended, never inserted: a salt's number is part of every generated value that uses it. Spaced
  // by 10 so that `salt + k` draws of one field never meet another field's salt.
  Duns = 200, Tradestyle = 210, Naics = 220, YearStarted = 230, Clean = 240, Queue = 250, Rollup = 260, Permission = 270,
}

function nullable<T>(r: RowRandom, salt: number, probabilityNull: number, value: () => T): T | null {
  return r.chance(salt + 100, probabilityNull) ? null : value();
}

function streetLine(r: RowRandom): string {
  return `${r.between(S.StreetNo, 1, 9999)} ${r.pick(S.Street, STREET_NAMES)}`;
}

function phoneNumber(r: RowRandom, salt: number, city: City): string {
  const line = String(r.between(salt, 100, 9999)).padStart(4, '0');
  return city.country === 'United States' || city.country === 'Canada'
    ? `(${city.areaCode}) 555-${line}`
    : `+${city.country === 'United Kingdom' ? '44' : city.country === 'Germany' ? '49' : city.country === 'France' ? '33' : city.country === 'Japan' ? '81' : city.country === 'Australia' ? '61' : '55'} ${city.areaCode} 555 ${line}`;
}

function slug(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
}

const ADDRESS_PARTS = ['Street', 'City', 'State', 'PostalCode', 'Country', 'Latitude', 'Longitude', 'GeocodeAccuracy'] as const;
const ACCURACIES = ['Address', 'Street', 'Zip'];

type AddressPrefix = '' | 'Billing' | 'Shipping' | 'Mailing' | 'Other';
/** Field names of each address prefix (`Mailing` → `MailingStreet`, …), computed once. */
const ADDRESS_KEYS: Readonly<Record<AddressPrefix, readonly string[]>> = Object.fromEntries(
  (['', 'Billing', 'Shipping', 'Mailing', 'Other'] as const).map((prefix) => [prefix, ADDRESS_PARTS.map((part) => prefix + part)]),
) as unknown as Record<AddressPrefix, readonly string[]>;

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function addressParts(prefix: AddressPrefix, r: RowRandom, city: City): Row {
  const k = ADDRESS_KEYS[prefix];
  const row: Row = {};
  row[k[0]] = streetLine(r);
  row[k[1]] = city.city;
  row[k[2]] = city.state;
  row[k[3]] = city.postalCode;
  row[k[4]] = city.country;
  row[k[5]] = round6(city.latitude + (r.unit(S.Other) - 0.5) / 50);
  row[k[6]] = round6(city.longitude + (r.unit(S.Other + 1) - 0.5) / 50);
  row[k[7]] = ACCURACIES[r.below(S.Other + 2, 3)];
  return row;
}

function emptyAddress(prefix: AddressPrefix): Row {
  const row: Row = {};
  for (const key of ADDRESS_KEYS[prefix]) row[key] = null;
  return row;
}

const SALUTATIONS = ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.', 'Mx.'];

/**
 * Selected fields of base rows, read a row at a time: after `at(i)`, `value(k)` is exactly
 * `generate(object, i)[fields[k]]` (undefined for a field the row lacks).
 */
export interface ColumnReader {
  at(index: number): void;
  value(k: number): unknown;
}

/** The fallback reader: generates the whole row once per row, on the first value asked of it. */
class FullRowReader implements ColumnReader {
  private index = 0;
  private row: Row | null = null;

  constructor(private readonly generator: RecordGenerator, private readonly object: string, private readonly fields: readonly string[]) {}

  at(index: number): void {
    this.index = index;
    this.row = null;
  }

  value(k: number): unknown {
    this.row ??= this.generator.generate(this.object, this.index);
    return this.row[this.fields[k]];
  }
}

export class RecordGenerator {
  /** slug() of vocabulary text: the inputs are a few thousand word combinations, each slugged once. */
  private readonly slugs = new Map<string, string>();
  /** slug of `first.last` by first name (null: none) then last name */
  private readonly nameSlugs = new Map<string | null, Map<string, string>>();

  private readonly setup: SetupRecords;

  constructor(readonly org: OrgShape) {
    this.setup = new SetupRecords(this);
  }

  slugOf(text: string): string {
    let s = this.slugs.get(text);
    if (s === undefined) {
      s = slug(text);
      this.slugs.set(text, s);
    }
    return s;
  }

  /** A reader of `fields` of base rows of `object` that computes only what those fields need where it can. */
  columns(object: string, fields: readonly string[]): ColumnReader {
    if (object === 'Contact') return new ContactColumns(this, fields);
    return new FullRowReader(this, object, fields);
  }

  /** Whether base row `index` is soft-deleted (before any mutation). Junction rows follow their parents. */
  baseDeleted(object: string, index: number): boolean {
    switch (object) {
      case 'Contact': case 'Lead': case 'Opportunity':
        return this.org.random(object, index).chance(S.Deleted, 0.025);
      case 'OpportunityContactRole':
        return this.baseDeleted('Opportunity', index) || this.baseDeleted('Contact', this.ocrContactIndex(index));
      case 'AccountContactRelation':
        return this.baseDeleted('Contact', index);
      case 'CampaignMember':
        return index % 2 === 0 ? this.baseDeleted('Contact', index) : this.baseDeleted('Lead', Math.floor(index / 2));
      default:
        return false;
    }
  }

  /** Base row `index` of `object` with every non-compound field (compound values are built on output). */
  generate(object: string, index: number): Row {
    switch (object) {
      case 'Account': return this.account(index);
      case 'Contact': return this.contact(index);
      case 'Lead': return this.lead(index);
      case 'Opportunity': return this.opportunity(index);
      case 'OpportunityContactRole': return this.opportunityContactRole(index);
      case 'Campaign': return this.campaign(index);
      case 'CampaignMember': return this.campaignMember(index);
      case 'AccountContactRelation': return this.accountContactRelation(index);
      case 'User': return this.user(index);
      default: {
        const row = this.setup.generate(object, index);
        if (!row) throw new Error(`no generator for ${object}`);
        return row;
      }
    }
  }

  /**
   * Base rows of the child object that may point at parent row `parentIndex` through the
   * relationship `Child.Field`, from the same arithmetic that generated them; null = scan them all.
   */
  childCandidates(relationshipKey: string, parentIndex: number): number[] | null {
    const range = (from: number, n: number, object: string) =>
      Array.from({ length: n }, (_, k) => from + k).filter((i) => i < this.org.count(object));
    const p = parentIndex;
    switch (relationshipKey) {
      case 'Contact.AccountId': return range(4 * p, 4, 'Contact');
      case 'AccountContactRelation.AccountId': return range(4 * p, 4, 'AccountContactRelation');
      case 'Opportunity.AccountId': return range(2 * p, 2, 'Opportunity');
      case 'AccountContactRelation.ContactId': return range(p, 1, 'AccountContactRelation');
      case 'OpportunityContactRole.OpportunityId': return range(p, 1, 'OpportunityContactRole');
      case 'OpportunityContactRole.ContactId': return p % 4 < 2 ? range(2 * Math.floor(p / 4) + (p % 4), 1, 'OpportunityContactRole') : [];
      case 'CampaignMember.ContactId': return range(p, 1, 'CampaignMember');
      case 'CampaignMember.LeadId': return range(2 * p + 1, 1, 'CampaignMember');
      case 'Contact.ReportsToId': return p % 4 === 0 ? range(p + 1, 3, 'Contact') : [];
      case 'Opportunity.ContactId': return p % 4 === 0 ? range(2 * (p / 4), 2, 'Opportunity') : [];
      case 'Account.ParentId': return range(10 * p, 10, 'Account');
      case 'User.ManagerId': return range(5 * p, 5, 'User');
      case 'Contact.IndividualId': return range(CONTACTS_PER_INDIVIDUAL * p, 1, 'Contact');
      case 'Lead.IndividualId': case 'User.IndividualId': return [];
      default: return null;
    }
  }

  /** Contact i's account index, or null for the few private contacts. */
  contactAccountIndex(index: number): number | null {
    return this.org.random('Contact', index).chance(S.NoAccount, 0.03) ? null : Math.floor(index / 4);
  }

  ocrContactIndex(index: number): number {
    return Math.min(this.org.count('Contact') - 1, 4 * Math.floor(index / 2) + (index % 2));
  }

  companyName(accountIndex: number): string {
    const r = this.org.random('Account', accountIndex);
    return `${r.pick(S.First, COMPANY_PREFIXES)} ${r.pick(S.Last, COMPANY_NOUNS)} ${r.pick(S.Salutation, COMPANY_SUFFIXES)}`;
  }

  companyDomain(accountIndex: number): string {
    const r = this.org.random('Account', accountIndex);
    return `${this.slugOf(r.pick(S.First, COMPANY_PREFIXES))}${this.slugOf(r.pick(S.Last, COMPANY_NOUNS))}.example.com`;
  }

  userId(r: RowRandom, salt: number): string {
    return this.org.id('User', r.below(salt, this.org.count('User')));
  }

  /** Audit fields: CreatedDate ≤ LastModifiedDate ≤ SystemModstamp, with the stamp from the org time line. */
  audit(object: string, index: number, r: RowRandom): Row {
    const stamp = this.org.stampMs(object, index);
    const created = stamp - r.below(S.Created, 400) * DAY_MS - r.below(S.Created + 1, 86_400) * 1000;
    const modified = r.chance(S.Modified, 0.7) ? stamp : Math.max(created, stamp - r.below(S.Modified + 1, 3600) * 1000);
    return {
      CreatedDate: restDateTime(created),
      CreatedById: this.userId(r, S.Creator),
      LastModifiedDate: restDateTime(modified),
      LastModifiedById: this.userId(r, S.Modifier),
      SystemModstamp: restDateTime(stamp),
    };
  }

  private activity(r: RowRandom, stampMs: number): Row {
    return {
      LastActivityDate: nullable(r, S.Flag3, 0.5, () => isoDate(stampMs - r.below(S.Flag3, 60) * DAY_MS)),
      LastViewedDate: null,
      LastReferencedDate: null,
    };
  }

  /** Without Data.com Clean most records stay Pending. */
  private cleanStatus(r: RowRandom): string {
    return r.chance(S.Clean, 0.8) ? 'Pending' : r.pick(S.Clean + 1, CLEAN_STATUSES);
  }

  private person(object: string, index: number): { first: string | null; last: string; salutation: string | null; r: RowRandom } {
    const r = this.org.random(object, index);
    return {
      first: nullable(r, S.First, 0.02, () => r.pick(S.First, FIRST_NAMES)),
      last: r.pick(S.Last, LAST_NAMES),
      salutation: nullable(r, S.Salutation, 0.25, () => r.pick(S.Salutation, SALUTATIONS)),
      r,
    };
  }

  private account(a: number): Row {
    const r = this.org.random('Account', a);
    const city = r.pick(S.City, CITIES);
    const billing = addressParts('Billing', r, city);
    const audit = this.audit('Account', a, r);
    const domain = this.companyDomain(a);
    const sameShipping = r.chance(S.Flag1, 0.7);
    const shipping: Row = {};
    for (const [key, value] of Object.entries(billing)) shipping[key.replace('Billing', 'Shipping')] = sameShipping ? value : null;
    const naics = nullable(r, S.Naics, 0.5, () => r.pick(S.Naics, NAICS));
    return {
      Id: this.org.id('Account', a),
      IsDeleted: false,
      MasterRecordId: null,
      Name: this.companyName(a),
      Type: r.pick(S.Type, ACCOUNT_TYPES),
      ParentId: a >= 10 && r.chance(S.Flag2, 0.1) ? this.org.id('Account', Math.floor(a / 10)) : null,
      ...billing,
      ...shipping,
      Phone: phoneNumber(r, S.Phone, city),
      Fax: nullable(r, S.Mobile, 0.7, () => phoneNumber(r, S.Mobile, city)),
      AccountNumber: `ACC-${String(a + 1).padStart(7, '0')}`,
      Website: `https://www.${domain}`,
      PhotoUrl: `/services/images/photo/${this.org.id('Account', a)}`,
      Sic: String(r.between(S.Other + 3, 1000, 9999)),
      Industry: nullable(r, S.Industry, 0.05, () => r.pick(S.Industry, INDUSTRIES)),
      AnnualRevenue: nullable(r, S.Revenue, 0.2, () => r.between(S.Revenue, 50, 900_000) * 10_000),
      NumberOfEmployees: nullable(r, S.Employees, 0.1, () => r.between(S.Employees, 5, 250_000)),
      Ownership: r.pick(S.Other + 4, ['Public', 'Private', 'Subsidiary', 'Other']),
      TickerSymbol: nullable(r, S.Other + 5, 0.85, () => slug(this.companyName(a)).slice(0, 4).toUpperCase()),
      Description: nullable(r, S.Note, 0.8, () => r.pick(S.Note, NOTES)),
      Rating: nullable(r, S.Rating, 0.3, () => r.pick(S.Rating, RATINGS)),
      Site: nullable(r, S.Other + 6, 0.6, () => 'Headquarters'),
      OwnerId: this.userId(r, S.Owner),
      ...audit,
      ...this.activity(r, this.org.stampMs('Account', a)),
      Jigsaw: null,
      JigsawCompanyId: null,
      CleanStatus: this.cleanStatus(r),
      AccountSource: nullable(r, S.Source, 0.2, () => r.pick(S.Source, LEAD_SOURCES)),
      DunsNumber: nullable(r, S.Duns, 0.6, () => String(r.between(S.Duns, 1_000_000, 999_999_999)).padStart(9, '0')),
      Tradestyle: nullable(r, S.Tradestyle, 0.9, () => this.companyName(a).split(' ')[0]),
      NaicsCode: naics?.code ?? null,
      NaicsDesc: naics?.description ?? null,
      YearStarted: nullable(r, S.YearStarted, 0.5, () => String(r.between(S.YearStarted, 1890, 2022))),
      SicDesc: null,
      Customer_Tier__c: nullable(r, S.Tier, 0.3, () => r.pick(S.Tier, TIERS)),
      Customer_Since__c: nullable(r, S.Start, 0.4, () => isoDate(this.org.nowMs - r.between(S.Start, 30, 3650) * DAY_MS)),
      External_Key__c: `A-${String(a + 1).padStart(8, '0')}`,
      Is_Strategic__c: r.chance(S.Flag3, 0.08),
      HQ_Location__Latitude__s: Number((billing.BillingLatitude as number).toFixed(5)),
      HQ_Location__Longitude__s: Number((billing.BillingLongitude as number).toFixed(5)),
    };
  }

  private contact(i: number): Row {
    const { first, last, salutation, r } = this.person('Contact', i);
    const accountIndex = this.contactAccountIndex(i);
    const city = r.pick(S.City, CITIES);
    const audit = this.audit('Contact', i, r);
    const domain = accountIndex === null ? 'mail.example.org' : this.companyDomain(accountIndex);
    const localPart = this.contactLocalPart(first, last, i);
    const channels = CHANNELS.filter((_, k) => r.chance(S.Channels + k * 7, 0.35));
    return {
      Id: this.org.id('Contact', i),
      IsDeleted: this.baseDeleted('Contact', i),
      MasterRecordId: null,
      AccountId: accountIndex === null ? null : this.org.id('Account', accountIndex),
      LastName: last,
      FirstName: first,
      Salutation: salutation,
      Name: first ? `${first} ${last}` : last,
      ...(r.chance(S.Flag1, 0.9) ? emptyAddress('Other') : addressParts('Other', this.org.random('Contact', i + 7_777_777), r.pick(S.Other, CITIES))),
      ...addressParts('Mailing', r, city),
      Phone: nullable(r, S.Phone, 0.1, () => phoneNumber(r, S.Phone, city)),
      Fax: null,
      MobilePhone: nullable(r, S.Mobile, 0.4, () => phoneNumber(r, S.Mobile, city)),
      HomePhone: null,
      OtherPhone: null,
      AssistantPhone: null,
      ReportsToId: accountIndex !== null && i % 4 !== 0 && this.contactAccountIndex(i - (i % 4)) !== null ? this.org.id('Contact', i - (i % 4)) : null,
      Email: nullable(r, S.Flag2, 0.05, () => `${localPart}@${domain}`),
      Title: nullable(r, S.Title, 0.15, () => r.pick(S.Title, TITLES)),
      Department: nullable(r, S.Department, 0.3, () => r.pick(S.Department, DEPARTMENTS)),
      AssistantName: null,
      LeadSource: nullable(r, S.Source, 0.3, () => r.pick(S.Source, LEAD_SOURCES)),
      Birthdate: nullable(r, S.Birth, 0.4, () => isoDate(Date.UTC(1950, 0, 1) + r.below(S.Birth, 52 * 365) * DAY_MS)),
      Description: nullable(r, S.Note, 0.85, () => r.pick(S.Note, NOTES)),
      OwnerId: this.userId(r, S.Owner),
      HasOptedOutOfEmail: r.chance(S.Flag3, 0.1),
      HasOptedOutOfFax: r.chance(S.Flag3 + 50, 0.05),
      DoNotCall: r.chance(S.Flag3 + 51, 0.05),
      ...audit,
      LastActivityDate: nullable(r, S.Flag3 + 52, 0.5, () => isoDate(this.org.stampMs('Contact', i) - r.below(S.Flag3 + 52, 60) * DAY_MS)),
      LastCURequestDate: null,
      LastCUUpdateDate: null,
      LastViewedDate: null,
      LastReferencedDate: null,
      EmailBouncedReason: null,
      EmailBouncedDate: null,
      IsEmailBounced: false,
      PhotoUrl: `/services/images/photo/${this.org.id('Contact', i)}`,
      Jigsaw: null,
      JigsawContactId: null,
      CleanStatus: this.cleanStatus(r),
      IndividualId: i % CONTACTS_PER_INDIVIDUAL === 0 ? this.org.id('Individual', i / CONTACTS_PER_INDIVIDUAL) : null,
      Loyalty_Tier__c: nullable(r, S.Tier, 0.4, () => r.pick(S.Tier, TIERS)),
      Loyalty_Points__c: nullable(r, S.Points, 0.3, () => r.between(S.Points, 0, 50_000)),
      Preferred_Channels__c: channels.length ? channels.join(';') : null,
      External_Id__c: `C-${String(i + 1).padStart(8, '0')}`,
      Engagement_Score__c: nullable(r, S.Score, 0.2, () => Math.round(r.unit(S.Score) * 10_000) / 100),
      Days_Since_Created__c: Math.floor((this.org.nowMs - Date.parse((audit.CreatedDate as string).replace('+0000', 'Z'))) / DAY_MS),
    };
  }

  contactLocalPart(first: string | null, last: string, i: number): string {
    // Keyed by the two vocabulary strings (hashes cached), not by a freshly built one.
    let byLast = this.nameSlugs.get(first);
    if (byLast === undefined) this.nameSlugs.set(first, (byLast = new Map()));
    let s = byLast.get(last);
    if (s === undefined) byLast.set(last, (s = slug(`${first ?? ''}${first ? '.' : ''}${last}`)));
    return s + (i + 1);
  }

  private lead(l: number): Row {
    const { first, last, salutation, r } = this.person('Lead', l);
    const city = r.pick(S.City, CITIES);
    const status = r.pick(S.Status, LEAD_STATUSES);
    const converted = status === 'Closed - Converted';
    const accounts = this.org.count('Account');
    const stamp = this.org.stampMs('Lead', l);
    const company = `${r.pick(S.Other + 10, COMPANY_PREFIXES)} ${r.pick(S.Other + 11, COMPANY_NOUNS)}`;
    const address = addressParts('', r, city);
    return {
      Id: this.org.id('Lead', l),
      IsDeleted: this.baseDeleted('Lead', l),
      MasterRecordId: null,
      LastName: last,
      FirstName: first,
      Salutation: salutation,
      Name: first ? `${first} ${last}` : last,
      Title: nullable(r, S.Title, 0.2, () => r.pick(S.Title, TITLES)),
      Company: company,
      ...address,
      Phone: nullable(r, S.Phone, 0.2, () => phoneNumber(r, S.Phone, city)),
      MobilePhone: nullable(r, S.Mobile, 0.5, () => phoneNumber(r, S.Mobile, city)),
      Fax: null,
      Email: nullable(r, S.Flag2, 0.1, () => `${slug(`${first ?? 'info'}.${last}`)}${l + 1}@${slug(company)}.example.net`),
      Website: nullable(r, S.Other + 12, 0.5, () => `https://${slug(company)}.example.net`),
      PhotoUrl: null,
      Description: nullable(r, S.Note, 0.85, () => r.pick(S.Note, NOTES)),
      LeadSource: nullable(r, S.Source, 0.1, () => r.pick(S.Source, LEAD_SOURCES)),
      Status: status,
      Industry: nullable(r, S.Industry, 0.3, () => r.pick(S.Industry, INDUSTRIES)),
      Rating: nullable(r, S.Rating, 0.4, () => r.pick(S.Rating, RATINGS)),
      AnnualRevenue: nullable(r, S.Revenue, 0.5, () => r.between(S.Revenue, 10, 50_000) * 10_000),
      NumberOfEmployees: nullable(r, S.Employees, 0.4, () => r.between(S.Employees, 1, 20_000)),
      // A few leads wait in a queue: the polymorphic OwnerId then points at a Group.
      OwnerId: r.chance(S.Queue, 0.06) ? this.org.id('Group', r.pick(S.Queue + 1, QUEUE_GROUP_INDEXES)) : this.userId(r, S.Owner),
      HasOptedOutOfEmail: r.chance(S.Flag3, 0.1),
      IsConverted: converted,
      ConvertedDate: converted ? isoDate(stamp) : null,
      ConvertedAccountId: converted ? this.org.id('Account', l % accounts) : null,
      ConvertedContactId: converted ? this.org.id('Contact', Math.min(this.org.count('Contact') - 1, 4 * (l % accounts))) : null,
      ConvertedOpportunityId: converted && r.chance(S.Flag1, 0.5) ? this.org.id('Opportunity', Math.min(this.org.count('Opportunity') - 1, 2 * (l % accounts))) : null,
      IsUnreadByOwner: r.chance(S.Flag1 + 50, 0.3),
      ...this.audit('Lead', l, r),
      ...this.activity(r, stamp),
      Jigsaw: null,
      JigsawContactId: null,
      CleanStatus: this.cleanStatus(r),
      CompanyDunsNumber: nullable(r, S.Duns, 0.8, () => String(r.between(S.Duns, 1_000_000, 999_999_999)).padStart(9, '0')),
      EmailBouncedReason: null,
      EmailBouncedDate: null,
      IndividualId: null,
      Lead_Score__c: nullable(r, S.Score, 0.2, () => r.between(S.Score, 0, 100)),
      Product_Interest__c: nullable(r, S.Tier, 0.3, () => r.pick(S.Tier, PRODUCT_INTERESTS)),
    };
  }

  private opportunity(j: number): Row {
    const r = this.org.random('Opportunity', j);
    const accountIndex = Math.floor(j / 2);
    const stage = r.pick(S.Stage, STAGES);
    const stageIndex = STAGES.indexOf(stage);
    const closed = stage.startsWith('Closed');
    const won = stage === 'Closed Won';
    const probability = won ? 100 : closed ? 0 : Math.min(90, 10 + stageIndex * 10);
    const amount = nullable(r, S.Amount, 0.05, () => r.between(S.Amount, 5, 5000) * 100);
    const stamp = this.org.stampMs('Opportunity', j);
    const closeMs = stamp + (r.between(S.Close, -120, 180)) * DAY_MS;
    const closeDate = new Date(closeMs);
    const quarter = Math.floor(closeDate.getUTCMonth() / 3) + 1;
    const primaryContact = Math.min(this.org.count('Contact') - 1, 4 * accountIndex);
    return {
      Id: this.org.id('Opportunity', j),
      IsDeleted: this.baseDeleted('Opportunity', j),
      AccountId: this.org.id('Account', accountIndex),
      IsPrivate: false,
      Name: `${this.companyName(accountIndex)} - ${r.pick(S.Other, PRODUCTS)}`,
      Description: nullable(r, S.Note, 0.8, () => r.pick(S.Note, NOTES)),
      StageName: stage,
      Amount: amount,
      Probability: probability,
      ExpectedRevenue: amount === null ? null : Math.round(amount * probability) / 100,
      TotalOpportunityQuantity: nullable(r, S.Other + 1, 0.5, () => r.between(S.Other + 1, 1, 500)),
      CloseDate: isoDate(closeMs),
      Type: nullable(r, S.Type, 0.2, () => r.pick(S.Type, OPPORTUNITY_TYPES)),
      NextStep: closed ? null : nullable(r, S.Other + 2, 0.5, () => 'Send proposal'),
      LeadSource: nullable(r, S.Source, 0.3, () => r.pick(S.Source, LEAD_SOURCES)),
      IsClosed: closed,
      IsWon: won,
      ForecastCategory: won ? 'Closed' : closed ? 'Omitted' : FORECAST_CATEGORIES[1 + Math.min(2, Math.floor(stageIndex / 3))],
      ForecastCategoryName: won ? 'Closed' : closed ? 'Omitted' : ['Pipeline', 'Best Case', 'Commit'][Math.min(2, Math.floor(stageIndex / 3))],
      CampaignId: nullable(r, S.Campaign, 0.7, () => this.org.id('Campaign', r.below(S.Campaign, this.org.count('Campaign')))),
      HasOpportunityLineItem: false,
      OwnerId: this.userId(r, S.Owner),
      ...this.audit('Opportunity', j, r),
      LastActivityDate: nullable(r, S.Flag3, 0.5, () => isoDate(stamp - r.below(S.Flag3, 30) * DAY_MS)),
      FiscalQuarter: quarter,
      FiscalYear: closeDate.getUTCFullYear(),
      Fiscal: `${closeDate.getUTCFullYear()} ${quarter}`,
      ContactId: this.contactAccountIndex(primaryContact) === accountIndex ? this.org.id('Contact', primaryContact) : null,
      LastViewedDate: null,
      LastReferencedDate: null,
      HasOpenActivity: false,
      HasOverdueTask: false,
      Discount_Percent__c: nullable(r, S.Score, 0.6, () => r.between(S.Score, 0, 3000) / 100),
      Competitor__c: nullable(r, S.Other + 3, 0.7, () => `${r.pick(S.Other + 4, COMPANY_PREFIXES)} ${r.pick(S.Other + 5, COMPANY_NOUNS)}`),
    };
  }

  private opportunityContactRole(j: number): Row {
    const r = this.org.random('OpportunityContactRole', j);
    return {
      Id: this.org.id('OpportunityContactRole', j),
      OpportunityId: this.org.id('Opportunity', j),
      ContactId: this.org.id('Contact', this.ocrContactIndex(j)),
      Role: nullable(r, S.Role, 0.2, () => r.pick(S.Role, CONTACT_ROLES)),
      IsPrimary: j % 2 === 0,
      ...this.audit('OpportunityContactRole', j, r),
      IsDeleted: this.baseDeleted('OpportunityContactRole', j),
    };
  }

  private campaign(c: number): Row {
    const r = this.org.random('Campaign', c);
    const type = r.pick(S.Type, CAMPAIGN_TYPES);
    const stamp = this.org.stampMs('Campaign', c);
    const start = stamp - r.below(S.Start, 120) * DAY_MS;
    const budget = r.between(S.Cost, 5, 500) * 1000;
    const expectedRevenue = budget * r.between(S.Amount, 2, 10);
    const actualCost = nullable(r, S.Cost + 50, 0.3, () => Math.round(budget * (0.6 + r.unit(S.Cost + 50) * 0.6)));
    const numberSent = r.between(S.Other + 1, 100, 100_000);
    const leads = r.between(S.Other + 2, 0, 5000);
    const opportunities = r.between(S.Other + 5, 0, 100);
    const amountAll = r.between(S.Other + 6, 0, 1000) * 1000;
    // Won and converted counts are shares of their totals, so every roll-up stays consistent.
    const wonShare = r.unit(S.Rollup + 1) * 0.5;
    const rollups: Row = {
      NumberOfLeads: leads,
      NumberOfConvertedLeads: Math.floor(leads * r.unit(S.Rollup) * 0.3),
      NumberOfContacts: r.between(S.Other + 3, 0, 5000),
      NumberOfResponses: r.between(S.Other + 4, 0, 1000),
      NumberOfOpportunities: opportunities,
      NumberOfWonOpportunities: Math.floor(opportunities * wonShare),
      AmountAllOpportunities: amountAll,
      AmountWonOpportunities: Math.round((amountAll * wonShare) / 1000) * 1000,
    };
    // Hierarchy figures repeat the campaign's own: the emulator does not add child campaigns into their parent's.
    const hierarchy: Row = {};
    for (const [key, value] of Object.entries(rollups)) hierarchy[`Hierarchy${key}`] = value;
    return {
      Id: this.org.id('Campaign', c),
      IsDeleted: false,
      Name: `${new Date(start).getUTCFullYear()} ${r.pick(S.Other, CAMPAIGN_TOPICS)} (${type})`,
      ParentId: c > 0 && r.chance(S.Flag1, 0.3) ? this.org.id('Campaign', 0) : null,
      Type: type,
      Status: r.pick(S.Status, CAMPAIGN_STATUSES),
      StartDate: isoDate(start),
      EndDate: isoDate(start + r.between(S.Dur, 1, 90) * DAY_MS),
      ExpectedRevenue: expectedRevenue,
      BudgetedCost: budget,
      ActualCost: actualCost,
      ExpectedResponse: r.between(S.Score, 1, 2500) / 100,
      NumberSent: numberSent,
      IsActive: r.chance(S.Flag2, 0.6),
      Description: nullable(r, S.Note, 0.7, () => r.pick(S.Note, NOTES)),
      ...rollups,
      ...hierarchy,
      HierarchyNumberSent: numberSent,
      HierarchyExpectedRevenue: expectedRevenue,
      HierarchyBudgetedCost: budget,
      HierarchyActualCost: actualCost,
      OwnerId: this.userId(r, S.Owner),
      ...this.audit('Campaign', c, r),
      ...this.activity(r, stamp),
    };
  }

  private campaignMember(k: number): Row {
    const r = this.org.random('CampaignMember', k);
    const isContact = k % 2 === 0;
    const personObject = isContact ? 'Contact' : 'Lead';
    const personIndex = isContact ? k : Math.floor(k / 2);
    const person = this.generate(personObject, personIndex);
    const status = r.pick(S.Status, MEMBER_STATUSES);
    const responded = status === 'Responded';
    const stamp = this.org.stampMs('CampaignMember', k);
    const company = isContact
      ? (person.AccountId ? this.companyName(Math.floor(personIndex / 4)) : null)
      : person.Company;
    return {
      Id: this.org.id('CampaignMember', k),
      IsDeleted: this.baseDeleted('CampaignMember', k),
      CampaignId: this.org.id('Campaign', r.below(S.Campaign, this.org.count('Campaign'))),
      LeadId: isContact ? null : person.Id,
      ContactId: isContact ? person.Id : null,
      Status: status,
      HasResponded: responded,
      ...this.audit('CampaignMember', k, r),
      FirstRespondedDate: responded ? isoDate(stamp) : null,
      Salutation: person.Salutation,
      Name: person.Name,
      FirstName: person.FirstName,
      LastName: person.LastName,
      Title: person.Title,
      Street: isContact ? person.MailingStreet : person.Street,
      City: isContact ? person.MailingCity : person.City,
      State: isContact ? person.MailingState : person.State,
      PostalCode: isContact ? person.MailingPostalCode : person.PostalCode,
      Country: isContact ? person.MailingCountry : person.Country,
      Email: person.Email,
      Phone: person.Phone,
      Fax: person.Fax,
      MobilePhone: person.MobilePhone,
      Description: person.Description,
      DoNotCall: person.DoNotCall === true,
      HasOptedOutOfEmail: person.HasOptedOutOfEmail === true,
      HasOptedOutOfFax: person.HasOptedOutOfFax === true,
      LeadSource: person.LeadSource,
      CompanyOrAccount: company,
      Type: personObject,
      LeadOrContactId: person.Id,
      LeadOrContactOwnerId: person.OwnerId,
    };
  }

  private accountContactRelation(i: number): Row {
    const r = this.org.random('AccountContactRelation', i);
    const direct = this.contactAccountIndex(i);
    const roles = CONTACT_ROLES.filter((_, n) => r.chance(S.Role + n * 3, 0.15));
    const stamp = this.org.stampMs('AccountContactRelation', i);
    return {
      Id: this.org.id('AccountContactRelation', i),
      AccountId: this.org.id('Account', direct ?? Math.floor(i / 4)),
      ContactId: this.org.id('Contact', i),
      ...this.audit('AccountContactRelation', i, r),
      IsDeleted: this.baseDeleted('AccountContactRelation', i),
      StartDate: nullable(r, S.Start, 0.5, () => isoDate(stamp - r.below(S.Start, 1500) * DAY_MS)),
      EndDate: null,
      IsActive: r.chance(S.Flag1, 0.9),
      IsDirect: direct !== null,
      Roles: roles.length ? roles.join(';') : null,
      Relationship_Strength__c: nullable(r, S.Tier, 0.5, () => r.pick(S.Tier, ['Strong', 'Neutral', 'Weak'])),
    };
  }

  private user(u: number): Row {
    const { first, last, r } = this.person('User', u);
    const firstName = first ?? 'Alex';
    const city = r.pick(S.City, CITIES);
    const admin = u === 0;
    const username = admin ? ADMIN_USERNAME : `${slug(firstName)}.${slug(last)}${u}@acme.example.com`;
    return {
      Id: this.org.id('User', u),
      Username: username,
      LastName: admin ? 'Admin' : last,
      FirstName: admin ? 'Integration' : firstName,
      Name: admin ? 'Integration Admin' : `${firstName} ${last}`,
      CompanyName: 'Acme Emulated Org',
      Division: null,
      Department: admin ? 'IT' : r.pick(S.Department, DEPARTMENTS),
      Title: admin ? 'Integration User' : r.pick(S.Title, TITLES),
      ...addressParts('', r, city),
      Email: admin ? ADMIN_USERNAME : `${slug(firstName)}.${slug(last)}@acme.example.com`,
      SenderEmail: null,
      SenderName: null,
      Signature: null,
      Phone: phoneNumber(r, S.Phone, city),
      Fax: null,
      MobilePhone: nullable(r, S.Mobile, 0.5, () => phoneNumber(r, S.Mobile, city)),
      Alias: (slug(firstName).slice(0, 1) + slug(last).slice(0, 4) + u).slice(0, 8),
      CommunityNickname: `${slug(firstName)}${u}`,
      IsActive: admin || r.chance(S.Flag1, 0.9),
      TimeZoneSidKey: r.pick(S.Other, TIME_ZONES),
      UserRoleId: nullable(r, S.Role, 0.3, () => this.org.id('UserRole', r.below(S.Role, this.org.count('UserRole')))),
      LocaleSidKey: r.pick(S.Other + 1, LOCALES),
      ReceivesInfoEmails: false,
      ReceivesAdminInfoEmails: admin,
      EmailEncodingKey: 'UTF-8',
      // Profiles 1-4 are the Salesforce-licensed business profiles (Standard, Marketing, Contract, Solution).
      ProfileId: this.org.id('Profile', admin ? 0 : 1 + r.below(S.Type, 4)),
      UserType: 'Standard',
      LanguageLocaleKey: 'en_US',
      EmployeeNumber: String(1000 + u),
      DelegatedApproverId: null,
      ManagerId: admin ? null : this.org.id('User', Math.floor(u / 5)),
      LastLoginDate: restDateTime(this.org.nowMs - r.below(S.Other + 2, 30 * 86_400) * 1000),
      LastPasswordChangeDate: restDateTime(this.org.nowMs - r.below(S.Other + 4, 90 * 86_400) * 1000),
      ...this.audit('User', u, r),
      NumberOfFailedLogins: 0,
      UserPermissionsMarketingUser: admin || r.chance(S.Permission, 0.3),
      UserPermissionsOfflineUser: false,
      UserPermissionsKnowledgeUser: r.chance(S.Permission + 1, 0.2),
      UserPermissionsInteractionUser: admin,
      UserPermissionsSupportUser: r.chance(S.Permission + 2, 0.2),
      ForecastEnabled: r.chance(S.Permission + 3, 0.4),
      ContactId: null,
      AccountId: null,
      Extension: null,
      IsPortalEnabled: false,
      FederationIdentifier: null,
      AboutMe: null,
      FullPhotoUrl: 'https://emulator.my.salesforce.com/profilephoto/005/F',
      SmallPhotoUrl: 'https://emulator.my.salesforce.com/profilephoto/005/T',
      OutOfOfficeMessage: '',
      MediumPhotoUrl: 'https://emulator.my.salesforce.com/profilephoto/005/M',
      DigestFrequency: 'D',
      DefaultGroupNotificationFrequency: 'N',
      LastViewedDate: null,
      LastReferencedDate: null,
      IsProfilePhotoActive: false,
      IndividualId: null,
      Region__c: r.pick(S.Other + 3, ['AMER', 'EMEA', 'APAC']),
    };
  }
}

/**
 * Contact columns computed on their own. Each mirrors its line in `RecordGenerator.contact` (same
 * salts, same helpers); fields not listed here come from the full row.
 */
const CONTACT_COLUMNS: ReadonlyMap<string, (c: ContactColumns) => unknown> = new Map<string, (c: ContactColumns) => unknown>([
  ['Id', (c) => c.id()],
  ['IsDeleted', (c) => c.r.chance(S.Deleted, 0.025)],
  ['MasterRecordId', () => null],
  ['AccountId', (c) => { const a = c.accountIndex(); return a === null ? null : c.accountId(a); }],
  ['LastName', (c) => c.last()],
  ['FirstName', (c) => c.first()],
  ['Salutation', (c) => nullable(c.r, S.Salutation, 0.25, () => c.r.pick(S.Salutation, SALUTATIONS))],
  ['Name', (c) => { const first = c.first(); return first ? `${first} ${c.last()}` : c.last(); }],
  ['MailingStreet', (c) => c.mailing().MailingStreet],
  ['MailingCity', (c) => c.city().city],
  ['MailingState', (c) => c.city().state],
  ['MailingPostalCode', (c) => c.city().postalCode],
  ['MailingCountry', (c) => c.city().country],
  ['MailingLatitude', (c) => c.mailing().MailingLatitude],
  ['MailingLongitude', (c) => c.mailing().MailingLongitude],
  ['MailingGeocodeAccuracy', (c) => c.mailing().MailingGeocodeAccuracy],
  ['Phone', (c) => nullable(c.r, S.Phone, 0.1, () => phoneNumber(c.r, S.Phone, c.city()))],
  ['Fax', () => null],
  ['MobilePhone', (c) => nullable(c.r, S.Mobile, 0.4, () => phoneNumber(c.r, S.Mobile, c.city()))],
  ['HomePhone', () => null],
  ['OtherPhone', () => null],
  ['AssistantPhone', () => null],
  ['ReportsToId', (c) => {
    const i = c.index;
    return c.accountIndex() !== null && i % 4 !== 0 && c.generator.contactAccountIndex(i - (i % 4)) !== null ? c.org.id('Contact', i - (i % 4)) : null;
  }],
  ['Email', (c) => nullable(c.r, S.Flag2, 0.05, () => `${c.generator.contactLocalPart(c.first(), c.last(), c.index)}@${c.domain()}`)],
  ['Title', (c) => nullable(c.r, S.Title, 0.15, () => c.r.pick(S.Title, TITLES))],
  ['Department', (c) => nullable(c.r, S.Department, 0.3, () => c.r.pick(S.Department, DEPARTMENTS))],
  ['AssistantName', () => null],
  ['LeadSource', (c) => nullable(c.r, S.Source, 0.3, () => c.r.pick(S.Source, LEAD_SOURCES))],
  ['OwnerId', (c) => c.generator.userId(c.r, S.Owner)],
  ['HasOptedOutOfEmail', (c) => c.r.chance(S.Flag3, 0.1)],
  ['HasOptedOutOfFax', (c) => c.r.chance(S.Flag3 + 50, 0.05)],
  ['DoNotCall', (c) => c.r.chance(S.Flag3 + 51, 0.05)],
  ['CreatedDate', (c) => c.audit().CreatedDate],
  ['CreatedById', (c) => c.audit().CreatedById],
  ['LastModifiedDate', (c) => c.audit().LastModifiedDate],
  ['LastModifiedById', (c) => c.audit().LastModifiedById],
  ['SystemModstamp', (c) => c.stamps.format(c.org.stampMs('Contact', c.index, c.r))],
  ['LastCURequestDate', () => null],
  ['LastCUUpdateDate', () => null],
  ['LastViewedDate', () => null],
  ['LastReferencedDate', () => null],
  ['EmailBouncedReason', () => null],
  ['EmailBouncedDate', () => null],
  ['IsEmailBounced', () => false],
  ['PhotoUrl', (c) => `/services/images/photo/${c.id()}`],
  ['Jigsaw', () => null],
  ['External_Id__c', (c) => `C-${String(c.index + 1).padStart(8, '0')}`],
]);

/** Reads Contact columns, sharing one row's draws (name, city, account) between the columns that need them. */
class ContactColumns implements ColumnReader {
  index = 0;
  r: RowRandom;
  readonly org: OrgShape;
  private readonly getters: ((c: ContactColumns) => unknown)[];
  private idText: string | undefined;
  private firstName: string | null | undefined;
  private lastName: string | undefined;
  private account: number | null | undefined;
  private mailingCity: City | undefined;
  private mailingParts: Row | undefined;
  private auditParts: Row | undefined;
  private fullRow: Row | undefined;
  private lastAccount = -1;
  private lastAccountId: string | undefined;
  private lastDomain: string | undefined;
  readonly stamps = new RestDateTimeFormatter();
  private readonly contactIds = new RecordIdSequence(KEY_PREFIXES.Contact);
  private readonly accountIds = new RecordIdSequence(KEY_PREFIXES.Account);

  constructor(readonly generator: RecordGenerator, fields: readonly string[]) {
    this.org = generator.org;
    this.r = this.org.random('Contact', 0);
    this.getters = fields.map((name) => CONTACT_COLUMNS.get(name) ?? ((c: ContactColumns) => c.full()[name]));
  }

  at(index: number): void {
    this.index = index;
    this.r = this.org.random('Contact', index);
    this.idText = this.firstName = this.lastName = this.account = undefined;
    this.mailingCity = this.mailingParts = this.auditParts = this.fullRow = undefined;
  }

  value(k: number): unknown {
    return this.getters[k](this);
  }

  id(): string {
    return (this.idText ??= this.contactIds.id(this.index));
  }

  first(): string | null {
    if (this.firstName === undefined) this.firstName = nullable(this.r, S.First, 0.02, () => this.r.pick(S.First, FIRST_NAMES));
    return this.firstName;
  }

  last(): string {
    return (this.lastName ??= this.r.pick(S.Last, LAST_NAMES));
  }

  /** Same draw as `RecordGenerator.contactAccountIndex` (the same row stream). */
  accountIndex(): number | null {
    if (this.account === undefined) this.account = this.r.chance(S.NoAccount, 0.03) ? null : Math.floor(this.index / 4);
    return this.account;
  }

  /** Four consecutive contacts share an account: its id and domain are kept for the next rows. */
  accountId(a: number): string {
    if (a !== this.lastAccount) this.setAccount(a);
    return (this.lastAccountId ??= this.accountIds.id(a));
  }

  domain(): string {
    const a = this.accountIndex();
    if (a === null) return 'mail.example.org';
    if (a !== this.lastAccount) this.setAccount(a);
    return (this.lastDomain ??= this.generator.companyDomain(a));
  }

  private setAccount(a: number): void {
    this.lastAccount = a;
    this.lastAccountId = this.lastDomain = undefined;
  }

  city(): City {
    return (this.mailingCity ??= this.r.pick(S.City, CITIES));
  }

  mailing(): Row {
    return (this.mailingParts ??= addressParts('Mailing', this.r, this.city()));
  }

  audit(): Row {
    return (this.auditParts ??= this.generator.audit('Contact', this.index, this.r));
  }

  full(): Row {
    return (this.fullRow ??= this.generator.generate('Contact', this.index));
  }
}

/** Username of user 0, the API user every credential logs in as. */
export const ADMIN_USERNAME = 'integration@acme-emulator.example.com';
