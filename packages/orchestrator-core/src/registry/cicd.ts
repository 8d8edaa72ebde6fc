/** The cicd facet's operations. (Being written: see the spec issue.) */
export const cicdOperations = {} as const;
