/** Word lists the record generators draw from. Constant tables only. */

export const FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William',
  'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Carlos', 'Karen', 'Wei', 'Aiko', 'Priya',
  'Oluwaseun', 'Mateo', 'Sofia', 'Liam', 'Emma', 'Noah', 'Olivia', 'Lucas', 'Amelia', 'Hiroshi', 'Fatima', 'Ingrid',
  'Lars', 'Chloé', 'François', 'Zoë', 'Björn', 'Ana', 'Diego', 'Mei', 'Raj', 'Anika', 'Tomás', 'Nadia', 'Kwame', 'Elena',
  'Marco', 'Grace', 'Samuel', 'Hannah', 'Daniel', 'Leah', 'Omar', 'Yuki', 'Sven', 'Isabel', 'Ahmed',
];

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
  'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez',
  'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen',
  'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall',
  'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Müller', 'Schmidt', 'Tanaka', 'Suzuki', 'Kim', 'Park',
  'Chen', 'Wang', 'Singh', 'Patel', "O'Brien", 'Dubois', 'Rossi', 'Kowalski', 'Novak', 'Andersson', 'Okafor', 'Mensah',
  'da Silva', 'van der Berg',
];

export const COMPANY_PREFIXES = [
  'Acme', 'Blue Peak', 'Northwind', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Cyberdyne', 'Soylent',
  'Vandelay', 'Hooli', 'Pied Piper', 'Wonka', 'Tyrell', 'Oscorp', 'Gringotts', 'Aperture', 'Black Mesa', 'Massive Dynamic',
  'Sterling', 'Pinnacle', 'Summit', 'Evergreen', 'Silverline', 'Redwood', 'Ironclad', 'Brightwave', 'Clearwater', 'Keystone',
];

export const COMPANY_NOUNS = [
  'Industries', 'Systems', 'Logistics', 'Foods', 'Health', 'Energy', 'Analytics', 'Robotics', 'Media', 'Capital',
  'Pharma', 'Networks', 'Motors', 'Textiles', 'Labs', 'Solutions', 'Outfitters', 'Aerospace', 'Biotech', 'Software',
];

export const COMPANY_SUFFIXES = ['Inc.', 'LLC', 'Ltd.', 'GmbH', 'Corp.', 'S.A.', 'plc', 'Co.', 'AG', 'K.K.'];

export interface City {
  city: string;
  state: string;
  postalCode: string;
  country: string;
  latitude: number;
  longitude: number;
  areaCode: string;
}

export const CITIES: readonly City[] = [
  { city: 'San Francisco', state: 'CA', postalCode: '94105', country: 'United States', latitude: 37.7897, longitude: -122.3972, areaCode: '415' },
  { city: 'New York', state: 'NY', postalCode: '10001', country: 'United States', latitude: 40.7506, longitude: -73.9972, areaCode: '212' },
  { city: 'Chicago', state: 'IL', postalCode: '60601', country: 'United States', latitude: 41.8853, longitude: -87.6229, areaCode: '312' },
  { city: 'Austin', state: 'TX', postalCode: '78701', country: 'United States', latitude: 30.2711, longitude: -97.7437, areaCode: '512' },
  { city: 'Seattle', state: 'WA', postalCode: '98101', country: 'United States', latitude: 47.6101, longitude: -122.3344, areaCode: '206' },
  { city: 'Boston', state: 'MA', postalCode: '02110', country: 'United States', latitude: 42.3570, longitude: -71.0511, areaCode: '617' },
  { city: 'Atlanta', state: 'GA', postalCode: '30303', country: 'United States', latitude: 33.7529, longitude: -84.3925, areaCode: '404' },
  { city: 'Denver', state: 'CO', postalCode: '80202', country: 'United States', latitude: 39.7525, longitude: -104.9995, areaCode: '303' },
  { city: 'Toronto', state: 'ON', postalCode: 'M5H 2N2', country: 'Canada', latitude: 43.6510, longitude: -79.3811, areaCode: '416' },
  { city: 'London', state: 'England', postalCode: 'EC2V 7HH', country: 'United Kingdom', latitude: 51.5155, longitude: -0.0922, areaCode: '20' },
  { city: 'Berlin', state: 'Berlin', postalCode: '10117', country: 'Germany', latitude: 52.5163, longitude: 13.3777, areaCode: '30' },
  { city: 'München', state: 'Bayern', postalCode: '80331', country: 'Germany', latitude: 48.1374, longitude: 11.5755, areaCode: '89' },
  { city: 'Paris', state: 'Île-de-France', postalCode: '75002', country: 'France', latitude: 48.8686, longitude: 2.3412, areaCode: '1' },
  { city: 'Tokyo', state: 'Tokyo', postalCode: '100-0005', country: 'Japan', latitude: 35.6812, longitude: 139.7671, areaCode: '3' },
  { city: 'Sydney', state: 'NSW', postalCode: '2000', country: 'Australia', latitude: -33.8688, longitude: 151.2093, areaCode: '2' },
  { city: 'São Paulo', state: 'SP', postalCode: '01310-100', country: 'Brazil', latitude: -23.5614, longitude: -46.6559, areaCode: '11' },
];

