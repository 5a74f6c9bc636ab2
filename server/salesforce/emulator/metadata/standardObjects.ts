/**
 * The objects the emulator serves: their standard fields (as a real org lists them, in describe
 * order) plus a few custom fields, built from the constructors in fieldBuilders.
 */
import type { FieldDescribe } from '../../describeTypes';
import {
  activityFields, address, auditFields, bool, currency, date, datetime, double, email, field, idField, int,
  isDeletedField, location, multipicklist, ownerField, percent, phone, picklist, reference, text, textarea, url,
} from './fieldBuilders';
import { group, profile, USER_TYPES, userLicense, userRole } from './setupObjects';

export interface ObjectFlags {
  activateable: boolean; createable: boolean; deletable: boolean; feedEnabled: boolean; layoutable: boolean;
  mergeable: boolean; mruEnabled: boolean; searchable: boolean; triggerable: boolean; undeletable: boolean; updateable: boolean;
  /** getUpdated/getDeleted work on it (default true) */
  replicateable?: boolean;
}

export interface ObjectDefinition {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  flags: ObjectFlags;
  fields: FieldDescribe[];
}

const ENTITY: ObjectFlags = {
  activateable: false, createable: true, deletable: true, feedEnabled: true, layoutable: true, mergeable: true,
  mruEnabled: true, searchable: true, triggerable: true, undeletable: true, updateable: true,
};
const JUNCTION: ObjectFlags = { ...ENTITY, feedEnabled: false, mergeable: false, mruEnabled: false, searchable: false };

const SALUTATIONS = ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.', 'Mx.'];
export const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
export const INDUSTRIES = [
  'Agriculture', 'Apparel', 'Banking', 'Biotechnology', 'Chemicals', 'Communications', 'Construction', 'Consulting',
  'Education', 'Electronics', 'Energy', 'Engineering', 'Entertainment', 'Environmental', 'Finance', 'Food & Beverage',
  'Government', 'Healthcare', 'Hospitality', 'Insurance', 'Machinery', 'Manufacturing', 'Media', 'Not For Profit',
  'Recreation', 'Retail', 'Shipping', 'Technology', 'Telecommunications', 'Transportation', 'Utilities', 'Other',
];
export const ACCOUNT_TYPES = ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Channel Partner / Reseller', 'Installation Partner', 'Technology Partner', 'Other'];
export const RATINGS = ['Hot', 'Warm', 'Cold'];
export const TIERS = ['Platinum', 'Gold', 'Silver', 'Bronze'];
export const CHANNELS = ['Email', 'SMS', 'Phone', 'Direct Mail', 'Events'];
export const LEAD_STATUSES = ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'];
export const STAGES = [
  'Prospecting', 'Qualification', 'Needs Analysis', 'Value Proposition', 'Id. Decision Makers', 'Perception Analysis',
  'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost',
];
export const OPPORTUNITY_TYPES = ['Existing Customer - Upgrade', 'Existing Customer - Replacement', 'Existing Customer - Downgrade', 'New Customer'];
export const FORECAST_CATEGORIES = ['Omitted', 'Pipeline', 'BestCase', 'Forecast', 'Closed'];
export const CONTACT_ROLES = [
  'Business User', 'Decision Maker', 'Economic Buyer', 'Economic Decision Maker', 'Evaluator', 'Executive Sponsor',
  'Influencer', 'Technical Buyer', 'Other',
];
export const CAMPAIGN_TYPES = ['Conference', 'Webinar', 'Trade Show', 'Public Relations', 'Partners', 'Referral Program', 'Advertisement', 'Banner Ads', 'Direct Mail', 'Email', 'Telemarketing', 'Other'];
export const CAMPAIGN_STATUSES = ['Planned', 'In Progress', 'Completed', 'Aborted'];
export const MEMBER_STATUSES = ['Planned', 'Received', 'Responded', 'Sent'];
export const PRODUCT_INTERESTS = ['Analytics', 'Commerce', 'Marketing Cloud', 'Platform', 'Service Cloud'];
export const TIME_ZONES = ['America/Los_Angeles', 'America/New_York', 'America/Chicago', 'Europe/London', 'Europe/Berlin', 'Asia/Tokyo'];
export const LOCALES = ['en_US', 'en_GB', 'de_DE', 'fr_FR', 'ja_JP'];
/** Data.com Clean status, which real orgs describe on Account, Contact and Lead even without Clean. */
export const CLEAN_STATUSES = ['Matched', 'Different', 'Acknowledged', 'NotFound', 'Inactive', 'Pending', 'SelectMatch', 'Skipped'];
export const DIGEST_FREQUENCIES = ['D', 'W', 'N'];
export const GROUP_NOTIFICATION_FREQUENCIES = ['P', 'D', 'W', 'N'];

