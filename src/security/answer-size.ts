import { LIMITS } from './limits.js';

/** Whether an answer is over the size limit, counting its UTF-8 bytes only when it may be. */
export function isTooLarge(body: string, limit: number = LIMITS.maxAnswerBytes): boolean {
  if (body.length > limit) return true;
  return body.length * 3 > limit && Buffer.byteLength(body) > limit;
}

/** The GraphQL answer that replaces one over the limit: the refusal alone, with its code. */
export const tooLargeAnswer = (limit: number = LIMITS.maxAnswerBytes): string =>
  JSON.stringify({
    errors: [
      {
        message: `The answer is larger than the limit of ${limit} bytes: ask for smaller pages, fewer fields or fewer JSON-LD documents.`,
        extensions: { code: 'ANSWER_TOO_LARGE', maxAnswerBytes: limit },
      },
    ],
  });
