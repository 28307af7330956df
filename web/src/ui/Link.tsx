import { Link as RouterLink, type LinkProps } from 'react-router';

/** In-app link (client-side navigation). */
export function Link(props: LinkProps) {
  return <RouterLink {...props} />;
}
