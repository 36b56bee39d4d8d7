import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveEndpoint } from '../../../server/src/policy';
import { deployment, worldFromYaml } from './helpers';

const world = worldFromYaml(`${deployment('shop', 'api', { app: 'api' })}${deployment('shop', 'web', { app: 'web' })}apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop}
spec: {containers: [{name: x}]}
`);

function resolved(ref: string): string {
  const r = resolveEndpoint(world, ref);
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.endpoint.id;
}

function error(ref: string): string {
  const r = resolveEndpoint(world, ref);
  assert.ok(!r.ok, `${ref} should not resolve`);
  return r.error;
}

test('namespace/name, namespace/Kind/name and addresses resolve', () => {
  assert.equal(resolved('shop/web'), 'shop/Deployment/web');
  assert.equal(resolved('shop/Deployment/api'), 'shop/Deployment/api');
  assert.equal(resolved('shop/pod/api'), 'shop/Pod/api', 'kind is matched case-insensitively');
  assert.equal(resolved('10.0.0.1'), '10.0.0.1');
  assert.equal(resolved(' 2001:DB8::1 '), '2001:db8::1');
});

test('an ambiguous name asks for namespace/Kind/name', () => {
  assert.match(error('shop/api'), /ambiguous: it names shop\/Deployment\/api, shop\/Pod\/api; write namespace\/Kind\/name/);
});

test('unknown names and bad shapes get clear errors', () => {
  assert.match(error('shop/nope'), /no workload or Pod named "nope" in namespace "shop"; that namespace has shop\/Deployment\/api/);
  assert.match(error('other/web'), /found shop\/Deployment\/web/);
  assert.match(error('web'), /needs a namespace.*did you mean shop\/Deployment\/web/);
  assert.match(error('10.0.0.0/8'), /CIDR range: name one IP address/);
  assert.match(error('a/b/c/d'), /not a reference/);
  assert.match(error('shop//web'), /not a reference/);
  assert.match(error(''), /empty reference/);
});
