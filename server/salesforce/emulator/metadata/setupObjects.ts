/**
 * Setup objects that the data objects' lookups point at: Profile, UserLicense, UserRole and Group
 * (User.ProfileId, User.UserRoleId, the polymorphic OwnerId of Lead). Their field lists follow a
 * real org's describe: no IsDeleted, and UserRole/UserLicense have no CreatedDate/CreatedById.
 */
import type { FieldDescribe } from '../../describeTypes';
import { auditFields, bool, datetime, email, idField, int, picklist, reference, SYSTEM, text } from './fieldBuilders';
import type { ObjectDefinition, ObjectFlags } from './standardObjects';

const READ_ONLY = { createable: false, updateable: false };

/** Setup data: not in feeds, layouts or search; never soft-deleted, so nothing to undelete. */
const SETUP: ObjectFlags = {
  activateable: false, createable: true, deletable: true, feedEnabled: false, layoutable: false, mergeable: false,
  mruEnabled: false, searchable: false, triggerable: false, undeletable: false, updateable: true,
};

export const USER_TYPES = ['Standard', 'PowerPartner', 'PowerCustomerSuccess', 'CustomerSuccess', 'Guest', 'CspLitePortal', 'CsnOnly', 'SelfService'];
export const ROLE_ACCESS_LEVELS = ['None', 'Read', 'Edit'];
export const GROUP_TYPES = [
  'AllCustomerPortal', 'Manager', 'ManagerAndSubordinatesInternal', 'Organization', 'PRMOrganization', 'Queue', 'Regular',
  'Role', 'RoleAndInternalSubordinates', 'RoleAndSubordinates', 'Territory', 'TerritoryAndSubordinates',
];

/** A sample of the hundreds of `Permissions…` flags a real Profile describes. */
export const PROFILE_PERMISSIONS = [
  'PermissionsEmailSingle', 'PermissionsEmailMass', 'PermissionsEditTask', 'PermissionsEditEvent', 'PermissionsExportReport',
  'PermissionsImportPersonal', 'PermissionsManageUsers', 'PermissionsEditPublicTemplates', 'PermissionsModifyAllData',
  'PermissionsManageCases', 'PermissionsMassInlineEdit', 'PermissionsEditKnowledge', 'PermissionsManageKnowledge',
  'PermissionsManageSolutions', 'PermissionsCustomizeApplication', 'PermissionsEditReadonlyFields', 'PermissionsRunReports',
  'PermissionsViewSetup', 'PermissionsTransferAnyEntity', 'PermissionsNewReportBuilder', 'PermissionsActivateContract',
  'PermissionsImportLeads', 'PermissionsManageLeads', 'PermissionsTransferAnyLead', 'PermissionsViewAllData',
  'PermissionsEditPublicDocuments', 'PermissionsViewEncryptedData', 'PermissionsEditBrandTemplates', 'PermissionsEditHtmlTemplates',
  'PermissionsManageDashboards', 'PermissionsApiEnabled', 'PermissionsApiUserOnly', 'PermissionsBulkApiHardDelete',
  'PermissionsViewAllUsers', 'PermissionsAllowViewKnowledge', 'PermissionsLightningExperienceUser',
];

/** `PermissionsApiEnabled` → `API Enabled`-style labels: the words of the name after the prefix. */
function permissionLabel(name: string): string {
  return name.slice('Permissions'.length).replace(/([a-z])([A-Z])/g, '$1 $2').replace(/\bApi\b/, 'API');
}

const profileFields: FieldDescribe[] = [
  idField('Profile ID'),
  text('Name', 'Name', 255, { nameField: true, nillable: false }),
  ...PROFILE_PERMISSIONS.map((name) => bool(name, permissionLabel(name), { nillable: false, permissionable: false })),
  reference('UserLicenseId', 'User License ID', ['UserLicense'], 'UserLicense', { nillable: false, updateable: false }),
  picklist('UserType', 'User Type', USER_TYPES, { ...READ_ONLY, restrictedPicklist: true }),
  ...auditFields(),
  text('Description', 'Description', 255),
  datetime('LastViewedDate', 'Last Viewed Date', READ_ONLY),
  datetime('LastReferencedDate', 'Last Referenced Date', READ_ONLY),
];