export const STREET_NAMES = [
  'Market Street', 'Main Street', 'Mission Street', 'Broadway', 'Oak Avenue', 'Maple Drive', 'Elm Street', 'Park Avenue',
  'Howard Street', 'Lake Shore Drive', 'Congress Avenue', 'Pine Street', 'Harbor Boulevard', 'King Street', 'High Street',
];

export const TITLES = [
  'CEO', 'CFO', 'CTO', 'VP, Marketing', 'VP, Sales', 'Director of Operations', 'Head of Data', 'Marketing Manager',
  'Sales Manager', 'Data Engineer', 'Account Executive', 'Procurement Specialist', 'IT Manager', 'Product Owner',
  'Customer Success Manager', 'Analyst',
];

export const DEPARTMENTS = ['Sales', 'Marketing', 'Finance', 'Engineering', 'Operations', 'IT', 'Procurement', 'Support', 'Executive'];

export const PRODUCTS = ['Platform License', 'Analytics Add-on', 'Implementation Services', 'Premier Support', 'Data Cloud Credits', 'Renewal'];

export const CAMPAIGN_TOPICS = ['Spring Launch', 'Customer Summit', 'Product Webinar', 'Partner Days', 'Holiday Promo', 'Data Summit', 'Roadshow'];

export const NOTES = [
  'Met at "Dreamforce", prefers email.\nFollow up in Q3.',
  'Key decision maker; budget approved, timing unclear.',
  'Requested pricing for 500 seats, incl. premium support',
  'Former customer — returned after the 2023 migration.',
  'Asked for a demo of the "Data Prep" mappings, then went quiet',
];

/** NAICS industry codes with their descriptions, as Data.com / D&B fill them in on Account. */
export const NAICS: readonly { code: string; description: string }[] = [
  { code: '511210', description: 'Software Publishers' },
  { code: '541511', description: 'Custom Computer Programming Services' },
  { code: '541611', description: 'Administrative Management and General Management Consulting Services' },
  { code: '522110', description: 'Commercial Banking' },
  { code: '524126', description: 'Direct Property and Casualty Insurance Carriers' },
  { code: '325412', description: 'Pharmaceutical Preparation Manufacturing' },
  { code: '336411', description: 'Aircraft Manufacturing' },
  { code: '445110', description: 'Supermarkets and Other Grocery (except Convenience) Stores' },
  { code: '484121', description: 'General Freight Trucking, Long-Distance, Truckload' },
  { code: '517311', description: 'Wired Telecommunications Carriers' },
  { code: '621111', description: 'Offices of Physicians (except Mental Health Specialists)' },
  { code: '221122', description: 'Electric Power Distribution' },
];

export const PROFILE_NAMES = [
  'System Administrator', 'Standard User', 'Marketing User', 'Contract Manager', 'Solution Manager', 'Read Only',
  'Standard Platform User', 'Chatter Free User',
];

/** name, license definition key, total licenses */
export const USER_LICENSES: readonly [string, string, number][] = [
  ['Salesforce', 'SFDC', 250], ['Salesforce Platform', 'AUL', 20], ['Chatter Free', 'PID_Chatter', 5000], ['Identity', 'PID_IDENTITY', 10],
];

/** name, developer name, index of the parent role (-1: top) */
export const ROLES: readonly [string, string, number][] = [
  ['CEO', 'CEO', -1], ['VP, Sales', 'VPSales', 0], ['VP, Marketing', 'VPMarketing', 0],
  ['VP, Customer Service', 'VPCustomerService', 0], ['Western Sales Director', 'WesternSalesDirector', 1],
  ['Eastern Sales Director', 'EasternSalesDirector', 1], ['Marketing Team', 'MarketingTeam', 2],
  ['Customer Support, North America', 'CustomerSupportNorthAmerica', 3], ['Western Sales Team', 'WesternSalesTeam', 4],
  ['Eastern Sales Team', 'EasternSalesTeam', 5],
];

/** The public groups and queues after the organization and role groups: name, developer name, type */
export const PUBLIC_GROUPS: readonly [string, string, 'Regular' | 'Queue'][] = [
  ['Sales Team', 'Sales_Team', 'Regular'], ['Marketing Team', 'Marketing_Team', 'Regular'],
  ['Support Escalations', 'Support_Escalations', 'Regular'], ['Web Leads', 'Web_Leads', 'Queue'],
  ['Partner Leads', 'Partner_Leads', 'Queue'],
];
