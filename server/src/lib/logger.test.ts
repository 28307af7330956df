import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, formatLine, logFormat } from './logger.js';

function capture(format: 'json' | 'text') {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
  return { logger: createLogger('info', format, out), text: () => text };
}

describe('log format', () => {
  it('is JSON in production or when stdout is not a terminal, readable in a terminal, forced by LOG_FORMAT', () => {
    expect(logFormat({}, true)).toBe('text');
    expect(logFormat({}, false)).toBe('json');
    expect(logFormat({ NODE_ENV: 'production' }, true)).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'text' }, false)).toBe('text');
    expect(logFormat({ LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(() => logFormat({ LOG_FORMAT: 'joli' }, true)).toThrow(/LOG_FORMAT/);
  });

  it('writes one pino JSON object per line', () => {
    const { logger, text } = capture('json');
    logger.info('Prêt en 1.2 s');
    logger.warn({ route: '/api/x' }, 'lent');
    const lines = text().trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toMatchObject([{ level: 30, msg: 'Prêt en 1.2 s' }, { level: 40, msg: 'lent', route: '/api/x' }]);
    expect(typeof lines[0].time).toBe('number');
  });

  it('writes readable lines: time, level when not information, message, fields, error', () => {
    const { logger, text } = capture('text');
    logger.info('Prêt en 1.2 s : http://localhost:3000');
    logger.warn({ err: new Error('connexion perdue'), queue: 'q' }, 'tâches');
    logger.error({ err: new Error('boum') }, 'erreur inattendue');
    logger.debug('invisible au niveau info');
    const lines = text().split('\n');
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d Prêt en 1\.2 s : http:\/\/localhost:3000$/);
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d ATTENTION tâches \(queue=q\) — connexion perdue$/);
    expect(lines[2]).toMatch(/^\d\d:\d\d:\d\d ERREUR erreur inattendue$/);
    expect(lines[3]).toBe('Error: boum');
    expect(text()).not.toContain('invisible');
    expect(text()).not.toContain('"level"');
  });

  it('passes through a line that is not JSON', () => {
    expect(formatLine('brut')).toBe('brut\n');
  });
});
