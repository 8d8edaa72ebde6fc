/** The project facet's operations. (Being written: see the spec issue.) */
export const projectOperations = {} as const;
