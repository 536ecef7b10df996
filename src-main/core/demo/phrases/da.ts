/** Danish phrase bank (du-form throughout, as Danish shops write). */
import { decimalAmount, pad2, type LanguagePack } from '../language-pack.ts';

const WEEKDAYS = ['søn.', 'man.', 'tir.', 'ons.', 'tor.', 'fre.', 'lør.'];
const MONTHS = ['jan.', 'feb.', 'mar.', 'apr.', 'maj', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'];

export const DA: LanguagePack = {
  code: 'da',
  replyPrefixes: ['SV:', 'Sv:'],
  customerGreetings: ['Hej,', 'Hej Northwind,', 'Goddag,', 'Kære kundeservice,', ''],
  customerSignoffs: ['Venlig hilsen', 'Mvh.', 'Bedste hilsner', 'Hilsen'],
  mobileFooters: ['Sendt fra min iPhone'],
  agentGreetings: ['Hej {name},', 'Kære {name},'],
  agentSignoffs: ['Venlig hilsen', 'Bedste hilsner'],
  supportTitle: 'Kundeservice',
  topics: {
    'order-status': {
      subjects: ['Hvor er min ordre {order}?', 'Status på ordre {order}'],
      openings: [
        'Jeg bestilte varen »{product}« for en uge siden (ordre {order}), men jeg har stadig ikke fået en forsendelsesbekræftelse. Kan I fortælle mig, hvad der sker?',
        'Min ordre {order} har stået som »under behandling« i fem dage nu. Er der et problem? Jeg håbede at have den inden weekenden.',
      ],
      agentReplies: [
        'Tak for din besked. Jeg har tjekket med vores lager: »{product}« blev pakket i morges og sendes med dagens afhentning. Du får en e-mail med trackingnummeret ({tracking}), så snart fragtfirmaet har scannet pakken.\n\nBeklager ventetiden – vi har haft lidt kø efter udsalget.',
        'Tak for din tålmodighed! Din ordre {order} blev sendt i går med ParcelFox. Du kan følge pakken her: {trackingUrl}\n\nLevering tager normalt 2-4 hverdage.',
      ],
    },
    refund: {
      subjects: ['Refusion af ordre {order}', 'Mangler stadig min refusion'],
      openings: [
        'Jeg sendte »{product}« fra ordre {order} retur for to uger siden, og ifølge sporingen modtog I pakken mandag, men jeg har endnu ikke fået de {amount} tilbage. Hvor lang tid tager det normalt?',
        'Jeg vil gerne have pengene tilbage for ordre {order}. »{product}« passer ikke, den er ubrugt, og mærkerne sidder stadig på. Hvad skal jeg gøre?',
      ],
      agentReplies: [
        'Beklager, at refusionen trækker ud. Din returpakke fra ordre {order} er modtaget og kontrolleret, så jeg har netop frigivet refusionen på {amount} til din oprindelige betalingsmetode. Afhængigt af din bank kan det tage 3-5 hverdage.',
        'Selvfølgelig. Ubrugte varer kan returneres inden for 30 dage. Jeg har sendt dig en forudbetalt returlabel på mail. Så snart returen er modtaget og tjekket, refunderer vi {amount}.',
      ],
    },
    'shipping-delay': {
      subjects: ['Pakken sidder fast', 'Forsinket levering, ordre {order}'],
      openings: [
        'Sporingen på min pakke ({tracking}) har ikke rykket sig siden sidste tirsdag, der står bare »undervejs«. Jeg skal bruge »{product}« til en tur i weekenden. Kan I gøre noget?',
        'Min ordre {order} skulle være kommet fredag, men den er her stadig ikke. På fragtfirmaets side står der bare »forsinket«. Kan I undersøge, hvad der er sket?',
      ],
      agentReplies: [
        'Beklager forsinkelsen – det er ærgerligt lige op til en tur. Jeg har oprettet en efterlysning hos ParcelFox på pakke {tracking}, og de svarer normalt inden for 24 timer. Hvis pakken ikke har flyttet sig til den tid, sender jeg en ny med ekspres uden beregning.',
        'Tak for beskeden. ParcelFox bekræfter, at der er kø på deres regionale terminal efter stormvejret i denne uge. Pakken forventes leveret inden for de næste to hverdage.',
      ],
    },
    'damaged-item': {
      subjects: ['Varen kom beskadiget', 'Beskadiget pakke, ordre {order}'],
      openings: [
        'Min ordre {order} kom i dag, men kassen var helt mast i den ene side, og »{product}« er beskadiget. Jeg har vedhæftet et billede. Hvad gør vi nu? {photo}',
        'Desværre har »{product}« en flænge i stoffet lige ved lynlåsen. Det må være sket under transporten, for kassen var også skadet. Jeg vil helst have en ny frem for pengene tilbage.',
      ],
      agentReplies: [
        'Det er jeg virkelig ked af. Jeg har sat en erstatningsvare af sted, som sendes i dag med prioriteret levering. Du behøver ikke sende den beskadigede vare retur.',
        'Det burde ikke være sket – undskyld. Jeg kan sende dig en ny »{product}« med det samme eller refundere hele beløbet på {amount}. Skriv bare, hvad du foretrækker.',
      ],
    },
    login: {
      subjects: ['Kan ikke logge ind', 'Mail til nulstilling af adgangskode kommer ikke'],
      openings: [
        'Jeg har i to dage prøvet at logge ind på min Northwind-konto. Hver gang jeg beder om at nulstille adgangskoden, kommer der ingen mail, heller ikke i spam. Min mail er {email}.',
        'Appen siger hele tiden »ugyldige loginoplysninger«, selvom adgangskoden er rigtig. Jeg skiftede den i sidste uge, og nu kan jeg slet ikke komme ind.',
      ],
      agentReplies: [
        'Beklager besværet. Din konto ({email}) var midlertidigt låst efter flere mislykkede forsøg; jeg har låst den op igen og sendt dig et nyt link til nulstilling, som gælder i 60 minutter.',
        'Tak fordi du sagde til. Vi havde en fejl i vores login-tjeneste i går aftes, som nu er rettet. Vil du prøve igen? Hvis det stadig ikke virker, så skriv, hvilken enhed og app-version du bruger (Indstillinger > Om).',
      ],
    },
    invoice: {
      subjects: ['Faktura til ordre {order}', 'Faktura med CVR-nummer'],
      openings: [
        'Kan I sende mig en faktura på ordre {order}? Jeg skal bruge den til min udgiftsafregning, og jeg kan ikke finde et downloadlink på min konto.',
        'Vi skal bruge en korrekt faktura på ordre {order} med firmanavn og CVR-nummer. Ordrebekræftelsen bliver ikke godkendt af vores bogholderi.',
      ],
      agentReplies: [
        'Selvfølgelig! Fakturaen {invoice} til ordre {order} er vedhæftet. Fremover kan du også selv hente fakturaer under Konto > Ordrer > Faktura.',
        'Intet problem – den rettede faktura {invoice} er vedhæftet. Hvis bogholderiet har brug for flere oplysninger, udsteder jeg den gerne igen.',
      ],
    },
    'feature-question': {
      subjects: ['Spørgsmål om »{product}«', 'Gaveindpakning?'],
      openings: [
        'Inden jeg bestiller: Er »{product}« vandtæt eller kun vandafvisende? Jeg skal på vandretur i Skotland i en uge i oktober.',
        'Tilbyder I gaveindpakning, og kan man skrive en hilsen med? Jeg vil gerne sende »{product}« direkte til en veninde på hendes fødselsdag.',
      ],
      agentReplies: [
        'Godt spørgsmål! »{product}« er helt vandtæt med tapede sømme, og vores team har testet den i ægte skotsk vejr.',
        'Ja! Sæt flueben ved »Dette er en gave« ved betalingen, så kan du skrive en hilsen på op til 300 tegn. Vi pakker ind i genbrugspapir og lægger ikke fakturaen i pakken.',
      ],
    },
    complaint: {
      subjects: ['Klage', 'Meget skuffende oplevelse'],
      openings: [
        'Det er tredje gang, en ordre kommer for sent, og denne gang svarede ingen på mine mails i en uge. Jeg har handlet hos jer i årevis, men nu overvejer jeg at skifte.',
        'Jeg er blevet trukket to gange for ordre {order}. Jeg har ringet to gange og fået lovet, at I ville ringe tilbage, men det skete aldrig. Få det venligst løst i dag.',
      ],
      agentReplies: [
        'Det beklager jeg meget. Du har helt ret i at være utilfreds – vi burde have svaret meget før. Som en undskyldning har jeg sat et tilgodehavende på {credit} ind på din konto.',
        'Tak fordi du gjorde os opmærksom på det, og undskyld. Ifølge vores betalingsteam var den anden trækning på ordre {order} en reservation, som nu er frigivet. Den kan stå på kontoudtoget i nogle dage endnu.',
      ],
    },
    praise: {
      subjects: ['Tusind tak!', 'Fantastisk service'],
      openings: [
        'Bare en hurtig hilsen for at sige tak. »{product}« kom en dag før tid, og den er perfekt. Jeg har brugt den hele weekenden på fjeldtur.',
        'Jeg vil gerne takke jeres kollega, som hjalp mig med et bytte i sidste uge. Hurtigt, venligt og helt uden bøvl!',
      ],
      agentReplies: [
        'Tusind tak, fordi du tog dig tid til at skrive! Jeg har delt din besked med hele holdet – den gjorde vores dag.',
        'Hvor er det en sød besked, tak! Jeg sørger for, at min kollega får den at se.',
      ],
    },
    'return-exchange': {
      subjects: ['Bytte til en anden størrelse', 'Returnering, ordre {order}'],
      openings: [
        '»{product}« er lidt for lille. Kan jeg bytte den til en størrelse større? Ordre {order}.',
        'Jeg vil gerne returnere »{product}« fra ordre {order}. Den er ubrugt og i original emballage. Hvordan får jeg en returlabel?',
      ],
      agentReplies: [
        'Selvfølgelig. Jeg har reserveret en størrelse større til dig og vedhæftet en forudbetalt returlabel til ordre {order}. Så snart ParcelFox scanner din retur, sender vi den nye.',
        'Intet problem, returlabelen er vedhæftet. Aflever pakken i en ParcelFox-butik inden for 30 dage; refusionen på {amount} sker senest 3 hverdage efter, at vi har modtaget den.',
      ],
    },
  },
  customerFollowUps: {
    nudge: ['Er der nyt i sagen? Jeg har ikke hørt noget i nogle dage.', 'Jeg følger lige op på min mail nedenfor. Kan nogen vende tilbage til mig?'],
    info: [
      'Selvfølgelig, ordrenummeret er {order}, og jeg brugte denne mailadresse ({email}), da jeg bestilte.',
      'Tak for det hurtige svar. Her er oplysningerne: ordre {order}, leveret til adressen på min konto.',
    ],
    thanks: ['Det virkede, tusind tak for den hurtige hjælp!', 'Perfekt, den er modtaget. Mange tak!'],
    unhappy: [
      'Helt ærligt tager det alt for lang tid. Jeg forventer en løsning inden ugens udgang.',
      'Det løser ikke mit problem, det har jeg allerede prøvet to gange. Kan jeg tale med en anden?',
    ],
  },
  agentFollowUps: {
    progress: [
      'Tak for oplysningerne! Jeg har sendt sagen videre til vores lager og bedt dem prioritere den. Du hører fra mig senest i morgen.',
      'En hurtig opdatering: Jeg venter stadig på svar fra fragtfirmaet. Jeg har ikke glemt dig og skriver, så snart jeg ved mere.',
    ],
    askInfo: ['Vil du sende mig dit ordrenummer og den mailadresse, du brugte ved købet? Så kigger jeg på det med det samme.'],
    resolved: [
      'Gode nyheder: Alt er ordnet fra vores side. Ændringen burde kunne ses på din konto inden for et par timer. Svar bare på denne mail, hvis der er mere.',
      'Så er det klaret! Du får en bekræftelse på mail om lidt. Tak igen for din tålmodighed.',
    ],
  },
  quoteHeader: (d, who) =>
    `Den ${WEEKDAYS[d.weekday]} ${d.day}. ${MONTHS[d.month]} ${d.year} kl. ${pad2(d.hour)}.${pad2(d.minute)} skrev ${who}:`,
  formatAmount: (cents) => `${decimalAmount(cents, ',')} €`,
};
