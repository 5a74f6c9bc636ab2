/**
 * crmflow/* requests → features/org: connections, the org tree, object describes and
 * "Create dataflow" from the describe cache; connect / test / refresh / preview through
 * the gateway. Secrets come from the client on demand (ReadSecretRequest) and refreshed
 * tokens go back to it (SecretUpdatedNotification); none is kept or logged here.
 */
import * as path from 'node:path';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import {
  BeginSignInRequest,
  CompleteSignInRequest,
  ConnectRequest,
  CreateDataflowRequest,
  DescribeObjectRequest,
  DisconnectRequest,
  FieldDropRequest,
  ListConnectionsRequest,
  ListObjectsRequest,
  OrgStatusNotification,
  OrgTreeRequest,
  PreviewRecordsRequest,
  ReadSecretRequest,
  RefreshMetadataRequest,
  SecretUpdatedNotification,
  TestConnectionRequest,
  type ConnectionRef,
  type PreviewRecordsParams,
  type PreviewRecordsResult,
} from '../../../shared/protocol';
import { listConnections } from '../../features/org/connections';
import { createDataflow } from '../../features/org/createDataflow';
import { fieldDropEdit } from '../../features/org/fieldDrop';
import { describeObject } from '../../features/org/fields';
import { pathToUri, resolveConnection, uriToPath, type ResolvedConnection } from '../../features/org/location';
import { listObjects } from '../../features/org/objects';
import { dataflowPreviewFields, objectPreviewFields, PREVIEW_LIMIT } from '../../features/org/preview';
import { OrgError, OrgSessions } from '../../features/org/sessions';
import { orgTreeChildren } from '../../features/org/tree';
import { MappingSuggester } from '../../features/suggestMappings';
import { loadSalesforceRuntime } from '../../salesforce/loadRuntime';
import { runSafe } from '../runSafe';
import type { HandlerContext, HandlerModule } from './types';

const EMPTY_OBJECTS = { objects: [], cached: false, total: 0 };

function resolved(ctx: HandlerContext, ref: ConnectionRef): ResolvedConnection {
  const r = resolveConnection(ctx.service.workspace, ref);
  if (!r.ok) throw new OrgError(r.message);
  return r.value;
}

/** Runs an org request: OrgErrors are answered with their (safe) message, anything else is logged. */
async function answer<T>(log: (m: string) => void, name: string, fn: () => Promise<T> | T): Promise<T | ResponseError<void>> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof OrgError) return new ResponseError(LSPErrorCodes.RequestFailed, e.message);
    log(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return new ResponseError(LSPErrorCodes.RequestFailed, `${name} failed with an internal error (details in the CRM Dataflows output).`);
  }
}

function previewTarget(ctx: HandlerContext, params: PreviewRecordsParams): { conn: ResolvedConnection; object: string; fields: string[]; where?: string } {
  const ws = ctx.service.workspace;
  if ('uri' in params) {
    const file = uriToPath(params.uri);
    const open = ctx.request(params.uri);
    const text = open?.doc.getText() ?? (file ? ws.files.readFile(file) : undefined);
    if (!file || text === undefined) throw new OrgError('Preview needs a dataflow file saved in a project folder.');
    const analysis = open?.analysis ?? ctx.service.analyse({ path: file, text });
    const { project, connection, object } = analysis.context;
    const source = analysis.parsed.model.source;
    const objectName = source?.object?.value;
    if (!project || !connection || !objectName) throw new OrgError('This dataflow names no connection of crmflow.yaml and object to preview (source.connection, source.object).');
    const conn = resolved(ctx, { project: pathToUri(project.root), name: connection.name });
    const fields = object ? dataflowPreviewFields(analysis.parsed.model, object, analysis.context.lookup) : ['Id'];
    const where = source?.where?.value;
    return { conn, object: objectName, fields, ...(where ? { where } : {}) };
  }
  const conn = resolved(ctx, params.connection);
  const describe = ws.describe(conn.project.root, conn.decl.name, params.object);
  return { conn, object: params.object, fields: describe ? objectPreviewFields(describe) : ['Id'] };
}