const READ_ONLY = { createable: false, updateable: false };

function cleanStatusField(): FieldDescribe {
  return picklist('CleanStatus', 'Clean Status', CLEAN_STATUSES, { restrictedPicklist: true });
}

function individualField(): FieldDescribe {
  return reference('IndividualId', 'Individual ID', ['Individual'], 'Individual');
}

function nameFields(): FieldDescribe[] {
  return [
    text('LastName', 'Last Name', 80, { nillable: false, extraTypeInfo: 'personname' }),
    text('FirstName', 'First Name', 40, { extraTypeInfo: 'personname' }),
    picklist('Salutation', 'Salutation', SALUTATIONS, { extraTypeInfo: 'personname' }),
    text('Name', 'Full Name', 121, { ...READ_ONLY, nameField: true, nillable: false, extraTypeInfo: 'personname' }),
  ];
}

const account: ObjectDefinition = {
  name: 'Account', label: 'Account', labelPlural: 'Accounts', keyPrefix: '001', flags: ENTITY,
  fields: [
    idField('Account ID'),
    isDeletedField(),
    reference('MasterRecordId', 'Master Record ID', ['Account'], 'MasterRecord', READ_ONLY),
    text('Name', 'Account Name', 255, { nameField: true, nillable: false, idLookup: true, extraTypeInfo: 'switchablepersonname' }),
    picklist('Type', 'Account Type', ACCOUNT_TYPES),
    reference('ParentId', 'Parent Account ID', ['Account'], 'Parent'),
    ...address('Billing', 'Billing'),
    ...address('Shipping', 'Shipping'),
    phone('Phone', 'Account Phone'),
    phone('Fax', 'Account Fax'),
    text('AccountNumber', 'Account Number', 40),
    url('Website', 'Website'),
    url('PhotoUrl', 'Photo URL', { ...READ_ONLY, length: 255 }),
    text('Sic', 'SIC Code', 20),
    picklist('Industry', 'Industry', INDUSTRIES),
    currency('AnnualRevenue', 'Annual Revenue', 18, 0),
    int('NumberOfEmployees', 'Employees', 8),
    picklist('Ownership', 'Ownership', ['Public', 'Private', 'Subsidiary', 'Other']),
    text('TickerSymbol', 'Ticker Symbol', 20),
    textarea('Description', 'Account Description', 32000),
    picklist('Rating', 'Account Rating', RATINGS),
    text('Site', 'Account Site', 80),
    ownerField(),
    ...auditFields(),
    ...activityFields(),
    text('Jigsaw', 'Data.com Key', 20),
    text('JigsawCompanyId', 'Jigsaw Company ID', 20, READ_ONLY),
    cleanStatusField(),
    picklist('AccountSource', 'Account Source', LEAD_SOURCES),
    text('DunsNumber', 'D-U-N-S Number', 9),
    text('Tradestyle', 'Tradestyle', 255),
    text('NaicsCode', 'NAICS Code', 8),
    text('NaicsDesc', 'NAICS Description', 120),
    text('YearStarted', 'Year Started', 4),
    text('SicDesc', 'SIC Description', 80),
    picklist('Customer_Tier__c', 'Customer Tier', TIERS, { inlineHelpText: 'Commercial tier agreed in the master contract.' }),
    date('Customer_Since__c', 'Customer Since'),
    text('External_Key__c', 'External Key', 50, { externalId: true, unique: true, idLookup: true, caseSensitive: false }),
    bool('Is_Strategic__c', 'Strategic Account'),
    ...location('HQ_Location__c', 'HQ Location'),
  ],
};

