import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Icon } from '../ui';
import './header-search.css';

/** The site-wide search field: sends to /recherche, where the filters are. */
export function HeaderSearch() {
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!q.trim()) return;
    navigate(`/recherche?q=${encodeURIComponent(q.trim())}`);
    setQ('');
  };
  return (
    <form role="search" aria-label="Rechercher" className="header-search" onSubmit={submit}>
      <label htmlFor="header-search-q" className="visually-hidden">Rechercher dans les e-communautés</label>
      <input
        id="header-search-q"
        type="search"
        name="q"
        className="input header-search__input"
        placeholder="Rechercher…"
        maxLength={200}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <button type="submit" className="header-search__button">
        <Icon name="search" />
        <span className="visually-hidden">Lancer la recherche</span>
      </button>
    </form>
  );
}
