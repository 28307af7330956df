/**
 * Stable error codes shared by the API and the web client.
 * The code is the contract; the French message is what a person reads.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: 'Les données envoyées sont invalides.' },
  BAD_REQUEST: { status: 400, message: 'Requête invalide.' },
  WEAK_PASSWORD: { status: 400, message: 'Le mot de passe doit contenir au moins 12 caractères.' },
  COMMON_PASSWORD: { status: 400, message: 'Ce mot de passe est trop courant : choisissez-en un autre.' },
  INVALID_TOKEN: { status: 400, message: 'Ce lien est invalide ou a expiré.' },
  INVALID_CURSOR: { status: 400, message: 'Le curseur de pagination est invalide.' },
  UNAUTHENTICATED: { status: 401, message: 'Vous devez être connecté·e.' },
  INVALID_CREDENTIALS: { status: 401, message: 'Adresse électronique ou mot de passe incorrect.' },
  EMAIL_NOT_VERIFIED: { status: 403, message: 'Confirmez d’abord votre adresse électronique (lien reçu par courriel).' },
  FORBIDDEN: { status: 403, message: 'Vous n’avez pas les droits pour cette action.' },
  CSRF_FAILED: { status: 403, message: 'Jeton de sécurité manquant ou invalide. Rechargez la page.' },
  NOT_MEMBER: { status: 403, message: 'Rejoignez d’abord cette e-communauté.' },
  COMMUNITY_NOT_OPEN: { status: 403, message: 'Cette e-communauté n’est pas ouverte.' },
  NOT_FOUND: { status: 404, message: 'Ressource introuvable.' },
  USER_NOT_FOUND: { status: 404, message: 'Membre introuvable.' },
  COMMUNITY_NOT_FOUND: { status: 404, message: 'E-communauté introuvable.' },
  POST_NOT_FOUND: { status: 404, message: 'Publication introuvable.' },
  COMMENT_NOT_FOUND: { status: 404, message: 'Commentaire introuvable.' },
  PAGE_NOT_FOUND: { status: 404, message: 'Page introuvable.' },
  EVENT_ENDS_BEFORE_START: { status: 400, message: 'La fin de l’événement doit être postérieure à son début.' },
  EVENT_TOO_LONG: { status: 400, message: 'Un événement dure au plus 62 jours.' },
  EVENT_NOT_FOUND: { status: 404, message: 'Événement introuvable.' },
  POLL_NOT_FOUND: { status: 404, message: 'Sondage introuvable.' },
  DOSSIER_NOT_FOUND: { status: 404, message: 'Dossier introuvable.' },
  EMAIL_TAKEN: { status: 409, message: 'Un compte existe déjà avec cette adresse électronique.' },
  SLUG_TAKEN: { status: 409, message: 'Cette adresse (slug) est déjà utilisée par une autre e-communauté.' },
  CONFLICT: { status: 409, message: 'Cette action entre en conflit avec l’état actuel.' },
  ALREADY_VOTED: { status: 409, message: 'Vous avez déjà répondu à ce sondage.' },
  POLL_CLOSED: { status: 409, message: 'Ce sondage est clos : il n’accepte plus de réponses.' },
  POLL_NOT_CLOSED: { status: 409, message: 'Les résultats se publient une fois le sondage clos.' },
  RESULTS_ALREADY_PUBLISHED: { status: 409, message: 'Les résultats de ce sondage ont déjà été publiés.' },
  ALREADY_IN_DOSSIER: { status: 409, message: 'Cette publication figure déjà dans le dossier.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Le contenu envoyé est trop volumineux.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Format de contenu non pris en charge.' },
  FILE_REQUIRED: { status: 400, message: 'Choisissez un fichier à envoyer.' },
  ALT_REQUIRED: { status: 400, message: 'Décrivez l’image en quelques mots (texte alternatif) : les personnes qui ne la voient pas en ont besoin.' },
  LONG_DESC_REQUIRED: { status: 400, message: 'Une carte mentale ou une infographie doit être accompagnée de sa description complète en texte.' },
  FORMAT_INVALID: { status: 400, message: 'Ce format ne convient pas à ce type de fichier.' },
  EMBED_URL_UNSUPPORTED: { status: 400, message: 'Adresse non reconnue : indiquez une vidéo PeerTube, YouTube, Dailymotion ou Vimeo, ou une carte uMap ou OpenStreetMap.' },
  ATTACHMENT_NOT_FOUND: { status: 404, message: 'Fichier introuvable.' },
  FILE_TOO_LARGE: { status: 413, message: 'Ce fichier est trop volumineux.' },
  FILE_TYPE_NOT_ALLOWED: { status: 415, message: 'Ce type de fichier n’est pas accepté : images (PNG, JPEG, WebP, GIF), PDF ou documents bureautiques (Word, Excel, PowerPoint, OpenDocument).' },
  FILE_TYPE_MISMATCH: { status: 415, message: 'Le contenu du fichier ne correspond pas à son extension ou à son type annoncé.' },
  KIND_RESERVED_TO_STAFF: { status: 403, message: 'Seule l’équipe d’animation publie ce type de contenu (article, veille, ressource, partage).' },
  KIND_HAS_OWN_FORM: { status: 400, message: 'Les événements et les sondages se créent depuis l’agenda et les sondages.' },
  RUBRIQUE_NOT_FOUND: { status: 404, message: 'Rubrique introuvable dans cette e-communauté.' },
  RUBRIQUE_NAME_TAKEN: { status: 409, message: 'Une rubrique porte déjà ce nom dans cette e-communauté.' },
  TOO_MANY_RUBRIQUES: { status: 409, message: 'Cette e-communauté a atteint le nombre maximal de rubriques.' },
  SHARED_POST_NOT_FOUND: { status: 404, message: 'La publication à partager est introuvable ou vous n’y avez pas accès.' },
  SHARE_SAME_COMMUNITY: { status: 400, message: 'On ne partage pas une publication dans sa propre e-communauté.' },
  ALREADY_SHARED: { status: 409, message: 'Cette publication a déjà été partagée dans cette e-communauté.' },
  LINK_INVALID_URL: { status: 400, message: 'Adresse invalide : indiquez un lien complet commençant par http:// ou https://.' },
  LINK_PRIVATE_ADDRESS: { status: 400, message: 'Ce lien mène à une adresse de réseau privé ou local : l’aperçu est refusé.' },
  LINK_UNREACHABLE: { status: 400, message: 'Impossible d’obtenir un aperçu de ce lien (site injoignable, trop lent ou réponse invalide). Saisissez le titre vous-même.' },
  RATE_LIMITED: { status: 429, message: 'Trop de tentatives. Réessayez dans quelques minutes.' },
  SCHEDULE_IN_PAST: { status: 400, message: 'La date de publication programmée est déjà passée : choisissez une date à venir.' },
  CALENDAR_RANGE_INVALID: { status: 400, message: 'La période demandée est invalide (92 jours au plus, début avant la fin).' },
  SEARCH_QUERY_REQUIRED: { status: 400, message: 'Saisissez au moins un mot à rechercher.' },
  PLANNED_POST_NOT_FOUND: { status: 404, message: 'Publication planifiée introuvable.' },
  SLOT_NOT_FOUND: { status: 404, message: 'Rendez-vous régulier introuvable.' },
  PLANNED_POST_CLOSED: { status: 409, message: 'Cette publication planifiée est déjà publiée ou annulée.' },
  QUESTION_NOT_FOUND: { status: 404, message: 'Question introuvable.' },
  SOLUTION_NOT_IN_QUESTION: { status: 400, message: 'La solution doit être un commentaire de cette question.' },
  INVALID_PERIOD: { status: 400, message: 'La période demandée est invalide (dates au format AAAA-MM-JJ, début avant la fin).' },
  INTERNAL: { status: 500, message: 'Une erreur inattendue est survenue. Réessayez plus tard.' },
  DATABASE_UNAVAILABLE: { status: 503, message: 'La base de données est momentanément indisponible.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** The body of every error response. */
export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  /** Per-field French messages for form errors. */
  fields?: Record<string, string>;
}
