import { useParams } from 'react-router';
import { useCommunity } from '../../api/communities';
import { PageQuery } from '../../components/PageQuery';
import { useTitle } from '../../lib/useTitle';
import { Alert, LoadMore, QueryState } from '../../ui';
import { CommunityNav } from '../community/CommunityNav';
import { useStatements, useValidateStatement } from './contracts-api';
import { NO_BANK_DETAILS } from './ContractsAdmin';
import { StatementTable } from './HoursPage';

/** /communautes/:slug/etats-de-service — the coordinator validates the animators' monthly service statements. */
export default function StatementsPage() {
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  return (
    <PageQuery query={community} loading="Chargement…">
      {(c) => <Statements slug={c.slug} name={c.name} c={c} />}
    </PageQuery>
  );
}

function Statements({ slug, name, c }: { slug: string; name: string; c: Parameters<typeof CommunityNav>[0]['c'] }) {
  useTitle(`États de service – ${name}`);
  const list = useStatements(slug);
  const validate = useValidateStatement();
  return (
    <div className="stack">
      <h1>États de service fait — {name}</h1>
      <CommunityNav c={c} />
      <Alert tone="info"><p>{NO_BANK_DETAILS}</p></Alert>
      {validate.error ? <Alert tone="error"><p>{validate.error.message}</p></Alert> : null}
      {validate.data ? <Alert tone="success"><p>Service fait validé pour {validate.data.assignment.userName}.</p></Alert> : null}
      <QueryState query={list}>
        {(data) => <StatementTable items={data.pages.flatMap((p) => p.items)} onValidate={(id) => validate.mutate(id)} pending={validate.isPending} />}
      </QueryState>
      <LoadMore query={list} />
    </div>
  );
}
