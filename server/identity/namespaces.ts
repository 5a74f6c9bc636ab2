/**
 * Identity namespaces every AEP org has (standard) and the B2B ones the Salesforce
 * template creates (reference/aep.md §3.5, §4.3). Custom ones come from crmflow.yaml.
 */

export interface NamespaceInfo {
  code: string;
  name: string;
  idType: string;
  description: string;
}

export const STANDARD_NAMESPACES: readonly NamespaceInfo[] = [
  { code: 'Email', name: 'Email', idType: 'EMAIL', description: 'An email address.' },
  { code: 'Phone', name: 'Phone', idType: 'PHONE', description: 'A phone number (E.164 recommended).' },
  { code: 'ECID', name: 'Experience Cloud ID', idType: 'COOKIE', description: 'Adobe Experience Cloud visitor id.' },
  { code: 'CRMID', name: 'CRM ID', idType: 'CROSS_DEVICE', description: 'A person id from a CRM system.' },
  { code: 'AAID', name: 'Adobe Analytics (Legacy ID)', idType: 'COOKIE', description: 'Legacy Adobe Analytics visitor id.' },
  { code: 'FPID', name: 'First-party ID', idType: 'COOKIE', description: 'A first-party device id.' },
  { code: 'GAID', name: 'Google Ad ID', idType: 'DEVICE', description: 'Android advertising id.' },
  { code: 'IDFA', name: 'Apple IDFA', idType: 'DEVICE', description: 'iOS advertising id.' },
  { code: 'Email_LC_SHA256', name: 'Emails (SHA256, lowercased)', idType: 'EMAIL', description: 'SHA-256 of a lower-cased email address.' },
  { code: 'Phone_SHA256', name: 'Phone (SHA256)', idType: 'PHONE', description: 'SHA-256 of a phone number.' },
  { code: 'b2b_person', name: 'B2B Person', idType: 'CROSS_DEVICE', description: 'A person (Salesforce Contact or Lead) in B2B.' },
  { code: 'b2b_account', name: 'B2B Account', idType: 'B2B_ACCOUNT', description: 'A business account.' },
  { code: 'b2b_opportunity', name: 'B2B Opportunity', idType: 'B2B_OPPORTUNITY', description: 'A sales opportunity.' },
  { code: 'b2b_opportunity_person_relation', name: 'B2B Opportunity Person Relation', idType: 'B2B_OPPORTUNITY_PERSON', description: 'A person\'s role on an opportunity.' },
  { code: 'b2b_campaign', name: 'B2B Campaign', idType: 'B2B_CAMPAIGN', description: 'A marketing campaign.' },
  { code: 'b2b_campaign_member', name: 'B2B Campaign Member', idType: 'B2B_CAMPAIGN_MEMBER', description: 'A person\'s membership in a campaign.' },
  { code: 'b2b_marketing_list', name: 'B2B Marketing List', idType: 'B2B_MARKETING_LIST', description: 'A static marketing list.' },
  { code: 'b2b_marketing_list_member', name: 'B2B Marketing List Member', idType: 'B2B_MARKETING_LIST_MEMBER', description: 'A person on a marketing list.' },
  { code: 'b2b_account_person_relation', name: 'B2B Account Person Relation', idType: 'B2B_ACCOUNT_PERSON', description: 'A person\'s relation to an account.' },
];