const contact: ObjectDefinition = {
  name: 'Contact', label: 'Contact', labelPlural: 'Contacts', keyPrefix: '003', flags: ENTITY,
  fields: [
    idField('Contact ID'),
    isDeletedField(),
    reference('MasterRecordId', 'Master Record ID', ['Contact'], 'MasterRecord', READ_ONLY),
    reference('AccountId', 'Account ID', ['Account'], 'Account'),
    ...nameFields(),
    ...address('Other', 'Other'),
    ...address('Mailing', 'Mailing'),
    phone('Phone', 'Business Phone'),
    phone('Fax', 'Business Fax'),
    phone('MobilePhone', 'Mobile Phone'),
    phone('HomePhone', 'Home Phone'),
    phone('OtherPhone', 'Other Phone'),
    phone('AssistantPhone', 'Asst. Phone'),
    reference('ReportsToId', 'Reports To ID', ['Contact'], 'ReportsTo'),
    email('Email', 'Email', { idLookup: true }),
    text('Title', 'Title', 128),
    text('Department', 'Department', 80),
    text('AssistantName', "Assistant's Name", 40),
    picklist('LeadSource', 'Lead Source', LEAD_SOURCES),
    date('Birthdate', 'Birthdate'),
    textarea('Description', 'Contact Description', 32000),
    ownerField(),
    bool('HasOptedOutOfEmail', 'Email Opt Out'),
    bool('HasOptedOutOfFax', 'Fax Opt Out'),
    bool('DoNotCall', 'Do Not Call'),
    ...auditFields(),
    ...activityFields().slice(0, 1),
    datetime('LastCURequestDate', 'Last Stay-in-Touch Request Date', READ_ONLY),
    datetime('LastCUUpdateDate', 'Last Stay-in-Touch Save Date', READ_ONLY),
    ...activityFields().slice(1),
    text('EmailBouncedReason', 'Email Bounced Reason', 255),
    datetime('EmailBouncedDate', 'Email Bounced Date'),
    bool('IsEmailBounced', 'Is Email Bounced', READ_ONLY),
    url('PhotoUrl', 'Photo URL', READ_ONLY),
    text('Jigsaw', 'Data.com Key', 20),
    text('JigsawContactId', 'Jigsaw Contact ID', 20, READ_ONLY),
    cleanStatusField(),
    individualField(),
    picklist('Loyalty_Tier__c', 'Loyalty Tier', TIERS),
    double('Loyalty_Points__c', 'Loyalty Points', 18, 0),
    multipicklist('Preferred_Channels__c', 'Preferred Channels', CHANNELS),
    text('External_Id__c', 'External ID', 50, { externalId: true, unique: true, idLookup: true }),
    percent('Engagement_Score__c', 'Engagement Score', 5, 2, { inlineHelpText: 'Share of the last 20 campaigns the contact responded to.' }),
    field('Days_Since_Created__c', 'Days Since Created', 'double', {
      ...READ_ONLY, calculated: true, calculatedFormula: 'TODAY() - DATEVALUE(CreatedDate)', precision: 18, scale: 0,
      permissionable: true,
    }),
  ],
};

