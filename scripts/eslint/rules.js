// @ts-check
import { builtinRules } from 'eslint/use-at-your-own-risk';

/**
 * ESLint's `max-lines-per-function`, less the functions that only hold other functions: a Fastify plugin that
 * registers a module's routes (`async function postsRoutes(app)`: a list of `app.get(…)`, each handler measured on
 * its own) and a test file's `describe(…)` callback (a list of `it(…)`, each measured on its own). Everything else
 * is measured as ESLint does, with the same options.
 */
const core = /** @type {import('eslint').Rule.RuleModule} */ (builtinRules.get('max-lines-per-function'));

/** The name a call starts from: `describe` for describe(…), describe.skipIf(x)(…), describe.each(rows)(…). */
function rootName(/** @type {any} */ callee) {
  let node = callee;
  while (node.type === 'CallExpression' || node.type === 'MemberExpression') node = node.type === 'CallExpression' ? node.callee : node.object;
  return node.type === 'Identifier' ? node.name : undefined;
}

/** @param {any} node */
function isContainer(node) {
  if (node.type === 'FunctionDeclaration' && /Routes$/.test(node.id?.name ?? '')) return true;
  const parent = node.parent;
  return parent?.type === 'CallExpression' && parent.arguments.includes(node) && rootName(parent.callee) === 'describe';
}

/** @type {import('eslint').Rule.RuleModule} */
const maxLinesPerFunction = {
  meta: { ...core.meta, docs: { description: 'max-lines-per-function, less route registrations and describe blocks' } },
  create(context) {
    // The context is frozen: a child object that inherits it and reports through the filter.
    const filtered = Object.create(context, {
      report: { value: (/** @type {any} */ descriptor) => isContainer(descriptor.node) || context.report(descriptor) },
    });
    return core.create(filtered);
  },
};

export default { meta: { name: 'local' }, rules: { 'max-lines-per-function': maxLinesPerFunction } };
