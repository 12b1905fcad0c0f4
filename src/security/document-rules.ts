import type { ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { refusal } from './errors.js';
import { LIMITS } from './limits.js';

/** Operations whose root type the schema lacks (subscriptions, mutations) are refused, not run. */
const knownOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (context.getSchema().getRootType(node.operation)) return;
    context.reportError(
      refusal(`This API answers queries only: it has no ${node.operation} operations.`, 'OPERATION_NOT_SUPPORTED', {
        http: { status: 400 },
      }),
    );
  },
});

/** No literal in a document is longer than variables may be; a 90 kB id is not echoed back. */
const boundedLiterals: ValidationRule = (context) => ({
  StringValue(node) {
    if (node.value.length <= LIMITS.maxStringLength) return;
    context.reportError(
      refusal(
        `A string literal holds ${node.value.length} characters; the limit is ${LIMITS.maxStringLength}.`,
        'STRING_TOO_LONG',
        { maxStringLength: LIMITS.maxStringLength },
      ),
    );
  },
  ListValue(node) {
    if (node.values.length <= LIMITS.maxListLength) return;
    context.reportError(
      refusal(
        `A list argument holds ${node.values.length} items; the limit is ${LIMITS.maxListLength}.`,
        'LIST_TOO_LONG',
        { maxListLength: LIMITS.maxListLength },
      ),
    );
  },
});

/** Adds the rules above to validation, so that a document breaking them is never admitted anywhere. */
export function useDocumentRules(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(knownOperationTypes);
      addValidationRule(boundedLiterals);
    },
  };
}

/**
 * Refuses, with a 400, GET parameters `variables` and `extensions` that are not JSON objects, before
 * Yoga's parser meets them (it would throw and answer a masked 500).
 */
export function useGetParameterChecks(): Plugin {
  return {
    onRequestParse({ request, url }) {
      if (request.method !== 'GET') return;
      for (const name of ['variables', 'extensions']) {
        const value = url.searchParams.get(name);
        if (value === null) continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(value);
        } catch {
          throw refusal(`The "${name}" parameter must be a JSON object.`, 'BAD_REQUEST', { http: { status: 400 } });
        }
        if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) {
          throw refusal(`The "${name}" parameter must be a JSON object.`, 'BAD_REQUEST', { http: { status: 400 } });
        }
      }
    },
  };
}