const lead: ObjectDefinition = {
  name: 'Lead', label: 'Lead', labelPlural: 'Leads', keyPrefix: '00Q', flags: ENTITY,
  fields: [
    idField('Lead ID'),
    isDeletedField(),
    reference('MasterRecordId', 'Master Record ID', ['Lead'], 'MasterRecord', READ_ONLY),
    ...nameFields(),
    text('Title', 'Title', 128),
    text('Company', 'Company', 255, { nillable: false }),
    ...address('', ''),
    phone('Phone', 'Phone'),
    phone('MobilePhone', 'Mobile Phone'),
    phone('Fax', 'Fax'),
    email('Email', 'Email', { idLookup: true }),
    url('Website', 'Website'),
    url('PhotoUrl', 'Photo URL', READ_ONLY),
    textarea('Description', 'Description', 32000),
    picklist('LeadSource', 'Lead Source', LEAD_SOURCES),
    picklist('Status', 'Status', LEAD_STATUSES, { default: 'Open - Not Contacted', nillable: false }),
    picklist('Industry', 'Industry', INDUSTRIES),
    picklist('Rating', 'Rating', RATINGS),
    currency('AnnualRevenue', 'Annual Revenue', 18, 0),
    int('NumberOfEmployees', 'Employees', 8),
    ownerField(['Group', 'User']),
    bool('HasOptedOutOfEmail', 'Email Opt Out'),
    bool('IsConverted', 'Converted', { ...READ_ONLY, defaultedOnCreate: true }),
    date('ConvertedDate', 'Converted Date', READ_ONLY),
    reference('ConvertedAccountId', 'Converted Account ID', ['Account'], 'ConvertedAccount', READ_ONLY),
    reference('ConvertedContactId', 'Converted Contact ID', ['Contact'], 'ConvertedContact', READ_ONLY),
    reference('ConvertedOpportunityId', 'Converted Opportunity ID', ['Opportunity'], 'ConvertedOpportunity', READ_ONLY),
    bool('IsUnreadByOwner', 'Unread By Owner'),
    ...auditFields(),
    ...activityFields(),
    text('Jigsaw', 'Data.com Key', 20),
    text('JigsawContactId', 'Jigsaw Contact ID', 20, READ_ONLY),
    cleanStatusField(),
    text('CompanyDunsNumber', 'Company D-U-N-S Number', 9),
    text('EmailBouncedReason', 'Email Bounced Reason', 255),
    datetime('EmailBouncedDate', 'Email Bounced Date'),
    individualField(),
    double('Lead_Score__c', 'Lead Score', 3, 0),
    picklist('Product_Interest__c', 'Product Interest', PRODUCT_INTERESTS),
  ],
};

const opportunity: ObjectDefinition = {
  name: 'Opportunity', label: 'Opportunity', labelPlural: 'Opportunities', keyPrefix: '006', flags: ENTITY,
  fields: [
    idField('Opportunity ID'),
    isDeletedField(),
    reference('AccountId', 'Account ID', ['Account'], 'Account'),
    bool('IsPrivate', 'Private'),
    text('Name', 'Name', 120, { nameField: true, nillable: false }),
    textarea('Description', 'Description', 32000),
    picklist('StageName', 'Stage', STAGES, { nillable: false }),
    currency('Amount', 'Amount', 18, 2),
    percent('Probability', 'Probability (%)', 3, 0),
    currency('ExpectedRevenue', 'Expected Amount', 18, 2, { ...READ_ONLY, calculated: true }),
    double('TotalOpportunityQuantity', 'Quantity', 18, 2),
    date('CloseDate', 'Close Date', { nillable: false }),
    picklist('Type', 'Opportunity Type', OPPORTUNITY_TYPES),
    text('NextStep', 'Next Step', 255),
    picklist('LeadSource', 'Lead Source', LEAD_SOURCES),
    bool('IsClosed', 'Closed', { ...READ_ONLY, defaultedOnCreate: true }),
    bool('IsWon', 'Won', { ...READ_ONLY, defaultedOnCreate: true }),
    picklist('ForecastCategory', 'Forecast Category', FORECAST_CATEGORIES, { ...READ_ONLY, nillable: false, restrictedPicklist: true }),
    picklist('ForecastCategoryName', 'Forecast Category', ['Omitted', 'Pipeline', 'Best Case', 'Commit', 'Closed']),
    reference('CampaignId', 'Campaign ID', ['Campaign'], 'Campaign'),
    bool('HasOpportunityLineItem', 'Has Line Item', READ_ONLY),
    ownerField(),
    ...auditFields(),
    date('LastActivityDate', 'Last Activity', READ_ONLY),
    int('FiscalQuarter', 'Fiscal Quarter', 11, READ_ONLY),
    int('FiscalYear', 'Fiscal Year', 4, READ_ONLY),
    text('Fiscal', 'Fiscal Period', 6, READ_ONLY),
    reference('ContactId', 'Contact ID', ['Contact'], 'Contact'),
    datetime('LastViewedDate', 'Last Viewed Date', READ_ONLY),
    datetime('LastReferencedDate', 'Last Referenced Date', READ_ONLY),
    bool('HasOpenActivity', 'Has Open Activity', READ_ONLY),
    bool('HasOverdueTask', 'Has Overdue Task', READ_ONLY),
    percent('Discount_Percent__c', 'Discount Percent', 5, 2),
    text('Competitor__c', 'Main Competitor', 80),
  ],
};

