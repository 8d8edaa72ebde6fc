/** The docs facet's operations. (Being written: see the spec issue.) */
export const docsOperations = {} as const;
