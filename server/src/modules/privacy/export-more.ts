import { sql, type SQL } from 'drizzle-orm';

/**
 * The export's sections beyond profile and contributions (export.ts): settings, activity traces, private
 * messages, networking and animation work. One query per section, each served by an index on the member's
 * column; the keys are the ones the processing register (register/*.ts) names, and register.test.ts checks both agree.
 * Never selected: token hashes, other members' names, other participants' messages.
 */
export function moreSections(userId: number): Record<string, SQL> {
  return {
    // Mini-enquêtes: every one taken part in; the answers only for named ones (an anonymous one keeps no link to the member).
    surveyAnswers: sql`SELECT sv.id AS survey_id, sv.title AS survey_title, sv.anonymous, sb.created_at,
                              coalesce((SELECT json_agg(json_build_object('question', q.label, 'option', o.label, 'note', a.scale, 'texte', a.text) ORDER BY a.id)
                                          FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id
                                          LEFT JOIN survey_options o ON o.id = a.option_id
                                         WHERE a.submission_id = sb.id), '[]') AS answers
                         FROM survey_participants sp JOIN surveys sv ON sv.id = sp.survey_id
                         LEFT JOIN survey_submissions sb ON sb.survey_id = sp.survey_id AND sb.user_id = sp.user_id
                        WHERE sp.user_id = ${userId} ORDER BY sv.id`,
    directorySettings: sql`SELECT listed, show_employer, show_job, show_territory, show_email, message_email, updated_at
                             FROM member_settings WHERE user_id = ${userId}`,
    emailPreferences: sql`SELECT c.slug AS community_slug, e.frequency, e.updated_at
                            FROM email_preferences e LEFT JOIN communities c ON c.id = e.community_id WHERE e.user_id = ${userId} ORDER BY e.updated_at`,
    digestDeliveries: sql`SELECT frequency, period_key, window_start, window_end, status, post_count, updated_at
                            FROM digest_deliveries WHERE user_id = ${userId} ORDER BY window_start`,
    postNotices: sql`SELECT post_id, status, created_at FROM post_notices WHERE user_id = ${userId} ORDER BY created_at`,
    proconnect: sql`SELECT sub, idp_id, siret, organisation, created_at, last_seen_at FROM oidc_identities WHERE user_id = ${userId}`,
    // Which second factors exist and when they were used, never the secrets themselves.
    secondFactorApp: sql`SELECT confirmed_at, created_at FROM mfa_totp WHERE user_id = ${userId}`,
    recoveryCodes: sql`SELECT created_at, used_at FROM mfa_recovery_codes WHERE user_id = ${userId} ORDER BY id`,
    passkeys: sql`SELECT name, created_at, last_used_at FROM mfa_passkeys WHERE user_id = ${userId} ORDER BY id`,
    welcomeMail: sql`SELECT status, queued_at, sent_at, activated_at, bounced_at FROM import_welcomes WHERE user_id = ${userId}`,
    previousPlatform: sql`SELECT source, source_id, old_url, updated_at FROM exchange_mappings WHERE kind = 'member' AND local_id = ${userId}`,
    notifications: sql`SELECT kind, post_id, comment_id, created_at, read_at FROM notifications WHERE user_id = ${userId} ORDER BY id`,
    communityFollows: sql`SELECT c.slug AS community_slug, f.created_at
                            FROM community_follows f JOIN communities c ON c.id = f.community_id WHERE f.user_id = ${userId} ORDER BY f.created_at`,
    dossierFollows: sql`SELECT d.id AS dossier_id, d.title AS dossier_title, f.created_at
                          FROM dossier_follows f JOIN dossiers d ON d.id = f.dossier_id WHERE f.user_id = ${userId} ORDER BY f.created_at`,
    activityDays: sql`SELECT c.slug AS community_slug, a.day
                        FROM member_activity_daily a JOIN communities c ON c.id = a.community_id WHERE a.user_id = ${userId} ORDER BY a.day`,
    plannedPosts: sql`SELECT id, community_id, kind, title, body_md, planned_at, status, post_id, created_at
                        FROM planned_posts WHERE author_id = ${userId} ORDER BY planned_at`,
    conversations: sql`SELECT c.id, c.kind, c.title, m.joined_at, m.last_read_id
                         FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id WHERE m.user_id = ${userId} ORDER BY m.joined_at`,
    // Only the member's own messages: the other participants' words are theirs.
    messages: sql`SELECT id, conversation_id, body, created_at, removed_at FROM messages WHERE author_id = ${userId} ORDER BY id`,
    blocks: sql`SELECT blocked_id, created_at FROM member_blocks WHERE blocker_id = ${userId} ORDER BY created_at`,
    messageReports: sql`SELECT message_id, reason_code, comment, status, created_at FROM message_reports WHERE reporter_id = ${userId} ORDER BY created_at`,
    invitationsSent: sql`SELECT i.id, c.slug AS community_slug, i.kind, i.email, i.expires_at, i.revoked_at, i.accepted_count, i.created_at
                           FROM invitations i JOIN communities c ON c.id = i.community_id WHERE i.inviter_id = ${userId} ORDER BY i.created_at`,
    invitationsAccepted: sql`SELECT invitation_id, accepted_at, joined_at FROM invitation_acceptances WHERE user_id = ${userId} ORDER BY accepted_at`,
    pageRevisions: sql`SELECT r.page_id, r.number, r.title, r.body_md, r.summary, r.created_at
                         FROM wiki_revisions r WHERE r.author_id = ${userId} ORDER BY r.created_at`,
    networkEventRegistrations: sql`SELECT e.title, e.starts_at, r.registered_at, r.attended
                                     FROM network_event_registrations r JOIN network_events e ON e.id = r.event_id
                                    WHERE r.user_id = ${userId} ORDER BY e.starts_at`,
    networkPosts: sql`SELECT id, title, body_md, created_at FROM network_posts WHERE author_id = ${userId} ORDER BY created_at`,
    networkComments: sql`SELECT id, post_id, body_md, created_at FROM network_comments WHERE author_id = ${userId} ORDER BY created_at`,
    assignments: sql`SELECT a.id, c.slug AS community_slug, a.starts_on, a.ends_on, a.monthly_hours, a.scale_code, a.hourly_rate_cents, a.created_at
                       FROM animator_assignments a JOIN communities c ON c.id = a.community_id WHERE a.user_id = ${userId} ORDER BY a.starts_on`,
    serviceStatements: sql`SELECT s.assignment_id, s.month, s.minutes, s.note, s.amount_cents, s.declared_at, s.validated_at
                             FROM animator_assignments a JOIN service_statements s ON s.assignment_id = a.id
                            WHERE a.user_id = ${userId} ORDER BY s.month`,
    animatorTargets: sql`SELECT c.slug AS community_slug, t.monthly_target, t.updated_at
                           FROM animator_targets t JOIN communities c ON c.id = t.community_id WHERE t.user_id = ${userId}`,
    dutyWeeks: sql`SELECT c.slug AS community_slug, d.week_start, d.set_at
                     FROM duty_roster d JOIN communities c ON c.id = d.community_id WHERE d.animator_id = ${userId} ORDER BY d.week_start`,
    drafts: sql`SELECT place, title, body, created_at, updated_at FROM drafts WHERE user_id = ${userId} ORDER BY updated_at`,
    bookmarks: sql`SELECT post_id, created_at FROM bookmarks WHERE user_id = ${userId} ORDER BY created_at`,
    postReads: sql`SELECT post_id, last_comment_id, comments_seen, read_at FROM post_reads WHERE user_id = ${userId} ORDER BY read_at`,
    communityVisits: sql`SELECT c.slug AS community_slug, v.visited_at, v.previous_visit_at
                           FROM community_visits v JOIN communities c ON c.id = v.community_id WHERE v.user_id = ${userId} ORDER BY v.visited_at`,
    activityReports: sql`SELECT id, meeting_id, community_id, highlights, difficulties, proposals, rendezvous, comment, submitted_at, created_at
                           FROM activity_reports WHERE author_id = ${userId} ORDER BY created_at`,
    meetings: sql`SELECT m.id, m.community_id, m.scheduled_at, m.period_from, m.period_to
                    FROM review_meeting_participants p JOIN review_meetings m ON m.id = p.meeting_id WHERE p.user_id = ${userId} ORDER BY m.scheduled_at`,
  };
}
