import type { CurrentUser } from '../../types.js';
import { isNationalAdmin, type CommunityRole } from '../communities/policy.js';

/**
 * Review meetings and activity reports. The community's coordinators and the national team steer
 * (dashboard, objectives, meetings, minutes, comments, every report); its animators and coordinators
 * write their own report. Nobody else reads any of it: not members, not another community's staff.
 */
export function canSteerCommunity(user: CurrentUser, role: CommunityRole | null): boolean {
  return isNationalAdmin(user) || role === 'coordinator';
}

/** Animators read the meetings they prepare reports for. */
export function canReadMeetings(user: CurrentUser, role: CommunityRole | null): boolean {
  return canSteerCommunity(user, role) || role === 'animator';
}

/** Only the community's staff write a report: it is the account of their own activity. */
export function canWriteReport(role: CommunityRole | null): boolean {
  return role === 'animator' || role === 'coordinator';
}

export function canReadReport(user: CurrentUser, role: CommunityRole | null, authorId: number): boolean {
  return user.id === authorId || canSteerCommunity(user, role);
}

/**
 * The coordination reviews a draft before the meeting (a note per section, « à revoir » / « prêt »);
 * once submitted, the report takes a comment instead. Nobody reviews their own report.
 */
export function canReviewReport(user: CurrentUser, role: CommunityRole | null, report: { authorId: number; submitted: boolean }): boolean {
  return canSteerCommunity(user, role) && !report.submitted && user.id !== report.authorId;
}

/** What `user` may do with a community's meetings: read them, schedule and change them (steer), write a report. */
export function meetingsAbilities(user: CurrentUser, role: CommunityRole | null) {
  return { read: canReadMeetings(user, role), steer: canSteerCommunity(user, role), writeReport: canWriteReport(role) };
}

/** The abilities a meeting's page shows: minutes are finalised once the meeting has started. */
export function meetingAbilities(user: CurrentUser, role: CommunityRole | null, meeting: { scheduledAt: Date }, now = Date.now()) {
  const steer = canSteerCommunity(user, role);
  return { edit: steer, recordMinutes: steer, finalizeMinutes: steer && meeting.scheduledAt.getTime() <= now, writeReport: canWriteReport(role) };
}

/** The abilities a report's page shows. */
export function reportAbilities(user: CurrentUser, role: CommunityRole | null, report: { authorId: number; submitted: boolean }) {
  const own = user.id === report.authorId && canWriteReport(role);
  return {
    edit: own && !report.submitted, submit: own && !report.submitted, comment: canSteerCommunity(user, role) && report.submitted,
    review: canReviewReport(user, role, report),
  };
}

/**
 * What the routes decide with: the page's abilities, plus reading the report, writing it as its author (a submitted
 * report then answers REPORT_ALREADY_SUBMITTED, not FORBIDDEN) and steering (commenting, closing the review).
 */
export function reportAccess(user: CurrentUser, role: CommunityRole | null, report: { authorId: number; submitted: boolean }) {
  return {
    ...reportAbilities(user, role, report),
    read: canReadReport(user, role, report.authorId),
    write: user.id === report.authorId && canWriteReport(role),
    steer: canSteerCommunity(user, role),
  };
}
