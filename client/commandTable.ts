/**
 * Every command of the extension in one declarative table: what it needs (a running
 * server, a trusted workspace) and its handler factory. Ctx.updateCommands() registers
 * the enabled or the disabled variant; ids are those of shared/protocol.ts and package.json.
 */
import { COMMANDS, ORG_COMMANDS } from '../shared/protocol';
import type { CommandFactory } from './ctx';
import * as org from './orgCommands';

export function createCommands(): Record<string, CommandFactory> {
  return {
    [ORG_COMMANDS.connect]: { requires: 'trusted-server', enabled: org.connect },
    [ORG_COMMANDS.disconnect]: { requires: 'server', enabled: org.disconnect },
    [ORG_COMMANDS.testConnection]: { requires: 'trusted-server', enabled: org.testConnection },
    [ORG_COMMANDS.refreshMetadata]: { requires: 'trusted-server', enabled: org.refreshMetadata },
    [ORG_COMMANDS.refresh]: { requires: 'none', enabled: org.refresh },
    [ORG_COMMANDS.filterObjects]: { requires: 'none', enabled: org.filterObjects },
    [ORG_COMMANDS.clearFilter]: { requires: 'none', enabled: org.clearFilter },
    [ORG_COMMANDS.copyApiName]: { requires: 'none', enabled: org.copyApiName },
    [ORG_COMMANDS.createDataflow]: { requires: 'server', enabled: org.createDataflow },
    [ORG_COMMANDS.openProjectFile]: { requires: 'none', enabled: org.openProjectFile },
    [COMMANDS.previewRecords]: { requires: 'trusted-server', enabled: org.previewRecords },
    [COMMANDS.runTestIngestion]: { requires: 'trusted-server', enabled: org.runTestIngestion },
  };
}
