import { describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../types.js';
import { meetingAbilities, meetingsAbilities, reportAccess } from './policy.js';

/** The reports policy on its own: pure functions, no database. */

const person = (id: number, nationalRole: 'admin' | null = null): CurrentUser =>
  ({ id, email: `p${id}@example.org`, firstName: 'P', lastName: String(id), nationalRole, emailVerified: true });

describe('reports policy', () => {
  it('lets the coordination and the national team steer, the animators read meetings and write a report', () => {
    expect(meetingsAbilities(person(1), 'coordinator')).toEqual({ read: true, steer: true, writeReport: true });
    expect(meetingsAbilities(person(1), 'animator')).toEqual({ read: true, steer: false, writeReport: true });
    expect(meetingsAbilities(person(1), 'member')).toEqual({ read: false, steer: false, writeReport: false });
    expect(meetingsAbilities(person(1, 'admin'), null)).toEqual({ read: true, steer: true, writeReport: false });
  });

  it('finalises minutes once the meeting has started', () => {
    const now = Date.parse('2025-06-01T10:00:00Z');
    expect(meetingAbilities(person(1), 'coordinator', { scheduledAt: new Date(now + 1000) }, now).finalizeMinutes).toBe(false);
    expect(meetingAbilities(person(1), 'coordinator', { scheduledAt: new Date(now) }, now).finalizeMinutes).toBe(true);
    expect(meetingAbilities(person(1), 'animator', { scheduledAt: new Date(now) }, now)).toEqual({ edit: false, recordMinutes: false, finalizeMinutes: false, writeReport: true });
  });

  it('lets the author write their draft, the coordination review it, then comment once it is submitted', () => {
    const draft = { authorId: 1, submitted: false };
    const sent = { authorId: 1, submitted: true };
    expect(reportAccess(person(1), 'animator', draft)).toEqual({ read: true, write: true, edit: true, submit: true, comment: false, review: false, steer: false });
    // Written by its author even once sent: the write answers REPORT_ALREADY_SUBMITTED rather than FORBIDDEN.
    expect(reportAccess(person(1), 'animator', sent)).toMatchObject({ write: true, edit: false, submit: false });
    expect(reportAccess(person(2), 'coordinator', draft)).toMatchObject({ read: true, write: false, review: true, comment: false, steer: true });
    expect(reportAccess(person(2), 'coordinator', sent)).toMatchObject({ review: false, comment: true });
    // Nobody reviews their own report; another animator does not read it.
    expect(reportAccess(person(1), 'coordinator', draft).review).toBe(false);
    expect(reportAccess(person(3), 'animator', draft).read).toBe(false);
  });
});
