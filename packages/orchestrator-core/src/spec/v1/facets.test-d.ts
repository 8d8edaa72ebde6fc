import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { AiFacetV1, AiProviderV1, CicdFacetV1, CicdProviderV1, GitFacetV1, GitProviderV1 } from './facets.js';
import type { ChatResult, ChatStreamChunk, EmbeddingResult } from './models/ai.js';
import type { PipelineRun, SecretMetadata } from './models/cicd.js';
import type { Repository } from './models/git.js';
import type { Page } from './models/common.js';
import type { CallOptions, ProviderV1 } from './provider.js';
import type { operations } from '../../registry/index.js';

// The ProviderV1 part every literal below shares, so the only difference between a literal that
// compiles and one that must not is the facet method under test.
declare function base<S extends 'git' | 'ai' | 'cicd'>(serviceType: S): ProviderV1<S>;
// Every facet method implemented; literals below spread it minus the methods under test.
declare const gitMethods: Required<GitFacetV1>;
declare const aiMethods: Required<AiFacetV1>;
declare const cicdMethods: Required<CicdFacetV1>;

describe('facet interfaces', () => {
  it('require every required git method and allow the optional issue methods to be omitted', () => {
    const { createRepository: _c, ...withoutCreateRepository } = gitMethods;
    // @ts-expect-error createRepository is a required git method
    const missingRequired: GitProviderV1 = { ...base('git'), ...withoutCreateRepository };

    const { createIssue: _a, updateIssue: _b, closeIssue: _d, listIssues: _e, ...withoutIssues } = gitMethods;
    const withoutOptional: GitProviderV1 = { ...base('git'), ...withoutIssues };

    const complete: GitProviderV1 = { ...base('git'), ...gitMethods };
    expectTypeOf(missingRequired).toEqualTypeOf<GitProviderV1>();
    expectTypeOf(withoutOptional.createIssue).toEqualTypeOf<GitFacetV1['createIssue']>();
    expectTypeOf(complete.getRepository).returns.resolves.toEqualTypeOf<Repository>();
  });

  it('types git methods from the registry: validated input in, model out', () => {
    expectTypeOf<GitFacetV1['getRepository']>().parameter(0).toEqualTypeOf<z.output<(typeof operations)['git.getRepository']['input']>>();
    expectTypeOf<GitFacetV1['getRepository']>().parameter(1).toEqualTypeOf<CallOptions>();
    expectTypeOf<GitFacetV1['listRepositories']>().returns.resolves.toEqualTypeOf<z.output<(typeof operations)['git.listRepositories']['output']>>();
    expectTypeOf<Awaited<ReturnType<GitFacetV1['listRepositories']>>>().toExtend<Page<Repository>>();

    const { getRepository: _g, ...rest } = gitMethods;
    const wrongReturn: GitProviderV1 = {
      ...base('git'),
      ...rest,
      // @ts-expect-error getRepository must resolve to a Repository
      getRepository: async () => ({ name: 'svc' }),
    };
    expectTypeOf(wrongReturn).toEqualTypeOf<GitProviderV1>();
  });

  it('require chat and streamChat of an AI provider; complete, embed and getUsage are optional', () => {
    const { chat: _c, ...withoutChat } = aiMethods;
    // @ts-expect-error chat is a required ai method
    const missingChat: AiProviderV1 = { ...base('ai'), ...withoutChat };

    const { streamChat: _s, ...withoutStream } = aiMethods;
    // @ts-expect-error streamChat is a required ai method
    const missingStream: AiProviderV1 = { ...base('ai'), ...withoutStream };

    // Anthropic has no embeddings and no usage API: a chat-only provider compiles.
    const { complete: _a, embed: _e, getUsage: _u, ...chatOnly } = aiMethods;
    const anthropicLike: AiProviderV1 = { ...base('ai'), ...chatOnly };

    expectTypeOf(missingChat).toEqualTypeOf<AiProviderV1>();
    expectTypeOf(missingStream).toEqualTypeOf<AiProviderV1>();
    expectTypeOf(anthropicLike.embed).toEqualTypeOf<AiFacetV1['embed']>();
    expectTypeOf<NonNullable<AiFacetV1['embed']>>().returns.resolves.toEqualTypeOf<EmbeddingResult>();
  });

  it('types streamChat as an async iterable of chunks and chat as a promise of a ChatResult', () => {
    expectTypeOf<AiFacetV1['chat']>().returns.resolves.toEqualTypeOf<ChatResult>();
    expectTypeOf<AiFacetV1['streamChat']>().returns.toEqualTypeOf<AsyncIterable<ChatStreamChunk>>();
    expectTypeOf<Extract<ChatStreamChunk, { type: 'finish' }>['usage']['inputTokens']>().toEqualTypeOf<number>();

    const { streamChat: _s, ...rest } = aiMethods;
    const promiseInsteadOfStream: AiProviderV1 = {
      ...base('ai'),
      ...rest,
      // @ts-expect-error streamChat must return an AsyncIterable, not a Promise
      streamChat: async () => ({ type: 'finish' as const }),
    };
    const generator: AiProviderV1 = {
      ...base('ai'),
      ...rest,
      async *streamChat(input) {
        yield { type: 'start', model: input.model ?? 'auto', provider: 'test' };
        yield { type: 'text-delta', delta: 'hi' };
        yield { type: 'finish', finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } };
      },
    };
    expectTypeOf(promiseInsteadOfStream).toEqualTypeOf<AiProviderV1>();
    expectTypeOf(generator.streamChat).toEqualTypeOf<AiFacetV1['streamChat']>();
  });

  it('require every cicd method; secret metadata has no value field', () => {
    const { triggerPipeline: _t, ...withoutTrigger } = cicdMethods;
    // @ts-expect-error triggerPipeline is a required cicd method
    const missingTrigger: CicdProviderV1 = { ...base('cicd'), ...withoutTrigger };
    expectTypeOf(missingTrigger).toEqualTypeOf<CicdProviderV1>();
    expectTypeOf<CicdFacetV1['triggerPipeline']>().returns.resolves.toEqualTypeOf<PipelineRun>();
    expectTypeOf<SecretMetadata>().not.toHaveProperty('value');
  });
});
