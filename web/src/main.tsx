import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import { I18nProvider } from 'react-aria-components';
import { ApiError } from './api/client';
import { router } from './router';
import { ReauthDialog } from './components/ReauthDialog';
import { registerServiceWorker } from './lib/offline';
import './ui/tokens.css';
import './ui/base.css';
import './ui/ui.css';
import './components/layout.css';
import './routes/pages.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // Client errors (403, 404…) will not change by retrying.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

registerServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider locale="fr-FR">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
        <ReauthDialog />
      </QueryClientProvider>
    </I18nProvider>
  </StrictMode>,
);