export const salesforceHandler: HandlerModule = {
  capabilities: {},
  register(ctx) {
    const { connection, service } = ctx;
    const ws = service.workspace;
    const log = (m: string) => connection.console.error(m);
    const suggester = new MappingSuggester();
    const sessions = new OrgSessions(ws, {
      readSecret: async (ref, key) => (await connection.sendRequest(ReadSecretRequest.type, { connection: ref, key })) ?? undefined,
      storeSecret: (ref, key, value) => void connection.sendNotification(SecretUpdatedNotification.type, { connection: ref, key, value }),
      status: (status) => void connection.sendNotification(OrgStatusNotification.type, status),
      log: (line) => connection.console.log(line),
    }, () => loadSalesforceRuntime(__dirname));
    const isConnected = (project: string, name: string) => sessions.isConnected(project, name);

    connection.onRequest(ListConnectionsRequest.type, (p, token) => runSafe(log, 'listConnections', [], token, () => listConnections(ws, p?.folders ?? [], isConnected)));
    connection.onRequest(OrgTreeRequest.type, (p, token) => runSafe(log, 'orgTree', [], token, () => orgTreeChildren(ws, p, { isConnected })));
    connection.onRequest(ListObjectsRequest.type, (p, token) => runSafe(log, 'listObjects', EMPTY_OBJECTS, token, () => {
      const r = resolveConnection(ws, p.connection);
      return r.ok ? listObjects(ws, r.value.project.root, r.value.decl.name, { includeNonQueryable: p.includeNonQueryable === true }) : EMPTY_OBJECTS;
    }));
    connection.onRequest(DescribeObjectRequest.type, (p, token) => runSafe(log, 'describeObject', null, token, () => {
      const r = resolveConnection(ws, p.connection);
      return r.ok && typeof p.object === 'string' ? describeObject(ws, r.value.project.root, r.value.decl.name, p.object) : null;
    }));
    connection.onRequest(CreateDataflowRequest.type, (p) => answer(log, 'createDataflow', () => {
      const conn = resolved(ctx, p.connection);
      if (typeof p.object !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(p.object)) throw new OrgError(`'${String(p.object)}' is not an sObject API name.`);
      const exists = (rel: string) => ws.files.readFile(path.join(conn.project.root, ...rel.split('/'))) !== undefined;
      return createDataflow(service, conn, p.object, suggester, exists);
    }));
    connection.onRequest(FieldDropRequest.type, (p, token) => runSafe(log, 'fieldDrop', null, token, () => {
      const req = ctx.request(p.uri, p.position);
      return (req && fieldDropEdit(req, p.source, typeof p.object === 'string' ? p.object : undefined)) ?? null;
    }));

    connection.onRequest(ConnectRequest.type, (p) => answer(log, 'connect', () => sessions.connect(resolved(ctx, p.connection))));
    connection.onRequest(BeginSignInRequest.type, (p) => answer(log, 'beginSignIn', () => {
      if (typeof p.redirectUri !== 'string' || !/^[a-z][a-z0-9+.-]*:\/\//i.test(p.redirectUri)) throw new OrgError('The sign-in needs an absolute redirect URI.');
      return sessions.beginSignIn(resolved(ctx, p.connection), p.redirectUri);
    }));
    connection.onRequest(CompleteSignInRequest.type, (p) => answer(log, 'completeSignIn', () => {
      if (typeof p.code !== 'string' || typeof p.state !== 'string') throw new OrgError('The sign-in redirect carried no code.');
      return sessions.completeSignIn(resolved(ctx, p.connection), p.code, p.state);
    }));
    connection.onRequest(TestConnectionRequest.type, (p) => answer(log, 'testConnection', () => sessions.test(resolved(ctx, p.connection))));
    connection.onRequest(DisconnectRequest.type, (p) => answer(log, 'disconnect', () => sessions.disconnect(p.connection)));
    connection.onRequest(RefreshMetadataRequest.type, (p) => answer(log, 'refreshMetadata', () => sessions.refreshMetadata(resolved(ctx, p.connection), p.objects)));
    connection.onRequest(PreviewRecordsRequest.type, (p) => answer(log, 'previewRecords', (): Promise<PreviewRecordsResult> => {
      const t = previewTarget(ctx, p);
      const limit = typeof p.limit === 'number' && p.limit > 0 ? Math.min(Math.floor(p.limit), 2000) : PREVIEW_LIMIT;
      return sessions.preview(t.conn, t.object, t.fields, t.where, limit);
    }));
  },
};
