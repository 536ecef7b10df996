/** French phrase bank (vouvoiement; no gendered adjectives in customer lines). */
import { decimalAmount, pad2, type LanguagePack } from '../language-pack.ts';

const WEEKDAYS = ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'];
const MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];

export const FR: LanguagePack = {
  code: 'fr',
  replyPrefixes: ['RE :', 'Réf :'],
  customerGreetings: ['Bonjour,', 'Bonjour à toute l’équipe,', 'Madame, Monsieur,', 'Bonsoir,'],
  customerSignoffs: ['Cordialement,', 'Bien à vous,', 'Merci d’avance,', 'Bonne journée,'],
  mobileFooters: ['Envoyé de mon iPhone', 'Envoyé depuis mon mobile'],
  agentGreetings: ['Bonjour {fullName},', 'Bonjour {name},'],
  agentSignoffs: ['Bien cordialement,', 'Belle journée,', 'À bientôt,'],
  supportTitle: 'Service client',
  topics: {
    'order-status': {
      subjects: ['Où en est ma commande {order} ?', 'Commande {order} toujours pas expédiée'],
      openings: [
        'J’ai commandé l’article « {product} » il y a une semaine (commande {order}) et je n’ai toujours reçu aucune confirmation d’expédition. Pourriez-vous me dire où en est ma commande ?',
        'Ma commande {order} est indiquée « en cours de traitement » depuis cinq jours. Y a-t-il un problème ? J’aurais aimé la recevoir avant le week-end.',
      ],
      agentReplies: [
        'Merci pour votre message. J’ai vérifié auprès de notre entrepôt : l’article « {product} » a été emballé ce matin et partira avec l’enlèvement d’aujourd’hui. Vous recevrez un e-mail avec le numéro de suivi ({tracking}) dès que le transporteur aura scanné le colis.\n\nToutes nos excuses pour l’attente, nous avons pris un peu de retard après les soldes.',
        'Merci de votre patience ! Votre commande {order} a été expédiée hier avec ParcelFox. Vous pouvez suivre le colis ici : {trackingUrl}\n\nLa livraison prend généralement 2 à 4 jours ouvrés.',
      ],
    },
    refund: {
      subjects: ['Remboursement de la commande {order}', 'Toujours pas de remboursement'],
      openings: [
        'J’ai renvoyé l’article « {product} » de la commande {order} il y a deux semaines et le suivi indique que vous l’avez reçu lundi, mais je n’ai toujours pas vu le remboursement de {amount}. Combien de temps cela prend-il en général ?',
        'Je souhaite demander le remboursement de la commande {order}. L’article « {product} » ne me va pas ; il n’a jamais été porté et l’étiquette est encore attachée. Comment dois-je procéder ?',
      ],
      agentReplies: [
        'Toutes nos excuses pour ce délai. Votre retour pour la commande {order} est bien arrivé à notre entrepôt et a été contrôlé ; je viens de déclencher le remboursement de {amount} sur votre moyen de paiement d’origine. Selon votre banque, il faut compter 3 à 5 jours ouvrés.',
        'Bien sûr, aucun problème. Les articles non utilisés peuvent être retournés sous 30 jours. Je vous ai envoyé par e-mail une étiquette de retour prépayée. Dès réception et contrôle du colis, nous vous rembourserons {amount}.',
      ],
    },
    'shipping-delay': {
      subjects: ['Colis bloqué en transit', 'Livraison en retard – commande {order}'],
      openings: [
        'Le suivi de mon colis ({tracking}) n’a pas bougé depuis mardi dernier, il indique seulement « en transit ». J’ai besoin de l’article « {product} » pour une randonnée ce week-end. Pouvez-vous faire quelque chose ?',
        'Ma commande {order} devait arriver vendredi et elle n’est toujours pas là. Le site du transporteur indique « retardé » sans plus d’explication. Pourriez-vous vous renseigner ?',
      ],
      agentReplies: [
        'Toutes nos excuses pour ce retard, c’est vraiment contrariant avant une randonnée. J’ai ouvert une enquête auprès de ParcelFox pour le colis {tracking} ; ils répondent en général sous 24 heures. Si le colis n’a pas bougé d’ici là, je vous envoie un remplacement en express, sans frais.',
        'Merci de nous avoir prévenus. ParcelFox nous confirme un engorgement dans son centre régional après les intempéries de cette semaine. Votre colis devrait être livré dans les deux prochains jours ouvrés.',
      ],
    },
    'damaged-item': {
      subjects: ['Article arrivé endommagé', 'Colis abîmé – commande {order}'],
      openings: [
        'Ma commande {order} est arrivée aujourd’hui, mais le carton était complètement écrasé d’un côté et l’article « {product} » est abîmé. Vous trouverez une photo en pièce jointe. Quelles sont les solutions ? {photo}',
        'Malheureusement, l’article « {product} » présente une déchirure juste à côté de la fermeture éclair. Cela a dû se produire pendant le transport, car le carton était lui aussi endommagé. Je préférerais un échange plutôt qu’un remboursement.',
      ],
      agentReplies: [
        'Nous sommes vraiment navrés que l’article soit arrivé dans cet état. J’ai organisé l’envoi d’un article de remplacement, qui partira aujourd’hui en livraison prioritaire. Inutile de nous renvoyer l’article endommagé.',
        'Cela n’aurait pas dû arriver, toutes nos excuses. Je peux vous envoyer immédiatement un nouvel article « {product} » ou vous rembourser intégralement {amount}. Dites-moi simplement ce que vous préférez.',
      ],
    },
    login: {
      subjects: ['Impossible de me connecter', 'Je ne reçois pas l’e-mail de réinitialisation'],
      openings: [
        'Depuis deux jours, je n’arrive pas à me connecter à mon compte Northwind. Chaque fois que je demande la réinitialisation du mot de passe, je ne reçois rien, même pas dans les spams. Mon adresse est {email}.',
        'L’application m’affiche « identifiants invalides » alors que le mot de passe est correct. Je l’ai changé la semaine dernière et depuis, impossible d’accéder à mon compte.',
      ],
      agentReplies: [
        'Désolés pour ce désagrément. Votre compte ({email}) avait été bloqué temporairement après plusieurs tentatives infructueuses ; je viens de le débloquer et de vous envoyer un nouveau lien de réinitialisation, valable 60 minutes.',
        'Merci pour votre signalement. Un incident a touché notre service de connexion hier soir ; il est maintenant résolu. Pourriez-vous réessayer ? Si cela ne fonctionne toujours pas, indiquez-moi votre appareil et la version de l’application (Réglages > À propos).',
      ],
    },
    invoice: {
      subjects: ['Facture pour la commande {order}', 'Demande de facture avec numéro de TVA'],
      openings: [
        'Pourriez-vous m’envoyer une facture pour la commande {order} ? J’en ai besoin pour ma note de frais et je ne trouve pas de lien de téléchargement dans mon compte.',
        'Notre service comptable a besoin d’une facture en bonne et due forme pour la commande {order}, avec le nom de la société et notre numéro de TVA intracommunautaire.',
      ],
      agentReplies: [
        'Bien sûr ! Vous trouverez ci-joint la facture {invoice} pour la commande {order}. Vous pouvez aussi télécharger vos factures vous-même dans Compte > Commandes > Facture.',
        'Aucun problème, la facture corrigée {invoice} est en pièce jointe. Si votre comptabilité a besoin d’autres mentions, je peux la rééditer.',
      ],
    },
    'feature-question': {
      subjects: ['Question sur l’article « {product} »', 'Emballage cadeau ?'],
      openings: [
        'Avant de commander : l’article « {product} » est-il imperméable ou seulement déperlant ? Je prévois une semaine de randonnée en Écosse en octobre.',
        'Proposez-vous un emballage cadeau, et peut-on ajouter un petit mot ? J’aimerais envoyer l’article « {product} » directement à une amie pour son anniversaire.',
      ],
      agentReplies: [
        'Excellente question ! L’article « {product} » est entièrement imperméable, avec des coutures étanchées. Notre équipe l’a testé sous une vraie météo écossaise.',
        'Oui ! Lors du paiement, cochez « Ceci est un cadeau » et ajoutez un message de 300 caractères maximum. Nous emballons dans du papier recyclé et la facture n’est pas glissée dans le colis.',
      ],
    },
    complaint: {
      subjects: ['Réclamation', 'Très mauvaise expérience'],
      openings: [
        'C’est la troisième fois qu’une commande arrive en retard, et cette fois personne n’a répondu à mes e-mails pendant une semaine. Je commande chez vous depuis des années, mais je commence à me poser des questions.',
        'Le montant de la commande {order} a été prélevé deux fois sur ma carte. J’ai appelé deux fois, on m’a promis un rappel qui n’est jamais venu. Merci de régler cela aujourd’hui.',
      ],
      agentReplies: [
        'Toutes nos excuses. Votre agacement est tout à fait légitime : nous aurions dû vous répondre bien plus tôt. En guise d’excuse, j’ai ajouté un avoir de {credit} sur votre compte.',
        'Merci de nous l’avoir signalé, et toutes nos excuses. D’après notre service paiements, le second prélèvement pour la commande {order} était une pré-autorisation, désormais annulée. Elle peut rester visible quelques jours sur votre relevé.',
      ],
    },
    praise: {
      subjects: ['Merci beaucoup !', 'Service au top'],
      openings: [
        'Juste un petit mot pour vous remercier. L’article « {product} » est arrivé avec un jour d’avance et il est parfait. Je l’ai utilisé tout le week-end en montagne.',
        'Un grand merci à votre collègue pour son aide lors de mon échange la semaine dernière : rapide, aimable et sans aucune complication !',
      ],
      agentReplies: [
        'Merci infiniment d’avoir pris le temps de nous écrire ! J’ai partagé votre message avec toute l’équipe, ça nous a fait très plaisir.',
        'Quel gentil message, merci ! Je transmets vos remerciements à ma collègue.',
      ],
    },
    'return-exchange': {
      subjects: ['Échange de taille', 'Retour – commande {order}'],
      openings: [
        'L’article « {product} » est un peu trop petit. Est-il possible de l’échanger contre la taille au-dessus ? Commande {order}.',
        'Je souhaite retourner l’article « {product} » de la commande {order}. Il n’a pas été utilisé et se trouve dans son emballage d’origine. Comment obtenir une étiquette de retour ?',
      ],
      agentReplies: [
        'Bien sûr. J’ai réservé la taille au-dessus pour vous et je joins une étiquette de retour prépayée pour la commande {order}. Dès que ParcelFox aura scanné votre retour, nous vous enverrons le nouvel article.',
        'Aucun problème, votre étiquette de retour est en pièce jointe. Déposez le colis dans un point ParcelFox sous 30 jours ; le remboursement de {amount} sera effectué sous 3 jours ouvrés après réception.',
      ],
    },
  },
  customerFollowUps: {
    nudge: [
      'Avez-vous du nouveau ? Je n’ai pas eu de nouvelles depuis quelques jours.',
      'Je me permets de relancer ma demande ci-dessous. Quelqu’un pourrait-il me répondre ?',
    ],
    info: [
      'Bien sûr : le numéro de commande est {order}, passée avec cette adresse e-mail ({email}).',
      'Merci pour votre réponse rapide. Voici les informations demandées : commande {order}, livrée à l’adresse enregistrée sur mon compte.',
    ],
    thanks: ['Ça a fonctionné, merci beaucoup pour votre aide rapide !', 'Parfait, bien reçu. Merci encore !'],
    unhappy: [
      'Franchement, c’est beaucoup trop long. J’aimerais une solution d’ici la fin de la semaine.',
      'Cela ne résout pas mon problème, j’ai déjà essayé deux fois. Puis-je parler à quelqu’un d’autre ?',
    ],
  },
  agentFollowUps: {
    progress: [
      'Merci pour ces informations ! J’ai transmis votre demande à notre équipe logistique en demandant de la traiter en priorité. Je reviens vers vous au plus tard demain.',
      'Petit point d’étape : j’attends toujours la réponse du transporteur. Je ne vous oublie pas et je vous écris dès que j’en sais plus.',
    ],
    askInfo: ['Pourriez-vous m’indiquer votre numéro de commande et l’adresse e-mail utilisée lors de l’achat ? Je regarde cela tout de suite.'],
    resolved: [
      'Bonne nouvelle : tout est réglé de notre côté. Le changement devrait apparaître sur votre compte dans les prochaines heures. N’hésitez pas à répondre à cet e-mail si besoin.',
      'C’est fait ! Vous allez recevoir un e-mail de confirmation d’ici peu. Merci encore pour votre patience.',
    ],
  },
  quoteHeader: (d, who) =>
    `Le ${WEEKDAYS[d.weekday]} ${d.day} ${MONTHS[d.month]} ${d.year} à ${pad2(d.hour)}:${pad2(d.minute)}, ${who} a écrit :`,
  formatAmount: (cents) => `${decimalAmount(cents, ',')} €`,
};