const opportunityContactRole: ObjectDefinition = {
  name: 'OpportunityContactRole', label: 'Opportunity Contact Role', labelPlural: 'Opportunity Contact Role',
  keyPrefix: '00K', flags: { ...JUNCTION, layoutable: false },
  fields: [
    idField('Opportunity Contact Role ID'),
    reference('OpportunityId', 'Opportunity ID', ['Opportunity'], 'Opportunity', { nillable: false, updateable: false }),
    reference('ContactId', 'Contact ID', ['Contact'], 'Contact', { nillable: false }),
    picklist('Role', 'Role', CONTACT_ROLES),
    bool('IsPrimary', 'Primary'),
    ...auditFields(),
    isDeletedField(),
  ],
};

const ROLLUP = { ...READ_ONLY, nillable: false, defaultedOnCreate: true };

/** The roll-up summaries of a campaign (''), or of it with its child campaigns ('Hierarchy'), in describe order. */
function campaignRollups(prefix: '' | 'Hierarchy'): FieldDescribe[] {
  const scope = prefix ? 'in Hierarchy' : 'in Campaign';
  const fields = [
    int(`${prefix}NumberOfLeads`, `Leads ${scope}`, 9, ROLLUP),
    int(`${prefix}NumberOfConvertedLeads`, `Converted Leads ${scope}`, 9, ROLLUP),
    int(`${prefix}NumberOfContacts`, `Contacts ${scope}`, 9, ROLLUP),
    int(`${prefix}NumberOfResponses`, `Responses ${scope}`, 9, ROLLUP),
    int(`${prefix}NumberOfOpportunities`, `Opportunities ${scope}`, 9, ROLLUP),
    int(`${prefix}NumberOfWonOpportunities`, `Won Opportunities ${scope}`, 9, ROLLUP),
    currency(`${prefix}AmountAllOpportunities`, `Value Opportunities ${scope}`, 18, 0, ROLLUP),
    currency(`${prefix}AmountWonOpportunities`, `Value Won Opportunities ${scope}`, 18, 0, ROLLUP),
  ];
  if (!prefix) return fields;
  return [
    ...fields,
    double('HierarchyNumberSent', 'Total Num Sent in Hierarchy', 18, 0, ROLLUP),
    currency('HierarchyExpectedRevenue', 'Expected Revenue in Hierarchy', 18, 0, ROLLUP),
    currency('HierarchyBudgetedCost', 'Budgeted Cost in Hierarchy', 18, 0, ROLLUP),
    currency('HierarchyActualCost', 'Actual Cost in Hierarchy', 18, 0, ROLLUP),
  ];
}

const campaign: ObjectDefinition = {
  name: 'Campaign', label: 'Campaign', labelPlural: 'Campaigns', keyPrefix: '701', flags: ENTITY,
  fields: [
    idField('Campaign ID'),
    isDeletedField(),
    text('Name', 'Name', 80, { nameField: true, nillable: false, idLookup: true }),
    reference('ParentId', 'Parent Campaign ID', ['Campaign'], 'Parent'),
    picklist('Type', 'Type', CAMPAIGN_TYPES),
    picklist('Status', 'Status', CAMPAIGN_STATUSES),
    date('StartDate', 'Start Date'),
    date('EndDate', 'End Date'),
    currency('ExpectedRevenue', 'Expected Revenue in Campaign', 18, 0),
    currency('BudgetedCost', 'Budgeted Cost in Campaign', 18, 0),
    currency('ActualCost', 'Actual Cost in Campaign', 18, 0),
    percent('ExpectedResponse', 'Expected Response (%)', 10, 2),
    double('NumberSent', 'Num Sent in Campaign', 18, 0),
    bool('IsActive', 'Active'),
    textarea('Description', 'Description', 32000),
    ...campaignRollups(''),
    ...campaignRollups('Hierarchy'),
    ownerField(),
    ...auditFields(),
    ...activityFields(),
  ],
};

