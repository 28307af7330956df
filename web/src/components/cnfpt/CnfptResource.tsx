import { CNFPT_RESOURCE_LABELS } from '../../../../common/cnfpt';
import type { CnfptRef } from '../../api/types';
import { Badge } from '../../ui';
import './cnfpt.css';

/** The « ressource CNFPT » badges: what it is, for feeds and the post page alike. */
export function CnfptBadges({ cnfpt }: { cnfpt: CnfptRef }) {
  return (
    <>
      <Badge tone="info">Ressource CNFPT</Badge> <span className="cnfpt-type">{CNFPT_RESOURCE_LABELS[cnfpt.type]}</span>
    </>
  );
}

/** The way to the catalogue entry; the title is read by screen readers so that several links in a feed stay distinct. */
export function CnfptCatalogueLink({ cnfpt, title }: { cnfpt: CnfptRef; title: string }) {
  return (
    <p className="cnfpt-link">
      <a href={cnfpt.url} rel="noopener noreferrer" target="_blank">
        Voir dans le catalogue du CNFPT<span className="visually-hidden"> : {title} (nouvelle fenêtre)</span>
      </a>
    </p>
  );
}
