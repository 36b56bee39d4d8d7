// The NetworkPolicy evaluator's public surface. Pure: runs unchanged in Node and in a browser.

export * from './types';
export * from './portSet';
export {
  parseAddress,
  parseCidr,
  parseAddressOrCidr,
  formatAddress,
  formatRange,
  fullRange,
  type AddressFamily,
  type AddressRange,
} from './addresses';
export { normalizeNetworkPolicy, isNetworkPolicy, NETWORK_POLICY_API_VERSION } from './normalize';
export {
  buildPolicyWorld,
  worldFromResources,
  worldFromIndex,
  workloadId,
  isolationOf,
  namespaceLabelsOf,
  METADATA_NAME_LABEL,
  type PolicyWorld,
  type PolicyWorldInput,
  type Isolation,
} from './world';
export {
  selectorFailures,
  matchPeer,
  matchPeerToWorkload,
  matchPeerToRange,
  matchRulePeers,
  peerMatches,
  ipBlockCovers,
  rulePorts,
  resolvePortEntry,
  type SelectorFailure,
  type PeerMismatch,
  type PeerResult,
  type ResolvedPortEntry,
} from './match';
export {
  evaluate,
  allowedPorts,
  summarize,
  type Explanation,
  type DirectionVerdict,
  type Allowance,
  type NearMiss,
  type EndpointSummary,
} from './evaluate';
export { renderExplanation, describeMismatch, describeRequirement, type RenderOptions } from './render';
export { resolveEndpoint, externalEndpoint, type RefResult } from './refs';
export { externalPieces, ipBlockBoundaries } from './partition';
export {
  computeMatrix,
  matrixCell,
  matrixConnections,
  NONE_ID,
  ALL_ID,
  type MatrixOptions,
  type PolicyMatrix,
  type MatrixEndpointSummary,
} from './matrix';
/** The matrix under the name the design uses. */
export { computeMatrix as matrix } from './matrix';
export { formatMatrixTable, formatMatrixJson, formatMatrixCsv, formatMatrixDot, formatMatrixMermaid } from './matrixFormat';
