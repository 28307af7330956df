/** Field limits shared by forms and API schemas so both agree. */
export const LIMITS = {
  email: 254,
  passwordMin: 12,
  passwordMax: 256,
  personName: 80,
  employer: 160,
  job: 120,
  departement: 3,
  bio: 2000,
  communityName: 120,
  communitySlug: 60,
  communityText: 4000,
  postTitle: 200,
  postBody: 50_000,
  commentBody: 10_000,
  legalBody: 100_000,
  pageSize: 20,
  pageSizeMax: 50,
  /** Largest JSON body accepted by the API, in bytes. */
  bodyLimit: 256 * 1024,
} as const;
