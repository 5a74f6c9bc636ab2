/**
 * Adobe's Salesforce → XDM template mappings (reference/aep.md §4.4) as data: which
 * Salesforce field goes to which XDM path, and the entity-key pattern every template
 * object uses. The add-missing-mapping fixes and "Suggest mappings" consult it before
 * falling back to name similarity; a path only applies when the target schema has it.
 */
import type { MappingStub } from './mappingInsert';

type FieldTable = Readonly<Record<string, readonly string[]>>;

const AUDIT: FieldTable = {
  Id: ['_id'],
  CreatedDate: ['extSourceSystemAudit.createdDate'],
  LastModifiedDate: ['extSourceSystemAudit.lastUpdatedDate'],
  LastActivityDate: ['extSourceSystemAudit.lastActivityDate'],
  LastViewedDate: ['extSourceSystemAudit.lastViewedDate'],
  LastReferencedDate: ['extSourceSystemAudit.lastReferencedDate'],
  IsDeleted: ['isDeleted'],
};

const PERSON: FieldTable = {
  FirstName: ['person.name.firstName'],
  LastName: ['person.name.lastName'],
  Name: ['person.name.fullName'],
  Salutation: ['person.name.courtesyTitle'],
  Birthdate: ['person.birthDate'],
  Email: ['workEmail.address'],
  Phone: ['workPhone.number'],
  MobilePhone: ['mobilePhone.number'],
  HomePhone: ['homePhone.number'],
  OtherPhone: ['otherPhone.number'],
  Fax: ['faxPhone.number'],
  Title: ['extendedWorkDetails.jobTitle'],
  LeadSource: ['b2b.personSource'],
};

const ADDRESS_PARTS: ReadonlyArray<[string, string]> = [
  ['Street', 'street1'], ['City', 'city'], ['State', 'state'], ['PostalCode', 'postalCode'], ['Country', 'country'],
  ['Latitude', '_schema.latitude'], ['Longitude', '_schema.longitude'],
];

function address(sourcePrefix: string, targetPrefix: string): FieldTable {
  return Object.fromEntries(ADDRESS_PARTS.map(([s, t]) => [`${sourcePrefix}${s}`, [`${targetPrefix}.${t}`]]));
}

/** Salesforce field → XDM paths, by object. */
export const TEMPLATE_FIELDS: Readonly<Record<string, FieldTable>> = {
  Contact: {
    ...PERSON, ...address('Mailing', 'workAddress'), ...address('Other', 'otherAddress'),
    Department: ['extendedWorkDetails.departments'],
    ReportsToId: ['extendedWorkDetails.reportsToID'],
    AssistantName: ['extendedWorkDetails.assistantDetails.name.fullName'],
    AssistantPhone: ['extendedWorkDetails.assistantDetails.phone.number'],
    AccountId: ['b2b.accountKey.sourceID'],
  },
  Lead: {
    ...PERSON, ...address('', 'workAddress'),
    MiddleName: ['person.name.middleName'],
    Suffix: ['person.name.suffix'],
    Status: ['b2b.personStatus'],
    Company: ['b2b.companyName'],
    Website: ['b2b.companyWebsite'],
    IsConverted: ['b2b.isConverted'],
    ConvertedDate: ['b2b.convertedDate'],
    ConvertedContactId: ['b2b.convertedContactID'],
  },
  Account: {
    Name: ['accountName'], AccountNumber: ['accountNumber'], AccountSource: ['accountSourceType'], Type: ['accountType'],
    Description: ['accountDescription'], Site: ['accountSite'], Ownership: ['accountOwnership'], Tradestyle: ['accountTradeStyle'],
    Phone: ['accountPhone.number'], Fax: ['accountFax.number'],
    AnnualRevenue: ['accountOrganization.annualRevenue.amount'], Industry: ['accountOrganization.industry'],
    NumberOfEmployees: ['accountOrganization.numberOfEmployees'], Rating: ['accountOrganization.rating'],
    TickerSymbol: ['accountOrganization.tickerSymbol'], Sic: ['accountOrganization.SICCode'], SicDesc: ['accountOrganization.SICDescription'],
    NaicsCode: ['accountOrganization.NAICSCode'], NaicsDesc: ['accountOrganization.NAICSDescription'],
    DunsNumber: ['accountOrganization.DUNSNumber'], Jigsaw: ['accountOrganization.jigsaw'], Website: ['accountOrganization.website'],
    ...address('Billing', 'accountBillingAddress'), ...address('Shipping', 'accountShippingAddress'),
    ParentId: ['accountParentKey.sourceID'],
  },
  Opportunity: {
    Name: ['opportunityName'], Description: ['opportunityDescription'], Type: ['opportunityType'], StageName: ['opportunityStage'],
    Amount: ['opportunityAmount.amount'], ExpectedRevenue: ['expectedRevenue.amount'], CloseDate: ['expectedCloseDate'],
    Probability: ['probabilityPercentage'], TotalOpportunityQuantity: ['opportunityQuantity'], IsClosed: ['isClosed'], IsWon: ['isWon'],
    FiscalQuarter: ['fiscalQuarter'], FiscalYear: ['fiscalYear'], ForecastCategory: ['forecastCategory'],
    ForecastCategoryName: ['forecastCategoryName'], LeadSource: ['leadSource'], NextStep: ['nextStep'],
  },
  OpportunityContactRole: { Role: ['personRole'], IsPrimary: ['isPrimary'] },
  Campaign: {
    Name: ['campaignName'], Type: ['campaignType'], Status: ['campaignStatus'], StartDate: ['campaignStartDate'], EndDate: ['campaignEndDate'],
    ExpectedRevenue: ['expectedRevenue.amount'], BudgetedCost: ['budgetedCost.amount'], ActualCost: ['actualCost.amount'],
    ExpectedResponse: ['expectedResponse'], IsActive: ['isActive'], Description: ['campaignDescription'],
  },
  CampaignMember: { Status: ['memberStatus'], HasResponded: ['hasResponded'], FirstRespondedDate: ['firstRespondedDate'] },
  AccountContactRelation: {
    IsActive: ['isActive'], IsDirect: ['isDirect'], StartDate: ['relationStartDate'], EndDate: ['relationEndDate'],
    CreatedById: ['extSourceSystemAudit.createdBy'], LastModifiedById: ['extSourceSystemAudit.lastUpdatedBy'],
  },
};

