import { useNavigate } from 'react-router';
import { useLogout } from '../api/session';

export function useSignOut() {
  const logout = useLogout();
  const navigate = useNavigate();
  return {
    isPending: logout.isPending,
    signOut: () => logout.mutate(undefined, { onSuccess: (result) => { if (!result.endSessionUrl) navigate('/'); } }),
  };
}
