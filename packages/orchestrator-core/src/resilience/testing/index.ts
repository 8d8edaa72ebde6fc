export {
  createFaultInjectingProvider,
  type Fault,
  type FaultContext,
  type FaultScript,
  type FaultInjectingProvider,
  type FaultInjectingProviderOptions,
  type FaultInjectingControls,
  type OutageMode,
  type AppliedWrite,
} from './fault-injecting-provider.js';
