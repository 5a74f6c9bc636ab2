/**
 * Rows of the setup objects (Profile, UserLicense, UserRole, Group) and of Individual. Setup rows
 * come from fixed vocabulary tables, so the ids Users point at (ProfileId, UserRoleId) and the
 * queues that own some Leads always exist; Individual k is the privacy record of Contact 20·k.
 */
import { PROFILE_PERMISSIONS } from '../metadata/setupObjects';
import { restDateTime } from './format';
import type { RecordGenerator, Row } from './generators';
import { CONTACTS_PER_INDIVIDUAL } from './orgShape';
import { PROFILE_NAMES, PUBLIC_GROUPS, ROLES, USER_LICENSES } from './vocabulary';

/** Permissions beyond the everyday ones, by profile name; the System Administrator has all of them. */
const EVERYDAY_PERMISSIONS = [
  'PermissionsEmailSingle', 'PermissionsEditTask', 'PermissionsEditEvent', 'PermissionsExportReport', 'PermissionsImportPersonal',
  'PermissionsRunReports', 'PermissionsApiEnabled', 'PermissionsNewReportBuilder', 'PermissionsAllowViewKnowledge',
  'PermissionsLightningExperienceUser', 'PermissionsMassInlineEdit',
];
const EXTRA_PERMISSIONS: Readonly<Record<string, readonly string[]>> = {
  'Marketing User': ['PermissionsEmailMass', 'PermissionsImportLeads', 'PermissionsManageLeads', 'PermissionsEditPublicTemplates'],
  'Contract Manager': ['PermissionsActivateContract'],
  'Solution Manager': ['PermissionsManageSolutions', 'PermissionsEditPublicDocuments'],
};
const PROFILE_LICENSE: Readonly<Record<string, number>> = { 'Standard Platform User': 1, 'Chatter Free User': 2 };

const DAY_MS = 86_400_000;
/** Index of the first public group: after the organization group and one group per role. */
const FIRST_PUBLIC_GROUP = 1 + ROLES.length;

/** Group indexes of the lead queues (some Leads are owned by a queue, as in real orgs). */
export const QUEUE_GROUP_INDEXES: readonly number[] = PUBLIC_GROUPS.flatMap(([, , type], k) => (type === 'Queue' ? [FIRST_PUBLIC_GROUP + k] : []));

export class SetupRecords {
  constructor(private readonly generator: RecordGenerator) {}

  generate(object: string, index: number): Row | null {
    switch (object) {
      case 'Profile': return this.profile(index);
      case 'UserLicense': return this.userLicense(index);
      case 'UserRole': return this.userRole(index);
      case 'Group': return this.group(index);
      case 'Individual': return this.individual(index);
      default: return null;
    }
  }

  private get org() {
    return this.generator.org;
  }

  private adminId(): string {
    return this.org.id('User', 0);
  }

  /** Setup rows were made by the admin; audit dates still follow the org's time line. */
  private audit(object: string, index: number): Row {
    const audit = this.generator.audit(object, index, this.org.random(object, index));
    return { ...audit, CreatedById: this.adminId(), LastModifiedById: this.adminId() };
  }

  private profile(p: number): Row {
    const name = PROFILE_NAMES[p];
    const granted = new Set(name === 'Read Only'
      ? ['PermissionsRunReports', 'PermissionsExportReport', 'PermissionsApiEnabled', 'PermissionsLightningExperienceUser']
      : name === 'Chatter Free User' ? [] : [...EVERYDAY_PERMISSIONS, ...(EXTRA_PERMISSIONS[name] ?? [])]);
    const row: Row = { Id: this.org.id('Profile', p), Name: name };
    for (const permission of PROFILE_PERMISSIONS) row[permission] = p === 0 || granted.has(permission);
    return {
      ...row,
      UserLicenseId: this.org.id('UserLicense', PROFILE_LICENSE[name] ?? 0),
      UserType: name === 'Chatter Free User' ? 'CsnOnly' : 'Standard',
      ...this.audit('Profile', p),
      Description: null,
      LastViewedDate: null,
      LastReferencedDate: null,
    };
  }

