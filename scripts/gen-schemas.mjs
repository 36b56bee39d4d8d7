// Generates server/src/schema/generated/kubernetes.json: JSON schemas for the Kubernetes kinds
// kube-netlens validates, built offline from the `kubernetes-models` package (a devDependency).
//
// Structure (properties, required, enums, maps, lists) comes from the package's `.d.ts` files;
// whether a number is an integer comes from asking the package's own compiled validators. Every
// object gets `additionalProperties: false`, because Kubernetes rejects unknown fields and those
// validators do not report them. `x-format` names the wire format a `pattern` stands for, so
// messages can say it in words. The committed output means builds never need the package.
//
//   node scripts/gen-schemas.mjs           write the file
//   node scripts/gen-schemas.mjs --check   exit 1 when the committed file is out of date (a test runs this)

import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = join(repoRoot, 'server/src/schema/generated/kubernetes.json');

/** The Kubernetes release each supported kubernetes-models version was generated from (its CHANGELOG: 5.0.0 "Update to Kubernetes v1.36.0"). */
const KUBERNETES_RELEASE = { '5.1.0': '1.36' };

/** The kinds we validate, by apiVersion. */
const KINDS = [
  ['v1', 'Namespace'],
  ['v1', 'Pod'],
  ['v1', 'ReplicationController'],
  ['v1', 'Service'],
  ['v1', 'Secret'],
  ['v1', 'ConfigMap'],
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'StatefulSet'],
  ['apps/v1', 'DaemonSet'],
  ['apps/v1', 'ReplicaSet'],
  ['batch/v1', 'Job'],
  ['batch/v1', 'CronJob'],
  ['networking.k8s.io/v1', 'Ingress'],
  ['networking.k8s.io/v1', 'IngressClass'],
  ['networking.k8s.io/v1', 'NetworkPolicy'],
  ['discovery.k8s.io/v1', 'EndpointSlice'],
];

/** Kubernetes quantity grammar (apimachinery resource.ParseQuantity): number, then a binary/decimal SI suffix or an exponent. */
const QUANTITY_PATTERN = '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$';
const BASE64_PATTERN = '^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$';

/** Wire formats the `.d.ts` files do not carry: map values that must be base64 (the API server decodes them). */
const BASE64_MAPS = { IoK8sApiCoreV1Secret: ['data'], IoK8sApiCoreV1ConfigMap: ['binaryData'] };

const args = new Set(process.argv.slice(2));

function fail(message) {
  console.error(`gen-schemas: ${message}`);
  process.exit(2);
}

const modelsDir = join(repoRoot, 'node_modules', 'kubernetes-models');
if (!existsSync(join(modelsDir, 'package.json'))) {
  fail('kubernetes-models is not installed (it is a devDependency: run `npm install`).');
}
const modelsVersion = JSON.parse(readFileSync(join(modelsDir, 'package.json'), 'utf8')).version;
const kubernetesVersion = KUBERNETES_RELEASE[modelsVersion];
if (!kubernetesVersion) {
  fail(`kubernetes-models ${modelsVersion} is not in KUBERNETES_RELEASE; add the Kubernetes release it was built from.`);
}

// ---- reading the .d.ts files ----

const compilerOptions = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler };
const sourceFiles = new Map();

function sourceFile(path) {
  let sf = sourceFiles.get(path);
  if (!sf) {
    sf = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
    sourceFiles.set(path, sf);
  }
  return sf;
}

function resolveModule(specifier, fromFile) {
  const r = ts.resolveModuleName(specifier, fromFile, compilerOptions, ts.sys).resolvedModule;
  if (!r) fail(`cannot resolve ${specifier} from ${fromFile}`);
  return r.resolvedFileName;
}

