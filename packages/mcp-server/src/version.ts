/** This package's version (reported as the MCP server version). */
export const VERSION = '0.1.0';