  private userLicense(l: number): Row {
    const [name, key, total] = USER_LICENSES[l];
    const audit = this.audit('UserLicense', l);
    return {
      Id: this.org.id('UserLicense', l),
      LicenseDefinitionKey: key,
      TotalLicenses: total,
      Status: 'Active',
      // Every generated user holds a full Salesforce license.
      UsedLicenses: l === 0 ? this.org.count('User') : 0,
      UsedLicensesLastUpdated: restDateTime(Math.floor(this.org.nowMs / DAY_MS) * DAY_MS),
      Name: name,
      MasterLabel: name,
      CreatedDate: audit.CreatedDate,
      LastModifiedDate: audit.LastModifiedDate,
      SystemModstamp: audit.SystemModstamp,
    };
  }

  private userRole(k: number): Row {
    const [name, developerName, parent] = ROLES[k];
    const { LastModifiedDate, LastModifiedById, SystemModstamp } = this.audit('UserRole', k);
    return {
      Id: this.org.id('UserRole', k),
      Name: name,
      ParentRoleId: parent < 0 ? null : this.org.id('UserRole', parent),
      RollupDescription: name,
      OpportunityAccessForAccountOwner: 'None',
      CaseAccessForAccountOwner: 'Edit',
      ContactAccessForAccountOwner: 'Edit',
      ForecastUserId: null,
      MayForecastManagerShare: false,
      LastModifiedDate,
      LastModifiedById,
      SystemModstamp,
      DeveloperName: developerName,
      PortalAccountId: null,
      PortalType: 'None',
      PortalAccountOwnerId: null,
    };
  }

  private group(g: number): Row {
    const base = { Id: this.org.id('Group', g), OwnerId: this.adminId(), DoesIncludeBosses: false, ...this.audit('Group', g) };
    if (g === 0) {
      return { ...base, Name: 'All Internal Users', DeveloperName: 'AllInternalUsers', RelatedId: null, Type: 'Organization', Email: null, DoesSendEmailToMembers: false };
    }
    if (g < FIRST_PUBLIC_GROUP) {
      // Sharing creates one group per role; it has no name of its own.
      return { ...base, Name: null, DeveloperName: null, RelatedId: this.org.id('UserRole', g - 1), Type: 'Role', Email: null, DoesSendEmailToMembers: false };
    }
    const [name, developerName, type] = PUBLIC_GROUPS[g - FIRST_PUBLIC_GROUP];
    return {
      ...base, Name: name, DeveloperName: developerName, RelatedId: null, Type: type,
      Email: type === 'Queue' ? `${developerName.toLowerCase().replace(/_/g, '-')}@acme.example.com` : null,
      DoesSendEmailToMembers: type === 'Queue', DoesIncludeBosses: type === 'Regular',
    };
  }

  private individual(k: number): Row {
    const contact = this.generator.generate('Contact', k * CONTACTS_PER_INDIVIDUAL);
    const r = this.org.random('Individual', k);
    return {
      Id: this.org.id('Individual', k),
      OwnerId: contact.OwnerId,
      IsDeleted: false,
      LastName: contact.LastName,
      FirstName: contact.FirstName,
      Salutation: contact.Salutation,
      Name: contact.Name,
      HasOptedOutTracking: r.chance(1, 0.2),
      HasOptedOutProfiling: r.chance(2, 0.15),
      HasOptedOutProcessing: r.chance(3, 0.05),
      HasOptedOutSolicit: Boolean(contact.HasOptedOutOfEmail),
      ShouldForget: r.chance(4, 0.01),
      SendIndividualData: r.chance(5, 0.02),
      CanStorePiiElsewhere: r.chance(6, 0.7),
      HasOptedOutGeoTracking: r.chance(7, 0.3),
      BirthDate: contact.Birthdate,
      ...this.audit('Individual', k),
      LastViewedDate: null,
      LastReferencedDate: null,
      MasterRecordId: null,
      IndividualsAge: contact.Birthdate ? '16 or Older' : 'Unknown',
    };
  }
}