const campaignMember: ObjectDefinition = {
  name: 'CampaignMember', label: 'Campaign Member', labelPlural: 'Campaign Members', keyPrefix: '00v',
  flags: { ...JUNCTION, undeletable: false },
  fields: [
    idField('Campaign Member ID'),
    isDeletedField(),
    reference('CampaignId', 'Campaign ID', ['Campaign'], 'Campaign', { nillable: false, updateable: false }),
    reference('LeadId', 'Lead ID', ['Lead'], 'Lead', { updateable: false }),
    reference('ContactId', 'Contact ID', ['Contact'], 'Contact', { updateable: false }),
    picklist('Status', 'Status', MEMBER_STATUSES),
    bool('HasResponded', 'Responded', READ_ONLY),
    ...auditFields(),
    date('FirstRespondedDate', 'First Responded Date', READ_ONLY),
    picklist('Salutation', 'Salutation', SALUTATIONS, READ_ONLY),
    text('Name', 'Name', 121, { ...READ_ONLY, nameField: true }),
    text('FirstName', 'First Name', 40, READ_ONLY),
    text('LastName', 'Last Name', 80, READ_ONLY),
    text('Title', 'Title', 128, READ_ONLY),
    textarea('Street', 'Street', 255, READ_ONLY),
    text('City', 'City', 40, READ_ONLY),
    text('State', 'State', 80, READ_ONLY),
    text('PostalCode', 'Zip', 20, READ_ONLY),
    text('Country', 'Country', 80, READ_ONLY),
    email('Email', 'Email', READ_ONLY),
    phone('Phone', 'Phone', READ_ONLY),
    phone('Fax', 'Fax', READ_ONLY),
    phone('MobilePhone', 'Mobile', READ_ONLY),
    textarea('Description', 'Description', 32000, READ_ONLY),
    bool('DoNotCall', 'Do Not Call', READ_ONLY),
    bool('HasOptedOutOfEmail', 'Email Opt Out', READ_ONLY),
    bool('HasOptedOutOfFax', 'Fax Opt Out', READ_ONLY),
    picklist('LeadSource', 'Lead Source', LEAD_SOURCES, READ_ONLY),
    text('CompanyOrAccount', 'Company (Account)', 255, READ_ONLY),
    text('Type', 'Type', 40, READ_ONLY),
    reference('LeadOrContactId', 'Contact or Lead ID', ['Contact', 'Lead'], 'LeadOrContact', READ_ONLY),
    reference('LeadOrContactOwnerId', 'Contact or Lead Owner ID', ['Group', 'User'], 'LeadOrContactOwner', READ_ONLY),
  ],
};

const accountContactRelation: ObjectDefinition = {
  name: 'AccountContactRelation', label: 'Account Contact Relationship', labelPlural: 'Account Contact Relationships',
  keyPrefix: '07k', flags: { ...JUNCTION, undeletable: false, triggerable: true },
  fields: [
    idField('Account Contact Relationship ID'),
    reference('AccountId', 'Account ID', ['Account'], 'Account', { nillable: false, updateable: false, cascadeDelete: true }),
    reference('ContactId', 'Contact ID', ['Contact'], 'Contact', { nillable: false, updateable: false, cascadeDelete: true }),
    ...auditFields(),
    isDeletedField(),
    date('StartDate', 'Start Date'),
    date('EndDate', 'End Date'),
    bool('IsActive', 'Active'),
    bool('IsDirect', 'Direct', READ_ONLY),
    multipicklist('Roles', 'Roles', CONTACT_ROLES),
    picklist('Relationship_Strength__c', 'Relationship Strength', ['Strong', 'Neutral', 'Weak']),
  ],
};

