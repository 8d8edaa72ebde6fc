import { MosaicError } from './mosaic-error.js';

const marker = 'mosaic.error.plugin';
const symbol = Symbol.for(marker);

/**
 * A provider plugin could not be loaded, validated or moved through its lifecycle. Names the
 * plugin (`pluginId`, and `packageName` when loaded by package) and every problem found.
 */
export class PluginError extends MosaicError {
  private readonly [symbol] = true;
  override readonly code = 'plugin';
  readonly pluginId: string;
  readonly packageName?: string;
  readonly problems: string[];

  constructor(options: { pluginId: string; packageName?: string; problems: string[]; cause?: unknown }) {
    super({
      message: `Plugin "${options.pluginId}"${options.packageName ? ` (${options.packageName})` : ''}: ${options.problems.join('; ')}`,
      cause: options.cause,
    });
    this.name = 'PluginError';
    this.pluginId = options.pluginId;
    if (options.packageName !== undefined) this.packageName = options.packageName;
    this.problems = options.problems;
  }

  static override isInstance(error: unknown): error is PluginError {
    return MosaicError.hasMarker(error, marker);
  }
}
