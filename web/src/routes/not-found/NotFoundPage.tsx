import { Link } from 'react-router';
import { useTitle } from '../../lib/useTitle';

export function NotFound() {
  useTitle('Page introuvable');
  return (
    <div className="narrow">
      <h1>Page introuvable</h1>
      <p>La page que vous cherchez n’existe pas ou plus, ou son adresse a changé.</p>
      <p>Si vous avez saisi l’adresse vous-même, vérifiez-la. Sinon, le lien que vous avez suivi est peut-être périmé.</p>
      <ul>
        <li><Link to="/">Retour à l’accueil</Link></li>
        <li><Link to="/communautes">Annuaire des e-communautés</Link></li>
      </ul>
    </div>
  );
}

export default NotFound;
