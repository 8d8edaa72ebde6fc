/** The workflow facet's operations. (Being written: see the spec issue.) */
export const workflowOperations = {} as const;
