import { createBrowserRouter } from 'react-router';
import { Layout } from './components/Layout';
import HomePage from './routes/home/HomePage';
import DirectoryPage from './routes/directory/DirectoryPage';
import CommunityPage from './routes/community/CommunityPage';
import ManagePage from './routes/community-manage/ManagePage';
import PostPage from './routes/post/PostPage';
import SignupPage from './routes/signup/SignupPage';
import VerifyEmailPage from './routes/verify-email/VerifyEmailPage';
import LoginPage from './routes/login/LoginPage';
import PasswordForgotPage from './routes/password-forgot/PasswordForgotPage';
import PasswordNewPage from './routes/password-new/PasswordNewPage';
import ProfilePage from './routes/profile/ProfilePage';
import MemberPage from './routes/member/MemberPage';
import AdminPage from './routes/admin/AdminPage';
import LegalPage from './routes/legal/LegalPage';
import NotFound from './routes/not-found/NotFoundPage';

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/communautes', element: <DirectoryPage /> },
      { path: '/communautes/:slug', element: <CommunityPage /> },
      { path: '/communautes/:slug/gestion', element: <ManagePage /> },
      { path: '/publications/:id', element: <PostPage /> },
      { path: '/inscription', element: <SignupPage /> },
      { path: '/verifier-email', element: <VerifyEmailPage /> },
      { path: '/connexion', element: <LoginPage /> },
      { path: '/mot-de-passe/oubli', element: <PasswordForgotPage /> },
      { path: '/mot-de-passe/nouveau', element: <PasswordNewPage /> },
      { path: '/profil', element: <ProfilePage /> },
      { path: '/membres/:id', element: <MemberPage /> },
      { path: '/admin', element: <AdminPage /> },
      { path: '/pages/:slug', element: <LegalPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
