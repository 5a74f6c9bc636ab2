/**
 * REST writes on single records: `POST …/sobjects/{Type}` (201 `{id, success, errors}`),
 * `PATCH …/sobjects/{Type}/{id}` and `DELETE …/sobjects/{Type}/{id}` (204). Deletes are soft:
 * the row turns IsDeleted=true, which queryAll and `…/deleted` show, as in an org's recycle bin.
 */
import type { CatalogObject } from '../metadata/catalog';
import type { ApiContext, ApiRequest } from './context';
import type { Reply } from './reply';
import { SObjectWriteValidator, type ReferenceTarget, type WriteError } from './sobjectWriteValidation';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

export class SObjectWrites {
  constructor(private readonly ctx: ApiContext) {}

  private validator(object: CatalogObject): SObjectWriteValidator {
    return new SObjectWriteValidator(object, (id) => this.target(id));
  }

  private target(id: string): ReferenceTarget {
    const view = this.ctx.store.view();
    const at = view.locate(id, this.ctx.catalog);
    return at ? { object: at.object, deleted: view.isDeleted(at.object, at.index) } : null;
  }

  /** 415 unless the body is JSON (or absent): the emulator reads no XML bodies. */
  private acceptsBody(request: ApiRequest, reply: Reply): boolean {
    const type = request.headers['content-type'];
    const text = Array.isArray(type) ? type[0] : type;
    if (!text || JSON_MEDIA_TYPE.test(text)) return true;
    reply.error(415, 'UNSUPPORTED_MEDIA_TYPE', `Content type '${text.split(';')[0]}' not supported`);
    return false;
  }

  private fail(reply: Reply, error: WriteError): void {
    reply.error(400, error.errorCode, error.message, error.fields);
  }

  create(request: ApiRequest, object: CatalogObject, reply: Reply): void {
    if (!object.definition.flags.createable) return reply.error(400, 'INVALID_TYPE_FOR_OPERATION', `entity type cannot be inserted: ${object.name}`);
    if (!this.acceptsBody(request, reply)) return;
    const checked = this.validator(object).validate(request.body, 'insert');
    if ('error' in checked) return this.fail(reply, checked.error);
    const id = this.ctx.store.create(object.name, checked.fields);
    reply.json(201, { id, success: true, errors: [] });
  }

  update(request: ApiRequest, object: CatalogObject, id: string, reply: Reply): void {
    if (!this.recordExists(object, id, reply)) return;
    if (!object.definition.flags.updateable) return reply.error(400, 'INVALID_TYPE_FOR_OPERATION', `entity type cannot be updated: ${object.name}`);
    if (!this.acceptsBody(request, reply)) return;
    const checked = this.validator(object).validate(request.body, 'update', id);
    if ('error' in checked) return this.fail(reply, checked.error);
    this.ctx.store.update(object.name, id, checked.fields);
    reply.empty(204);
  }

  remove(object: CatalogObject, id: string, reply: Reply): void {
    if (!this.recordExists(object, id, reply)) return;
    // Objects without IsDeleted are hard-deleted by an org; the emulator keeps every row it made.
    if (!object.definition.flags.deletable || !object.hasField('IsDeleted')) {
      return reply.error(400, 'INVALID_TYPE_FOR_OPERATION', `entity type cannot be deleted: ${object.name}`);
    }
    this.ctx.store.setDeleted(object.name, id, true);
    reply.empty(204);
  }

  /**
   * Answers 404 as an org does when `id` is no live record of `object`: NOT_FOUND (with the
   * external-id wording for text that is not an id at all) or ENTITY_IS_DELETED.
   */
  recordExists(object: CatalogObject, id: string, reply: Reply): boolean {
    const view = this.ctx.store.view();
    const at = view.locate(id, this.ctx.catalog);
    if (!at || at.object !== object.name) {
      const looksLikeId = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(id);
      reply.error(404, 'NOT_FOUND', looksLikeId ? 'The requested resource does not exist' : `Provided external ID field does not exist or is not accessible: ${id}`);
      return false;
    }
    if (view.isDeleted(at.object, at.index)) {
      reply.error(404, 'ENTITY_IS_DELETED', 'entity is deleted');
      return false;
    }
    return true;
  }
}