const user: ObjectDefinition = {
  name: 'User', label: 'User', labelPlural: 'Users', keyPrefix: '005',
  flags: { ...ENTITY, deletable: false, mergeable: false, undeletable: false },
  fields: [
    idField('User ID'),
    text('Username', 'Username', 80, { nillable: false, unique: true, idLookup: true }),
    ...nameFields().slice(0, 2),
    text('Name', 'Full Name', 121, { ...READ_ONLY, nameField: true, nillable: false, extraTypeInfo: 'personname' }),
    text('CompanyName', 'Company Name', 80),
    text('Division', 'Division', 80),
    text('Department', 'Department', 80),
    text('Title', 'Title', 80),
    ...address('', ''),
    email('Email', 'Email', { nillable: false }),
    email('SenderEmail', 'Email Sender Address'),
    text('SenderName', 'Email Sender Name', 80),
    textarea('Signature', 'Email Signature', 1333),
    phone('Phone', 'Phone'),
    phone('Fax', 'Fax'),
    phone('MobilePhone', 'Mobile'),
    text('Alias', 'Alias', 8, { nillable: false }),
    text('CommunityNickname', 'Nickname', 40, { nillable: false, unique: true, idLookup: true }),
    bool('IsActive', 'Active', { defaultValue: true }),
    picklist('TimeZoneSidKey', 'Time Zone', TIME_ZONES, { nillable: false, restrictedPicklist: true }),
    reference('UserRoleId', 'Role ID', ['UserRole'], 'UserRole'),
    picklist('LocaleSidKey', 'Locale', LOCALES, { nillable: false, restrictedPicklist: true }),
    bool('ReceivesInfoEmails', 'Info Emails'),
    bool('ReceivesAdminInfoEmails', 'Admin Info Emails'),
    picklist('EmailEncodingKey', 'Email Encoding', ['UTF-8', 'ISO-8859-1'], { nillable: false, restrictedPicklist: true }),
    reference('ProfileId', 'Profile ID', ['Profile'], 'Profile', { nillable: false }),
    picklist('UserType', 'User Type', USER_TYPES, { ...READ_ONLY, restrictedPicklist: true }),
    picklist('LanguageLocaleKey', 'Language', ['en_US', 'de', 'fr', 'ja'], { nillable: false, restrictedPicklist: true }),
    text('EmployeeNumber', 'Employee Number', 20),
    reference('DelegatedApproverId', 'Delegated Approver ID', ['Group', 'User'], 'DelegatedApprover'),
    reference('ManagerId', 'Manager ID', ['User'], 'Manager'),
    datetime('LastLoginDate', 'Last Login', READ_ONLY),
    datetime('LastPasswordChangeDate', 'Last Password Change or Reset', READ_ONLY),
    ...auditFields(),
    int('NumberOfFailedLogins', 'Failed Login Attempts', 9, READ_ONLY),
    bool('UserPermissionsMarketingUser', 'Marketing User'),
    bool('UserPermissionsOfflineUser', 'Offline User'),
    bool('UserPermissionsKnowledgeUser', 'Knowledge User'),
    bool('UserPermissionsInteractionUser', 'Flow User'),
    bool('UserPermissionsSupportUser', 'Service Cloud User'),
    bool('ForecastEnabled', 'Allow Forecasting'),
    reference('ContactId', 'Contact ID', ['Contact'], 'Contact', { updateable: false }),
    reference('AccountId', 'Account ID', ['Account'], 'Account', READ_ONLY),
    text('Extension', 'Extension', 40),
    bool('IsPortalEnabled', 'Is Portal Enabled', READ_ONLY),
    text('FederationIdentifier', 'SAML Federation ID', 512, { idLookup: true }),
    textarea('AboutMe', 'About Me', 1000),
    url('FullPhotoUrl', 'Url for full-sized Photo', { ...READ_ONLY, length: 1024 }),
    url('SmallPhotoUrl', 'Photo', { ...READ_ONLY, length: 1024 }),
    text('OutOfOfficeMessage', 'Out of office message', 40, READ_ONLY),
    url('MediumPhotoUrl', 'Url for medium profile photo', { ...READ_ONLY, length: 1024 }),
    picklist('DigestFrequency', 'Chatter Email Highlights Frequency', DIGEST_FREQUENCIES, { nillable: false, restrictedPicklist: true, default: 'D' }),
    picklist('DefaultGroupNotificationFrequency', 'Default Notification Frequency when Joining Groups', GROUP_NOTIFICATION_FREQUENCIES, { nillable: false, restrictedPicklist: true, default: 'N' }),
    datetime('LastViewedDate', 'Last Viewed Date', READ_ONLY),
    datetime('LastReferencedDate', 'Last Referenced Date', READ_ONLY),
    bool('IsProfilePhotoActive', 'Has Profile Photo', READ_ONLY),
    individualField(),
    text('Region__c', 'Sales Region', 40),
  ],
};

