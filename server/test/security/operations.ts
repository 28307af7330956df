import type { App } from '../../src/types.js';
import type { Schema } from './values.js';

/** One operation of the OpenAPI document, reduced to what a request generator needs. */
export interface Operation {
  /** "GET /api/posts/{id}": the key of expectations and reports. */
  key: string;
  method: string;
  /** OpenAPI path template, e.g. /api/posts/{id}. */
  path: string;
  pathParams: { name: string; schema: Schema }[];
  query: { name: string; required: boolean; schema: Schema }[];
  headers: { name: string; schema: Schema }[];
  /** The JSON body schema, or undefined (no body, or a multipart upload). */
  body?: Schema;
  multipart: boolean;
}

/** Every operation the application documents, from the same OpenAPI the API docs serve. */
export function operationsOf(app: App): Operation[] {
  const spec = app.swagger() as { paths: Record<string, Record<string, any>> };
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      const params: any[] = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      ops.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: !!p.required, schema: p.schema ?? {} })),
        headers: params.filter((p) => p.in === 'header').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: content['application/json']?.schema,
        multipart: path.endsWith('/attachments') && method === 'post',
      });
    }
  }
  return ops;
}

/** Fills a path template; values are percent-encoded unless `raw` (the fuzzer sends raw segments on purpose). */
export function fillPath(path: string, values: Record<string, string>, raw = false): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = values[name] ?? '1';
    return raw ? v : encodeURIComponent(v);
  });
}
