/** Version of `@mosaic/provider-gitlab`. */
export const VERSION = '0.1.0';
