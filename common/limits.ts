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
  pollOptionsMin: 2,
  pollOptionsMax: 20,
  pollOptionLabel: 200,
  pollFreeText: 2000,
  pollCommentary: 10_000,
  surveyQuestionsMax: 30,
  surveyOptionsMin: 2,
  surveyOptionsMax: 20,
  surveyLabel: 300,
  surveyDescription: 5000,
  surveyTextAnswer: 1000,
  dossierTitle: 200,
  dossierIntro: 20_000,
  dossierItemsMax: 100,
  dossierNote: 500,
  coverUrl: 2000,
  coverAlt: 300,
  eventPlace: 300,
  eventOrganiser: 200,
  eventUrl: 2000,
  /** Longest event, in days: keeps the month query a bounded index range. */
  eventMaxDays: 62,
  legalBody: 100_000,
  /** Free tags of a post: each at most tagLength characters, at most tagsPerPost of them. */
  tagLength: 40,
  tagsPerPost: 10,
  rubriqueName: 60,
  rubriquesPerCommunity: 30,
  linkUrl: 2000,
  linkTitle: 300,
  linkDescription: 1000,
  linkSource: 120,
  /** Veille: RSS/Atom sources a community follows, and the name shown for one. */
  veilleSourcesPerCommunity: 50,
  veilleSourceTitle: 120,
  /** National sources of CNFPT resources (set up by the national team). */
  cnfptSources: 20,
  /** Private messages: one message, a group's title, the people in a group (the author included). */
  messageBody: 5000,
  conversationTitle: 120,
  conversationMembersMax: 10,
  messageReportComment: 1000,
  /** Directory filters typed by hand (job, employer). */
  directoryText: 120,
  /** First-sign-in link of an imported member: a campaign of 220,000 welcome mails takes days to send. */
  activationLinkDays: 30,
  /** CSV member list (national team, coordinators): file size in bytes, and lines. */
  memberCsvBytes: 1024 * 1024,
  memberCsvRows: 5000,
  /** Drafts (« Mes brouillons »): the text kept per place, the place key, and how many one person keeps. */
  draftBody: 50_000,
  draftPlace: 80,
  draftsPerUser: 200,
  pageSize: 20,
  pageSizeMax: 50,
  /** Largest JSON body accepted by the API, in bytes. */
  bodyLimit: 256 * 1024,
  /** Attachments: images are shown inline, so kept smaller than documents. */
  attachmentImageBytes: 5 * 1024 * 1024,
  attachmentDocumentBytes: 20 * 1024 * 1024,
  /**
   * Pixel budget of an image (width × height): a small file can hold a huge, highly compressible picture that
   * every browser showing it inline would have to decode (30,000 × 30,000 pixels fit in 2.6 MB).
   */
  attachmentImagePixels: 40_000_000,
  attachmentName: 200,
  attachmentAlt: 300,
  attachmentLongDesc: 20_000,
  attachmentsPerPost: 20,
  embedsPerPost: 10,
  embedUrl: 2000,
  embedTitle: 200,
  /** Invitations: addresses per request, per inviter per day, days before they expire. */
  invitationEmailsPerRequest: 20,
  invitationsPerDay: 50,
  invitationEmailDays: 14,
  invitationLinkDays: 30,
  invitationMessage: 1000,
  /** Duty roster: weeks shown or set at once. */
  rosterWeeks: 26,
  wikiTitle: 200,
  wikiBody: 100_000,
  wikiSummary: 300,
} as const;
