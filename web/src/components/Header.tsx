import { NavLink } from 'react-router';
import { useCurrentUser } from '../api/session';
import { ButtonLink, CollapsibleNav } from '../ui';
import { UserMenu } from './UserMenu';
import { HeaderSearch } from './HeaderSearch';
import { NotificationBell } from './notifications/NotificationBell';
import { MessagesLink } from './MessagesLink';
import { useNetworkMe } from '../routes/network/api';

export function Header() {
  const user = useCurrentUser();
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <NavLink to="/" className="brand" aria-label="e-communautés, accueil">
          <span className="brand__mark" aria-hidden="true">e</span>
          <span className="brand__name" aria-hidden="true">e-communautés</span>
        </NavLink>
        {/* On a phone the links fold behind « Menu » rather than wrapping onto up to three lines. */}
        <CollapsibleNav label="Menu principal" toggleLabel="Menu" overlay className="main-nav">
          <ul>
            <li><NavLink to="/" end>Accueil</NavLink></li>
            <li><NavLink to="/communautes" end>Annuaire</NavLink></li>
            {user ? <li><NavLink to="/membres" end>Membres</NavLink></li> : null}
            <li><NavLink to="/agenda">Agenda</NavLink></li>
            {user ? <StaffLinks admin={user.nationalRole === 'admin'} /> : null}
          </ul>
        </CollapsibleNav>
        <HeaderSearch />
        <div className="site-header__user">
          {user ? <MessagesLink /> : null}
          {user ? <NotificationBell /> : null}
          {user ? <UserMenu name={`${user.firstName} ${user.lastName}`} /> : user === null ? <AnonymousActions /> : null}
        </div>
      </div>
      {user && !user.emailVerified ? <VerifyBanner /> : null}
    </header>
  );
}

/**
 * The daily tools of the people who run the network, one step from every page: the questions waiting for an
 * answer (animators and coordinators, all their e-communities) and, for the national team, its dashboard,
 * the network's moderation queue and the administration.
 */
function StaffLinks({ admin }: { admin: boolean }) {
  const network = useNetworkMe();
  return (
    <>
      {network.data?.staff ? <li><NavLink to="/questions" end>Questions à traiter</NavLink></li> : null}
      {admin ? <li><NavLink to="/pilotage-national">Pilotage national</NavLink></li> : null}
      {admin ? <li><NavLink to="/moderation">Modération</NavLink></li> : null}
      {admin ? <li><NavLink to="/admin">Administration</NavLink></li> : null}

    </>
  );
}

function AnonymousActions() {
  return (
    <div className="row">
      <ButtonLink to="/connexion" variant="ghost" small>Se connecter</ButtonLink>
      <ButtonLink to="/inscription" small>Créer un compte</ButtonLink>
    </div>
  );
}

function VerifyBanner() {
  return (
    <div className="verify-banner">
      <p>
        Votre adresse électronique n’est pas encore confirmée : ouvrez le lien reçu par courriel pour pouvoir publier.{' '}
        <NavLink to="/verifier-email">Renvoyer le lien</NavLink>
      </p>
    </div>
  );
}
