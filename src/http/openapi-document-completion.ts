// The last step of building the served OpenAPI document (swagger's `transformObject`, after every
// route's `transform`): the SCIM operations documented as they answer (src/scim/http/scim-openapi.ts),
// then an operationId on every operation (openapi-operation-ids.ts), then the admin answers' shared
// headers as references to components.headers (openapi-rules.ts). SCIM first, so its own names
// win over derived ones.
import type { SwaggerTransformObject } from '@fastify/swagger';
import { withScimDocumentation } from '../scim/http/scim-openapi.ts';
import type { OpenApiObject } from '../scim/http/scim-openapi-components.ts';
import { withOperationIds } from './openapi-operation-ids.ts';
import { withSharedHeaders } from './openapi-rules.ts';

type CompletedDocument = ReturnType<SwaggerTransformObject>;

export const completeOpenApiDocument: SwaggerTransformObject = (documentObject) => {
  if (!('openapiObject' in documentObject)) return documentObject.swaggerObject;
  // The document is plain JSON (swagger serializes it as such); its library types are too wide to walk.
  const document = documentObject.openapiObject as unknown as OpenApiObject;
  return withSharedHeaders(withOperationIds(withScimDocumentation(document))) as unknown as CompletedDocument;
};
