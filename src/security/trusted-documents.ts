import { createHash } from 'node:crypto';
import { TRUSTED_DOCUMENTS } from '../examples.js';

/** The id of a trusted document: the hex SHA-256 of its text, as Apollo's persisted queries send it. */
export const documentId = (document: string): string => createHash('sha256').update(document).digest('hex');

/** Every trusted document by id. */
export const trustedDocuments = (): ReadonlyMap<string, string> =>
  new Map(Object.values(TRUSTED_DOCUMENTS).map((document) => [documentId(document), document]));
