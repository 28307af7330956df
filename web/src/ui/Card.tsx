import type { ReactNode } from 'react';

export function Card({ children, as: Tag = 'div', className }: { children: ReactNode; as?: 'div' | 'article' | 'section' | 'li'; className?: string }) {
  return <Tag className={['card', className].filter(Boolean).join(' ')}>{children}</Tag>;
}
