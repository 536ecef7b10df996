/**
 * Polish phrase bank. Customer lines use only present tense or impersonal
 * forms (Polish past tense is gendered) and plain ASCII quotes, so they fit
 * ISO-8859-2 as older Polish clients send it; agents write in the company's
 * "we" voice.
 */
import { decimalAmount, pad2, type LanguagePack } from '../language-pack.ts';

const WEEKDAYS = ['niedz.', 'pon.', 'wt.', 'śr.', 'czw.', 'pt.', 'sob.'];
const MONTHS = ['sty', 'lut', 'mar', 'kwi', 'maj', 'cze', 'lip', 'sie', 'wrz', 'paź', 'lis', 'gru'];

export const PL: LanguagePack = {
  code: 'pl',
  replyPrefixes: ['Odp:', 'RE:'],
  customerGreetings: ['Dzień dobry,', 'Witam,', 'Dzień dobry Państwu,'],
  customerSignoffs: ['Pozdrawiam,', 'Z poważaniem,', 'Dziękuję i pozdrawiam,'],
  mobileFooters: ['Wysłane z mojego smartfona'],
  agentGreetings: ['Dzień dobry,'],
  agentSignoffs: ['Pozdrawiamy serdecznie,', 'Z pozdrowieniami,'],
  supportTitle: 'Obsługa klienta',
  topics: {
    'order-status': {
      subjects: ['Gdzie jest moje zamówienie {order}?', 'Status zamówienia {order}'],
      openings: [
        'Moje zamówienie {order} (produkt {product}) zostało złożone tydzień temu, a nadal nie ma potwierdzenia wysyłki. Czy mogą Państwo sprawdzić, co się dzieje?',
        'Od pięciu dni zamówienie {order} ma status "w realizacji". Czy jest jakiś problem? Zależy mi na tym, żeby paczka dotarła przed weekendem.',
      ],
      agentReplies: [
        'Dziękujemy za wiadomość. Sprawdziliśmy w magazynie: produkt „{product}” został dziś rano spakowany i wyjedzie z dzisiejszym odbiorem. Numer przesyłki ({tracking}) przyjdzie e-mailem, gdy tylko kurier ją zeskanuje.\n\nPrzepraszamy za opóźnienie – po wyprzedaży mieliśmy sporo zamówień.',
        'Dziękujemy za cierpliwość! Zamówienie {order} zostało wysłane wczoraj przez ParcelFox. Przesyłkę można śledzić tutaj: {trackingUrl}\n\nDostawa trwa zwykle 2–4 dni robocze.',
      ],
    },
    refund: {
      subjects: ['Zwrot pieniędzy za zamówienie {order}', 'Nadal brak zwrotu'],
      openings: [
        'Dwa tygodnie temu produkt {product} z zamówienia {order} został odesłany i według śledzenia dotarł do Państwa w poniedziałek, ale zwrot {amount} nadal nie pojawił się na koncie. Ile to zwykle trwa?',
        'Proszę o zwrot pieniędzy za zamówienie {order}. Produkt {product} nie pasuje, jest nieużywany i ma jeszcze metki. Jak mam to zrobić?',
      ],
      agentReplies: [
        'Przepraszamy, że zwrot trwa tak długo. Paczka z zamówienia {order} dotarła do magazynu i przeszła kontrolę, więc właśnie zleciliśmy zwrot {amount} na pierwotną metodę płatności. W zależności od banku może to potrwać 3–5 dni roboczych.',
        'Oczywiście. Nieużywane produkty można zwrócić w ciągu 30 dni. Etykieta zwrotna została wysłana e-mailem. Po otrzymaniu i sprawdzeniu paczki zwrócimy {amount}.',
      ],
    },
    'shipping-delay': {
      subjects: ['Paczka utknęła w transporcie', 'Opóźniona dostawa, zamówienie {order}'],
      openings: [
        'Śledzenie przesyłki ({tracking}) od zeszłego wtorku pokazuje tylko "w transporcie". Produkt {product} jest mi potrzebny na wyjazd w ten weekend. Czy da się coś zrobić?',
        'Zamówienie {order} miało dotrzeć w piątek i nadal go nie ma. Na stronie przewoźnika jest tylko informacja "opóźniona". Czy mogą Państwo to sprawdzić?',
      ],
      agentReplies: [
        'Bardzo przepraszamy za opóźnienie. Zgłosiliśmy reklamację w ParcelFox dla przesyłki {tracking}; odpowiedź przychodzi zwykle w ciągu 24 godzin. Jeśli paczka do tego czasu się nie ruszy, wyślemy nową ekspresowo, bez dodatkowych kosztów.',
        'Dziękujemy za informację. ParcelFox potwierdza zatory w regionalnym centrum sortowania po burzach w tym tygodniu. Paczka powinna zostać doręczona w ciągu dwóch dni roboczych.',
      ],
    },
    'damaged-item': {
      subjects: ['Uszkodzony produkt', 'Uszkodzona paczka, zamówienie {order}'],
      openings: [
        'Zamówienie {order} dotarło dziś, ale karton był zgnieciony z jednej strony, a produkt {product} jest uszkodzony. W załączniku przesyłam zdjęcie. Co mogę zrobić? {photo}',
        'Niestety produkt {product} ma rozdarcie tuż przy zamku. Musiało to się stać w transporcie, bo karton też był uszkodzony. Wolę wymianę niż zwrot pieniędzy.',
      ],
      agentReplies: [
        'Bardzo nam przykro, że produkt dotarł w takim stanie. Wysyłka zastępcza wyjedzie jeszcze dziś priorytetem. Uszkodzonego produktu nie trzeba odsyłać.',
        'To nie powinno się zdarzyć, przepraszamy. Możemy od razu wysłać nowy produkt „{product}” albo zwrócić całą kwotę {amount}. Prosimy o informację, co będzie lepsze.',
      ],
    },
    login: {
      subjects: ['Nie mogę się zalogować', 'Nie dochodzi e-mail do resetu hasła'],
      openings: [
        'Od dwóch dni nie mogę zalogować się do konta Northwind. Za każdym razem, gdy proszę o reset hasła, nic nie przychodzi, nawet do folderu spam. Mój adres to {email}.',
        'Aplikacja cały czas pokazuje "nieprawidłowe dane logowania", chociaż hasło jest poprawne. Hasło było zmieniane w zeszłym tygodniu i od tego czasu nie da się wejść na konto.',
      ],
      agentReplies: [
        'Przepraszamy za kłopot. Konto ({email}) zostało tymczasowo zablokowane po kilku nieudanych próbach logowania; właśnie je odblokowaliśmy i wysłaliśmy nowy link do resetu hasła, ważny 60 minut.',
        'Dziękujemy za zgłoszenie. Wczoraj wieczorem wystąpiła awaria usługi logowania, która jest już usunięta. Prosimy spróbować ponownie, a jeśli problem nadal występuje, podać model urządzenia i wersję aplikacji (Ustawienia > Informacje).',
      ],
    },
    invoice: {
      subjects: ['Faktura do zamówienia {order}', 'Prośba o fakturę VAT'],
      openings: [
        'Proszę o przesłanie faktury do zamówienia {order}. Potrzebuję jej do rozliczenia kosztów, a na koncie nie ma linku do pobrania.',
        'Potrzebujemy faktury VAT do zamówienia {order} z nazwą firmy i numerem NIP. Potwierdzenie zamówienia z e-maila nie wystarcza naszej księgowości.',
      ],
      agentReplies: [
        'Oczywiście! W załączniku przesyłamy fakturę {invoice} do zamówienia {order}. Faktury można też pobrać samodzielnie w zakładce Konto > Zamówienia > Faktura.',
        'Nie ma problemu, poprawiona faktura {invoice} jest w załączniku. Jeśli księgowość potrzebuje jeszcze innych danych, wystawimy ją ponownie.',
      ],
    },
    'feature-question': {
      subjects: ['Pytanie o produkt {product}', 'Kilka adresów dostawy?'],
      openings: [
        'Zanim złożę zamówienie: czy produkt {product} jest wodoodporny, czy tylko wodoodpychający? W październiku planuję tydzień wędrówek po Szkocji.',
        'Czy w koncie można zapisać kilka adresów dostawy? Często wysyłam prezenty rodzicom i za każdym razem muszę wpisywać ich adres od nowa.',
      ],
      agentReplies: [
        'Dobre pytanie! Produkt „{product}” jest w pełni wodoodporny i ma klejone szwy. Nasz zespół testował go w prawdziwie szkockiej pogodzie.',
        'Tak! W zakładce Konto > Adresy > Dodaj adres można zapisać dowolną liczbę adresów i wybrać jeden przy zamówieniu. W aplikacji ta opcja jest w Profil > Adresy.',
      ],
    },
    complaint: {
      subjects: ['Reklamacja', 'Bardzo słaba obsługa'],
      openings: [
        'To już trzeci raz, kiedy zamówienie przychodzi z opóźnieniem, a tym razem przez tydzień nikt nie odpowiadał na moje e-maile. Kupuję u Państwa od lat, ale zaczynam się zastanawiać nad zmianą sklepu.',
        'Za zamówienie {order} pobrano pieniądze dwa razy. Po dwóch telefonach nadal czekam na obiecany kontakt zwrotny. Proszę to dziś wyjaśnić.',
      ],
      agentReplies: [
        'Bardzo przepraszamy. Rozumiemy zdenerwowanie – powinniśmy byli odpowiedzieć dużo wcześniej. W ramach przeprosin dodaliśmy do konta środki w wysokości {credit}.',
        'Dziękujemy za zgłoszenie i przepraszamy. Według działu płatności drugie obciążenie za zamówienie {order} było preautoryzacją i zostało już zwolnione. Może jeszcze przez kilka dni być widoczne na wyciągu.',
      ],
    },
    praise: {
      subjects: ['Dziękuję!', 'Świetna obsługa'],
      openings: [
        'Krótko: dziękuję! Produkt {product} dotarł dzień przed terminem i jest idealny. Cały weekend sprawdzał się w górach.',
        'Dziękuję Państwa koleżance za pomoc przy wymianie w zeszłym tygodniu. Szybko, miło i bez żadnych problemów!',
      ],
      agentReplies: [
        'Serdecznie dziękujemy za tę wiadomość! Przekazaliśmy ją całemu zespołowi – bardzo nas ucieszyła.',
        'Bardzo miła wiadomość, dziękujemy! Na pewno przekażemy podziękowania koleżance.',
      ],
    },
    'return-exchange': {
      subjects: ['Wymiana na inny rozmiar', 'Zwrot, zamówienie {order}'],
      openings: [
        'Produkt {product} jest trochę za mały. Czy mogę wymienić go na większy rozmiar? Zamówienie {order}.',
        'Chcę zwrócić produkt {product} z zamówienia {order}. Jest nieużywany i w oryginalnym opakowaniu. Jak mogę dostać etykietę zwrotną?',
      ],
      agentReplies: [
        'Oczywiście. Zarezerwowaliśmy większy rozmiar i w załączniku przesyłamy opłaconą etykietę zwrotną do zamówienia {order}. Gdy tylko ParcelFox zeskanuje zwrot, wyślemy nowy produkt.',
        'Nie ma problemu, etykieta zwrotna jest w załączniku. Paczkę można nadać w dowolnym punkcie ParcelFox w ciągu 30 dni; zwrot {amount} nastąpi w ciągu 3 dni roboczych od jej otrzymania.',
      ],
    },
  },
  customerFollowUps: {
    nudge: ['Czy jest coś nowego w tej sprawie? Od kilku dni nie mam żadnej informacji.', 'Ponawiam pytanie z wiadomości poniżej. Czy ktoś może odpowiedzieć?'],
    info: [
      'Oczywiście, numer zamówienia to {order}, złożone z tego adresu e-mail ({email}).',
      'Dziękuję za szybką odpowiedź. Dane: zamówienie {order}, dostawa na adres zapisany w koncie.',
    ],
    thanks: ['Zadziałało, bardzo dziękuję za szybką pomoc!', 'Super, dotarło. Dziękuję!'],
    unhappy: [
      'Szczerze mówiąc, to trwa zdecydowanie za długo. Oczekuję rozwiązania do końca tygodnia.',
      'To nie rozwiązuje problemu, ten sposób po prostu nie działa. Czy mogę porozmawiać z kimś innym?',
    ],
  },
  agentFollowUps: {
    progress: [
      'Dziękujemy za informacje! Sprawa została przekazana do magazynu z prośbą o priorytet. Odezwiemy się najpóźniej jutro.',
      'Krótka aktualizacja: nadal czekamy na odpowiedź przewoźnika. Pamiętamy o sprawie i napiszemy, gdy tylko będziemy wiedzieć więcej.',
    ],
    askInfo: ['Prosimy o podanie numeru zamówienia i adresu e-mail użytego przy zakupie – wtedy od razu to sprawdzimy.'],
    resolved: [
      'Dobra wiadomość: po naszej stronie wszystko jest już załatwione. Zmiana powinna być widoczna na koncie w ciągu kilku godzin. W razie pytań wystarczy odpowiedzieć na tę wiadomość.',
      'Gotowe! Wkrótce przyjdzie e-mail z potwierdzeniem. Jeszcze raz dziękujemy za cierpliwość.',
    ],
  },
  quoteHeader: (d, who) =>
    `${WEEKDAYS[d.weekday]}, ${d.day} ${MONTHS[d.month]} ${d.year} o ${pad2(d.hour)}:${pad2(d.minute)} ${who} napisał(a):`,
  formatAmount: (cents) => `${decimalAmount(cents, ',')} EUR`,
};
