import { Menu, MenuItem, MenuTrigger, Popover, Button as AriaButton, Separator } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { useCurrentUser } from '../api/session';
import { useSignOut } from './useSignOut';
import { useNetworkMe } from '../routes/network/api';

/** Account menu (React Aria menu: arrow keys, Échap, focus return). */
export function UserMenu({ name }: { name: string }) {
  const navigate = useNavigate();
  const user = useCurrentUser();
  const { signOut } = useSignOut();
  // Animators, coordinators and the national team: the animators' network and their hours.
  const network = useNetworkMe();
  return (
    <MenuTrigger>
      <AriaButton className="btn btn--secondary btn--small user-menu__button" aria-label={`Mon compte (${name})`}>
        <span aria-hidden="true" className="user-menu__avatar">{name.charAt(0).toUpperCase()}</span>
        <span className="user-menu__name" aria-hidden="true">{name}</span>
        <span aria-hidden="true">▾</span>
      </AriaButton>
      <Popover placement="bottom end" className="menu-popover">
        <Menu
          className="menu"
          onAction={(key) => {
            if (key === 'logout') signOut();
            else navigate(String(key));
          }}
        >
          <MenuItem id="/profil" className="menu__item">Mon profil</MenuItem>
          <MenuItem id="/brouillons" className="menu__item">Mes brouillons</MenuItem>
          <MenuItem id="/enregistrements" className="menu__item">Mes enregistrements</MenuItem>
          <MenuItem id="/preferences" className="menu__item">Mes notifications par courriel</MenuItem>
          <MenuItem id="/compte/securite" className="menu__item">Sécurité du compte</MenuItem>
          {user ? <MenuItem id={`/membres/${user.id}`} className="menu__item">Ma page publique</MenuItem> : null}
          {user?.nationalRole === 'admin' ? <MenuItem id="/admin" className="menu__item">Administration</MenuItem> : null}
          {user?.nationalRole === 'admin' ? <MenuItem id="/pilotage-national" className="menu__item">Pilotage national</MenuItem> : null}
          {network.data?.staff ? <MenuItem id="/reseau-animateurs" className="menu__item">Réseau des animateurs</MenuItem> : null}
          {network.data?.staff ? <MenuItem id="/mes-heures" className="menu__item">Mes heures</MenuItem> : null}
          <Separator className="menu__sep" />
          <MenuItem id="logout" className="menu__item">Se déconnecter</MenuItem>
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
