// The small models the rules stand on: names, DNS forms, CIDRs, closeness, file style detection.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterDomainFromCorefile, dnsLabelProblem, hostMentions, ianaSvcNameProblem, parseServiceHost } from '../../../server/src/model/dns';
import { isStrictSubset, parseCidr } from '../../../server/src/model/cidr';
import { closestNames } from '../../../server/src/checks/similar';
import { detectIndentUnit, scalarText } from '../../../server/src/checks/fixes/yamlText';
import { detectCompactSequences } from '../../../server/src/checks/fixes/emit';
import { freeNodePort } from '../../../server/src/checks/fixes/nodePort';
import { portNameFor } from '../../../server/src/checks/fixes/portName';

test('IANA_SVC_NAME and DNS label rules', () => {
  for (const ok of ['http', 'h2c', 'metrics-9090', 'a']) assert.equal(ianaSvcNameProblem(ok), undefined, ok);
  assert.match(ianaSvcNameProblem('metrics-endpoint')!, /15/);
  assert.match(ianaSvcNameProblem('8080')!, /letter/);
  assert.match(ianaSvcNameProblem('http--alt')!, /--/);
  assert.match(ianaSvcNameProblem('-http')!, /begin or end/);
  assert.match(ianaSvcNameProblem('Http')!, /lowercase/);
  assert.equal(dnsLabelProblem('a-long-but-valid-service-port-name'), undefined);
  assert.ok(dnsLabelProblem('Web'));
  assert.ok(dnsLabelProblem('web-'));
});

test('Service DNS forms, with the cluster domain', () => {
  assert.deepEqual(parseServiceHost('api.prod.svc.cluster.local', 'cluster.local'), { service: 'api', namespace: 'prod', form: 'fqdn' });
  assert.deepEqual(parseServiceHost('api.prod.svc', 'cluster.local'), { service: 'api', namespace: 'prod', form: 'svc' });
  assert.deepEqual(parseServiceHost('api.prod', 'cluster.local'), { service: 'api', namespace: 'prod', form: 'namespaced' });
  assert.deepEqual(parseServiceHost('api', 'cluster.local'), { service: 'api', form: 'bare' });
  assert.deepEqual(parseServiceHost('db-0.db.data.svc.corp.internal.', 'corp.internal'), { service: 'db', namespace: 'data', form: 'fqdn', podHostname: 'db-0' });
  assert.equal(parseServiceHost('www.example.co.uk', 'cluster.local'), undefined);
  assert.equal(parseServiceHost('10.0.0.1', 'cluster.local'), undefined);
  assert.equal(parseServiceHost('8080', 'cluster.local'), undefined);
});

test('host mentions in env values', () => {
  assert.deepEqual(
    hostMentions('http://user@api:8080/x, redis://cache', false).map((m) => [m.host, m.port, m.portExplicit, m.hostOffset]),
    [
      ['api', 8080, true, 12],
      ['cache', 6379, false, 32],
    ],
  );
  assert.deepEqual(hostMentions('kafka-0.kafka:9092,kafka-1.kafka:9092', false).map((m) => m.host), ['kafka-0.kafka', 'kafka-1.kafka']);
  assert.deepEqual(hostMentions('debug', false), []);
  assert.deepEqual(hostMentions('redis', true).map((m) => m.host), ['redis']);
  assert.deepEqual(hostMentions('two words', true), []);
});

test('cluster domain from a Corefile', () => {
  assert.equal(clusterDomainFromCorefile('.:53 {\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n    }\n}'), 'cluster.local');
  assert.equal(clusterDomainFromCorefile('.:53 {\n  kubernetes in-addr.arpa corp.example. {\n  }\n}'), 'corp.example');
  assert.equal(clusterDomainFromCorefile('.:53 {\n  forward . 8.8.8.8\n}'), undefined);
});

test('CIDRs are read as strictly as the API server does', () => {
  assert.ok(parseCidr('10.0.0.0/8').ok);
  assert.ok(parseCidr('10.1.2.3/8').ok, 'host bits may be set');
  assert.ok(parseCidr('2001:db8::/32').ok);
  for (const bad of ['10.0.0.0', '010.0.0.0/8', '10.0.0/8', '10.0.0.0/33', '2001:db8::/129', 'fe80::1%eth0/64', 42, '']) {
    assert.equal(parseCidr(bad).ok, false, String(bad));
  }
  const cidr = (s: string) => {
    const p = parseCidr(s);
    assert.ok(p.ok);
    return p.cidr;
  };
  assert.ok(isStrictSubset(cidr('10.0.1.0/24'), cidr('10.0.0.0/8')));
  assert.ok(isStrictSubset(cidr('10.0.1.7/24'), cidr('10.0.0.0/8')), 'the except network address counts');
  assert.ok(!isStrictSubset(cidr('10.0.0.0/8'), cidr('10.0.0.0/8')));
  assert.ok(!isStrictSubset(cidr('11.0.0.0/16'), cidr('10.0.0.0/8')));
  assert.ok(!isStrictSubset(cidr('::/64'), cidr('0.0.0.0/0')));
});

test('did-you-mean keeps close names only, closest first', () => {
  assert.deepEqual(closestNames('api-servce', ['web-service', 'api-service', 'db']), ['api-service']);
  assert.deepEqual(closestNames('web', ['webb', 'wbe', 'api']), ['webb', 'wbe']);
  assert.deepEqual(closestNames('frontend', ['db', 'cache']), []);
});

test('file style and value helpers for fixes', () => {
  assert.equal(detectIndentUnit('a:\n    b:\n        c: 1\n'), 4);
  assert.equal(detectIndentUnit('a:\n  b: 1\n'), 2);
  assert.equal(detectCompactSequences('ports:\n- port: 80\n'), true);
  assert.equal(detectCompactSequences('ports:\n  - port: 80\n'), false);
  assert.equal(scalarText('web'), 'web');
  assert.equal(scalarText('yes'), '"yes"', 'YAML 1.1 would read yes as true');
  assert.equal(scalarText('8080'), '"8080"');
  assert.equal(scalarText("it's", 'QUOTE_SINGLE'), "'it''s'");
  assert.equal(freeNodePort(8080, [30000, 32767], new Set()), 30080);
  assert.equal(freeNodePort(30080, [30000, 32767], new Set([30080, 30081])), 30082);
  assert.equal(freeNodePort(1, [5, 6], new Set([5, 6])), undefined);
  assert.equal(portNameFor(80, 'TCP', new Set()), 'http');
  assert.equal(portNameFor(80, 'TCP', new Set(['http'])), 'http-2');
  assert.equal(portNameFor(53, 'UDP', new Set()), 'dns-udp');
  assert.equal(portNameFor(12345, 'TCP', new Set()), 'port-12345');
});
