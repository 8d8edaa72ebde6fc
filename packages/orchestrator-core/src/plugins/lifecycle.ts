import type { PluginState } from '../events/types.js';

/**
 * The plugin lifecycle: every legal `from → to` move. Anything else throws a `PluginError`
 * naming both states.
 *
 * ```
 * discovered → loaded → initialized → started → running
 * running ⇄ failed                       (markFailed / recover)
 * running → updating → running | failed  (hot reload with replace)
 * running → stopping → stopped → disposed
 * ```
 * Also: a failure while loading (`discovered → failed`), initializing (`loaded → failed`) or
 * starting (`initialized`/`started → failed`); and `stop` from any state before `running`
 * or from `failed` (`→ stopping`), so that any plugin can be shut down.
 */
export const PLUGIN_TRANSITIONS: Readonly<Record<PluginState, readonly PluginState[]>> = Object.freeze({
  discovered: ['loaded', 'failed'],
  loaded: ['initialized', 'failed', 'stopping'],
  initialized: ['started', 'failed', 'stopping'],
  started: ['running', 'failed', 'stopping'],
  running: ['failed', 'updating', 'stopping'],
  failed: ['running', 'stopping'],
  updating: ['running', 'failed'],
  stopping: ['stopped'],
  stopped: ['disposed'],
  disposed: [],
});

/** True when the lifecycle allows moving from `from` to `to`. */
export function canTransition(from: PluginState, to: PluginState): boolean {
  return PLUGIN_TRANSITIONS[from].includes(to);
}
