import { hit, subjectOf, type Limit } from '../../lib/rate-limit.js';
import { errorResponses } from '../../lib/schemas.js';
import type { App } from '../../types.js';
import { DetectBody, DetectResponse } from './schema.js';
import { detectPersonalData } from './service.js';

/** Checking is cheap but reads the members table: generous, yet bounded per person. */
export const DETECT_LIMIT: Limit = { action: 'anonymisation-detect', max: 300, windowSeconds: 60 * 60 };

export default async function anonymisationRoutes(app: App) {
  app.post('/anonymisation/detect', {
    config: { auth: 'user' },
    schema: {
      tags: ['anonymisation'],
      summary: 'Repérer les données personnelles probables d’un texte et proposer leur remplacement',
      body: DetectBody,
      response: { 200: DetectResponse, ...errorResponses },
    },
  }, async (request) => {
    await hit(app, DETECT_LIMIT, subjectOf(request));
    return { items: await detectPersonalData(app.db, request.body.text) };
  });
}