/** `export type { IFoo as IIoK8sApiCoreV1Foo, ... }`: the long (OpenAPI-derived) name of a local declaration. */
function longNameOf(sf, localName) {
  for (const st of sf.statements) {
    if (!ts.isExportDeclaration(st) || !st.exportClause || !ts.isNamedExports(st.exportClause)) continue;
    for (const el of st.exportClause.elements) {
      if ((el.propertyName ?? el.name).text === localName && el.name.text.startsWith('II')) return el.name.text.slice(1);
    }
  }
  return undefined;
}

/** Finds what a type name used in `sf` refers to: { file, declaration, id }. */
function lookupType(sf, name) {
  for (const st of sf.statements) {
    if ((ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) && st.name.text === name) {
      const id = longNameOf(sf, name);
      if (!id) fail(`no exported long name for ${name} in ${sf.fileName}`);
      return { file: sf.fileName, declaration: st, id };
    }
  }
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !st.importClause?.namedBindings || !ts.isNamedImports(st.importClause.namedBindings)) continue;
    for (const el of st.importClause.namedBindings.elements) {
      if (el.name.text !== name) continue;
      const target = sourceFile(resolveModule(st.moduleSpecifier.text, sf.fileName));
      return lookupExported(target, (el.propertyName ?? el.name).text);
    }
  }
  fail(`cannot find type ${name} in ${sf.fileName}`);
}

/** A name exported by `sf`, possibly as an alias of a local declaration. */
function lookupExported(sf, exportedName) {
  for (const st of sf.statements) {
    if (!ts.isExportDeclaration(st) || !st.exportClause || !ts.isNamedExports(st.exportClause)) continue;
    for (const el of st.exportClause.elements) {
      if (el.name.text === exportedName) return lookupType(sf, (el.propertyName ?? el.name).text);
    }
  }
  return lookupType(sf, exportedName);
}

// ---- .d.ts types → JSON schema ----

const definitions = new Map();
/** Where each definition's compiled validator lives, for the integer probes. */
const validatorOf = new Map();

function refTo(sf, name) {
  const found = lookupType(sf, name);
  if (!definitions.has(found.id)) {
    definitions.set(found.id, null); // reserve: recursive types terminate here
    validatorOf.set(found.id, join(packageDirOf(found.file), '_schemas', `${found.id}.js`));
    definitions.set(found.id, declarationSchema(found));
  }
  return { $ref: `#/definitions/${found.id}` };
}

function packageDirOf(file) {
  let dir = dirname(file);
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

function declarationSchema({ file, declaration, id }) {
  const sf = sourceFile(file);
  if (ts.isTypeAliasDeclaration(declaration)) return typeSchema(sf, declaration.type, id);
  const schema = objectSchema(sf, declaration.members);
  schema.title = id.replace(/^IoK8s(Api|Apimachinery)\w*?V\d+(alpha\d+|beta\d+)?(?=[A-Z])/, '');
  return schema;
}

function objectSchema(sf, members) {
  const properties = {};
  const required = [];
  let additional;
  for (const m of members) {
    if (ts.isPropertySignature(m) && m.type) {
      const name = ts.isStringLiteral(m.name) || ts.isIdentifier(m.name) ? m.name.text : fail(`odd property name in ${sf.fileName}`);
      properties[name] = typeSchema(sf, m.type);
      if (!m.questionToken) required.push(name);
    } else if (ts.isIndexSignatureDeclaration(m) && m.type) {
      additional = typeSchema(sf, m.type);
    }
  }
  const schema = { type: 'object' };
  if (Object.keys(properties).length > 0) {
    schema.properties = properties;
    if (required.length > 0) schema.required = required.sort();
    schema.additionalProperties = false;
  } else if (additional) {
    schema.additionalProperties = additional;
  }
  // An interface with no members (RawExtension, FieldsV1) holds free-form JSON: leave it open.
  return schema;
}

function typeSchema(sf, node, aliasId) {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { type: 'string' };
    case ts.SyntaxKind.NumberKeyword:
      return { type: 'number' };
    case ts.SyntaxKind.BooleanKeyword:
      return { type: 'boolean' };
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
    case ts.SyntaxKind.ObjectKeyword:
      return {};
    case ts.SyntaxKind.ParenthesizedType:
      return typeSchema(sf, node.type, aliasId);
    case ts.SyntaxKind.ArrayType:
      return { type: 'array', items: typeSchema(sf, node.elementType) };
    case ts.SyntaxKind.TypeLiteral:
      return objectSchema(sf, node.members);
    case ts.SyntaxKind.LiteralType:
      if (ts.isStringLiteral(node.literal)) return { type: 'string', enum: [node.literal.text] };
      break;
    case ts.SyntaxKind.UnionType:
      return unionSchema(sf, node, aliasId);
    case ts.SyntaxKind.TypeReference: {
      const name = node.typeName.getText(sf);
      if (name === 'Array' && node.typeArguments?.length === 1) return { type: 'array', items: typeSchema(sf, node.typeArguments[0]) };
      if (name === 'Record' && node.typeArguments?.length === 2) return { type: 'object', additionalProperties: typeSchema(sf, node.typeArguments[1]) };
      return refTo(sf, name);
    }
  }
  fail(`unsupported type \`${node.getText(sf)}\` in ${sf.fileName}`);
}

