// Every resource check, in one list. Add a rule: write its file, then list it here.

import type { ResourceCheck } from './types';

export const RESOURCE_CHECKS: readonly ResourceCheck[] = [];
