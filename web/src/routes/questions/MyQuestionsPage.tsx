import { useTitle } from '../../lib/useTitle';
import { PendingList } from './PendingList';
import './questions.css';

/** /questions — open questions across every e-community I animate or coordinate. */
export default function MyQuestionsPage() {
  useTitle('Questions à traiter dans mes e-communautés');
  return (
    <>
      <div className="page-head">
        <h1>Questions à traiter dans mes e-communautés</h1>
      </div>
      <p className="muted">Les questions sans réponse des e-communautés que vous animez ou coordonnez, de la plus urgente à la moins urgente.</p>
      <PendingList slug="" />
    </>
  );
}