function unionSchema(sf, node, aliasId) {
  const members = node.types;
  if (members.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) {
    return { type: 'string', enum: members.map((t) => t.literal.text) };
  }
  const kinds = new Set(members.map((t) => t.kind));
  const isNumberOrString = kinds.size === 2 && kinds.has(ts.SyntaxKind.NumberKeyword) && kinds.has(ts.SyntaxKind.StringKeyword);
  if (isNumberOrString) {
    // IntOrString and Quantity: one `type` list, so a wrong value gives one error, not one per branch.
    const schema = { type: ['number', 'string'] };
    if (aliasId === 'IoK8sApimachineryPkgApiResourceQuantity') Object.assign(schema, { pattern: QUANTITY_PATTERN, 'x-format': 'quantity' });
    return schema;
  }
  fail(`unsupported union \`${node.getText(sf)}\` in ${sf.fileName}`);
}

// ---- integer probes against kubernetes-models' compiled validators ----

/** Every place in a definition where a `number` sits, as a path of property names / '*' (map value) / '#' (list item). */
function numberSlots(schema, trail = [], out = []) {
  if (!schema || schema.$ref) return out;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('number')) out.push({ schema, trail });
  if (schema.properties) for (const [k, v] of Object.entries(schema.properties)) numberSlots(v, [...trail, k], out);
  if (schema.items) numberSlots(schema.items, [...trail, '#'], out);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') numberSlots(schema.additionalProperties, [...trail, '*'], out);
  return out;
}

/** Builds an instance holding `leaf` at `trail`, and the JSON pointer of that spot. */
function instanceAt(trail, leaf) {
  let value = leaf;
  for (let i = trail.length - 1; i >= 0; i--) {
    const seg = trail[i];
    value = seg === '#' ? [value] : { [seg === '*' ? 'k' : seg]: value };
  }
  const pointer = trail.map((seg) => (seg === '#' ? '/0' : seg === '*' ? '/k' : `/${seg}`)).join('');
  return { value, pointer };
}

async function probeIntegers() {
  for (const [id, schema] of definitions) {
    const slots = numberSlots(schema);
    if (slots.length === 0) continue;
    const { validate } = await import(pathToFileURL(validatorOf.get(id)).href);
    for (const { schema: slot, trail } of slots) {
      const { value, pointer } = instanceAt(trail, 0.5);
      validate(value);
      const wantsInteger = (validate.errors ?? []).some(
        (e) => e.instancePath === pointer && e.keyword === 'type' && String(e.params.type).split(',').includes('integer'),
      );
      if (wantsInteger) slot.type = Array.isArray(slot.type) ? slot.type.map((t) => (t === 'number' ? 'integer' : t)) : 'integer';
    }
  }
}

