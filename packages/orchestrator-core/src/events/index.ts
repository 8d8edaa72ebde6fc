export * from './types.js';
export { createEventBus, type EventBus, type EventBusOptions, type MosaicEventListener, type MosaicAnyEventListener } from './bus.js';
export { createLogger, type CompleteLogger } from './logger.js';
export * from './telemetry.js';