/** The object's own key (`<key>.sourceType/sourceInstanceID/sourceID/sourceKey`). */
const ENTITY_KEYS: Readonly<Record<string, readonly string[]>> = {
  Contact: ['b2b.personKey'], Lead: ['b2b.personKey'], Account: ['accountKey'], Opportunity: ['opportunityKey'],
  OpportunityContactRole: ['opportunityPersonKey'], Campaign: ['campaignKey'], CampaignMember: ['campaignMemberKey'],
  AccountContactRelation: ['accountPersonKey'],
};

/** Foreign keys the template writes as a whole key object, built only when the id is set. */
const FOREIGN_KEYS: Readonly<Record<string, FieldTable>> = {
  Contact: { AccountId: ['b2b.accountKey'] },
  Account: { ParentId: ['accountParentKey'] },
  Opportunity: { AccountId: ['accountKey'], CampaignId: ['campaignKey'] },
  OpportunityContactRole: { ContactId: ['personKey'], OpportunityId: ['opportunityKey'] },
  Campaign: { ParentId: ['parentCampaignKey'] },
  CampaignMember: { CampaignId: ['campaignKey'], LeadOrContactId: ['personKey'] },
  AccountContactRelation: { AccountId: ['accountKey'], ContactId: ['personKey'] },
};

export function keyObjectExpression(idField: string): string {
  return `iif(${idField} != null && ${idField} != "", to_object("sourceType", "Salesforce", "sourceInstanceID", "\${CRM_ORG_ID}", "sourceID", ${idField}, "sourceKey", concat(${idField}, "@\${CRM_ORG_ID}.Salesforce")), null)`;
}

/** A template proposal; `field` is the Salesforce field it reads (undefined for constants). */
export interface TemplateProposal extends MappingStub {
  field?: string;
}

/**
 * Every template mapping for an object, by target path. Built fresh per call (small);
 * callers cache the result per describe/schema pair.
 */
export function templateProposals(objectName: string | undefined): Map<string, TemplateProposal> {
  const out = new Map<string, TemplateProposal>();
  const add = (p: TemplateProposal) => {
    if (!out.has(p.target)) out.set(p.target, p);
  };
  const obj = objectName ?? '';
  // an unknown object: every entity's key pattern (they only apply where the schema has that key)
  const keys = objectName ? ENTITY_KEYS[obj] ?? [] : [...new Set(Object.values(ENTITY_KEYS).flat())];
  for (const key of keys) {
    add({ kind: 'value', text: 'Salesforce', target: `${key}.sourceType` });
    add({ kind: 'value', text: '${CRM_ORG_ID}', target: `${key}.sourceInstanceID` });
    add({ kind: 'source', text: 'Id', target: `${key}.sourceID`, field: 'Id' });
    add({ kind: 'expression', text: 'concat(Id, "@${CRM_ORG_ID}.Salesforce")', target: `${key}.sourceKey`, field: 'Id' });
  }
  for (const [field, targets] of Object.entries(FOREIGN_KEYS[obj] ?? {})) {
    for (const target of targets) add({ kind: 'expression', text: keyObjectExpression(field), target, field });
  }
  for (const table of [TEMPLATE_FIELDS[obj] ?? {}, AUDIT]) {
    for (const [field, targets] of Object.entries(table)) {
      for (const target of targets) add({ kind: 'source', text: field, target, field });
    }
  }
  return out;
}