export const profile: ObjectDefinition = {
  name: 'Profile', label: 'Profile', labelPlural: 'Profiles', keyPrefix: '00e',
  // Profiles are created and deleted in Setup, not through the API.
  flags: { ...SETUP, createable: false, deletable: false, mruEnabled: true },
  fields: profileFields,
};

export const userLicense: ObjectDefinition = {
  name: 'UserLicense', label: 'User License', labelPlural: 'User Licenses', keyPrefix: '100',
  flags: { ...SETUP, createable: false, deletable: false, updateable: false, replicateable: false },
  fields: [
    idField('User License ID'),
    text('LicenseDefinitionKey', 'License Definition Key', 40, { ...READ_ONLY, nillable: false }),
    int('TotalLicenses', 'Total Licenses', 9, { ...READ_ONLY, nillable: false }),
    picklist('Status', 'Status', ['Active', 'Disabled'], { ...READ_ONLY, nillable: false, restrictedPicklist: true }),
    int('UsedLicenses', 'Used Licenses', 9, { ...READ_ONLY, nillable: false }),
    datetime('UsedLicensesLastUpdated', 'Used Licenses Last Updated', { ...READ_ONLY, nillable: false }),
    text('Name', 'Name', 40, { ...READ_ONLY, nameField: true, nillable: false }),
    text('MasterLabel', 'Master Label', 40, { ...READ_ONLY, nillable: false }),
    datetime('CreatedDate', 'Created Date', SYSTEM),
    datetime('LastModifiedDate', 'Last Modified Date', SYSTEM),
    datetime('SystemModstamp', 'System Modstamp', SYSTEM),
  ],
};

export const userRole: ObjectDefinition = {
  name: 'UserRole', label: 'Role', labelPlural: 'Roles', keyPrefix: '00E', flags: SETUP,
  fields: [
    idField('Role ID'),
    text('Name', 'Name', 80, { nameField: true, nillable: false }),
    reference('ParentRoleId', 'Parent Role ID', ['UserRole'], 'ParentRole'),
    text('RollupDescription', 'Description', 80),
    picklist('OpportunityAccessForAccountOwner', 'Opportunity Access Level', ROLE_ACCESS_LEVELS, { nillable: false, restrictedPicklist: true, default: 'None' }),
    picklist('CaseAccessForAccountOwner', 'Case Access Level', ROLE_ACCESS_LEVELS, { restrictedPicklist: true }),
    picklist('ContactAccessForAccountOwner', 'Contact Access Level', ROLE_ACCESS_LEVELS, { restrictedPicklist: true }),
    reference('ForecastUserId', 'Forecast Manager ID', ['User'], 'ForecastUser'),
    bool('MayForecastManagerShare', 'May Forecast Manager Share', READ_ONLY),
    // A real UserRole has no CreatedDate/CreatedById.
    ...auditFields().slice(2),
    text('DeveloperName', 'Developer Name', 80, { nillable: false }),
    reference('PortalAccountId', 'Account ID', ['Account'], 'PortalAccount', READ_ONLY),
    picklist('PortalType', 'Role Type', ['None', 'CustomerPortal', 'Partner'], { ...READ_ONLY, restrictedPicklist: true }),
    reference('PortalAccountOwnerId', 'Partner Account Owner ID', ['User'], 'PortalAccountOwner', READ_ONLY),
  ],
};

export const group: ObjectDefinition = {
  name: 'Group', label: 'Group', labelPlural: 'Groups', keyPrefix: '00G', flags: SETUP,
  fields: [
    idField('Group ID'),
    text('Name', 'Name', 40, { nameField: true }),
    text('DeveloperName', 'Developer Name', 80),
    reference('RelatedId', 'Related ID', ['User', 'UserRole'], 'Related', READ_ONLY),
    picklist('Type', 'Type', GROUP_TYPES, { nillable: false, restrictedPicklist: true, updateable: false }),
    email('Email', 'Email', { length: 255 }),
    // A real org lists Organization too; the emulator serves no Organization rows, and owners are users.
    reference('OwnerId', 'Owner ID', ['Organization', 'User'], 'Owner', { defaultedOnCreate: true, nillable: false, permissionable: false }),
    bool('DoesSendEmailToMembers', 'Send Email to Members'),
    bool('DoesIncludeBosses', 'Include Bosses'),
    ...auditFields(),
  ],
};
