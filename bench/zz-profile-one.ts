import { openBench } from './harness.js';
import { pickFixtures } from './fixtures.js';
const bench = await openBench('profile');
const fx = await pickFixtures(bench.pool, bench.session);
const reader = { cookie: fx.feedMember.cookie };
const which = process.env.WHICH ?? 'search';
const v = which === 'search'
  ? ['contrat de ville', 'élus', 'budget', 'renouvellement urbain', 'formation', 'cités éducatives'].map((q) => ({ path: `/api/search?q=${encodeURIComponent(q)}`, headers: reader }))
  : which === 'feed' ? [{ path: `/api/communities/${fx.community.slug}/posts`, headers: reader }]
  : which === 'post' ? [{ path: `/api/posts/${fx.longPost.id}`, headers: reader }]
  : [{ path: '/api/feed', headers: reader }];
await bench.load(v, 3, 20);
await bench.measure(which, v, 20);
process.exit(await bench.finish([]));
