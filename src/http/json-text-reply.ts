// A response body that is JSON text already (ADR 0068: the user list page written by the
// database). Fastify sends a string as it is once the reply has a content type, skipping the
// route's serializer; the type is the one Fastify gives a serialized JSON body.
import type { FastifyReply } from 'fastify';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export function sendJsonText(reply: FastifyReply, json: string): FastifyReply {
  return reply.type(JSON_CONTENT_TYPE).send(json);
}
