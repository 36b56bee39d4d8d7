// Which files are deployed together. A workspace often holds copies of the same manifests for
// different clusters (dev/ and prod/ folders, unrelated examples): a clash between two objects only
// matters when they reach the same cluster. We take files in the same folder, or in a folder and one
// of its subfolders (what `kubectl apply -R -f <folder>` sends), as deployed together.

export function folderOf(uri: string): string {
  const cut = uri.lastIndexOf('/');
  return cut < 0 ? '' : uri.slice(0, cut);
}

export function deployedTogether(uriA: string, uriB: string): boolean {
  const a = folderOf(uriA);
  const b = folderOf(uriB);
  return a === b || b.startsWith(`${a}/`) || a.startsWith(`${b}/`);
}
