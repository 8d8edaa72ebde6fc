/** The ai facet's operations. (Being written: see the spec issue.) */
export const aiOperations = {} as const;
