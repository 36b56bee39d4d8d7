// ingress-class-annotation-deprecated: move `kubernetes.io/ingress.class` to spec.ingressClassName.

import { isMap } from 'yaml';
import type { Fixer } from './context';
import { resourceAt } from './context';
import { INGRESS_CLASS_ANNOTATION } from '../../model/ingresses';
import { scalarText } from './yamlText';
import type { TextEdit } from './types';
import { asString, getAt } from '../../model/values';

export const moveIngressClass: Fixer = (ctx) => {
  const { file, docIndex } = ctx;
  const resource = resourceAt(ctx);
  if (!resource) return [];
  const className = resource.annotations[INGRESS_CLASS_ANNOTATION];
  const metadata = file.locate(docIndex, [...resource.basePath, 'metadata']);
  const annotations = file.locate(docIndex, [...resource.basePath, 'metadata', 'annotations']);
  const spec = file.locate(docIndex, [...resource.basePath, 'spec']);
  if (className === undefined || !metadata || !isMap(metadata.node) || !annotations || !isMap(annotations.node) || !annotations.pair || !spec || !isMap(spec.node)) return [];
  const entry = annotations.node.items.find((p) => (p.key as { value?: unknown } | null)?.value === INGRESS_CLASS_ANNOTATION);
  if (!entry) return [];
  // The only annotation: drop the whole `annotations:` entry rather than leave it empty.
  const removal = annotations.node.items.length === 1 ? file.removePair(metadata.node, annotations.pair) : file.removePair(annotations.node, entry);
  if (!removal) return [];
  const existing = asString(getAt(resource.value, ['spec', 'ingressClassName']));
  if (existing !== undefined) {
    return [{ title: `Remove the deprecated ${INGRESS_CLASS_ANNOTATION} annotation (spec.ingressClassName is '${existing}')`, kind: 'quickfix', isPreferred: true, edits: [removal] }];
  }
  const insert = file.insertPair(spec.node, 'ingressClassName', scalarText(className), 'first');
  if (!insert) return [];
  const edits: TextEdit[] = [removal, insert];
  return [{ title: `Move the class '${className}' to spec.ingressClassName`, kind: 'quickfix', isPreferred: true, edits }];
};
