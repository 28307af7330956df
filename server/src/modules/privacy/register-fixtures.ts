import type { App } from '../../types.js';
import { signedInUser } from '../../../test/factories.js';
import { addMember, createCommunity } from '../../../test/community-factories.js';
import { unique } from '../../../test/helpers.js';
import { postWithActivity } from './fixtures.js';

/**
 * A member with at least one row in every table of the processing register that names them (test-only):
 * what the HTTP API writes comes through it, the rest (traces, settings, animation records) is inserted as
 * the services would. The register test deletes this member and checks each table. A table added to the
 * register with a `subject` needs a row here.
 */
export async function memberEverywhere(app: App) {
  const community = await createCommunity(app);
  const me = await signedInUser(app, { firstName: 'Apolline', employer: 'Ville de Brest' });
  const other = await signedInUser(app);
  await addMember(app, community.id, me.user.id, 'animator');
  await addMember(app, community.id, other.user.id);
  const mine = await postWithActivity(app, community.slug, me.headers, other.headers);
  const theirs = await postWithActivity(app, community.slug, other.headers, me.headers);
  const q = (text: string, values: unknown[] = []) => app.pool.query(text, values);
  const [u, o, c] = [me.user.id, other.user.id, community.id];
  const email = me.user.email.toLowerCase();

  await q('INSERT INTO known_devices (token_hash, user_id) VALUES ($1, $2)', [unique('dev'), u]);
  await q(`INSERT INTO email_tokens (token_hash, user_id, kind, expires_at) VALUES ($1, $2, 'reset_password', now() + interval '1 hour')`, [unique('tok'), u]);
  await q(`INSERT INTO rate_limits (key, count, reset_at) VALUES ($1, 1, now() + interval '1 hour')`, [`test:u${u}`]);
  await q(`INSERT INTO mail_outbox (to_address, subject, text, html, status) VALUES ($1, 'Bienvenue', 'Bonjour', '', 'outbox')`, [email]);
  // A mail still waiting in the outbox (written here, so no test app's dispatcher takes it).
  await q(`INSERT INTO domain_events (type, handler, payload) VALUES ('mail.requested', 'mail.send', $1)`,
    [JSON.stringify({ type: 'mail.requested', mail: { to: email, subject: 'Bienvenue', text: 'Bonjour', html: '' } })]);
  await q(`INSERT INTO idempotency_keys (user_id, key, fingerprint, request_hash) VALUES ($1, $2, 'f', 'h')`, [u, unique('idem')]);
  await q('INSERT INTO cgu_acceptances (user_id, version) VALUES ($1, 1) ON CONFLICT DO NOTHING', [u]);
  await q('INSERT INTO member_settings (user_id) VALUES ($1) ON CONFLICT DO NOTHING', [u]);
  await q(`INSERT INTO email_preferences (user_id, community_id, frequency) VALUES ($1, $2, 'weekly') ON CONFLICT DO NOTHING`, [u, c]);
  await q(`INSERT INTO digest_deliveries (user_id, frequency, period_key, window_start, window_end, status)
           VALUES ($1, 'weekly', $2, now() - interval '7 days', now(), 'sent')`, [u, unique('week')]);
  await q(`INSERT INTO post_notices (post_id, user_id, status) VALUES ($1, $2, 'sent') ON CONFLICT DO NOTHING`, [theirs.postId, u]);
  await q(`INSERT INTO oidc_identities (sub, idp_id, user_id, siret, organisation) VALUES ($1, 'idp', $2, '21290019700014', 'Ville de Brest')`, [unique('sub'), u]);
  await q(`INSERT INTO oidc_sessions (session_token_hash, id_token) SELECT token_hash, 'jeton' FROM sessions WHERE user_id = $1 LIMIT 1`, [u]);
  await q(`INSERT INTO mfa_totp (user_id, secret_encrypted, confirmed_at) VALUES ($1, 'chiffré', now())`, [u]);
  await q(`INSERT INTO mfa_recovery_codes (user_id, code_hash) VALUES ($1, $2)`, [u, unique('code')]);
  await q(`INSERT INTO mfa_passkeys (user_id, credential_id, public_key, name) VALUES ($1, $2, 'clé', 'Clé USB')`, [u, unique('cred')]);
  await q(`INSERT INTO mfa_pending_sign_ins (id_hash, user_id, step, method, expires_at) VALUES ($1, $2, 'verify', 'password', now() + interval '15 minutes')`, [unique('pending'), u]);
  await q('INSERT INTO import_welcomes (user_id) VALUES ($1)', [u]);
  await q(`INSERT INTO exchange_mappings (source, kind, source_id, local_id, source_hash, old_url) VALUES ('ancienne', 'member', $1, $2, 'h', '/profil/apolline')`, [unique('m'), u]);
  await q('INSERT INTO old_addresses (old_path, new_path) VALUES ($1, $2)', [`/${unique('profil')}`, `/membres/${u}`]);
  await q(`INSERT INTO notifications (user_id, kind, actor_id, post_id) VALUES ($1, 'comment', $2, $3)`, [u, o, mine.postId]);
  await q('INSERT INTO community_follows (community_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [c, u]);
  await q(`INSERT INTO drafts (user_id, place, body) VALUES ($1, $2, 'Mon brouillon')`, [u, `comment:${theirs.postId}`]);
  await q('INSERT INTO bookmarks (user_id, post_id) VALUES ($1, $2)', [u, theirs.postId]);
  await q('INSERT INTO post_reads (user_id, post_id, comments_seen) VALUES ($1, $2, 0)', [u, theirs.postId]);
  await q('INSERT INTO community_visits (user_id, community_id) VALUES ($1, $2)', [u, c]);
  const dossier = await q(`INSERT INTO dossiers (community_id, title, created_by) VALUES ($1, 'Dossier', $2) RETURNING id`, [c, o]);
  await q('INSERT INTO dossier_follows (dossier_id, user_id) VALUES ($1, $2)', [dossier.rows[0].id, u]);
  await q(`INSERT INTO member_activity_daily (community_id, day, user_id) VALUES ($1, current_date, $2)`, [c, u]);
  await q(`INSERT INTO polls (post_id, community_id, closes_at) VALUES ($1, $2, now() + interval '7 days')`, [theirs.postId, c]);
  const option = await q(`INSERT INTO poll_options (poll_id, position, label) VALUES ($1, 1, 'Oui') RETURNING id`, [theirs.postId]);
  await q(`INSERT INTO poll_votes (poll_id, user_id, free_text) VALUES ($1, $2, 'Mon avis')`, [theirs.postId, u]);
  await q('INSERT INTO poll_vote_choices (poll_id, user_id, option_id) VALUES ($1, $2, $3)', [theirs.postId, u, option.rows[0].id]);
  const survey = await q(`INSERT INTO surveys (community_id, title, anonymous, closes_at) VALUES ($1, 'Bilan', false, now() + interval '7 days') RETURNING id`, [c]);
  const surveyQuestion = await q(`INSERT INTO survey_questions (survey_id, position, kind, label) VALUES ($1, 1, 'text', 'Une idée ?') RETURNING id`, [survey.rows[0].id]);
  await q('INSERT INTO survey_participants (survey_id, user_id) VALUES ($1, $2)', [survey.rows[0].id, u]);
  const submission = await q('INSERT INTO survey_submissions (survey_id, user_id) VALUES ($1, $2) RETURNING id', [survey.rows[0].id, u]);
  await q(`INSERT INTO survey_answers (submission_id, question_id, text) VALUES ($1, $2, 'Mon idée')`, [submission.rows[0].id, surveyQuestion.rows[0].id]);
  await q(`INSERT INTO flags (community_id, post_id, reporter_id, reason_code, comment) VALUES ($1, $2, $3, 'spam', 'Doublon')`, [c, theirs.postId, u]);
  await q(`INSERT INTO flags (community_id, post_id, reporter_id, reason_code, comment, status) VALUES ($1, $2, $3, 'spam', 'Traité', 'handled')`, [c, mine.postId, u]);
  await q(`INSERT INTO community_suspensions (community_id, user_id, until, reason) VALUES ($1, $2, now() + interval '1 day', 'Test')`, [c, u]);
  const conv = await q(`INSERT INTO conversations (kind, created_by) VALUES ('group', $1) RETURNING id`, [u]);
  const convId = conv.rows[0].id;
  await q('INSERT INTO conversation_members (conversation_id, user_id) VALUES ($1, $2), ($1, $3)', [convId, u, o]);
  await q(`INSERT INTO messages (conversation_id, author_id, body) VALUES ($1, $2, 'Mon message privé')`, [convId, u]);
  const theirMessage = await q(`INSERT INTO messages (conversation_id, author_id, body) VALUES ($1, $2, 'Le leur') RETURNING id`, [convId, o]);
  await q('INSERT INTO member_blocks (blocker_id, blocked_id) VALUES ($1, $2)', [u, o]);
  await q(`INSERT INTO message_reports (message_id, reporter_id, reason_code, comment, status) VALUES ($1, $2, 'spam', 'Traité', 'handled')`, [theirMessage.rows[0].id, u]);
  const invitation = await q(`INSERT INTO invitations (community_id, inviter_id, kind, token_hash, expires_at) VALUES ($1, $2, 'link', $3, now() + interval '1 day') RETURNING id`, [c, o, unique('inv')]);
  await q('INSERT INTO invitation_acceptances (invitation_id, user_id) VALUES ($1, $2)', [invitation.rows[0].id, u]);
  await q(`INSERT INTO invitations (community_id, inviter_id, kind, email, token_hash, expires_at) VALUES ($1, $2, 'email', $3, $4, now() + interval '1 day')`, [c, o, email, unique('inv')]);
  const event = await q(`INSERT INTO network_events (kind, title, starts_at, ends_at, month) VALUES ('gathering', 'Rassemblement', now(), now() + interval '1 day', date_trunc('month', now())) RETURNING id`);
  await q('INSERT INTO network_event_registrations (event_id, user_id) VALUES ($1, $2)', [event.rows[0].id, u]);
  await q('INSERT INTO animator_targets (community_id, user_id, monthly_target) VALUES ($1, $2, 10)', [c, u]);
  await q(`INSERT INTO planned_posts (community_id, author_id, title, planned_at) VALUES ($1, $2, 'Plus tard', now() + interval '2 days')`, [c, u]);
  await q(`INSERT INTO duty_roster (community_id, week_start, animator_id) VALUES ($1, date_trunc('week', current_date + 7)::date, $2)`, [c, u]);
  return { me, other, community, email };
}