/** The privacy record behind Contact/Lead/User.IndividualId (data protection settings of one person). */
const individual: ObjectDefinition = {
  name: 'Individual', label: 'Individual', labelPlural: 'Individuals', keyPrefix: '0PK',
  flags: { ...ENTITY, feedEnabled: false, mergeable: false },
  fields: [
    idField('Individual ID'),
    ownerField(),
    isDeletedField(),
    text('LastName', 'Last Name', 80, { nillable: false, extraTypeInfo: 'personname' }),
    text('FirstName', 'First Name', 40, { extraTypeInfo: 'personname' }),
    picklist('Salutation', 'Salutation', SALUTATIONS, { extraTypeInfo: 'personname' }),
    text('Name', 'Name', 121, { ...READ_ONLY, nameField: true, nillable: false, extraTypeInfo: 'personname' }),
    bool('HasOptedOutTracking', "Don't Track"),
    bool('HasOptedOutProfiling', "Don't Profile"),
    bool('HasOptedOutProcessing', "Don't Process"),
    bool('HasOptedOutSolicit', 'Don\'t Market'),
    bool('ShouldForget', 'Forget this Individual'),
    bool('SendIndividualData', 'Export Individual\'s Data'),
    bool('CanStorePiiElsewhere', 'OK to Store PII Data Elsewhere'),
    bool('HasOptedOutGeoTracking', "Don't Track Location"),
    date('BirthDate', 'Birth Date'),
    ...auditFields(),
    datetime('LastViewedDate', 'Last Viewed Date', READ_ONLY),
    datetime('LastReferencedDate', 'Last Referenced Date', READ_ONLY),
    reference('MasterRecordId', 'Master Record ID', ['Individual'], 'MasterRecord', READ_ONLY),
    picklist('IndividualsAge', "Individual's Age", ['13 or Older', '16 or Older', 'Under 13', 'Under 16', 'Unknown']),
  ],
};

/** Every object the emulator describes, in describeGlobal order (alphabetical, as orgs list them). */
export const STANDARD_OBJECTS: readonly ObjectDefinition[] = [
  account, accountContactRelation, campaign, campaignMember, contact, group, individual, lead, opportunity,
  opportunityContactRole, profile, user, userLicense, userRole,
];

/** Names of the child relationships on the parent side, keyed `Child.Field`; unlisted ones are unnamed. */
export const CHILD_RELATIONSHIP_NAMES: Readonly<Record<string, string>> = {
  'Account.ParentId': 'ChildAccounts',
  'Contact.AccountId': 'Contacts',
  'Opportunity.AccountId': 'Opportunities',
  'AccountContactRelation.AccountId': 'AccountContactRelations',
  'AccountContactRelation.ContactId': 'AccountContactRelations',
  'OpportunityContactRole.OpportunityId': 'OpportunityContactRoles',
  'OpportunityContactRole.ContactId': 'OpportunityContactRoles',
  'CampaignMember.CampaignId': 'CampaignMembers',
  'CampaignMember.ContactId': 'CampaignMembers',
  'CampaignMember.LeadId': 'CampaignMembers',
  'Campaign.ParentId': 'ChildCampaigns',
  'Opportunity.CampaignId': 'Opportunities',
  'Contact.ReportsToId': 'DirectReports',
  'User.ManagerId': 'ManagedUsers',
  'Opportunity.ContactId': 'Opportunities',
  'User.ProfileId': 'Users',
  'User.UserRoleId': 'Users',
  'Profile.UserLicenseId': 'Profiles',
  'UserRole.ParentRoleId': 'ChildRoles',
  'Group.RelatedId': 'Groups',
  'Contact.IndividualId': 'Contacts',
  'Lead.IndividualId': 'Leads',
  'User.IndividualId': 'Users',
  'Individual.MasterRecordId': 'ChildIndividuals',
};

export const CASCADE_DELETE: ReadonlySet<string> = new Set([
  'Contact.AccountId', 'Opportunity.AccountId', 'AccountContactRelation.AccountId', 'AccountContactRelation.ContactId',
  'OpportunityContactRole.OpportunityId', 'OpportunityContactRole.ContactId', 'CampaignMember.CampaignId',
  'CampaignMember.ContactId', 'CampaignMember.LeadId',
]);
