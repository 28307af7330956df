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

export function reportAbilities(user: CurrentUser, role: CommunityRole | null, report: { authorId: number; submitted: boolean }) {
  const own = user.id === report.authorId && canWriteReport(role);
  return {
    edit: own && !report.submitted, submit: own && !report.submitted, comment: canSteerCommunity(user, role) && report.submitted,
    review: canReviewReport(user, role, report),
  };
}
