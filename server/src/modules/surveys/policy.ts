import type { CurrentUser } from '../../types.js';
import { communityAbilities, isCommunityStaff, type CommunityRole, type CommunityStatus } from '../communities/policy.js';
import type { SurveyAbilities } from '../../../../common/api/surveys.js';

/**
 * Who may do what with a mini-enquête. Staff (animators, coordinators, national admin) launch it, follow
 * the results as they come, read the short texts and export; members answer once and see the results
 * after the closing. Nobody sees who answered what in an anonymous survey: the answers are not linked.
 */

export interface SurveyState {
  communityStatus: CommunityStatus;
  role: CommunityRole | null;
  closed: boolean;
  answered: boolean;
  resultsPostId: number | null;
}

export function canLaunchSurvey(user: CurrentUser | null, community: { status: CommunityStatus }, role: CommunityRole | null): boolean {
  return user !== null && user.emailVerified && community.status === 'open' && isCommunityStaff(user, role);
}

export function canSeeSurveyResults(user: CurrentUser | null, s: SurveyState): boolean {
  return isCommunityStaff(user, s.role) || s.closed;
}

/** Launching, closing a survey and publishing its results: the animation of an open community. */
export function surveyStaffAbilities(user: CurrentUser | null, community: { status: CommunityStatus }, role: CommunityRole | null) {
  return { launch: canLaunchSurvey(user, community, role) };
}

/** Beyond the totals, one line per respondent: only a nominative survey has respondents to name. */
export function surveyExportAbilities(survey: { anonymous: boolean }) {
  return { exportResponses: !survey.anonymous };
}

export function surveyAbilities(user: CurrentUser | null, s: SurveyState): SurveyAbilities {
  const community = communityAbilities(user, { status: s.communityStatus }, s.role);
  const staff = canLaunchSurvey(user, { status: s.communityStatus }, s.role);
  const reader = isCommunityStaff(user, s.role);
  return {
    answer: community.post && !s.closed && !s.answered,
    close: staff && !s.closed,
    publishResults: staff && s.closed && s.resultsPostId === null,
    viewTexts: reader,
    export: reader,
  };
}
