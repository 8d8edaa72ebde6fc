/**
 * The routing engine: rules (patterns, conditions, priorities) compiled into an index,
 * candidate filters, and load-balancing strategies. See {@link createRouter}.
 * @packageDocumentation
 */
export { createRouter, buildRuleIndex, compileRules, compareRules, type CompiledRule, type RuleIndex } from './router.js';
export { createProviderStats, type ProviderStats, type ProviderStatsSnapshot } from './stats.js';
export {
  compileCondition,
  compileConditionString,
  compileStructuredCondition,
  type CompiledCondition,
  type ConditionScope,
  type ConditionValue,
  type FieldOperators,
  type StructuredCondition,
} from './conditions.js';
export { ConditionSyntaxError } from './condition-syntax-error.js';
export { classifyPattern, compilePattern, type CompiledPattern, type PatternKind, type PatternSubject } from './patterns.js';
export {
  STRATEGY_NAMES,
  type AdaptiveOptions,
  type CandidateFilter,
  type RoutableProvider,
  type RouteDecision,
  type RouteRequest,
  type RouteRule,
  type Router,
  type RouterOptions,
  type RouterState,
  type RouteTrace,
  type RouteTraceFiltered,
  type RouteTraceRule,
  type StrategyName,
} from './types.js';
