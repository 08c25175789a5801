import { jsonResponse } from './json-response.ts';

/**
 * The server's 412 to a save whose If-Match names no current version (ADR 0092), in the admin
 * error shape, as a stubbed fetch gives it; `message` names the record ("The user was changed…").
 */
export function preconditionFailedResponse(message: string): Response {
  return jsonResponse(
    {
      message,
      errors: [{ code: 'precondition_failed', description: 'If-Match does not name the current version.' }],
      trackingId: 'WH_412',
    },
    412,
  );
}
