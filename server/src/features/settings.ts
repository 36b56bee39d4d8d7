// Settings resolution for the navigation features.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import { factsFor } from '../checks/facts';
import type { NavigationSettings } from './types';

/** The cluster DNS domain: the setting, else the workspace's CoreDNS Corefile, else cluster.local. */
export function clusterDomainFor(index: WorkspaceIndex, settings: NavigationSettings | undefined): string {
  const clusterDomain = settings?.clusterDomain?.trim();
  return factsFor(index).clusterDomain({ rules: {}, ...(clusterDomain ? { clusterDomain } : {}) });
}
