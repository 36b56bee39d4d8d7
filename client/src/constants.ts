// Names the extension shares with its package.json contributions.

export const CLIENT_ID = 'kube-netlens';
export const DISPLAY_NAME = 'Kubernetes Network Lens';

export const Commands = {
  restartServer: 'kube-netlens.restartServer',
  showOutput: 'kube-netlens.showOutput',
} as const;
