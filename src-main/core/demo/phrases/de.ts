/**
 * German phrase bank. Formal "Sie", and, as German letters do, the body after
 * "Hallo …," starts in lower case (the generator capitalises it when a
 * customer skips the greeting).
 */
import { decimalAmount, pad2, type LanguagePack } from '../language-pack.ts';

const WEEKDAYS = ['So', 'Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa'];
const MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];

export const DE: LanguagePack = {
  code: 'de',
  replyPrefixes: ['AW:', 'Aw:'],
  customerGreetings: ['Hallo,', 'Guten Tag,', 'Sehr geehrte Damen und Herren,', 'Hallo Northwind-Team,', 'Moin,', ''],
  customerSignoffs: ['Viele Grüße', 'Mit freundlichen Grüßen', 'Beste Grüße', 'Danke und Gruß'],
  mobileFooters: ['Von meinem iPhone gesendet', 'Gesendet von meinem Smartphone'],
  agentGreetings: ['Hallo {fullName},', 'Guten Tag {fullName},'],
  agentSignoffs: ['Viele Grüße', 'Freundliche Grüße', 'Herzliche Grüße'],
  supportTitle: 'Kundenservice',
  topics: {
    'order-status': {
      subjects: ['Wo bleibt meine Bestellung {order}?', 'Frage zum Status meiner Bestellung', 'Bestellung {order} noch nicht verschickt'],
      openings: [
        'ich habe vor einer Woche den Artikel „{product}“ bestellt (Bestellnummer {order}), aber bisher keine Versandbestätigung bekommen. Können Sie mir sagen, wann die Bestellung verschickt wird?',
        'meine Bestellung {order} steht seit fünf Tagen auf „in Bearbeitung“. Gibt es ein Problem? Ich bräuchte den Artikel eigentlich bis zum Wochenende.',
      ],
      agentReplies: [
        'vielen Dank für Ihre Nachricht. Ich habe bei unserem Lager nachgefragt: Der Artikel „{product}“ wurde heute Morgen verpackt und geht mit der heutigen Abholung raus. Sobald der Paketdienst die Sendung scannt, erhalten Sie eine E-Mail mit der Sendungsnummer {tracking}.\n\nEntschuldigen Sie die Wartezeit, nach unserem Sale hatten wir leider einen kleinen Rückstau.',
        'danke für Ihre Geduld! Ihre Bestellung {order} wurde gestern mit ParcelFox verschickt. Hier können Sie die Sendung verfolgen: {trackingUrl}\n\nDie Zustellung dauert in der Regel 2–4 Werktage.',
      ],
    },
    refund: {
      subjects: ['Rückerstattung für Bestellung {order}', 'Wann kommt meine Erstattung?'],
      openings: [
        'ich habe den Artikel „{product}“ aus der Bestellung {order} vor zwei Wochen zurückgeschickt. Laut Sendungsverfolgung ist das Paket am Montag bei Ihnen angekommen, aber die Erstattung über {amount} ist noch nicht auf meinem Konto. Wie lange dauert das normalerweise?',
        'ich möchte die Bestellung {order} gern zurückgeben. Der Artikel „{product}“ passt leider nicht, ist aber ungetragen und hat noch das Etikett. Wie gehe ich vor?',
      ],
      agentReplies: [
        'es tut mir leid, dass die Erstattung so lange dauert. Ihre Rücksendung zur Bestellung {order} ist bei uns eingegangen und wurde geprüft. Ich habe die Erstattung über {amount} soeben freigegeben. Je nach Bank kann es 3–5 Werktage dauern, bis der Betrag auf Ihrem Konto erscheint.',
        'natürlich, das ist kein Problem. Unbenutzte Artikel können Sie innerhalb von 30 Tagen zurückgeben. Ich habe Ihnen ein kostenloses Rücksendeetikett per E-Mail geschickt. Sobald die Rücksendung bei uns geprüft ist, erstatten wir Ihnen {amount}.',
      ],
    },
    'shipping-delay': {
      subjects: ['Paket hängt fest', 'Lieferung verspätet – Bestellung {order}', 'Sendungsverfolgung seit Tagen unverändert'],
      openings: [
        'die Sendungsverfolgung ({tracking}) zeigt seit letztem Dienstag nur noch „in Zustellung“. Ich brauche den Artikel „{product}“ für eine Tour am Wochenende. Können Sie da etwas machen?',
        'meine Bestellung {order} sollte am Freitag ankommen, ist aber immer noch nicht da. Auf der Seite des Paketdienstes steht nur „verzögert“. Können Sie herausfinden, was los ist?',
      ],
      agentReplies: [
        'das tut mir leid, gerade vor einer Tour ist das ärgerlich. Ich habe bei ParcelFox einen Nachforschungsauftrag für die Sendung {tracking} gestellt. Die Antwort kommt meist innerhalb von 24 Stunden. Falls sich das Paket bis dahin nicht bewegt, schicke ich Ihnen kostenlos Ersatz per Express.',
        'danke für den Hinweis. ParcelFox hat uns bestätigt, dass es nach den Unwettern dieser Woche einen Rückstau im regionalen Verteilzentrum gibt. Ihr Paket soll in den nächsten zwei Werktagen zugestellt werden. Ich behalte die Sendung im Blick.',
      ],
    },
    'damaged-item': {
      subjects: ['Ware beschädigt angekommen', 'Beschädigte Lieferung – Bestellung {order}'],
      openings: [
        'meine Bestellung {order} ist heute angekommen, aber der Karton war an einer Seite völlig eingedrückt und der Artikel „{product}“ ist beschädigt. Ein Foto habe ich angehängt. Wie geht es jetzt weiter? {photo}',
        'leider hat der Artikel „{product}“ einen Riss im Stoff, direkt neben dem Reißverschluss. Das muss beim Transport passiert sein, der Karton war auch beschädigt. Mir wäre ein Ersatz lieber als eine Erstattung.',
      ],
      agentReplies: [
        'es tut mir wirklich leid, dass der Artikel so bei Ihnen angekommen ist. Ich habe eine Ersatzlieferung veranlasst, die heute noch mit Priority-Versand rausgeht. Den beschädigten Artikel müssen Sie nicht zurückschicken.',
        'das hätte nicht passieren dürfen, entschuldigen Sie bitte. Ich kann Ihnen sofort einen neuen Artikel „{product}“ schicken oder den vollen Betrag von {amount} erstatten – was ist Ihnen lieber?',
      ],
    },
    login: {
      subjects: ['Kann mich nicht einloggen', 'E-Mail zum Zurücksetzen des Passworts kommt nicht an'],
      openings: [
        'seit zwei Tagen versuche ich, mich in mein Northwind-Konto einzuloggen. Jedes Mal, wenn ich ein neues Passwort anfordere, kommt keine E-Mail an, auch nicht im Spam-Ordner. Meine E-Mail-Adresse ist {email}.',
        'die App meldet ständig „Ungültige Anmeldedaten“, obwohl das Passwort stimmt. Ich habe es letzte Woche geändert und komme jetzt gar nicht mehr rein.',
      ],
      agentReplies: [
        'entschuldigen Sie die Umstände. Ihr Konto ({email}) war nach mehreren Fehlversuchen vorübergehend gesperrt; ich habe es eben wieder freigeschaltet und Ihnen einen neuen Link zum Zurücksetzen des Passworts geschickt. Der Link ist 60 Minuten gültig.',
        'danke für die Meldung. Gestern Abend gab es eine Störung bei unserem Login-Dienst, die inzwischen behoben ist. Könnten Sie es bitte noch einmal versuchen? Falls es weiterhin nicht klappt, nennen Sie mir bitte Ihr Gerät und die App-Version (unter Einstellungen > Info).',
      ],
    },
    invoice: {
      subjects: ['Rechnung für Bestellung {order}', 'Bitte um Rechnung mit USt-IdNr.'],
      openings: [
        'könnten Sie mir bitte eine Rechnung für die Bestellung {order} schicken? Ich brauche sie für meine Spesenabrechnung und finde in meinem Konto keinen Download.',
        'für unsere Buchhaltung benötigen wir eine ordentliche Rechnung zur Bestellung {order} mit Firmenname und USt-IdNr. Die Bestellbestätigung reicht leider nicht aus.',
      ],
      agentReplies: [
        'gern! Anbei finden Sie die Rechnung {invoice} zur Bestellung {order}. Künftig können Sie Rechnungen auch selbst unter Konto > Bestellungen > Rechnung herunterladen.',
        'kein Problem, die korrigierte Rechnung {invoice} finden Sie im Anhang. Falls Ihre Buchhaltung noch weitere Angaben braucht, etwa eine Bestellnummer, stelle ich sie gern neu aus.',
      ],
    },
    'feature-question': {
      subjects: ['Frage zum Artikel „{product}“', 'Mehrere Lieferadressen speichern?'],
      openings: [
        'bevor ich bestelle: Ist der Artikel „{product}“ wasserdicht oder nur wasserabweisend? Ich plane im Oktober eine Woche Wandern in Schottland.',
        'kann ich in meinem Konto mehrere Lieferadressen speichern? Ich verschicke oft Geschenke an meine Eltern und tippe jedes Mal die Adresse neu ein.',
      ],
      agentReplies: [
        'gute Frage! Der Artikel „{product}“ ist komplett wasserdicht und hat verschweißte Nähte. Unser Team hat ihn bei echtem schottischem Wetter getestet.',
        'ja, das geht! Unter Konto > Adressen > Neue Adresse können Sie beliebig viele Adressen speichern und an der Kasse auswählen. In der App finden Sie das unter Profil > Adressen.',
      ],
    },
    complaint: {
      subjects: ['Beschwerde', 'Sehr enttäuschend', 'Doppelt abgebucht – Bestellung {order}'],
      openings: [
        'das ist jetzt schon das dritte Mal, dass eine Bestellung zu spät kommt, und diesmal hat eine Woche lang niemand auf meine E-Mails reagiert. Ich kaufe seit Jahren bei Ihnen, aber so langsam überlege ich es mir anders.',
        'für die Bestellung {order} wurde mir der Betrag zweimal abgebucht. Ich habe zweimal angerufen, und der versprochene Rückruf kam nie. Bitte klären Sie das heute noch.',
      ],
      agentReplies: [
        'das tut mir sehr leid. Ihr Ärger ist absolut verständlich, wir hätten viel früher antworten müssen. Als Entschuldigung habe ich Ihrem Konto eine Gutschrift über {credit} hinzugefügt.',
        'danke, dass Sie uns Bescheid geben, und entschuldigen Sie bitte. Laut unserem Zahlungsteam war die zweite Abbuchung zur Bestellung {order} nur eine Vorautorisierung, die inzwischen freigegeben ist. Es kann ein paar Tage dauern, bis sie von Ihrem Kontoauszug verschwindet.',
      ],
    },
    praise: {
      subjects: ['Vielen Dank!', 'Super Service'],
      openings: [
        'ich wollte mich kurz bedanken: Der Artikel „{product}“ kam einen Tag früher als angekündigt und ist perfekt. Ich hatte ihn das ganze Wochenende in den Bergen dabei.',
        'ein großes Dankeschön an Ihre Kollegin, die mir letzte Woche beim Umtausch geholfen hat. Schnell, freundlich und völlig unkompliziert!',
      ],
      agentReplies: [
        'vielen Dank, dass Sie sich die Zeit für diese Nachricht genommen haben! Ich habe sie an das ganze Team weitergeleitet – das hat uns allen den Tag versüßt.',
        'was für eine schöne Nachricht, danke! Ich sorge dafür, dass meine Kollegin davon erfährt.',
      ],
    },
    'return-exchange': {
      subjects: ['Umtausch in andere Größe', 'Rücksendung – Bestellung {order}'],
      openings: [
        'der Artikel „{product}“ ist mir leider etwas zu klein. Kann ich ihn gegen eine Nummer größer umtauschen? Bestellnummer {order}.',
        'ich möchte den Artikel „{product}“ aus der Bestellung {order} zurückgeben. Er ist unbenutzt und originalverpackt. Wie bekomme ich ein Rücksendeetikett?',
      ],
      agentReplies: [
        'selbstverständlich. Ich habe die nächstgrößere Größe für Sie reserviert und ein kostenloses Rücksendeetikett zur Bestellung {order} angehängt. Sobald ParcelFox Ihre Rücksendung scannt, schicken wir den neuen Artikel los.',
        'kein Problem. Das Rücksendeetikett finden Sie im Anhang. Geben Sie das Paket einfach innerhalb von 30 Tagen an einer ParcelFox-Annahmestelle ab. Die Erstattung über {amount} erfolgt innerhalb von 3 Werktagen nach Eingang.',
      ],
    },
  },
  customerFollowUps: {
    nudge: [
      'gibt es hierzu schon Neuigkeiten? Ich habe seit ein paar Tagen nichts mehr gehört.',
      'ich wollte noch einmal nachfragen, ob sich jemand um mein Anliegen kümmert.',
    ],
    info: [
      'die Bestellnummer ist {order}, bestellt habe ich mit dieser E-Mail-Adresse ({email}).',
      'danke für die schnelle Antwort. Hier die gewünschten Angaben: Bestellung {order}, Lieferung an die Adresse in meinem Konto.',
    ],
    thanks: ['hat geklappt, vielen Dank für die schnelle Hilfe!', 'perfekt, ist angekommen. Dankeschön!'],
    unhappy: [
      'ehrlich gesagt dauert mir das viel zu lange. Ich erwarte eine Lösung bis Ende der Woche.',
      'das löst mein Problem leider nicht. Das habe ich schon zweimal versucht. Kann ich mit jemand anderem sprechen?',
    ],
  },
  agentFollowUps: {
    progress: [
      'danke für die Angaben! Ich habe das an unser Lagerteam weitergegeben und um Priorisierung gebeten. Spätestens morgen melde ich mich wieder bei Ihnen.',
      'kurzes Update: Ich warte noch auf eine Antwort des Paketdienstes. Ich habe Sie nicht vergessen und melde mich, sobald ich mehr weiß.',
    ],
    askInfo: ['könnten Sie mir bitte Ihre Bestellnummer und die bei der Bestellung verwendete E-Mail-Adresse schicken? Dann schaue ich mir das sofort an.'],
    resolved: [
      'gute Nachrichten: Auf unserer Seite ist alles erledigt. Die Änderung sollte in den nächsten Stunden in Ihrem Konto sichtbar sein. Falls noch etwas ist, antworten Sie einfach auf diese E-Mail.',
      'alles erledigt! Sie erhalten in Kürze eine Bestätigung per E-Mail. Nochmals danke für Ihre Geduld.',
    ],
  },
  quoteHeader: (d, who) =>
    `Am ${WEEKDAYS[d.weekday]}., ${d.day}. ${MONTHS[d.month]} ${d.year} um ${pad2(d.hour)}:${pad2(d.minute)} Uhr schrieb ${who}:`,
  formatAmount: (cents) => `${decimalAmount(cents, ',')} €`,
};
