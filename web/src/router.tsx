import { createBrowserRouter } from 'react-router';
import { Layout } from './components/Layout';
import { Spinner } from './ui';
import HomePage from './routes/home/HomePage';
import DirectoryPage from './routes/directory/DirectoryPage';
import CommunityPage from './routes/community/CommunityPage';
import PostPage from './routes/post/PostPage';
import VerifyEmailPage from './routes/verify-email/VerifyEmailPage';
import LoginPage from './routes/login/LoginPage';
import PasswordForgotPage from './routes/password-forgot/PasswordForgotPage';
import PasswordNewPage from './routes/password-new/PasswordNewPage';
import MemberPage from './routes/member/MemberPage';
import LegalPage from './routes/legal/LegalPage';
import NotFound from './routes/not-found/NotFoundPage';

// Pages most visitors never open (administration, management, sign-up, profile) load on demand.
export const router = createBrowserRouter([
  {
    element: <Layout />,
    // Shown only while a lazily loaded page is fetched on the very first load.
    hydrateFallbackElement: <div className="main"><Spinner /></div>,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/communautes', element: <DirectoryPage /> },
      { path: '/communautes/:slug', element: <CommunityPage /> },
      { path: '/communautes/:slug/sondages', lazy: () => import('./routes/polls/PollsPage').then((m) => ({ Component: m.default })) },
      { path: '/communautes/:slug/sondages/nouveau', lazy: () => import('./routes/polls/NewPollPage').then((m) => ({ Component: m.default })) },
      { path: '/communautes/:slug/enquetes', lazy: () => import('./routes/surveys/SurveysPage').then((m) => ({ Component: m.default })) },
      { path: '/communautes/:slug/enquetes/nouvelle', lazy: () => import('./routes/surveys/NewSurveyPage').then((m) => ({ Component: m.default })) },
      { path: '/enquetes/:id', lazy: () => import('./routes/surveys/SurveyPage').then((m) => ({ Component: m.default })) },
      { path: '/communautes/:slug/dossiers', lazy: () => import('./routes/dossiers/DossiersPage').then((m) => ({ Component: m.default })) },
      { path: '/communautes/:slug/dossiers/:id', lazy: () => import('./routes/dossiers/DossierPage').then((m) => ({ Component: m.default })) },
      { path: '/communautes/:slug/ligne-editoriale', lazy: () => import('./routes/dossiers/EditorialLinePage').then((m) => ({ Component: m.default })) },
      { path: '/communautes/:slug/agenda', lazy: () => import('./routes/agenda/CommunityAgendaPage').then((m) => ({ Component: m.default })) },
      { path: '/agenda', lazy: () => import('./routes/agenda/NetworkAgendaPage').then((m) => ({ Component: m.default })) },
      { path: '/communautes/:slug/veille', lazy: () => import('./routes/veille/VeillePage').then((m) => ({ Component: m.default })) },
      { path: '/communautes/:slug/questions', lazy: () => import('./routes/questions/QuestionsPage').then((m) => ({ Component: m.default })) },
      { path: '/questions', lazy: () => import('./routes/questions/MyQuestionsPage').then((m) => ({ Component: m.default })) },
      { path: '/notifications', lazy: () => import('./components/notifications/NotificationsPage').then((m) => ({ Component: m.default })) },
      { path: '/recherche', lazy: () => import('./routes/search/SearchPage').then((m) => ({ Component: m.default })) },
      { path: '/communautes/:slug/coordination', lazy: () => import('./routes/reports/CoordinatorPage').then((m) => ({ Component: m.default })) },
      { path: '/communautes/:slug/reunions', lazy: () => import('./routes/reports/MeetingsPage').then((m) => ({ Component: m.default })) },
      { path: '/reunions/:id', lazy: () => import('./routes/reports/MeetingPage').then((m) => ({ Component: m.default })) },
      { path: '/rapports/:id', lazy: () => import('./routes/reports/ReportPage').then((m) => ({ Component: m.default })) },
      { path: '/communautes/:slug/pilotage', lazy: () => import('./routes/steering/SteeringPage').then((m) => ({ Component: m.default })) },
      { path: '/communautes/:slug/calendrier', lazy: () => import('./routes/calendar/CalendarPage').then((m) => ({ Component: m.default })) },
      { path: '/communautes/:slug/gestion', lazy: () => import('./routes/community-manage/ManagePage').then((m) => ({ Component: m.default })) },
      { path: '/communautes/:slug/moderation', lazy: () => import('./routes/moderation/ModerationPage').then((m) => ({ Component: m.default })) },
      { path: '/moderation', lazy: () => import('./routes/moderation/NetworkModerationPage').then((m) => ({ Component: m.default })) },
      { path: '/communautes/:slug/pages', lazy: () => import('./routes/shared-pages/SharedPagesPage').then((m) => ({ Component: m.default })) },
      { path: '/pages-co-ecrites/:id', lazy: () => import('./routes/shared-pages/SharedPagePage').then((m) => ({ Component: m.default })) },
      { path: '/communautes/:slug/invitations', lazy: () => import('./routes/invitations/InvitationsPage').then((m) => ({ Component: m.default })) },
      { path: '/invitation/:token', lazy: () => import('./routes/invitations/InvitationLandingPage').then((m) => ({ Component: m.default })) },
      { path: '/publications/:id', element: <PostPage /> },
      { path: '/inscription', lazy: () => import('./routes/signup/SignupPage').then((m) => ({ Component: m.default })) },
      { path: '/verifier-email', element: <VerifyEmailPage /> },
      { path: '/connexion', element: <LoginPage /> },
      { path: '/connexion/proconnect/inscription', lazy: () => import('./routes/proconnect/ProConnectSignupPage').then((m) => ({ Component: m.default })) },
      { path: '/connexion/proconnect/associer', lazy: () => import('./routes/proconnect/ProConnectLinkPage').then((m) => ({ Component: m.default })) },
      { path: '/connexion/proconnect/erreur', lazy: () => import('./routes/proconnect/ProConnectErrorPage').then((m) => ({ Component: m.default })) },
      { path: '/journal-de-securite', lazy: () => import('./routes/proconnect/SecurityEventsPage').then((m) => ({ Component: m.default })) },
      { path: '/connexion/second-facteur', lazy: () => import('./routes/second-factor/SecondFactorPage').then((m) => ({ Component: m.default })) },
      { path: '/compte/securite', lazy: () => import('./routes/security/SecurityPage').then((m) => ({ Component: m.default })) },
      { path: '/mot-de-passe/oubli', element: <PasswordForgotPage /> },
      { path: '/mot-de-passe/nouveau', element: <PasswordNewPage /> },
      { path: '/activation', lazy: () => import('./routes/activation/ActivationPage').then((m) => ({ Component: m.default })) },
      { path: '/import', lazy: () => import('./routes/member-import/ImportPage').then((m) => ({ Component: m.default })) },
      { path: '/brouillons', lazy: () => import('./routes/drafts/DraftsPage').then((m) => ({ Component: m.default })) },
      { path: '/enregistrements', lazy: () => import('./routes/bookmarks/BookmarksPage').then((m) => ({ Component: m.default })) },
      { path: '/profil', lazy: () => import('./routes/profile/ProfilePage').then((m) => ({ Component: m.default })) },
      { path: '/profil/appareils', lazy: () => import('./routes/devices/DevicesPage').then((m) => ({ Component: m.default })) },
      { path: '/membres', lazy: () => import('./routes/members/MembersPage').then((m) => ({ Component: m.default })) },
      { path: '/membres/:id', element: <MemberPage /> },
      { path: '/messages', lazy: () => import('./routes/messages/InboxPage').then((m) => ({ Component: m.default })) },
      { path: '/messages/:id', lazy: () => import('./routes/messages/ConversationPage').then((m) => ({ Component: m.default })) },
      { path: '/moderation/messages', lazy: () => import('./routes/messages/ReportedMessagesPage').then((m) => ({ Component: m.default })) },
      { path: '/preferences', lazy: () => import('./routes/preferences/PreferencesPage').then((m) => ({ Component: m.default })) },
      { path: '/preferences/desabonnement', lazy: () => import('./routes/preferences/UnsubscribePage').then((m) => ({ Component: m.default })) },
      { path: '/compte-supprime', lazy: () => import('./routes/privacy/AccountDeletedPage').then((m) => ({ Component: m.default })) },
      { path: '/pilotage-national', lazy: () => import('./routes/national/NationalPage').then((m) => ({ Component: m.default })) },
      { path: '/reseau-animateurs', lazy: () => import('./routes/network/NetworkPage').then((m) => ({ Component: m.default })) },
      { path: '/mes-heures', lazy: () => import('./routes/national/HoursPage').then((m) => ({ Component: m.default })) },
      { path: '/communautes/:slug/etats-de-service', lazy: () => import('./routes/national/StatementsPage').then((m) => ({ Component: m.default })) },
      { path: '/communautes/:slug/audience', lazy: () => import('./routes/national/AudiencePage').then((m) => ({ Component: m.default })) },
      { path: '/admin', lazy: () => import('./routes/admin/AdminPage').then((m) => ({ Component: m.default })) },
      { path: '/pages/:slug', element: <LegalPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
