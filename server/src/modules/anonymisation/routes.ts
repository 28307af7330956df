import { errorResponses } from '../../lib/schemas.js';
import type { App } from '../../types.js';
import { DetectBody, DetectResponse } from '../../../../common/api/anonymisation.js';
import { detectPersonalData } from './service.js';

export default async function anonymisationRoutes(app: App) {
  app.post('/anonymisation/detect', {
    config: { auth: 'user', rateLimit: 'anonymisationDetect' },
    schema: {
      tags: ['anonymisation'],
      summary: 'Repérer les données personnelles probables d’un texte et proposer leur remplacement',
      body: DetectBody,
      response: { 200: DetectResponse, ...errorResponses },
    },
  }, async (request) => ({ items: await detectPersonalData(app.db, request.body.text) }));
}
