import type { ChatMessage, ContentPart, ToolDefinition } from '../spec/v1/models/ai.js';

/**
 * Token estimates without a network call or a tokenizer, for context-window checks and budget
 * reservations. The rule (documented, deliberately on the high side):
 *
 * - text: one token per 4 ASCII characters, plus one token per non-ASCII character (CJK text
 *   is about one token per character; accented Latin is over-counted), rounded up;
 * - each message: 4 tokens of framing (role, separators), plus 3 tokens priming the reply;
 * - each image: 85 tokens with `detail: 'low'`, else 1,600 tokens (Anthropic bills
 *   `width × height / 750` and downsizes images to about 1.15 megapixels, ≈ 1,600 tokens;
 *   OpenAI bills at most 1,105 for a high-detail 768 × 2,000 tile set) — image sizes are not
 *   decoded;
 * - tool calls and tool results: their name, arguments and content as text, plus 4 tokens;
 * - tool definitions and JSON schemas: their JSON text, plus 8 tokens per tool.
 *
 * Real counts differ by tokenizer (about ±20 % on English prose); the high-side rules above are
 * the margin of the context-window check.
 */
export const TOKEN_RULES = {
  asciiCharsPerToken: 4,
  perMessage: 4,
  replyPriming: 3,
  imageLowDetail: 85,
  image: 1600,
  perTool: 8,
} as const;

/** Estimated tokens of a text (see {@link TOKEN_RULES}). */
export function estimateTextTokens(text: string): number {
  // Native regex work first (fast whatever the string's internal shape), then one pass over the
  // non-ASCII remainder only, counting a surrogate pair as one character.
  const other = text.replace(ASCII_RUNS, '');
  let pairs = 0;
  for (let i = 0; i < other.length; i++) {
    const c = other.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) pairs++;
  }
  return Math.ceil((text.length - other.length) / TOKEN_RULES.asciiCharsPerToken) + other.length - pairs;
}

const ASCII_RUNS = /[\x00-\x7f]+/g;

function partTokens(part: ContentPart): number {
  if (part.type === 'text') return estimateTextTokens(part.text);
  return part.detail === 'low' ? TOKEN_RULES.imageLowDetail : TOKEN_RULES.image;
}

/** Estimated input tokens of one message. */
export function estimateMessageTokens(message: ChatMessage): number {
  let n = TOKEN_RULES.perMessage;
  switch (message.role) {
    case 'system':
      return n + estimateTextTokens(message.content);
    case 'user':
      if (typeof message.content === 'string') return n + estimateTextTokens(message.content);
      for (const p of message.content) n += partTokens(p);
      return n;
    case 'assistant':
      n += estimateTextTokens(message.content ?? '');
      for (const c of message.toolCalls ?? []) n += 4 + estimateTextTokens(c.name) + estimateTextTokens(c.arguments);
      return n;
    case 'tool':
      return n + 4 + estimateTextTokens(message.content);
  }
}

/** What {@link estimateChatInputTokens} reads of a chat input. */
export interface ChatTokenInput {
  messages: ChatMessage[];
  tools?: ToolDefinition[] | undefined;
  responseFormat?: { type: string; schema?: Record<string, unknown> } | undefined;
}

/** Estimated input tokens of a chat request: messages, tool definitions and response schema. */
export function estimateChatInputTokens(input: ChatTokenInput): number {
  let n = TOKEN_RULES.replyPriming;
  for (const m of input.messages) n += estimateMessageTokens(m);
  for (const t of input.tools ?? []) n += TOKEN_RULES.perTool + estimateTextTokens(JSON.stringify(t));
  if (input.responseFormat?.schema) n += estimateTextTokens(JSON.stringify(input.responseFormat.schema));
  return n;
}

/** Whether a chat input contains an image part. */
export function hasImage(messages: ChatMessage[]): boolean {
  return messages.some((m) => m.role === 'user' && typeof m.content !== 'string' && m.content.some((p) => p.type === 'image'));
}
