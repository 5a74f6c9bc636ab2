/** Identities: paths that exist and are mapped, known namespaces, exactly one primary. */
import type { DataflowModel } from '../dataflow/model';
import { didYouMean, suggestionText } from '../util/didYouMean';
import { problem, type Problem } from '../util/problems';
import type { DataflowContext } from './context';
import { normalisePath } from './paths';

export function checkIdentities(model: DataflowModel, ctx: DataflowContext, problems: Problem[]): void {
  const schema = ctx.schema?.schema;
  const targets = model.mappings.flatMap((m) => (m.target ? [normalisePath(m.target.value)] : []));
  const primaries = model.identities.filter((i) => i.primary?.value === true);
  for (const id of model.identities) {
    if (id.path) {
      const p = normalisePath(id.path.value);
      if (schema && !schema.get(p)) {
        const sug = didYouMean(p, schema.leaves().map((f) => f.path));
        problems.push(problem('identity-unknown-path', id.path.span, `Identity path '${p}' does not exist in the target schema.${suggestionText(sug)}`, { suggestions: sug }));
      } else if (!targets.some((t) => t === p || p.startsWith(`${t}.`))) {
        problems.push(problem('identity-unmapped', id.path.span, `Identity '${p}' is not written by any mapping, so records would have no ${id.namespace?.value ?? ''} identity.`, { path: p }));
      }
    }
    if (id.namespace && !ctx.namespaces.has(id.namespace.value)) {
      const sug = didYouMean(id.namespace.value, ctx.namespaces);
      problems.push(problem('identity-unknown-namespace', id.namespace.span, `Identity namespace '${id.namespace.value}' is neither a standard namespace nor declared under namespaces in crmflow.yaml.${suggestionText(sug)}`, { suggestions: sug }));
    }
  }
  if (model.identities.length > 0 && primaries.length === 0) {
    problems.push(problem('identity-no-primary', model.identitiesKey ?? model.identities[0].span, 'No identity is marked primary: set primary: true on exactly one.'));
  } else if (model.identities.length === 0 && model.ingestion?.profile?.value === true) {
    problems.push(problem('identity-no-primary', model.ingestion.profile.span, 'A profile dataflow needs identities with exactly one primary.'));
  }
  for (const extra of primaries.slice(1)) {
    const p = problem('identity-multiple-primary', extra.primary!.span, 'Only one identity can be primary.');
    if (primaries[0].primary) p.related = [{ span: primaries[0].primary.span, message: 'the first primary identity' }];
    problems.push(p);
  }
}