/** Cross-check: the required fields we read from `?` must be the ones the compiled validators demand. */
async function checkRequired() {
  for (const [id, schema] of definitions) {
    if (schema.type !== 'object' || !schema.properties) continue;
    const { validate } = await import(pathToFileURL(validatorOf.get(id)).href);
    validate({});
    const theirs = (validate.errors ?? []).filter((e) => e.keyword === 'required' && e.instancePath === '').map((e) => e.params.missingProperty);
    const ours = schema.required ?? [];
    if (theirs.sort().join() !== [...ours].sort().join()) {
      fail(`required fields of ${id} differ: .d.ts says [${ours}], validator says [${theirs}]`);
    }
  }
}

// ---- Kubernetes-specific adjustments ----

function adjustRootKind(id) {
  const root = definitions.get(id);
  // Status is written by controllers, not users: accept whatever a dump contains, even on kinds
  // whose API has no status (`kubectl create --dry-run -o yaml` writes `status: {}` everywhere).
  root.properties.status = {};
  for (const prop of BASE64_MAPS[id] ?? []) {
    root.properties[prop] = { type: 'object', additionalProperties: { type: 'string', pattern: BASE64_PATTERN, 'x-format': 'byte' } };
  }
}

/** Drops definitions only the replaced `status` schemas used. */
function pruneUnreachable(rootIds) {
  const reachable = new Set();
  const visit = (node) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      if (typeof node.$ref === 'string') {
        const id = node.$ref.slice('#/definitions/'.length);
        if (!reachable.has(id)) {
          reachable.add(id);
          visit(definitions.get(id));
        }
      }
      Object.values(node).forEach(visit);
    }
  };
  visit(rootIds.map((id) => ({ $ref: `#/definitions/${id}` })));
  for (const id of [...definitions.keys()]) if (!reachable.has(id)) definitions.delete(id);
}

// ---- main ----

const kinds = {};
for (const [apiVersion, kind] of KINDS) {
  const file = resolveModule(`kubernetes-models/${apiVersion}/${kind}`, join(repoRoot, 'package.json'));
  const found = lookupExported(sourceFile(file), `I${kind}`);
  refTo(sourceFile(file), `I${kind}`);
  kinds[`${apiVersion} ${kind}`] = found.id;
}
await probeIntegers();
await checkRequired();
for (const id of Object.values(kinds)) adjustRootKind(id);
pruneUnreachable(Object.values(kinds));

// One definition per line: compact, yet a regenerated file diffs readably.
const sortedIds = [...definitions.keys()].sort();
const lines = [
  '{',
  `"kubernetesVersion": ${JSON.stringify(kubernetesVersion)},`,
  `"source": ${JSON.stringify(`kubernetes-models ${modelsVersion}, generated by scripts/gen-schemas.mjs`)},`,
  `"kinds": ${JSON.stringify(kinds)},`,
  '"definitions": {',
  sortedIds.map((id) => `${JSON.stringify(id)}: ${JSON.stringify(definitions.get(id))}`).join(',\n'),
  '}',
  '}',
  '',
];
const output = lines.join('\n');

if (args.has('--check')) {
  const current = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
  if (current !== output) {
    console.error(`gen-schemas: ${relative(repoRoot, outFile)} is out of date: run node scripts/gen-schemas.mjs`);
    process.exit(1);
  }
  console.log(`gen-schemas: ${relative(repoRoot, outFile)} is current (Kubernetes ${kubernetesVersion}, ${sortedIds.length} definitions).`);
} else {
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, output);
  console.log(`gen-schemas: wrote ${relative(repoRoot, outFile)} (Kubernetes ${kubernetesVersion}, ${sortedIds.length} definitions, ${output.length} bytes).`);
}
