/** Version of `@mosaic/provider-gitea`. */
export const VERSION = '0.1.0';
